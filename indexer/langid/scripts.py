"""Unicode script analysis: which writing systems a text's letters belong to."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

# Scripts that one language owns among the languages a news index meets: the
# script alone names the language, no statistical detector is needed.
SINGLE_LANGUAGE_SCRIPTS = {
    "HANGUL": "ko",
    "KANA": "ja",
    "GREEK": "el",
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
    "THAI": "th",
    "HEBREW": "he",
    "GUJARATI": "gu",
    "GURMUKHI": "pa",
    "TAMIL": "ta",
    "TELUGU": "te",
    "KANNADA": "kn",
    "MALAYALAM": "ml",
    "SINHALA": "si",
    "KHMER": "km",
    "LAO": "lo",
    "MYANMAR": "my",
    "ETHIOPIC": "am",
    "ORIYA": "or",
}
# Han characters without kana are Chinese; with kana they belong to Japanese.
HAN = "HAN"
# A non-Latin script with at least this share of the letters is the text's own
# script: Latin letters beside it are names and brands ("Sheikh", "iPhone")
# quoted inside Cyrillic, Arabic or Greek news, not the language of the line.
NON_LATIN_PRIMARY_SHARE = 0.3

_NAME_PREFIXES = {
    "CJK": HAN,
    "HIRAGANA": "KANA",
    "KATAKANA": "KANA",
    "HALFWIDTH": "KANA",
}


@lru_cache(maxsize=8192)
def script_of(char: str) -> str:
    """The script of one letter, from its Unicode name ("CYRILLIC", "LATIN", "HAN", ...)."""
    name = unicodedata.name(char, "")
    if not name:
        return "UNKNOWN"
    first = name.split(" ", 1)[0]
    if first == "HALFWIDTH" and "HANGUL" in name:
        return "HANGUL"
    return _NAME_PREFIXES.get(first, first)


@dataclass(frozen=True)
class ScriptProfile:
    """Letter counts per script of one text, and the script the text is written in."""

    counts: dict[str, int]
    letters: int
    primary: str | None

    def share(self, script: str) -> float:
        """The fraction of the letters written in `script`."""
        return self.counts.get(script, 0) / self.letters if self.letters else 0.0


def profile(text: str) -> ScriptProfile:
    """Count the letters of `text` per script and pick its primary script."""
    counts: Counter[str] = Counter()
    # Count characters first (C speed), then name the script of each distinct one.
    for char, n in Counter(text).items():
        if char.isalpha():
            counts[script_of(char)] += n
    letters = sum(counts.values())
    return ScriptProfile(dict(counts), letters, _primary(counts, letters))


def _primary(counts: Counter[str], letters: int) -> str | None:
    if not letters:
        return None
    if counts.get("KANA", 0):
        # Japanese mixes kana with Han; even a little kana makes it Japanese.
        return "KANA"
    non_latin = [(n, s) for s, n in counts.items() if s != "LATIN"]
    if non_latin:
        count, script = max(non_latin)
        if count >= NON_LATIN_PRIMARY_SHARE * letters:
            return script
    return counts.most_common(1)[0][0]


def keep_script_words(text: str, script: str) -> str:
    """The words of `text` that contain a letter of `script`, joined by spaces.

    Used on mixed lines so that Latin names inside a Cyrillic sentence do not
    pull the statistical detectors towards a Latin-script language.
    """
    return " ".join(
        word
        for word in text.split()
        if any(ch.isalpha() and script_of(ch) == script for ch in word)
    )
