"""ё and е are one letter to search: Russian text prints ё as е more often than not."""

from __future__ import annotations

import pytest

from indexer.search import SearchBackend, SearchRequest
from tests.contract.conftest import with_russian

ARTICLES = (
    ("yo", "Защитник Сёмин забил решающий гол в добавленное время."),
    ("ye", "Тренер Семин остался доволен игрой обороны."),
    ("other", "Ёлка на главной площади простоит до конца января."),
)


@pytest.fixture
def filled(backend: SearchBackend) -> SearchBackend:
    return with_russian(backend, ARTICLES)


def _ids(backend: SearchBackend, query: str, exact: bool = False) -> set[str]:
    return {hit.id for hit in backend.search(SearchRequest(query=query, exact=exact)).hits}


@pytest.mark.parametrize("typed", ["Семин", "Сёмин", "семин", "СЁМИН"])
@pytest.mark.parametrize("exact", [False, True])
def test_a_name_typed_either_way_finds_both_spellings(
    filled: SearchBackend, typed: str, exact: bool
) -> None:
    assert _ids(filled, typed, exact) == {"yo", "ye"}


@pytest.mark.parametrize("typed", ['"защитник семин"', '"Защитник Сёмин"'])
def test_a_phrase_matches_across_the_letter(filled: SearchBackend, typed: str) -> None:
    assert _ids(filled, typed) == {"yo"}


@pytest.mark.parametrize("typed", ["Сём*", "сем*"])
def test_a_prefix_matches_across_the_letter(filled: SearchBackend, typed: str) -> None:
    assert _ids(filled, typed) == {"yo", "ye"}


def test_a_capital_yo_is_folded_too(filled: SearchBackend) -> None:
    assert _ids(filled, "елка") == {"other"}


def test_the_snippet_marks_the_word_as_the_text_writes_it(filled: SearchBackend) -> None:
    hits = filled.search(SearchRequest(query="Семин")).hits
    snippets = {hit.id: hit.snippet for hit in hits}
    assert "<mark>Сёмин</mark>" in snippets["yo"]
    assert "<mark>Семин</mark>" in snippets["ye"]
