"""Latin letters typed inside Russian words ("Cергей" with a Latin C, "Джoнсон" with a Latin o).

Such a word is one the model cannot read (natasha cut "Борис Джoнсон" to "Борис Дж"); read with
the Cyrillic letters the Latin ones look like, it is the name. The length stays the same, so
offsets found in the read text are offsets into the written one.
"""

from __future__ import annotations

import re

# Latin letters that look like a Cyrillic one, in the shapes both alphabets share.
LATIN_LOOKALIKES = str.maketrans("AaBCcEeHKMOoPpTXxYy", "АаВСсЕеНКМОоРрТХхУу")
# A word with a Latin letter in it. Anchored at a word's start and lazy, so the scan stays in
# C and Python only looks at the few such words a Russian text has.
_WORD_WITH_LATIN = re.compile(r"\b\w*?[a-z]\w*", re.IGNORECASE)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)


def read_as_cyrillic(text: str) -> str:
    """`text` with each word of mostly Cyrillic and some Latin letters read as Cyrillic, when
    every Latin letter in it looks like a Cyrillic one; other words as they are."""
    return _WORD_WITH_LATIN.sub(_word_as_cyrillic, text)


def _word_as_cyrillic(match: re.Match[str]) -> str:
    word = match.group()
    latin = len(_LATIN.findall(word))
    # Mostly Latin ("ВBC" for BBC) is a Latin word with a slip the other way.
    if not latin or len(_CYRILLIC.findall(word)) <= latin:
        return word
    read = word.translate(LATIN_LOOKALIKES)
    return word if _LATIN.search(read) else read
