"""A Russian person's full name as "first name, surname", however it is written.

Russian news writes one person "Александр Лукашенко", with the patronymic ("Александр
Григорьевич Лукашенко") and, as official and court reports do, surname first ("Лукашенко
Александр Григорьевич", "Протасевич Роман"). OpenCorpora's dictionary (pymorphy2, through
natasha) tags first names (Name) and patronymics (Patr), which tell the words apart.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from indexer.naming.keys import CYRILLIC, morphology, patronymic


@lru_cache(maxsize=16384)
def first_and_surname(name: str) -> str:
    """ "Имя Фамилия" of a Cyrillic full name written with a patronymic or surname first, the
    first name in the nominative; "" for any other name (one already so written included)."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not all(_plain_word(word) for word in words):
        return ""
    if len(words) == 3:
        for at_first, at_patronymic, at_surname in ((0, 1, 2), (1, 2, 0)):
            if at_surname == 0 and _given(words[0]):
                continue  # "Мария Анна Ивановна" is no surname first
            if given := _nominative_given(words[at_first], words[at_patronymic]):
                return f"{given} {words[at_surname]}"
        # A middle name the two-word form leaves out ("Асия Норин Биби": Асия Биби).
        first, middle, surname = words
        if _given(first) and not _given(middle) and not patronymic(middle):
            return f"{first} {surname}"
        return ""
    surname, first = words
    if _given(surname) or patronymic(surname) or patronymic(first):
        return ""
    return f"{first} {surname}" if _nominative_name(first) else ""


def _plain_word(word: str) -> bool:
    """A Cyrillic word of three letters or more: no initial, no Latin name."""
    return len(word) >= 3 and bool(CYRILLIC.search(word.casefold())) and "." not in word


def _parses(word: str) -> list[Any]:
    return [parse for parse in morphology().parse(word.casefold()) if parse.is_known]


def _given(word: str) -> bool:
    return any("Name" in parse.tag for parse in _parses(word))


def _nominative_name(word: str) -> bool:
    return any(
        "Name" in parse.tag and parse.tag.case == "nomn" and parse.tag.number == "sing"
        for parse in _parses(word)
    )


def _nominative_given(word: str, patronymic: str) -> str:
    """The first name in the nominative, in the case and gender its patronymic agrees with
    ("Александра Григорьевича": Александр); "" when the two do not agree or are no such pair."""
    agreeing = {
        (parse.tag.case, parse.tag.gender) for parse in _parses(patronymic) if "Patr" in parse.tag
    }
    for parse in _parses(word):
        if "Name" in parse.tag and (parse.tag.case, parse.tag.gender) in agreeing:
            return str(parse.normal_form).capitalize()
    return ""
