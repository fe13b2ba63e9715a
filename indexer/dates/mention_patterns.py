"""The regexes that find dates written in English and Russian text, compiled once.

Each pattern has a `kind`; `mentions.py` turns a match of that kind into a date. Named
groups: `month` (a word or a number), `day`, `year`, `rel` (a relative year such as
"last year" / "прошлого года"), `mode` ("last"/"next" before a month) and `weekday`.
"""

from __future__ import annotations

import re

from indexer.dates.months import (
    RUSSIAN_DATIVE,
    RUSSIAN_GENITIVE,
    RUSSIAN_NOMINATIVE,
    RUSSIAN_PREPOSITIONAL,
    WEEKDAYS,
    english_month_pattern,
    russian_month_pattern,
)

_MONTH = english_month_pattern(abbreviations=True)
_MONTH_FULL = english_month_pattern(abbreviations=False)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)(?![.,:]\d)"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_EN_RELATIVE_YEAR = r"(?:,?\s+(?P<rel>last|next|this)\s+year\b)?"
_RU_RELATIVE_YEAR = (
    r"(?:\s+(?P<rel>прошлого|позапрошлого|этого|текущего|нынешнего|следующего|будущего)"
    r"\s+года(?!\w))?"
)
_RU_YEAR_WORD = r"(?:\s*(?:года|году|г\.)(?!\w))?"
# A day range written day first ("8-9 марта") keeps its first day in `first`;
# "March 8-10" needs nothing, as the match stops after "March 8".
_RANGE_START = r"(?:(?P<first>\d{1,2})\s*[-–]\s*)?"
# Prepositions that make a bare month name a date: "in March", "until May".
_EN_MONTH_PREPOSITIONS = (
    r"(?:(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom|[Dd]uring|[Tt]hrough|[Bb]efore|"
    r"[Aa]fter|[Tt]his)(?:\s+(?:early|late|mid-?))?|(?P<mode>[Ll]ast|[Nn]ext)"
    r"|[Ee]arly|[Ll]ate|[Mm]id-?)"
)
# "May" the surname and the verb: only these make it a month ("criticised by May" is not).
_EN_MAY_PREPOSITIONS = r"(?:[Ii]n|[Ss]ince|[Uu]ntil|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-?)"
_RU_ANY_MONTH = russian_month_pattern(
    RUSSIAN_NOMINATIVE, RUSSIAN_GENITIVE, RUSSIAN_DATIVE, RUSSIAN_PREPOSITIONAL
)
_RU_GENITIVE = russian_month_pattern(RUSSIAN_GENITIVE)
_RU_PREPOSITIONAL = russian_month_pattern(RUSSIAN_PREPOSITIONAL)
_RU_DATIVE = russian_month_pattern(RUSSIAN_DATIVE)
# Prepositions govern the case, so each preposition group pairs with its case forms.
_RU_GENITIVE_PREPOSITIONS = (
    r"(?:[Сс]|[Дд]о|[Оо]т|[Пп]осле|[Оо]коло|"
    r"[Вв]\s+(?:начале|середине|конце|течение)|[Сс]\s+(?:начала|середины|конца)|"
    r"[Дд]о\s+(?:начала|середины|конца)|[Вв]\s+(?:первой|второй)\s+половине)"
)
_RU_DATIVE_PREPOSITIONS = r"(?:[Кк]|[Кк]\s+(?:началу|середине|концу))"
_RU_PREPOSITIONAL_PREPOSITIONS = r"(?:[Вв]о?)"

_NOT_AFTER_WORD = r"(?<![\w-])"
_GAP = r"(?:\s+|(?<=-))"  # "in March", and "mid-March" with no space
_NOT_AFTER_NUMBER = r"(?<![\w.,/-])"

# Each pattern belongs to a family; a family's trigger is a cheap regex that every one of
# its matches contains (a month stem, "году", a weekday). `mentions.py` runs the full
# patterns only in windows around trigger hits, which is 5-10x faster than scanning
# whole bodies with fifteen patterns whose leading lookbehinds defeat re's prefix search.
TRIGGERS: dict[str, re.Pattern[str]] = {
    "en_month": re.compile(
        "[ADFJMNOS](?:an|eb|ar|pr|ay|un|ul|ug|ep|ct|ov|ec|AN|EB|AR|PR|AY|UN|UL|UG|EP|CT|OV|EC)"
    ),
    "en_year": re.compile(r"[IiSs](?:n|ince)\s+[12]"),
    "en_weekday": re.compile("(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"),
    "iso": re.compile(r"-[0-9]{2}-[0-9]"),  # a literal first character searches fastest
    "numeric": re.compile(r"[0-9][./][0-9]{1,2}[./][0-9]{4}"),
    "ru_month": re.compile(
        "[ЯяФфМмАаИиСсОоНнДд](?:нвар|еврал|арт|прел|а[йяюе]|юн|юл|вгуст|ентябр|ктябр|оябр|екабр"
        "|НВАР|ЕВРАЛ|АРТ|ПРЕЛ|А[ЙЯЮЕ]|ЮН|ЮЛ|ВГУСТ|ЕНТЯБР|КТЯБР|ОЯБР|ЕКАБР)"
    ),
    "ru_year": re.compile(r"году|года|г\."),
}

