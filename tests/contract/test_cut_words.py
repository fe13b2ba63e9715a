"""Ranked Russian words also meet the words of their root that Snowball stems apart."""

from __future__ import annotations

import pytest

from indexer.search import SearchBackend, SearchRequest
from tests.contract.conftest import with_russian

# Our own sentences. "мошенник" and "мошенничестве" share no Snowball stem ("мошенник",
# "мошенничеств") but both begin "мошен". "fraud" and "loans" are as long and have the same
# two words typed, so without the cut they score alike.
ARTICLES = (
    ("fraud", "Суд рассмотрит дело о мошенничестве с кредитами банка."),
    ("loans", "Суд рассмотрит дело о кредитах банка за год."),
    ("fraud-only", "Мошенничество с картами выросло."),
    ("weather", "Погода в выходные будет тёплой и сухой."),
)
QUERY = "мошенник кредиты банк"


@pytest.fixture
def filled(backend: SearchBackend) -> SearchBackend:
    return with_russian(backend, ARTICLES)


def test_a_word_of_the_same_root_ranks_its_article_first(filled: SearchBackend) -> None:
    first, second = filled.search(SearchRequest(query=QUERY)).hits
    assert (first.id, second.id) == ("fraud", "loans") and first.score > second.score


def test_the_cut_adds_no_match(filled: SearchBackend) -> None:
    # "fraud-only" has the root and none of the words typed: the cut only reorders.
    assert filled.search(SearchRequest(query=QUERY)).total == 2


def test_only_what_i_typed_leaves_the_cut_out(filled: SearchBackend) -> None:
    first, second = filled.search(SearchRequest(query=QUERY, exact=True)).hits
    assert first.score == pytest.approx(second.score)
