"""Chinese names in pinyin as Russian writes them: "Jinping" Цзиньпин, "Wenliang" Вэньлян.

Russian transcribes Chinese by the Palladius system, not from the Latin letters: no sound rule
for English spellings joins "Jinping" to Цзиньпин or "Keqiang" to Кэцян. A Latin word that
reads whole as two or more pinyin syllables (the fewest that spell it), or a name of two
letters that is one syllable, is also read as `pypinyin` writes those syllables in Cyrillic.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Any

# A pinyin syllable: an initial, then a final (without tones; ü typed as v).
_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|uai|iao|ian|uan|van|ai|ei|ao|ou|an|en|er|in|un|vn"
    r"|ia|ie|iu|ua|uo|ui|ve|ue|a|o|e|i|u|v)"
)
# Fewer syllables than this is an English word as often as a name ("Ban", "Long", "Man").
MIN_SYLLABLES = 2
# A name this short is read as one syllable all the same ("Xi": Си, "Li": Ли): it is heard in
# no other way (entity_lookup.py asks a short name to be spelled exactly as it reads).
MAX_ONE_SYLLABLE_CHARS = 2
# Longest word read: a name, not a sentence glued together.
MAX_CHARS = 24


@lru_cache(maxsize=16384)
def palladius(word: str) -> str:
    """The word in Cyrillic by the Palladius system when it reads whole as pinyin syllables
    ("Jinping": "цзиньпин"; "Xi": "си"), else ""."""
    letters = word.casefold()
    if not letters.isascii() or not letters.isalpha() or len(letters) > MAX_CHARS:
        return ""
    syllables = _fewest_syllables(letters)
    if syllables is None:
        return ""
    if len(syllables) < MIN_SYLLABLES and len(letters) > MAX_ONE_SYLLABLE_CHARS:
        return ""
    return "".join(_converter().to_cyrillic(syllable) for syllable in syllables)


@lru_cache(maxsize=1)
def _converter() -> Any:
    """pypinyin's Palladius converter, without the phrase dictionary it would load for
    characters (57 MB and 0.14 s; 12 MB and 0.03 s without, by its documented settings)."""
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "true")
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "true")
    from pypinyin.style.cyrillic import CyrillicfoConverter

    return CyrillicfoConverter()


def _fewest_syllables(letters: str) -> list[str] | None:
    """The split of `letters` into the fewest pinyin syllables, or None."""
    best: list[list[str] | None] = [[]] + [None] * len(letters)
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - 6), end):
            before = best[start]
            if before is None or not _SYLLABLE.fullmatch(letters[start:end]):
                continue
            if best[end] is None or len(before) + 1 < len(best[end] or ()):
                best[end] = [*before, letters[start:end]]
    return best[len(letters)]
