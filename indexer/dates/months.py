"""Month names in English and Russian, and the regex alternations built from them."""

from __future__ import annotations

import re

ENGLISH_MONTHS: tuple[tuple[str, ...], ...] = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sept", "sep"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)

# Russian month forms by grammatical case; prepositions govern which one appears
# ("в марте", "с марта", "к марту"), so matching by case keeps names like "Марта" out.
RUSSIAN_NOMINATIVE = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
RUSSIAN_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
RUSSIAN_DATIVE = (
    "январю",
    "февралю",
    "марту",
    "апрелю",
    "маю",
    "июню",
    "июлю",
    "августу",
    "сентябрю",
    "октябрю",
    "ноябрю",
    "декабрю",
)
RUSSIAN_PREPOSITIONAL = (
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _build_month_numbers() -> dict[str, int]:
    numbers: dict[str, int] = {}
    for number, names in enumerate(ENGLISH_MONTHS, start=1):
        for name in names:
            numbers[name] = number
    for forms in (RUSSIAN_NOMINATIVE, RUSSIAN_GENITIVE, RUSSIAN_DATIVE, RUSSIAN_PREPOSITIONAL):
        for number, form in enumerate(forms, start=1):
            numbers[form] = number
    return numbers


MONTH_NUMBERS = _build_month_numbers()


def month_number(name: str) -> int | None:
    """1-12 for an English (full or abbreviated, any case) or Russian month word."""
    return MONTH_NUMBERS.get(name.lower().rstrip("."))


def _alternation(words: list[str]) -> str:
    # Longest first so "Sept" wins over "Sep" and "September" over "Sept".
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


def english_month_pattern(abbreviations: bool) -> str:
    """English month names in Title or UPPER case, ending at a word boundary.

    Lower case is never a month ("may" is a verb). With `abbreviations`, "Feb" and
    "Feb." also match; the dot is only ever taken after an abbreviation, so a
    sentence-ending "in March." keeps its full stop out of the match.
    """
    full = [name for names in ENGLISH_MONTHS for name in (names[0].title(), names[0].upper())]
    pattern = rf"(?:{_alternation(full)})\b"
    if not abbreviations:
        return pattern
    short = [
        form
        for names in ENGLISH_MONTHS
        for name in names[1:]
        for form in (name.title(), name.upper())
    ]
    return rf"(?:{pattern}|(?:{_alternation(short)})(?:\.|\b))"


def russian_month_pattern(*cases: tuple[str, ...]) -> str:
    """Alternation of the given Russian case forms, lower case or capitalised."""
    words = [form for forms in cases for form in forms]
    return _alternation(words + [word.capitalize() for word in words])
