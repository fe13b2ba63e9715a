"""How Latin-script words look once their accents are lost: "teléfono" as "telefono" or "telfono".

Real text often arrives without its diacritics: typed on a keyboard without
them ("telefono", "Muenchen"), or passed through an ASCII-only step that
drops every other letter ("telfono", "polticas"). A word list that only knows
"teléfono" sees neither, and Spanish without accents then reads as anything.
`ascii_forms(word)` names the forms such a word takes, so the word list can
find it under each of them.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and a mark, with
# the spelling they get on an ASCII keyboard.
_SPELLED_OUT = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d",
    "þ": "th", "ı": "i", "ħ": "h", "ŋ": "n",
}  # fmt: skip
# German writes a missing umlaut as the vowel and an e ("Muenchen", "Koeln").
_GERMAN_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
# Lists (wordfreq codes) whose words are also looked up in umlaut spelling.
UMLAUT_LISTS = frozenset({"de"})

_ASCII_LETTER = re.compile(r"[a-z]", re.IGNORECASE)
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


class _StrippedLetters(dict[int, str]):
    """str.translate table: each letter without its marks, worked out once per letter."""

    def __missing__(self, code_point: int) -> str:
        char = chr(code_point)
        decomposed = unicodedata.normalize("NFD", char)
        bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        self[code_point] = _SPELLED_OUT.get(bare, bare)
        return self[code_point]


_STRIPPED = _StrippedLetters()


def has_latin_letter(word: str) -> bool:
    """True when `word` has a basic Latin letter (a-z, A-Z)."""
    return _ASCII_LETTER.search(word) is not None


def strip_marks(word: str) -> str:
    """`word` with its accents removed and special letters spelled out ("straße" -> "strasse")."""
    return word if word.isascii() else word.translate(_STRIPPED)


def ascii_forms(word: str, list_code: str) -> set[str]:
    """The ASCII spellings `word` takes when its accents are lost; empty if it is ASCII."""
    if word.isascii() or not has_latin_letter(word):
        # ASCII already, or no Latin base letter at all (Cyrillic, Arabic ...).
        return set()
    forms = {strip_marks(word), _NON_ASCII.sub("", word)}
    if list_code in UMLAUT_LISTS:
        forms.add(strip_marks(word.translate(_GERMAN_UMLAUTS)))
    return {form for form in forms if len(form) > 1 and form.isascii() and has_latin_letter(form)}
