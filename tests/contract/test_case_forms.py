"""A Russian word typed in one case finds the others, where the stemmer would split them."""

from __future__ import annotations

import pytest

from indexer.search import SearchBackend, SearchRequest
from tests.contract.conftest import with_russian

# Snowball cuts "Киев" to "ки" but "Киеве" and "Киева" to "киев", and "Корея" to "коре" but
# "Кореи" to "кор". Our own sentences, one case each.
ARTICLES = (
    ("kiev-nom", "Киев готовится к празднику, на улицах ставят сцены."),
    ("kiev-loc", "В Киеве прошли переговоры о поставках зерна."),
    ("kiev-gen", "Мэр Киева пообещал отремонтировать мосты к осени."),
    ("korea-nom", "Корея и Япония продолжат переговоры о торговле."),
    ("korea-gen", "Делегация Кореи прибыла на выставку судов."),
    ("data", "Данные о поставках опубликуют в пятницу."),
)


@pytest.fixture
def filled(backend: SearchBackend) -> SearchBackend:
    return with_russian(backend, ARTICLES)


def _ids(backend: SearchBackend, query: str, exact: bool = False) -> set[str]:
    return {hit.id for hit in backend.search(SearchRequest(query=query, exact=exact)).hits}


@pytest.mark.parametrize("typed", ["Киев", "киев", "Киева", "Киеве"])
def test_a_city_typed_in_any_case_finds_every_case(filled: SearchBackend, typed: str) -> None:
    assert _ids(filled, typed) == {"kiev-nom", "kiev-loc", "kiev-gen"}


@pytest.mark.parametrize("typed", ["Корея", "Кореи"])
def test_a_country_typed_in_any_case_finds_every_case(filled: SearchBackend, typed: str) -> None:
    assert _ids(filled, typed) == {"korea-nom", "korea-gen"}


def test_only_what_i_typed_still_means_every_case_of_it(filled: SearchBackend) -> None:
    assert _ids(filled, "Киев", exact=True) == {"kiev-nom", "kiev-loc", "kiev-gen"}


def test_excluding_a_word_excludes_every_case_of_it(filled: SearchBackend) -> None:
    assert _ids(filled, "переговоры -Киев") == {"korea-nom"}
