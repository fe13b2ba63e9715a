"""The user query language: what parses to what, and what is refused with a reason."""

import pytest

from indexer.errors import BadQuery
from indexer.search.query_syntax import (
    MAX_CLAUSES,
    MAX_QUERY_CHARS,
    And,
    MatchAll,
    Or,
    Phrase,
    Prefix,
    Term,
    parse_query,
    positive_words,
)


@pytest.mark.parametrize(
    ("query", "tree"),
    [
        ("", MatchAll()),
        ("   ", MatchAll()),
        ("mosul", Term("mosul")),
        ("mosul iraq", And((), (), (Term("mosul"), Term("iraq")))),
        ("mosul AND iraq", And((Term("mosul"), Term("iraq")))),
        ('"abu bakr"', Phrase(("abu", "bakr"))),
        ('"al-Baghdadi"', Phrase(("al", "Baghdadi"))),
        ("al-Baghdadi", Phrase(("al", "Baghdadi"))),
        ("mosul -syria", And((), (Term("syria"),), (Term("mosul"),))),
        ('iraq -"islamic state"', And((), (Phrase(("islamic", "state")),), (Term("iraq"),))),
        ("-syria", And((MatchAll(),), (Term("syria"),))),
        ("mosul OR raqqa", Or((Term("mosul"), Term("raqqa")))),
        ("bagh*", Prefix("bagh")),
        ("Bagh*", Prefix("bagh")),
        ("(mosul OR raqqa) -syria", And((Or((Term("mosul"), Term("raqqa"))),), (Term("syria"),))),
        ("Москва", Term("Москва")),
        ("???", MatchAll()),
    ],
)
def test_parses(query, tree):
    assert parse_query(query) == tree


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ('"unclosed phrase', "quotation mark"),
        ("(mosul OR raqqa", "parenthesis is not closed"),
        ("mosul)", "closing parenthesis"),
        ("OR mosul", "OR needs"),
        ("mosul OR", "OR needs"),
        ("a*", "prefix needs"),
        ("x" * (MAX_QUERY_CHARS + 1), "longer than"),
        (" ".join(["w"] * (MAX_CLAUSES + 1)), "more than"),
    ],
)
def test_refuses_with_a_reason(query, reason):
    with pytest.raises(BadQuery, match=reason):
        parse_query(query)


def test_positive_words_leave_exclusions_out():
    tree = parse_query('"abu bakr" baghdadi -isis OR mosu*')
    assert positive_words(tree) == ["abu", "bakr", "baghdadi", "mosu*"]
