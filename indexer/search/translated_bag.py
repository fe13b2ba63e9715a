"""An English name of a body or a place read against the Russian names the store knows.

`translated_names.py` writes an English name out in Russian from each word's first senses and
the dictionary's set phrases; a body Russian names with a word further down the entry (World
Health Organization: Всемирная организация здравоохранения, where "health" is здоровье first
and здравоохранение only in "public health") or in another order is missed. Here each English
word stands for every Russian word its dictionary entry holds (senses, set phrases, examples),
and a Russian name is the English one when each of its words is one of some English word's and
each English word has one of its own there, as many words on each side: a bag of words
matched both ways, not a reading.

A word matches through a sense (a word derived from a one-word sense too: всемирная of мир,
"world"), a place's names, a name's sound, or only through the entry's examples; fewer than
half of the words may match only so ("National Bank" is no Национальное собрание, though
"bank"'s entry has собрание). The bag is loose, so only names of two words or more that the
store already knows are matched, never text, and only when nothing else found the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz

from indexer.naming import dictionary
from indexer.naming.adjectives import adjective_place
from indexer.naming.keys import english_sound_keys, script, sound_key
from indexer.naming.places import place_of
from indexer.naming.translated_names import FUNCTION_WORDS, RUSSIAN_FUNCTION_WORDS
from indexer.search.snowball import stem

_LATIN_WORD = re.compile(r"[A-Za-z]+")
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+")
# Stems shorter than this are parts of too many words to stand for one inside a longer word.
MIN_INNER_STEM = 3
# Words of an entry shorter than this are its function words and pronouns.
MIN_ENTRY_WORD = 3
# A name heard in a Russian word: this many sounds at least, as near as this (rapidfuzz's
# ratio of the sound keys: "vasagrat" and "vasagrad" 88).
MIN_SOUNDS = 4
MIN_SOUND_RATIO = 80
# Russian's word for "named after" in a body's name (Институт имени Роберта Коха), which
# English leaves out ("Robert Koch Institute").
NAMED_AFTER = "имени"
# How a word matched (`_match`).
BY_EXAMPLE, BY_SENSE = 1, 2


def english_words(name: str) -> list[str]:
    """A name's words but its function words ("World Health Organization": three)."""
    return [w for w in _LATIN_WORD.findall(name) if w.casefold() not in FUNCTION_WORDS]


def russian_words(name: str) -> list[str]:
    """A Russian name's words but its function words ("Немецкий совет по этике": three)."""
    return [
        word
        for word in _CYRILLIC_WORD.findall(name)
        if word.casefold() not in RUSSIAN_FUNCTION_WORDS and word.casefold() != NAMED_AFTER
    ]


@lru_cache(maxsize=4096)
def russian_stems(english: str) -> frozenset[str]:
    """The stems of every Russian word of an English word's dictionary entry."""
    entry = dictionary.entry(english) or ""
    words = _CYRILLIC_WORD.findall(entry.casefold())
    return frozenset(stem(word) for word in words if len(word) >= MIN_ENTRY_WORD)


def reads_as(english: str, russian: str) -> bool:
    """Whether the Russian name is the English one word for word, in any order: each word of
    either has its match in the other (two words at least on each side), fewer than half of
    them only by the entry's examples ("здравоохранения" of "health", in "public health")."""
    ours, theirs = english_words(english), russian_words(russian)
    # A name is translated word for word: as many words on each side.
    if len(ours) < 2 or len(theirs) != len(ours):
        return False
    levels = [[_match(e, r) for r in theirs] for e in ours]
    best = [max(row[i] for row in levels) for i in range(len(theirs))]  # each Russian word's
    if not all(any(row) for row in levels) or not all(best):
        return False
    return 2 * best.count(BY_EXAMPLE) < len(theirs)


def candidate_stems(english: str) -> set[str]:
    """Stems a Russian name that `reads_as` the English one has at least one of."""
    return {s for word in english_words(english) for s in russian_stems(word)}


def name_stems(russian: str) -> Iterable[str]:
    """The stems of a Russian name's words, as `candidate_stems` are compared."""
    return (stem(word.casefold()) for word in russian_words(russian))


def _match(english: str, russian: str) -> int:
    """How an English word matches a Russian one: 0 not, BY_EXAMPLE only through the entry's
    examples, BY_SENSE through a sense, a place or the sound of a name."""
    ours, theirs = _place(english), _place(russian)
    if ours or theirs:
        return BY_SENSE if ours == theirs else 0
    word = stem(russian.casefold())
    stems = russian_stems(english)
    if not stems:  # a name, not a word: Robert and Роберта, Visegrad and Вышеградская
        return BY_SENSE if _sounds_alike(english, word) else 0
    # A word of a sense ("залив" of "морской залив", "gulf"), or a word derived from a
    # one-word sense, holding its stem (всемирная of мир, "world").
    senses = _senses(english)
    if word in _sense_words(english) or any(len(s) >= MIN_INNER_STEM and s in word for s in senses):
        return BY_SENSE
    return BY_EXAMPLE if word in stems else 0


@lru_cache(maxsize=4096)
def _sense_words(english: str) -> frozenset[str]:
    """The stems of every word of an English word's senses."""
    senses = dictionary.senses(english)
    return frozenset(stem(word.casefold()) for sense in senses for word in sense.split())


@lru_cache(maxsize=4096)
def _senses(english: str) -> frozenset[str]:
    """The stems of the one-word senses of an English word."""
    return frozenset(
        stem(sense.casefold()) for sense in dictionary.senses(english) if " " not in sense
    )


def _place(word: str) -> str:
    """The gazetteer code of a place's name or a country's or its language's adjective
    ("British", "Finland", "Британский", "Финский"), or "". A Russian word in lower case
    is no place's name ("море" is no Морена)."""
    if script(word) == "Latn":
        place = place_of(word)
        if place is None and dictionary.proper(word):  # "British": великобританский
            senses = dictionary.senses(word)
            place = next(filter(None, (adjective_place(s, languages=True) for s in senses)), None)
    else:
        place = place_of(word) if word[:1].isupper() else None
        place = place or adjective_place(word, languages=True)
    return place.code if place is not None else ""


def _sounds_alike(english: str, stemmed: str) -> bool:
    """Whether a Latin name and a Russian word's stem (an adjective's without its suffix)
    sound alike by the keys: near, not equal, as a final consonant is heard either way."""
    theirs = sound_key(stemmed.removesuffix("ск"))
    if len(theirs) < MIN_SOUNDS:
        return False
    ours = english_sound_keys(english) or [sound_key(english)]
    return any(fuzz.ratio(each, theirs) >= MIN_SOUND_RATIO for each in ours)
