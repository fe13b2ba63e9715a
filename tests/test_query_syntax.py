"""The user query language: what parses to what, and what a person may type without an error."""

import pytest

from indexer.errors import BadQuery
from indexer.search.query_syntax import (
    MAX_CLAUSES,
    MAX_QUERY_CHARS,
    And,
    Phrase,
    Term,
    parse_query,
    positive_words,
)
from indexer.search.query_tokens import PASSAGE_WORDS, typed_in_capitals
from tests.query_cases import PARSES, SLIPS, words


@pytest.mark.parametrize(("query", "tree"), PARSES)
def test_parses(query, tree):
    assert parse_query(query) == tree


@pytest.mark.parametrize(("query", "tree"), SLIPS)
def test_degrades_instead_of_refusing(query, tree):
    assert parse_query(query) == tree


def test_a_long_paste_keeps_its_first_distinct_words():
    distinct = MAX_CLAUSES + 20
    typed = " ".join(f"w{i % distinct}" for i in range(distinct + 200))  # repeats after those
    tree = parse_query(typed)
    assert isinstance(tree, And)
    assert tree.plain == words(*(f"w{i}" for i in range(MAX_CLAUSES)))


def test_a_paste_within_the_budget_keeps_repeated_words():
    assert parse_query("the cat and the hat") == And(
        (), plain=words("the", "cat", "and", "the", "hat")
    )


def test_a_long_paste_keeps_its_syntax_and_trims_only_bare_words():
    typed = " ".join(f"w{i}" for i in range(MAX_CLAUSES + 20)) + ' -spam "exact words"'
    tree = parse_query(typed)
    assert isinstance(tree, And)
    assert tree.must == (Phrase(("exact", "words")),) and tree.must_not == words("spam")
    assert len(tree.plain) == MAX_CLAUSES - 2


PASSAGE = (
    "Harbour pilots guide large ships through narrow channels, and the port authority wants to"
    " know whether a pilot who boards earlier makes a collision less likely; studies that"
    ' measured "boarding distance" and delays are wanted.'
)


def test_a_passage_pasted_quotes_as_prose_does():
    assert len(PASSAGE.split()) > PASSAGE_WORDS
    tree = parse_query(PASSAGE)
    assert isinstance(tree, And) and not tree.must
    assert Term("boarding") in tree.plain and Term("distance") in tree.plain


@pytest.mark.parametrize("syntax", ["-tanker", "OR tanker", "+tanker"])
def test_a_long_query_with_operators_keeps_its_phrases(syntax):
    tree = parse_query(f"{PASSAGE} {syntax}")
    phrase = Phrase(("boarding", "distance"))
    assert phrase in (tree.must if isinstance(tree, And) else tree.any[0].must)


def test_a_short_query_keeps_its_phrase():
    assert parse_query('"boarding distance" pilots ships') == And(
        (Phrase(("boarding", "distance")),), plain=words("pilots", "ships")
    )


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("x" * (MAX_QUERY_CHARS + 1), "longer than"),
        (" ".join(f'-"p{i} q"' for i in range(MAX_CLAUSES + 1)), "more than"),
    ],
)
def test_refuses_only_the_absurd(query, reason):
    with pytest.raises(BadQuery, match=reason):
        parse_query(query)


@pytest.mark.parametrize(
    ("query", "capitals"),
    [
        ("THE LABOR PARTY", True),
        ("ПУТИН И БАЙДЕН", True),
        ("NATO OR EU", True),
        ("COVID-19 OR SARS", True),
        ("oil NOT crude", False),
        ("2024 OR 2025", False),
        ("OR", False),
        ("", False),
        ("1234", False),
        ("NATO or EU", False),
    ],
)
def test_typed_in_capitals(query, capitals):
    assert typed_in_capitals(query) is capitals


def test_positive_words_leave_exclusions_out():
    tree = parse_query('"abu bakr" baghdadi -isis OR mosu*')
    assert positive_words(tree) == ["abu", "bakr", "baghdadi", "mosu*"]
    assert positive_words(parse_query("oil NOT crude +gas")) == ["gas", "oil"]
