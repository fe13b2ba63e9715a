"""Trim mention spans to the name itself and drop non-names."""

from __future__ import annotations

import datetime
import re
import zoneinfo
from functools import lru_cache
from html.entities import name2codepoint

import pycountry

from indexer.naming.keys import common_russian_word, form_key, name_key, without_legal_form

__all__ = ["name_key"]  # re-exported: the rules compare names with it

QUOTES = "\"'«»“”„‘’`‹›"
# Opening quote -> closing quote, for names quoted inside a longer span.
INNER_QUOTES = {"«": "»", "“": "”", "„": "“"}
# "компания «Северный терминал»", "party “New Hope”", 'НАК "Нафтогаз Украины"': generic words
# then the quoted name (straight quotes too, which Russian text typed on a keyboard uses; the
# name starts right after the quote: 'Sleeping Bread " Puig' is no quoted name). An official
# name says what the body is in up to eight words before its own ("Государственный научный
# центр вирусологии и биотехнологии «Вектор»", "Федеральное государственное унитарное
# предприятие «Почта России»").
QUOTED_CORE = re.compile(r'^(?:[\w.-]+\s+){1,8}(?:[«“„]([^«»“”„"]{2,})[»”“]?|"(\w[^«»“”„"]+)"?)$')
# An ellipsis the span took in after a name ('ГНЦ "Вектор"...'): no name ends in one.
TRAILING_ELLIPSIS = re.compile(r"\s*(?:\.{2,}|…)$")
# An opening quote before a name's last words, never closed.
UNCLOSED_QUOTE = re.compile(r'(?<=\s)"(\w[^"]*)$')
# Characters that never start or end a name; '.' is kept at the end ("U.S.", "Corp.").
EDGE_PUNCT = QUOTES + ",;:!?-–—/\\*•·|"
# Words that models sometimes tag but that never name anyone.
PRONOUNS = frozenset(
    """i me my he him his she her it its we us our they them their you your who whom this that
    these those there here я ты он она оно мы вы они его ее её их ему ей им нам вам него нее неё
    них кто что это этот эта эти тот та те""".split()
)
# Calendar words and units: models tag "Friday" or "March" as names now and then.
CALENDAR = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december today yesterday tomorrow
    понедельник вторник среда четверг пятница суббота воскресенье январь февраль март апрель
    май июнь июль август сентябрь октябрь ноябрь декабрь""".split()
)
# Common nouns that models tag as organisations: "the media", "the internet".
COMMON_NOUNS = frozenset("сми интернет internet media".split())
# Units and the abbreviations of financial tables ("Avg shrs 12.3 mln"), which models tag as
# names when a table puts them first on a line or in capitals.
UNITS = frozenset(
    """mln mn bln bn pct cts dlrs dlr shrs shr avg qtr oper revs vs yr mths tonnes tons
    млн млрд трлн тыс руб долл""".split()
)
# Dates on both sides of the year, now and in 1987 (the Reuters archive): a zone's summer and
# winter abbreviations, as they were then and are now.
ZONE_DATES = tuple(datetime.datetime(y, m, 15) for y in (1987, 2020) for m in (1, 7))
# A currency of one word ("Yen", "Leone", "Rand") may be someone's name; "Swiss Franc" is not.
MIN_CURRENCY_WORDS = 2
FIGURE = re.compile(r"\d[\d.,]*")
MAX_ROW_WORDS = 12  # a table row is short; a sentence with two numbers in it goes on
# A table's row label: one capitalised word, a lower-case word, then a figure ("Avg shrs 12.3").
ROW_LABEL = re.compile(r"[A-ZА-ЯЁ][a-zа-яё]{1,5}\.?\s+[a-zа-яё]{2,8}\.?\s+[-+(]?[\d$€£]")
LEADING_ARTICLE = re.compile(r"(?i)the\s+")
POSSESSIVE = re.compile(r"['’]s$")
NUMBERISH = re.compile(r"^[\d\s.,:/%$€£₽+\-–—x×()]+$")
MONEY_OR_TIME = re.compile(
    r"(?i)^(?:[$€£₽]\s*\d|\d[\d.,]*\s*(?:%|percent|per cent|million|billion|bn|mln|m|k|"
    r"am|pm|a\.m\.|p\.m\.|hours?|years?|dollars?|euros?|руб\w*|млн|млрд|тыс\w*|год\w*))"
)
SPACES = re.compile(r"\s+")
GLUED_INITIAL = re.compile(r"(?<![\w.])([A-ZА-ЯЁ][a-zа-яё]?)\.(?=[A-ZА-ЯЁ][a-zа-яё])")
# In a name written in capitals, words this short are acronyms when all its words are.
MAX_SHOUTED_ACRONYM = 3
# An HTML character reference left in plain text ("Газпрома&quot;"): never part of a name.
HTML_REFERENCE_END = re.compile(r"&([a-zA-Z]{2,8}|#\d{1,6});?$")
HTML_REFERENCE_START = re.compile(r"&([a-zA-Z]{2,8}|#\d{1,6});")
QUOTE_MAP = str.maketrans({q: '"' for q in "«»“”„‹›"} | {"‘": "'", "’": "'", "`": "'"})


def trim_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Shrink a span to the name: no edge spaces, quotes, dashes, leading "the" or trailing 's.

    A quoted name inside the span keeps its closing quote: "компания «Северный терминал»".
    """
    changed = True
    while changed and start < end:
        changed = False
        while start < end and (text[start].isspace() or text[start] in EDGE_PUNCT):
            start, changed = start + 1, True
        while start < end and (text[end - 1].isspace() or text[end - 1] in EDGE_PUNCT):
            closer = text[end - 1]
            if any(c == closer and o in text[start : end - 1] for o, c in INNER_QUOTES.items()):
                break
            end, changed = end - 1, True
        match = LEADING_ARTICLE.match(text, start, end)
        if match and match.end() < end:
            start, changed = match.end(), True
        if end - start > 3 and POSSESSIVE.search(text, start, end):
            end, changed = end - 2, True
        if (reference := HTML_REFERENCE_END.search(text, start, end)) and _is_reference(reference):
            end, changed = reference.start(), True
        if (reference := HTML_REFERENCE_START.match(text, start, end)) and _is_reference(reference):
            start, changed = reference.end(), True
        if start < end and text[end - 1] == ")" and "(" not in text[start:end]:
            end, changed = end - 1, True
        if start < end and text[start] == "(" and ")" not in text[start:end]:
            start, changed = start + 1, True
    return (start, end) if start < end else None


