"""Snippets of the embedded engine: stemmed and prefix matches marked, the densest window chosen."""

from __future__ import annotations

import re
import sys

from indexer.search.highlight import SNIPPET_CHARS, _squeezed, snippet


def test_marks_inflected_forms_in_both_languages() -> None:
    text = "Markets fell. The market opened. Рынков мало, рынки упали."
    marked = snippet(text, ["market", "рынки"])
    assert marked.count("<mark>") == 4
    assert "<mark>Markets</mark>" in marked and "<mark>Рынков</mark>" in marked


def test_stems_that_change_the_word_end_still_match() -> None:
    # Snowball turns "happiness" and "happy" into "happi": no shared prefix with "happy".
    assert snippet("Their happiness grew.", ["happy"]) == "Their <mark>happiness</mark> grew."
    assert snippet("Flies everywhere.", ["fly"]) == "<mark>Flies</mark> everywhere."


def test_unrelated_words_sharing_the_first_letters_are_not_marked() -> None:
    assert snippet("Mark met the market team in Marseille.", ["market"]) == (
        "Mark met the <mark>market</mark> team in Marseille."
    )


def test_prefix_query_marks_every_word_it_starts() -> None:
    marked = snippet("A committee, two commissions and one comment.", ["comm*"])
    assert marked.count("<mark>") == 3


def test_window_moves_to_where_matches_are_densest() -> None:
    filler = "word " * 200
    text = f"harbour {filler}harbour harbour harbour {filler}"
    marked = snippet(text, ["harbour"])
    assert marked.startswith("…") and marked.endswith("…")
    assert marked.count("<mark>") == 3
    assert len(marked.replace("<mark>", "").replace("</mark>", "")) <= SNIPPET_CHARS + 2


def test_text_is_escaped_and_no_query_gives_the_opening() -> None:
    text = "<b>Bold</b> claims & more " + "x " * 200
    opening = snippet(text, [])
    assert opening.startswith("&lt;b&gt;Bold&lt;/b&gt; claims &amp; more")
    assert "<mark>" not in opening


def test_whitespace_is_squeezed_as_the_regex_did() -> None:
    # Every character Python calls whitespace, in runs, at both ends and alone.
    spaces = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    text = f"{spaces}a{spaces}b c\u00a0d\x1ce{spaces[::-1]}f {spaces}"
    assert _squeezed(text) == re.sub(r"\s+", " ", text).strip() == "a b c d e f"


def test_words_inside_other_words_and_beside_underscores() -> None:
    # "cannot" holds "not" and "announced" holds "no...": neither is the word "note".
    assert snippet("He cannot announce notes_noted.", ["noted"]) == (
        "He cannot announce <mark>notes</mark>_<mark>noted</mark>."
    )


def test_a_letter_that_lowers_to_two_keeps_the_marks_in_place() -> None:
    # "İ" lowers to two characters: the marks must still fall on the words that match.
    marked = snippet("İstanbul markets: the market rose.", ["market"])
    assert marked == "İstanbul <mark>markets</mark>: the <mark>market</mark> rose."
