"""The Snowball stemmers of the two languages the index stems (PyStemmer), built once, and
which of them a word is matched with."""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

STEMMERS = {"en": Stemmer.Stemmer("english"), "ru": Stemmer.Stemmer("russian")}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def language_of(word: str) -> str:
    """The stemmer a word is matched with: Russian for Cyrillic, else English."""
    return "ru" if _CYRILLIC.search(word) else "en"


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """The Snowball stem of a lower-case word, in its script's language."""
    return str(STEMMERS[language_of(word)].stemWord(word))