def _is_reference(match: re.Match[str]) -> bool:
    """Whether "&name;" is one of HTML's named or numbered references ("&quot", not "&Gamble")."""
    name = match.group(1)
    return name.startswith("#") or name in name2codepoint


def is_noise(name: str) -> bool:
    """True for spans that are not names: numbers, single letters, pronouns, dates, money."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 2:
        return True
    folded = name.casefold()
    # "US" and "IT" are names when written in capitals.
    if (folded in PRONOUNS and not name.isupper()) or folded in CALENDAR or folded in COMMON_NOUNS:
        return True
    if folded.split()[-1].strip(".") in UNITS or not without_legal_form(name):
        return True  # "MLN", "U.S. Dlrs", "Co": a unit, or a legal form with no name to it
    if NUMBERISH.match(name) or MONEY_OR_TIME.match(name):
        return True
    if name in time_zone_abbreviations() or form_key(name) in currency_names():
        return True  # "GMT", "U.S. Dollar": a time or a unit, no one's name
    # A name starts with a capital or a digit-free particle ("al-", "de", "ibn");
    # an all-lowercase English or Russian span is a common noun phrase.
    return not any(c.isupper() for c in name)


@lru_cache(maxsize=1)
def time_zone_abbreviations() -> frozenset[str]:
    """The abbreviations the time zones Python's zoneinfo knows go by ("GMT", "EST", "MSK")."""
    names: set[str] = set()
    for key in zoneinfo.available_timezones():
        zone = zoneinfo.ZoneInfo(key)
        names.update(zone.tzname(when) or "" for when in ZONE_DATES)
    return frozenset(n for n in names if n.isalpha() and n.isupper())


@lru_cache(maxsize=1)
def currency_names() -> frozenset[str]:
    """Form keys of ISO 4217's currencies of two or more words (pycountry), plurals and all."""
    return frozenset(
        form_key(currency.name)
        for currency in pycountry.currencies
        if len(currency.name.split()) >= MIN_CURRENCY_WORDS
    )


def is_row_label(text: str, start: int) -> bool:
    """True when the word at `start` labels a row of figures ("Avg shrs 12.3 mln vs 12.1").

    The word opens a short line of two or more figures: a table, not a sentence.
    """
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip() or ROW_LABEL.match(text, start) is None:
        return False
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return len(FIGURE.findall(line)) >= 2 and len(line.split()) <= MAX_ROW_WORDS


def clean_name(name: str) -> str:
    """Normalise whitespace and quotes, and keep only the quoted name after a generic word."""
    name = _quoted_core(TRAILING_ELLIPSIS.sub("", name.strip()))
    name = GLUED_INITIAL.sub(r"\1. ", name)  # "Б.Джонсон" -> "Б. Джонсон"
    name = SPACES.sub(" ", name.translate(QUOTE_MAP)).strip()
    # A span that ends inside a quoted name keeps its opening quote alone ('центр "Вектор').
    return UNCLOSED_QUOTE.sub(r"\1", name) if name.count('"') == 1 else name


def _quoted_core(name: str) -> str:
    """The quoted name after a generic word ("компания «Северный терминал»" -> "Северный
    терминал"); but a capitalised word before a quoted common word is the name's own
    ("РИА «Новости»" -> "РИА Новости"): "Новости" alone names nothing."""
    core = QUOTED_CORE.match(name)
    if not core:
        return name
    group = 1 if core.group(1) else 2
    quoted = core.group(group).strip()
    lead = name[: core.start(group)].rstrip(QUOTES + " ")
    if lead[:1].isupper() and common_russian_word(quoted):
        return f"{lead} {quoted}"
    return quoted


def display_case(name: str) -> str:
    """Title-case a shouted name ("LEICESTERSHIRE" -> "Leicestershire"); keep acronyms."""
    words = name.split(" ")
    if len(name) <= 5 and " " not in name or not name.isupper():
        return name
    if all(len(w) <= MAX_SHOUTED_ACRONYM for w in words):
        return name  # "МИД РФ", "FBI CIA": acronyms side by side, not a shouted name
    return " ".join(w if len(w) <= 3 and "." in w else w[:1] + w[1:].lower() for w in words)
