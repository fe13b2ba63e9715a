"""The did-you-mean rules on their own: which words are doubted, what replaces them, how."""

from __future__ import annotations

import pytest

from indexer.search.spelling import (
    KEEP_ARTICLES,
    RULES,
    WordCounts,
    checked_words,
    corrections,
    rewrite,
    suggestions,
)


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("Harbor strike", ["harbor", "strike"]),
        ('"harbor strike" -dock', ["harbor", "strike"]),  # an excluded word is not checked
        ("harb* OR rotterdm", ["rotterdm"]),  # nor a prefix
        ("covid-19 vaccine", ["covid", "vaccine"]),  # figures are not spelled
        ("to be or at", []),  # words of two letters have too many neighbours
        ("Rotterdm rotterdm", ["rotterdm"]),
        ('"unclosed', ["unclosed"]),  # the parser drops an unpaired quote
        ("", []),
    ],
)
def test_checked_words(query: str, words: list[str]) -> None:
    assert checked_words(query) == words


def _counts(articles: int = 0, stem: int = 0, **nearby: int) -> WordCounts:
    return WordCounts(articles, stem, dict(nearby))


def test_an_unknown_word_takes_its_most_common_neighbour() -> None:
    counts = _counts(government=900, governments=300, govenment=2)
    assert corrections("goverment", counts)[0] == "government"


def test_one_edit_beats_two_unless_the_second_is_far_more_common() -> None:
    assert corrections("rtes", _counts(rates=50, rites=40)) == ["rates", "rites"]
    # "presidnet": president (transposition, 1 edit) vs resident (2 edits, more common)
    assert corrections("presidnet", _counts(president=100, resident=500))[0] == "president"


@pytest.mark.parametrize("articles", [KEEP_ARTICLES, KEEP_ARTICLES + 10])
def test_a_word_the_index_holds_often_enough_is_kept(articles: int) -> None:
    assert corrections("bear", _counts(articles, year=100_000)) == []


def test_a_rare_form_of_a_known_stem_is_kept() -> None:
    # "сдержанностью" is in one article, but its stem in many: a form, not a typo.
    counts = _counts(1, KEEP_ARTICLES, сдержанность=40)
    assert corrections("сдержанностью", counts) == []


def test_another_form_of_the_same_word_is_not_a_correction() -> None:
    assert corrections("путиным", _counts(0, 0, путина=500, путин=900)) == []


def test_a_rare_word_needs_a_far_more_common_neighbour() -> None:
    assert corrections("obamma", _counts(1, 0, obama=RULES.more_common - 1)) == []
    assert corrections("obamma", _counts(1, 0, obama=RULES.more_common)) == ["obama"]


def test_neighbours_in_another_script_or_too_far_are_ignored() -> None:
    assert corrections("moskva", _counts(москва=100)) == []
    assert corrections("bank", _counts(bonus=100)) == []  # 3 edits


def test_rewrite_keeps_case_quotes_and_prefixes() -> None:
    fix = {"harbur": "harbour", "rotterdm": "rotterdam"}
    assert rewrite('"Harbur strike" ROTTERDM harbur*', fix) == '"Harbour strike" ROTTERDAM harbur*'
    assert rewrite("Новосибирсе", {"новосибирсе": "новосибирске"}) == "Новосибирске"


def test_suggestions_combine_words_then_offer_other_readings() -> None:
    counted = {
        "bnak": _counts(bank=50),
        "rtes": _counts(rates=80, rites=10),
        "fine": _counts(30),
    }
    offered = suggestions("Bnak rtes fine", counted)
    assert [s.query for s in offered] == ["Bank rates fine", "Bank rites fine"]
    assert dict(offered[0].corrections) == {"bnak": "bank", "rtes": "rates"}
    assert suggestions("fine", {"fine": _counts(30)}) == []
