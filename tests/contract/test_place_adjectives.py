"""A Russian place adjective among ranked words ranks the articles that name the place."""

from __future__ import annotations

import pytest

from indexer.search import SearchBackend, SearchRequest
from tests.contract.conftest import with_russian

# Our own sentences. The headline-like query says "тверского", the story "Твери"; Snowball
# stems the two apart ("тверск", "твер"), so only the place's name tells the stories apart.
ARTICLES = (
    ("tver", "Водителя автобуса задержали в Твери после аварии на мосту."),
    ("other", "Водителя грузовика задержали после аварии на трассе под Рязанью."),
    ("tver-only", "В Твери открыли новый парк у реки."),
)
QUERY = "задержали тверского водителя"


@pytest.fixture
def filled(backend: SearchBackend) -> SearchBackend:
    return with_russian(backend, ARTICLES)


def test_the_article_naming_the_place_ranks_first(filled: SearchBackend) -> None:
    # Without the place both have the same two words and score alike.
    first, second = filled.search(SearchRequest(query=QUERY)).hits
    assert (first.id, second.id) == ("tver", "other") and first.score > second.score


def test_the_place_adds_no_match(filled: SearchBackend) -> None:
    # "tver-only" names the place and none of the words typed: the place only reorders.
    found = filled.search(SearchRequest(query=QUERY))
    assert {hit.id for hit in found.hits} == {"tver", "other"} and found.total == 2


def test_only_what_i_typed_leaves_the_place_out(filled: SearchBackend) -> None:
    planned = filled.search(SearchRequest(query=QUERY, exact=True))
    assert {hit.id for hit in planned.hits} == {"tver", "other"}
