"""Snippets of the embedded engine: stemmed and prefix matches marked, the densest window chosen.

Each case runs on highlight.py and on the native core's snippet (the native search path's),
which must give the same text to the character.
"""

from __future__ import annotations

import csv
import random
import re
import sys
from collections.abc import Callable

import pytest

from indexer.search.highlight import SNIPPET_CHARS, Snippets, _squeezed
from indexer.search.highlight import snippet as python_snippet
from indexer.search.native import native_module
from indexer.search.query_syntax import WORD
from tests.shared_data import SHARED, missing, require

Snippet = Callable[..., str]


def _native() -> Callable[..., str | None]:
    module = native_module()
    if module is None:
        missing("the native search core is not built (pip install -e . with cargo)")
    return module.snippet  # type: ignore[no-any-return]


def _native_snippet(text: str, words: list[str], size: int = SNIPPET_CHARS) -> str:
    plain = Snippets(words, None)
    made = _native()(text, plain._forms, plain._prefixes, size)
    assert made is not None, "the native core left this text to Python"
    return str(made)


@pytest.fixture(params=["python", "native"])
def snippet(request: pytest.FixtureRequest) -> Snippet:
    return python_snippet if request.param == "python" else _native_snippet


def test_marks_inflected_forms_in_both_languages(snippet: Snippet) -> None:
    text = "Markets fell. The market opened. Рынков мало, рынки упали."
    marked = snippet(text, ["market", "рынки"])
    assert marked.count("<mark>") == 4
    assert "<mark>Markets</mark>" in marked and "<mark>Рынков</mark>" in marked


def test_yo_and_ye_are_one_letter_to_mark(snippet: Snippet) -> None:
    # Both engines match ё as е (letters.py); the text is marked as it is written.
    text = "Защитник Сёмин забил. ЁЛКА стоит. Семин ушёл."
    assert snippet(text, ["Семин", "елка"]) == (
        "Защитник <mark>Сёмин</mark> забил. <mark>ЁЛКА</mark> стоит. <mark>Семин</mark> ушёл."
    )
    assert snippet(text, ["Сём*"]).count("<mark>") == 2


def test_stems_that_change_the_word_end_still_match(snippet: Snippet) -> None:
    # Snowball turns "happiness" and "happy" into "happi": no shared prefix with "happy".
    assert snippet("Their happiness grew.", ["happy"]) == "Their <mark>happiness</mark> grew."
    assert snippet("Flies everywhere.", ["fly"]) == "<mark>Flies</mark> everywhere."


def test_unrelated_words_sharing_the_first_letters_are_not_marked(snippet: Snippet) -> None:
    assert snippet("Mark met the market team in Marseille.", ["market"]) == (
        "Mark met the <mark>market</mark> team in Marseille."
    )


def test_prefix_query_marks_every_word_it_starts(snippet: Snippet) -> None:
    marked = snippet("A committee, two commissions and one comment.", ["comm*"])
    assert marked.count("<mark>") == 3


def test_window_moves_to_where_matches_are_densest(snippet: Snippet) -> None:
    filler = "word " * 200
    text = f"harbour {filler}harbour harbour harbour {filler}"
    marked = snippet(text, ["harbour"])
    assert marked.startswith("…") and marked.endswith("…")
    assert marked.count("<mark>") == 3
    assert len(marked.replace("<mark>", "").replace("</mark>", "")) <= SNIPPET_CHARS + 2


def test_text_is_escaped_and_no_query_gives_the_opening(snippet: Snippet) -> None:
    text = "<b>Bold</b> claims & more " + "x " * 200
    opening = snippet(text, [])
    assert opening.startswith("&lt;b&gt;Bold&lt;/b&gt; claims &amp; more")
    assert "<mark>" not in opening


def test_whitespace_is_squeezed_as_the_regex_did() -> None:
    # Every character Python calls whitespace, in runs, at both ends and alone.
    spaces = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    text = f"{spaces}a{spaces}b c\u00a0d\x1ce{spaces[::-1]}f {spaces}"
    assert _squeezed(text) == re.sub(r"\s+", " ", text).strip() == "a b c d e f"


def test_words_inside_other_words_and_beside_underscores(snippet: Snippet) -> None:
    # "cannot" holds "not" and "announced" holds "no...": neither is the word "note".
    assert snippet("He cannot announce notes_noted.", ["noted"]) == (
        "He cannot announce <mark>notes</mark>_<mark>noted</mark>."
    )


def test_a_letter_that_lowers_to_two_keeps_the_marks_in_place() -> None:
    # "İ" lowers to two characters: the marks must still fall on the words that match. The
    # native core leaves such a text to Python, which matches it case-insensitively.
    text = "İstanbul markets: the market rose."
    marked = python_snippet(text, ["market"])
    assert marked == "İstanbul <mark>markets</mark>: the <mark>market</mark> rose."
    assert Snippets(["market"], _native())(text) == marked


def test_greek_final_sigma_and_apostrophes_read_as_python_reads_them(snippet: Snippet) -> None:
    # Σ lowers by its place in the word; a prefix holding an apostrophe matches across it.
    assert snippet("ΣΟΦΟΣ σοφός", ["σοφος"]) == "<mark>ΣΟΦΟΣ</mark> σοφός"
    assert snippet("O'Neill and o'clock", ["o'*"]) == (
        "<mark>O&#x27;Neill</mark> and <mark>o&#x27;clock</mark>"
    )


def test_native_snippets_equal_pythons_on_real_articles() -> None:
    """Lenta.ru stories, queried with words drawn from them: whole, as prefixes, in runs."""
    lenta = require(SHARED / "data" / "news-ru" / "lenta-crime" / "Lenta_Crime.csv")
    native = _native()
    csv.field_size_limit(sys.maxsize)
    with lenta.open(encoding="utf-8", newline="") as rows:
        texts = [row["full_text"] for row in csv.DictReader(rows)]
    chance = random.Random(11)
    for text in texts[:400]:
        words = WORD.findall(text)
        for _ in range(3):
            query = [chance.choice(words) for _ in range(chance.randint(1, 3))]
            if chance.random() < 0.3:
                query[0] = query[0][:3] + "*"
            assert Snippets(query, native)(text) == python_snippet(text, query), query