# (family, kind, pattern, flags). Kinds: "day" (a full or year-less day), "month" (first
# of the month), "year" (1 January), "weekday" (last Tuesday), "iso", "numeric".
_PATTERNS: tuple[tuple[str, str, str, int], ...] = (
    # March 8 / March 8, 2017 / Feb. 26 / March 8 last year
    (
        "en_month",
        "day",
        rf"{_NOT_AFTER_WORD}(?P<month>{_MONTH})\s+{_DAY}(?:,?\s+{_YEAR})?{_EN_RELATIVE_YEAR}",
        0,
    ),
    # 8 March 2017 / 8th of March / 8-9 March
    (
        "en_month",
        "day",
        rf"{_NOT_AFTER_NUMBER}{_RANGE_START}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
        rf"(?P<month>{_MONTH})(?:,?\s+{_YEAR})?{_EN_RELATIVE_YEAR}",
        0,
    ),
    # March 2017 / Feb 1987
    ("en_month", "month", rf"{_NOT_AFTER_WORD}(?P<month>{_MONTH})\s+{_YEAR}", 0),
    # in January / since early March / last December / in March last year
    (
        "en_month",
        "month",
        rf"{_NOT_AFTER_WORD}{_EN_MONTH_PREPOSITIONS}{_GAP}(?!May\b)(?P<month>{_MONTH_FULL})"
        rf"(?!\s*\d){_EN_RELATIVE_YEAR}",
        0,
    ),
    (
        "en_month",
        "month",
        rf"{_NOT_AFTER_WORD}{_EN_MAY_PREPOSITIONS}{_GAP}(?P<month>May)(?!\s*\d){_EN_RELATIVE_YEAR}",
        0,
    ),
    # in 2014 / since 2014 (not "in 2014-15", "in 1990s"; "in 2000 cases" is a risk we take)
    (
        "en_year",
        "year",
        rf"{_NOT_AFTER_WORD}(?:[Ii]n|[Ss]ince)\s+(?P<year>1[89]\d\d|20\d\d)"
        r"(?![\d'’s%/-]|[.,]\d|\s*(?:percent|per\s+cent))",
        0,
    ),
    # last Tuesday
    (
        "en_weekday",
        "weekday",
        rf"{_NOT_AFTER_WORD}[Ll]ast\s+(?P<weekday>{'|'.join(d.title() for d in WEEKDAYS)})\b",
        0,
    ),
    # 2017-03-08
    ("iso", "iso", r"(?<![\w/.-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\d-])", 0),
    # 08.03.2017 (day first) and 03/08/2017 (only when one reading is impossible)
    (
        "numeric",
        "numeric",
        rf"{_NOT_AFTER_NUMBER}(?P<a>\d{{1,2}})(?P<sep>[./])(?P<b>\d{{1,2}})(?P=sep)"
        r"(?P<year>\d{4})(?![\d/]|\.\d)",
        0,
    ),
    # 8 марта / 8 марта 2017 года / 8-го марта / 8 марта прошлого года
    (
        "ru_month",
        "day",
        rf"{_NOT_AFTER_NUMBER}{_RANGE_START}(?P<day>\d{{1,2}})(?:-?го)?\s+(?P<month>{_RU_GENITIVE})"
        rf"(?!\w)(?:\s+{_YEAR}{_RU_YEAR_WORD})?{_RU_RELATIVE_YEAR}",
        re.IGNORECASE,
    ),
    # в марте 2017 года / март 2017 / с января 2016 г.
    (
        "ru_month",
        "month",
        rf"{_NOT_AFTER_WORD}(?:(?:{_RU_GENITIVE_PREPOSITIONS}|{_RU_DATIVE_PREPOSITIONS}|"
        rf"{_RU_PREPOSITIONAL_PREPOSITIONS})\s+)?(?P<month>{_RU_ANY_MONTH})\s+{_YEAR}{_RU_YEAR_WORD}",
        0,
    ),
    # в январе / с марта / к маю / в конце декабря прошлого года
    (
        "ru_month",
        "month",
        rf"{_NOT_AFTER_WORD}{_RU_PREPOSITIONAL_PREPOSITIONS}\s+(?P<month>{_RU_PREPOSITIONAL})"
        rf"(?!\w){_RU_RELATIVE_YEAR}",
        0,
    ),
    (
        "ru_month",
        "month",
        rf"{_NOT_AFTER_WORD}{_RU_GENITIVE_PREPOSITIONS}\s+(?P<month>{_RU_GENITIVE})"
        rf"(?!\w){_RU_RELATIVE_YEAR}",
        0,
    ),
    (
        "ru_month",
        "month",
        rf"{_NOT_AFTER_WORD}{_RU_DATIVE_PREPOSITIONS}\s+(?P<month>{_RU_DATIVE})"
        rf"(?!\w){_RU_RELATIVE_YEAR}",
        0,
    ),
    # в 2014 году / с 2014 года / к 2020 г.
    (
        "ru_year",
        "year",
        rf"{_NOT_AFTER_WORD}(?:[Вв]|[Сс]|[Дд]о|[Кк])\s+(?P<year>1[89]\d\d|20\d\d)\s*"
        r"(?:году|года|г\.)(?!\w)",
        0,
    ),
)

# family -> [(kind, compiled pattern)], in the order above.
MENTION_PATTERNS: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _family, _kind, _pattern, _flags in _PATTERNS:
    MENTION_PATTERNS.setdefault(_family, []).append((_kind, re.compile(_pattern, _flags)))
assert set(MENTION_PATTERNS) == set(TRIGGERS), "every family needs a trigger"
