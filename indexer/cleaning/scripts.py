"""Which writing system letters belong to: a cheap signal for UI lines in another script."""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

# Unicode name prefixes of the scripts news text is written in; anything else
# is grouped as "other".
_SCRIPT_PREFIXES = (
    ("LATIN", "latin"), ("CYRILLIC", "cyrillic"), ("GREEK", "greek"), ("ARABIC", "arabic"),
    ("HEBREW", "hebrew"), ("DEVANAGARI", "devanagari"), ("CJK", "han"), ("HIRAGANA", "kana"),
    ("KATAKANA", "kana"), ("HANGUL", "hangul"), ("THAI", "thai"), ("GEORGIAN", "georgian"),
    ("ARMENIAN", "armenian"), ("BENGALI", "bengali"), ("TAMIL", "tamil"),
)  # fmt: skip


@lru_cache(maxsize=4096)
def script_of(char: str) -> str | None:
    """The script of one character, or None if it is not a letter."""
    if char < "\x80":
        return "latin" if char.isalpha() else None
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    for prefix, script in _SCRIPT_PREFIXES:
        if name.startswith(prefix):
            return script
    return "other"


def script_counts(text: str) -> Counter[str]:
    """How many letters of each script `text` holds."""
    counts: Counter[str] = Counter()
    for char in text:
        script = script_of(char)
        if script:
            counts[script] += 1
    return counts


def dominant_script(text: str) -> tuple[str | None, float]:
    """The most frequent script of `text` and its share of all letters."""
    counts = script_counts(text)
    total = sum(counts.values())
    if not total:
        return None, 0.0
    script, count = counts.most_common(1)[0]
    return script, count / total
