"""A name's own inflected forms, as written: how a name the stemmer would cut short is matched.

A name put into a query from the entity store in another script than the one typed ("Denmark"
-> "Дания") is usually matched like a typed word, through the stemmer. Snowball cuts a few
names to another word's stem: "Дания" to "дан" (the stem of "данные"), "Мерен" to "мер"
("меры"); 46 of the 78 wrong place hits on the SlavicNER tuning topics were "Denmark". It cuts
others to two stems by case ("Афганистан", "Афганистане"), so the form typed misses the rest.
Such a name is matched by its case forms on the unstemmed fields instead.
"""

from __future__ import annotations

from functools import lru_cache

from indexer.naming.keys import CYRILLIC
from indexer.search.letters import fold_letters
from indexer.search.snowball import stem

# Case endings by how a Russian name ends (its declension), both numbers: "Дания" -> "Дании",
# "Данию", "Данией"; "Мерен" -> "Мерена", "Мереном"; "Москва" -> "Москвы", "Москвой".
# The final letter(s) named here are replaced by each ending.
RUSSIAN_ENDINGS = (
    ("ия", ("ия", "ии", "ию", "ией", "иею", "ий", "иям", "иями", "иях")),
    ("а", ("а", "ы", "и", "е", "у", "ой", "ою", "ам", "ами", "ах")),
    ("я", ("я", "и", "е", "ю", "ей", "ею", "ям", "ями", "ях")),
    ("й", ("й", "я", "ю", "ем", "е", "и", "ев", "ям", "ями", "ях")),
    ("ь", ("ь", "я", "ю", "ем", "е", "и", "ей", "ям", "ями", "ях")),
)
# Consonant-final names (most surnames): these added ("Мерена", "Путиным").
CONSONANT_ENDINGS = ("а", "у", "ом", "ым", "е", "ы", "и", "ов", "ам", "ами", "ах")
# Vowels a foreign name ends in and keeps in every case ("Бюхеле", "Токио").
UNDECLINED_FINALS = "еёиоуыэю"
# A name this short is matched as written only: "Ли" + endings would be other words.
MIN_INFLECTED_CHARS = 4
# A stem shorter than this share of the name is another word's too ("Дания" -> "дан",
# "Мерен" -> "мер"); a longer one is the name's ("Москва" -> "москв", "Скрипалей" ->
# "скрипал") and is matched through the stemmer, as typed words are: cheaper (one term per
# field, not one per form) and it finds forms the endings above miss. Calibrated on the
# SlavicNER brexit and nord_stream topics (Denmark, Mehren; Skripal, Buchele).
MIN_STEM_SHARE = 0.75


@lru_cache(maxsize=4096)
def stemmed_short(word: str) -> bool:
    """Whether the stemmer cuts `word` (one word) to less than `MIN_STEM_SHARE` of it."""
    folded = word.casefold()
    return len(stem(folded)) < MIN_STEM_SHARE * len(folded)


@lru_cache(maxsize=4096)
def stemmed_apart(word: str) -> bool:
    """Whether the stemmer cuts the case forms of `word` (one word) to different stems:
    "Афганистан" -> "афганиста" but "Афганистане" -> "афганистан", "Корея" -> "коре" but
    "Кореи" -> "кор"; typed through the stemmer, such a name misses its other forms."""
    return len({stem(form) for form in name_forms(word)}) > 1


@lru_cache(maxsize=4096)
def name_forms(name: str) -> tuple[str, ...]:
    """The lower-case forms `name` (one word) takes in running text, itself first."""
    word = fold_letters(name.casefold())  # as both engines match it (letters.py)
    if not CYRILLIC.search(word) or len(word) < MIN_INFLECTED_CHARS:
        return (word,)
    return tuple(dict.fromkeys(_inflected(word)))


def _inflected(word: str) -> tuple[str, ...]:
    if word[-1] in UNDECLINED_FINALS:
        return (word,)
    for final, endings in RUSSIAN_ENDINGS:
        if word.endswith(final):
            base = word[: -len(final)]
            return (word, *(base + ending for ending in endings))
    return (word, *(word + ending for ending in CONSONANT_ENDINGS))


@lru_cache(maxsize=4096)
def split_names(word: str) -> tuple[str, ...]:
    """The forms (the word itself, or the nominatives it may be a case form of) whose case
    forms the stemmer cuts to different stems, when `word` is one of those case forms:
    "Киева" -> ("киев",), "Кореи" -> ("кореа", "корея", "корей", "кореь"); none when the
    stemmer treats the word's forms alike.

    Snowball cuts "Киев" to "ки" but "Киева" to "киев": typed in any one case, such a name
    misses the articles that use the others. Every reading is kept: a wrong one adds forms
    no text has ("кореа", "кореой"), while the right one adds the forms the stemmer missed.
    """
    folded = word.casefold()
    if not CYRILLIC.search(folded) or len(folded) < MIN_INFLECTED_CHARS:
        return ()
    return tuple(
        base
        for base in (folded, *_bases(folded))
        if len(base) >= MIN_INFLECTED_CHARS and stemmed_apart(base) and folded in name_forms(base)
    )


def _bases(word: str) -> tuple[str, ...]:
    """The nominatives `word` may be a case form of, by the endings above."""
    bases = [
        word[: -len(ending)] + final
        for final, endings in RUSSIAN_ENDINGS
        for ending in endings
        if word.endswith(ending)
    ]
    bases += [word[: -len(ending)] for ending in CONSONANT_ENDINGS if word.endswith(ending)]
    return tuple(dict.fromkeys(base for base in bases if base != word))
