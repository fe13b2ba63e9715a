"""The dateline that opens a wire story: "MOSUL, March 9 (Reuters) -", "МОСКВА, 9 марта. /ТАСС/"."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from indexer.dates.months import (
    RUSSIAN_GENITIVE,
    english_month_pattern,
    month_number,
    russian_month_pattern,
)

# A dateline sits in the first lines; looking further finds dates that are not one.
DATELINE_WINDOW = 400
# Wire abbreviations (RIA: "9 мар"), mapped to their month.
RUSSIAN_ABBREVIATIONS = {
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7,
    "авг": 8, "сен": 9, "сент": 9, "окт": 10, "ноя": 11, "дек": 12,
}  # fmt: skip

_EN_MONTH = english_month_pattern(abbreviations=True)
_RU_MONTH = (
    rf"(?:{russian_month_pattern(RUSSIAN_GENITIVE)}"
    rf"|(?:{'|'.join(sorted(RUSSIAN_ABBREVIATIONS, key=len, reverse=True))})\.?)"
)
_YEAR = r"(?P<year>\d{4})"
# Place names: capitalised words ("NEW YORK", "Rio de Janeiro"), so "The vote, March 9 -" is no
# dateline; an optional ", STATE" or ", Country" follows.
_EN_WORD = r"(?:[A-Z][\w.'’-]*|de|da|do|del|la|le|el|al|of|upon)"
_EN_PLACE = rf"[A-Z][\w.'’-]*(?:\s+{_EN_WORD}){{0,3}}(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)?"
_RU_PLACE = r"[А-ЯЁ][\w.’-]*(?:\s+[А-ЯЁ][\w.’-]*){0,2}"
# The agency tag after the date: "(Reuters)", "/ТАСС/", "— РИА Новости".
_AGENCY = r"(?:\s*(?:\([^)\n]{2,30}\)|/[^/\n]{2,20}/))?"
_DASH = r"\s*[-–—]"

_DATELINES = tuple(
    re.compile(pattern, re.MULTILINE)
    for pattern in (
        # MOSUL, March 9 (Reuters) -   /   WASHINGTON, March 9, 2017 (AP) —
        rf"^\s*{_EN_PLACE},\s+(?P<month>{_EN_MONTH})\s+(?P<day>\d{{1,2}})"
        rf"(?:,?\s+{_YEAR})?{_AGENCY}(?:{_DASH}|[ \t]*$)",
        # GENEVA, 9 February 2021 —   (day before month, as British and European wires write)
        rf"^\s*{_EN_PLACE},\s+(?P<day>\d{{1,2}})\s+(?P<month>{_EN_MONTH})"
        rf"(?:,?\s+{_YEAR})?{_AGENCY}(?:{_DASH}|[ \t]*$)",
        # March 9, 2017 — text
        rf"^\s*(?P<month>{_EN_MONTH})\s+(?P<day>\d{{1,2}}),?\s+{_YEAR}\s*[-–—,]",
        # МОСКВА, 9 марта. /ТАСС/.   /   МОСКВА, 9 мар — РИА Новости
        rf"^\s*{_RU_PLACE},\s+(?P<day>\d{{1,2}})\s+(?P<month>{_RU_MONTH})"
        rf"(?:\s+{_YEAR}(?:\s*(?:года|г\.))?)?\s*(?:[.,]|{_AGENCY}{_DASH})",
        # 9 марта 2017 года, Москва
        rf"^\s*(?P<day>\d{{1,2}})\s+(?P<month>{_RU_MONTH})\s+{_YEAR}(?:\s*(?:года|г\.))?"
        rf"\s*[,.—–-]",
    )
)


def _month(word: str) -> int | None:
    word = word.lower().rstrip(".")
    return month_number(word) or RUSSIAN_ABBREVIATIONS.get(word)


def dateline_date(text: str, year_hint: int | None) -> datetime | None:
    """The dateline's date at midnight UTC; a dateline without a year needs `year_hint`."""
    head = text[:DATELINE_WINDOW]
    for pattern in _DATELINES:
        match = pattern.search(head)
        if not match:
            continue
        month = _month(match.group("month"))
        year = int(match.group("year")) if match.group("year") else year_hint
        if month is None or year is None:
            continue
        try:
            return datetime(year, month, int(match.group("day")), tzinfo=UTC)
        except ValueError:
            continue
    return None
