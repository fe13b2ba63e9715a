"""One-letter slips of a frequent name: "Аэрофолт России", "Ангела Мркель", "Эммануэлем Макронном".

A name the store knows from several articles is keyed by every spelling of its form key with
one letter left out (SymSpell's deletions: a slip of one letter left out, added, changed or two
swapped shares one of them). A new name that no other key finds looks itself up the same way;
the one entity of its type found, at one edit (rapidfuzz's OSA distance) and with the same
figures, is the entity it misspells. A name seen in fewer articles has no such keys (they
would be most of the store's): a new name looks up its own one-slip spellings as names instead
("Карла Сэндс" finds "Карл Сандс" of one article).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence

from rapidfuzz.distance import OSA

from indexer.naming.keys import CYRILLIC, form_key
from indexer.naming.store import full_names_by_keys

# Letters a name's form key needs for a one-letter slip to be read as a typo: shorter names
# differ by one letter from other names too often ("Иран", "Ирак"; "Мэй", "Мэн"). Calibrated
# on the SlavicNER brexit and nord_stream topics.
MIN_TYPO_LETTERS = 8
# Articles a name must be written in before its slips join it: a frequent name, not another
# one-off. Keys are written once a name reaches it, so rare names cost the store nothing.
TYPO_TARGET_ARTICLES = 3
# Keys of names longer than this would be many and the names are rarely mistyped alike.
MAX_TYPO_CHARS = 48
_DIGITS = re.compile(r"\d+")
# Letters a rare name's slip may change or add: the vowels and signs, where transcriptions
# and inflections of one name part most ("Сэндс", "Сандс"; "Курц", "Курец"), in the spelling
# form keys use (`keys.form_key` folds ё, й and э). Every letter would triple the look-ups.
_CYRILLIC_VOWELS = "аеиоуыюяьъ"
_LATIN_VOWELS = "aeiouy"


def _typo_form(name: str) -> str:
    form = form_key(name)
    letters = sum(c.isalpha() for c in form)
    return form if MIN_TYPO_LETTERS <= letters and len(form) <= MAX_TYPO_CHARS else ""


def typo_keys(name: str) -> list[str]:
    """The "typo:" keys of a name: its form key and each spelling with one letter left out."""
    return _keys_of(_typo_form(name))


def _keys_of(form: str) -> list[str]:
    if not form:
        return []
    variants = {form} | {form[:i] + form[i + 1 :] for i in range(len(form))}
    return [f"typo:{variant}" for variant in sorted(variants)]


def typo_of(db: sqlite3.Connection, names: Sequence[str], type_: str) -> str | None:
    """The one live entity of `type_` whose name one of `names` misspells, or None: a frequent
    name by its typo keys, else any name by its form key one edit from ours."""
    forms = {form for name in names if (form := _typo_form(name))}
    keys = sorted({key for form in forms for key in _keys_of(form)})
    if not keys:
        return None
    rows = full_names_by_keys(db, keys, type_, "form", TYPO_TARGET_ARTICLES)
    found = {entity for entity, known in rows if _one_slip(forms, known)}
    if not found:
        edits = sorted({f"form:{edit}" for form in forms for edit in _one_edit(form)})
        rows = full_names_by_keys(db, edits, type_, "form")
        found = {entity for entity, known in rows if _one_slip(forms, known)}
    return found.pop() if len(found) == 1 else None


def _one_edit(form: str) -> set[str]:
    """The spellings one slip from `form` (Norvig's edits1): a letter left out, two swapped,
    a vowel or sign changed or added."""
    alphabet = _CYRILLIC_VOWELS if CYRILLIC.search(form) else _LATIN_VOWELS
    splits = [(form[:i], form[i:]) for i in range(len(form) + 1)]
    return (
        {a + b[1:] for a, b in splits if b}
        | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b[1:] for a, b in splits if b for c in alphabet}
        | {a + c + b for a, b in splits for c in alphabet}
    ) - {form}


def _one_slip(forms: Iterable[str], known: str) -> bool:
    """Whether a known form is one edit from one of ours, with the same figures ("Nord Stream
    2" is not "Nord Stream 1")."""
    return any(
        form != known
        and OSA.distance(form, known, score_cutoff=1) <= 1
        and _DIGITS.findall(form) == _DIGITS.findall(known)
        for form in forms
    )
