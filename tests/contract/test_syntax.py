"""The query syntax keeps its exact meaning on every backend: exact hit sets on a written corpus.

Plain words stay at one or two per group here, so the sets hold however longer runs of bare
words are ranked; where a query has more, the test checks what every reading as words shares.
"""

from __future__ import annotations

import pytest

from indexer.errors import BadQuery
from indexer.search.base import SearchBackend, SearchRequest
from indexer.search.query_syntax import MAX_QUERY_CHARS
from tests.contract.syntax_corpus import SYNTAX_IDS


def ids(backend: SearchBackend, query: str) -> set[str]:
    """Ids of every match (one page holds the whole corpus)."""
    result = backend.search(SearchRequest(query=query, page_size=100))
    assert result.total == len(result.hits)
    return {hit.id for hit in result.hits}


def syn(*keys: str) -> set[str]:
    return {f"syn-{key}" for key in keys}


OIL = syn("crude", "olive", "pipeline")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Phrases: the words next to each other, in order; operators inside are words.
        ('"olive oil"', syn("olive")),
        ('"oil olive"', set()),
        ("\u201colive oil\u201d", syn("olive")),  # curly quotes, as phones type them
        ('"Labor OR the Conservatives"', syn("either")),
        # Exclusion: -word, -"phrase", NOT, AND NOT.
        ("oil", OIL),
        ("oil -crude", syn("olive", "pipeline")),
        ("oil NOT crude", syn("olive", "pipeline")),
        ("oil AND NOT crude", syn("olive", "pipeline")),
        ('oil -"olive oil"', syn("crude", "pipeline")),
        ("NOT oil", SYNTAX_IDS - OIL),
        ("-oil", SYNTAX_IDS - OIL),
        # Required words and AND.
        ("+oil +gas", syn("pipeline")),
        ("+gas oil", syn("pipeline")),
        ("oil AND gas", syn("pipeline")),
        ("oil AND gas AND pipeline", syn("pipeline")),
        # OR, and parentheses (nested).
        ("olive OR pipeline", syn("olive", "pipeline")),
        ("labor party OR conservatives", syn("labor", "tories", "either")),
        ("(olive OR crude) -spain", syn("crude")),
        ("((labor OR conservatives) AND seats) OR olive", syn("tories", "olive")),
        ("(oil AND (gas OR olive)) OR guilty", syn("pipeline", "olive", "court")),
        ("-(oil OR covid)", SYNTAX_IDS - OIL - syn("covid", "rules")),
        # Prefixes.
        ("conserv*", syn("tories", "either")),
        ("pipe*", syn("pipeline")),
        ("+conserv* -labor", syn("tories")),
        # A dash inside a word joins a compound: it excludes nothing.
        ("covid-19", syn("covid")),
        ("covid", syn("covid", "rules")),
        ("e-mail", syn("email")),
        # Capitals are words; lower- and mixed-case operators are words.
        ("NOT GUILTY", syn("court")),
        ("NOT guilty", SYNTAX_IDS - syn("court")),
        ("OIL -CRUDE", syn("olive", "pipeline")),
        # ... function words, which beside one other word are left out (not required).
        ("labor or", syn("labor", "either")),
        # Cyrillic: ИЛИ and НЕ are words, the syntax works around them.
        ("газ ИЛИ", syn("ru-gas", "ru-oil")),
        ("газ -нефть", syn("ru-gas")),
        ("нефть OR уголь", syn("ru-oil", "ru-gas")),
    ],
)
def test_syntax_matches(syntax_loaded: SearchBackend, query: str, expected: set[str]) -> None:
    assert ids(syntax_loaded, query) == expected


@pytest.mark.parametrize(
    ("query", "as_words", "article"),
    [
        ("THE LABOR PARTY OR THE CONSERVATIVES", "the labor party or the conservatives", "either"),
        ("газ НЕ нефть", "газ не нефть", "ru-oil"),
    ],
)
def test_capitals_and_cyrillic_operators_are_words(
    syntax_loaded: SearchBackend, query: str, as_words: str, article: str
) -> None:
    hits = syntax_loaded.search(SearchRequest(query=query, page_size=100)).hits
    assert hits[0].id == f"syn-{article}"  # the one article with every word comes first
    assert {hit.id for hit in hits} == ids(syntax_loaded, as_words)


@pytest.mark.parametrize(
    ("typed", "mended"),
    [
        ('"olive oil', "olive oil"),
        ('oil -"crude', "oil -crude"),
        ("(olive OR pipeline", "olive OR pipeline"),
        ("olive)", "olive"),
        ("olive) OR (crude", "olive OR crude"),
        ("olive OR", "olive"),
        ("OR olive", "olive"),
        ("olive OR OR crude", "olive OR crude"),
        ("oil NOT", "oil"),
        ("oil AND AND gas", "oil AND gas"),
        ("g*", "g"),
        ("OR", "or"),
        ("NOT", "not"),
        ("()", ""),
        ('"', ""),
        ("-", ""),
    ],
)
def test_slips_are_mended_not_refused(
    syntax_loaded: SearchBackend, typed: str, mended: str
) -> None:
    assert ids(syntax_loaded, typed) == ids(syntax_loaded, mended)


def test_only_an_absurd_query_is_refused(syntax_loaded: SearchBackend) -> None:
    with pytest.raises(BadQuery, match="longer than"):
        syntax_loaded.search(SearchRequest(query="x" * (MAX_QUERY_CHARS + 1)))
