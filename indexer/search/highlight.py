"""Snippets with matches marked, for engines without a highlighter of their own."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import lru_cache
from html import escape

from indexer.search.letters import fold_letters
from indexer.search.query_syntax import WORD
from indexer.search.snowball import STEMMERS

SNIPPET_CHARS = 240  # about two lines of a result list


def _squeezed(text: str) -> str:
    """Whitespace runs as one space, none at either end.

    The same as `re.sub(r"\\s+", " ", text).strip()` (str.split and `\\s` take the same
    characters for whitespace), several times faster on a whole article.
    """
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def _forms(word: str) -> frozenset[str]:
    lowered = fold_letters(word.lower())
    return frozenset({lowered, *(stemmer.stemWord(lowered) for stemmer in STEMMERS.values())})


def _matcher(words: list[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    exact: set[str] = set()
    prefixes: list[str] = []
    for word in words:
        if word.endswith("*"):
            prefixes.append(fold_letters(word[:-1].lower()))
        else:
            for part in WORD.findall(word):
                exact |= _forms(part)
    return frozenset(exact), tuple(prefixes)


@lru_cache(maxsize=256)
def _candidates(starts: frozenset[str], lowered: bool) -> re.Pattern[str]:
    """Words beginning with one of `starts`: the only ones worth a closer look.

    In lower-cased text (`lowered`) the pattern opens on plain letters, which the regex
    engine scans for quickly, and the caller checks that a word starts there; in text of any
    case it needs a look-behind and IGNORECASE, which try every position (ten times slower).
    """
    alternatives = "|".join(re.escape(start) for start in sorted(starts, key=len, reverse=True))
    if lowered:
        return re.compile(rf"(?:{alternatives})[^\W_]*")
    return re.compile(rf"(?<![^\W_])(?:{alternatives})[^\W_]*", re.IGNORECASE)


def _word_starts(text: str, starts: frozenset[str]) -> Iterator[tuple[int, int, str]]:
    """Each word of `text` beginning with one of `starts`: its span and lower-case form."""
    lowered = fold_letters(text.lower())  # folding keeps every offset (letters.py)
    if len(lowered) != len(text):  # a letter lowered to two ("İ"): offsets would move
        for match in _candidates(starts, False).finditer(fold_letters(text)):
            yield match.start(), match.end(), fold_letters(match.group().lower())
        return
    for match in _candidates(starts, True).finditer(lowered):
        start = match.start()
        # `[^\W_]` is str.isalnum: a match inside a word is no word of its own.
        if not (start and lowered[start - 1].isalnum()):
            yield start, match.end(), match.group()


def _matches(text: str, words: list[str]) -> list[tuple[int, int]]:
    exact, prefixes = _matcher(words)
    # Snowball stems keep a word's first two letters, so a token can only share a form with
    # the query when it starts like one of them: the regex skips the rest, never stemmed.
    heads = {form[:2] for form in exact}
    if not heads and not prefixes:
        return []
    spans = []
    for start, end, lowered in _word_starts(text, frozenset(heads | set(prefixes))):
        if (lowered[:2] in heads and not exact.isdisjoint(_forms(lowered))) or (
            prefixes and lowered.startswith(prefixes)
        ):
            spans.append((start, end))
    return spans


def match_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where the query words (any case, stemmed forms, prefixes) occur in `text`, in order."""
    return _matches(text, words) if words else []


def _window(text: str, spans: list[tuple[int, int]], size: int) -> tuple[int, int]:
    """The `size`-character window holding the most matches, snapped to word boundaries."""
    if len(text) <= size:
        return 0, len(text)
    best_start, best_count = 0, 0
    ends = [e for _, e in spans]  # spans do not overlap, so their ends are sorted too
    for first, (start, _) in enumerate(spans):
        count = bisect_right(ends, start + size) - first
        if count > best_count:
            best_start, best_count = start, count
    start = max(0, best_start - size // 4)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < best_start else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, end


class Snippets:
    """`snippet` for the hits of one search: the query's forms worked out once, each excerpt
    made by `native` (the native core's `snippet`, the same excerpt) when given."""

    def __init__(self, words: list[str], native: Callable[..., str | None] | None) -> None:
        self.words = words
        exact, prefixes = _matcher(words)
        self._native = native
        self._forms, self._prefixes = sorted(exact), list(prefixes)

    def __call__(self, text: str, size: int = SNIPPET_CHARS) -> str:
        if self._native is not None:
            made = self._native(text, self._forms, self._prefixes, size)
            if made is not None:
                return made
        return snippet(text, self.words, size)


def snippet(text: str, words: list[str], size: int = SNIPPET_CHARS) -> str:
    """An HTML-safe excerpt of `text` around the query words, matches in <mark>."""
    text = _squeezed(text)
    spans = _matches(text, words) if words else []
    start, end = _window(text, spans, size)
    pieces = ["…" if start else ""]
    cursor = start
    for s, e in spans:
        if s < start or e > end:
            continue
        pieces.append(escape(text[cursor:s]))
        pieces.append(f"<mark>{escape(text[s:e])}</mark>")
        cursor = e
    pieces.append(escape(text[cursor:end]))
    pieces.append("…" if end < len(text) else "")
    return "".join(pieces)
