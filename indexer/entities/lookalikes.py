"""Letters of the other alphabet typed inside a word: "Cергей" with a Latin C, "Джoнсон" with a
Latin o, "Mоscow" with a Cyrillic о.

Such a word is one the model cannot read (natasha cut "Борис Джoнсон" to "Борис Дж"); read with
the letters of the word's own alphabet that they look like, it is the name. Only words mostly
in one alphabet are read so ("ВBC" for BBC is a Latin word with a Cyrillic slip, read as Latin
by the English model, left alone by the Russian one). The length stays the same, so offsets
found in the read text are offsets into the written one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# The shapes both alphabets share, letter for letter.
LATIN_SHAPES = "AaBCcEeHKMOoPpTXxYy"
CYRILLIC_SHAPES = "АаВСсЕеНКМОоРрТХхУу"
LATIN_LETTER = "[a-z]"
CYRILLIC_LETTER = "[а-яё]"


def _reader(slip: str, own: str, slip_shapes: str, own_shapes: str) -> Callable[[str], str]:
    """A function reading each word mostly in `own` letters, with `slip` letters that all look
    like `own` ones, in `own` letters."""
    table = str.maketrans(slip_shapes, own_shapes)
    slip_letter = re.compile(slip, re.IGNORECASE)
    own_letter = re.compile(own, re.IGNORECASE)
    # Anchored at a word's start and lazy, so the scan stays in C and Python only looks at
    # the few words that hold a slip letter.
    word_with_slip = re.compile(rf"\b\w*?{slip}\w*", re.IGNORECASE)

    def read_word(match: re.Match[str]) -> str:
        word = match.group()
        slips = len(slip_letter.findall(word))
        if len(own_letter.findall(word)) <= slips:
            return word
        read = word.translate(table)
        return word if slip_letter.search(read) else read

    def read(text: str) -> str:
        return word_with_slip.sub(read_word, text)

    return read


_AS_CYRILLIC = _reader(LATIN_LETTER, CYRILLIC_LETTER, LATIN_SHAPES, CYRILLIC_SHAPES)
_AS_LATIN = _reader(CYRILLIC_LETTER, LATIN_LETTER, CYRILLIC_SHAPES, LATIN_SHAPES)


def read_as_cyrillic(text: str) -> str:
    """`text` with each word of mostly Cyrillic and some Latin letters read as Cyrillic, when
    every Latin letter in it looks like a Cyrillic one; other words as they are."""
    return _AS_CYRILLIC(text)


def read_as_latin(text: str) -> str:
    """`text` with each word of mostly Latin and some Cyrillic letters read as Latin, when
    every Cyrillic letter in it looks like a Latin one; other words as they are."""
    return _AS_LATIN(text)
