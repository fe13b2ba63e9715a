"""A name the stemmer cuts short is matched by its own forms, as written, never by its stem."""

from __future__ import annotations

import pytest

from indexer.search.base import SearchRequest
from indexer.search.name_forms import name_forms, stemmed_apart, stemmed_short
from indexer.search.plan import plan
from indexer.search.query_syntax import Name, Or, Term


@pytest.mark.parametrize(
    ("name", "present", "absent"),
    [
        ("Дания", {"дания", "дании", "данию", "данией"}, {"дан", "данные", "данным"}),
        ("Мерен", {"мерен", "мерена", "мереном"}, {"мер", "меры"}),
        ("Ли", {"ли"}, {"ля", "лу"}),
        ("Putin", {"putin"}, {"put"}),
        # ё is matched as е (letters.py): the forms are written so.
        ("Королёв", {"королев", "королева", "королевым"}, {"королёв"}),
    ],
)
def test_forms(name: str, present: set[str], absent: set[str]) -> None:
    forms = set(name_forms(name))
    assert name.casefold().replace("ё", "е") in forms
    assert present <= forms
    assert not absent & forms


@pytest.mark.parametrize(
    ("word", "short"),
    [("Дания", True), ("Мерен", True), ("Москва", False), ("Скрипалей", False), ("Putin", False)],
)
def test_only_a_name_cut_to_another_words_stem_needs_its_forms(word: str, short: bool) -> None:
    assert stemmed_short(word) is short


@pytest.mark.parametrize(
    ("word", "apart"),
    [("Афганистан", True), ("Корея", True), ("Москва", False), ("Путин", False)],
)
def test_a_name_the_stemmer_cuts_to_two_stems_by_case_needs_its_forms(
    word: str, apart: bool
) -> None:
    assert stemmed_apart(word) is apart


def test_a_name_cut_to_two_stems_is_matched_by_its_forms() -> None:
    planned = plan(
        SearchRequest(query="Afghanistan", query_variants={"afghanistan": ("Афганистан",)})
    )
    assert planned.query == Or((Term("Afghanistan"), Name("Афганистан")))
