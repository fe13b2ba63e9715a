"""Did you mean: the same corrections from the embedded index and from Elasticsearch."""

from __future__ import annotations

import pytest

from indexer.search.base import SearchBackend, SearchRequest


def suggested(backend: SearchBackend, query: str) -> list[str]:
    """The corrected queries offered for `query`, best first."""
    return [s.query for s in backend.suggest(SearchRequest(query=query))]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("harbur", "harbour"),  # a letter missing
        ("rotterdm", "rotterdam"),
        ("Harbor strike", "Harbour strike"),  # the typed case kept, the good word untouched
        ("HARBUR", "HARBOUR"),
        ('"harbor strike"', '"harbour strike"'),  # inside a phrase, quotes kept
        ("centrl bank", "central bank"),
        ("Новосибирсе", "Новосибирске"),  # Cyrillic
        ("Новосибирсе dock", "Новосибирске dock"),
    ],
)
def test_a_misspelled_word_gets_the_index_spelling(
    loaded: SearchBackend, query: str, expected: str
) -> None:
    offered = suggested(loaded, query)
    assert offered and offered[0] == expected


@pytest.mark.parametrize(
    "query",
    [
        "harbour",  # spelled as the index spells it
        "grain wheat",
        "Новосибирском",  # a form the index lacks, of a word it holds: not a typo
        "harbur*",  # a prefix is taken as typed
        "-harbur dock",  # so is a word the user excludes
        "zqxjv",  # nothing near it
        "",
        '"unclosed',  # a query that does not parse has nothing to correct
    ],
)
def test_nothing_is_offered_for_words_meant_as_typed(loaded: SearchBackend, query: str) -> None:
    assert suggested(loaded, query) == []


def test_corrections_name_the_typed_and_the_suggested_word(loaded: SearchBackend) -> None:
    (first, *_) = loaded.suggest(SearchRequest(query="Rotterdm harbur"))
    assert first.query == "Rotterdam harbour"
    assert dict(first.corrections) == {"rotterdm": "rotterdam", "harbur": "harbour"}


def test_both_backends_offer_the_same(both: dict[str, SearchBackend]) -> None:
    queries = ["harbur", "centrl bank", "Новосибирсе", "shres", "rotterdm dok workrs"]
    answers = {name: [suggested(b, q) for q in queries] for name, b in both.items()}
    assert answers["embedded"] == answers["elasticsearch"]


def test_an_empty_index_offers_nothing(backend: SearchBackend) -> None:
    assert suggested(backend, "harbur") == []
