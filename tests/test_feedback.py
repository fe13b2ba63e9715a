"""Pseudo-relevance feedback and function words: pure functions, checked on their output."""

from __future__ import annotations

from dataclasses import replace

import pytest

from indexer.search.base import SearchRequest
from indexer.search.embedded_query import build_tree
from indexer.search.feedback import (
    FEEDBACK_MAX_WORDS,
    FEEDBACK_MIN_WORDS,
    FEEDBACK_SHARE,
    FEEDBACK_WORDS,
    expansion,
    record_text,
    wants_feedback,
)
from indexer.search.plan import plan
from indexer.search.query_tree import Bool, Boost, Text
from indexer.search.stop_words import is_stop_word

DOCS = [
    (9.0, "Dock workers in Rotterdam strike over pay; the dockers' union calls the strike."),
    (7.0, "Dockers strike again: the union and the port of Rotterdam talk about pay."),
    (0.0, "Never read: scored nothing."),
]


@pytest.mark.parametrize(
    ("word", "stop"),
    [("The", True), ("of", True), ("и", True), ("Это", True), ("strike", False), ("2024", False)],
)
def test_function_words_by_the_letters_of_the_word(word: str, stop: bool) -> None:
    assert is_stop_word(word) is stop


def test_expansion_reads_the_top_articles_words() -> None:
    words = dict(expansion(["dock", "strike", "pay"], DOCS))
    assert len(words) <= FEEDBACK_WORDS
    assert "the" not in words and "never" not in words  # function words, unscored articles
    assert max(words, key=words.__getitem__) == "strike"  # in both, twice in the first
    assert "dockers" in words and "union" in words
    # The feedback words carry FEEDBACK_SHARE of the weight beside three ranked words of 1.
    assert sum(words.values()) == pytest.approx(3 * FEEDBACK_SHARE / (1 - FEEDBACK_SHARE))


def test_expansion_of_nothing_is_nothing() -> None:
    assert expansion(["a", "b", "c"], []) == ()
    assert expansion(["a", "b", "c"], [(0.0, "scored nothing")]) == ()


def test_a_made_title_is_not_read_twice() -> None:
    body = "Lighthouse keeper retires. Ships pass."
    made = {"title": "Lighthouse keeper retires.", "title_from_body": True, "body": body}
    assert record_text(made) == body
    assert record_text({**made, "title_from_body": False}).startswith(
        "Lighthouse keeper retires.\n"
    )


QUESTION = "why do dock workers in Rotterdam strike over pay and pensions"  # 11 words


@pytest.mark.parametrize(
    ("request_", "wanted"),
    [
        (SearchRequest(query=QUESTION), True),
        (SearchRequest(query="dock workers Rotterdam strike pay"), False),  # a few keywords
        (SearchRequest(query="dock workers"), False),  # both words required: nothing to rank
        (SearchRequest(query=QUESTION, strict=True), False),
        (SearchRequest(query=QUESTION, sort="newest"), False),
        (SearchRequest(query=f'"{QUESTION}"'), False),
        (SearchRequest(query=" ".join([QUESTION] * 6)), False),  # a passage of 66 words
    ],
)
def test_feedback_only_for_ranked_words_in_relevance_order(
    request_: SearchRequest, wanted: bool
) -> None:
    assert wants_feedback(plan(request_)) is wanted
    assert FEEDBACK_MIN_WORDS > len("dock workers Rotterdam strike pay".split())
    assert FEEDBACK_MAX_WORDS < len(QUESTION.split()) * 6


def test_embedded_tree_keeps_the_match_set_as_typed() -> None:
    planned = plan(SearchRequest(query="dock workers pay"))
    with_words = replace(planned, feedback=(("dockers", 0.4),))
    tree = build_tree(with_words).query
    assert isinstance(tree, Bool)
    assert tree.must == (build_tree(planned).query,) and not tree.minimum_should_match
    (word,) = tree.should
    assert isinstance(word, Boost) and word.boost == 0.4
    assert isinstance(word.query, Text) and word.query.text == "dockers"
    # The strict check (does any article have every word?) has no feedback words.
    assert build_tree(with_words, strict=True) == build_tree(planned, strict=True)
