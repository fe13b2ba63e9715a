"""Dates mentioned in an article body, with exact offsets and a resolved ISO date.

Resolution rules, documented here because analysts filter on them:
- a date without a year ("on March 8", "в январе") is placed relative to the
  publication date: the nearest such date, where a date after publication counts
  as FUTURE_PENALTY times further away (news mostly reports the past). So "in
  December" in an article of 15 January is the previous December; "on March 15"
  in an article of 10 March is five days later. "last"/"next" force the past or
  future; "last year", "прошлого года" and the like set the year outright;
- without a publication date such mentions are left out (no invented year);
- a month without a day is its first day ("in January 2017" -> 2017-01-01), a
  year alone ("in 2014", "в 2014 году") is 1 January, and a day range ("8-9 марта")
  is its first day;
- 03/08/2017 is dropped unless one reading is impossible (13/08/2017) or both agree;
  dotted 08.03.2017 is day first, as everywhere that writes dots.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from indexer.dates.mention_patterns import MENTION_PATTERNS, TRIGGERS
from indexer.dates.months import WEEKDAYS, month_number
from indexer.model import DateMention

# A date after publication must be this many times closer than one before it to win.
FUTURE_PENALTY = 2
# Characters scanned before and after a trigger hit: the longest lead-in is "в первой
# половине " (18) and the longest tail " 2017 года" or ", last year"; generous margins
# keep window edges from cutting a match or its lookarounds.
WINDOW_BEFORE = 40
WINDOW_AFTER = 60
# Explicit years outside this range are page numbers, amounts or typos, not dates.
YEAR_RANGE = (1000, 2999)
# Capitalised words that may stand right before a month name ("On March 8"); any other
# capitalised word there makes the month part of a name ("Theresa May 10", "New York May").
_WORDS_BEFORE_MONTH = frozenset(
    "On In Since By Until Till From Through Last Next This Early Late Mid Before After During "
    "Of Between And Or To Starting Beginning Ending".split()
) | {day.title() for day in WEEKDAYS}
_WORD_BEFORE = re.compile(r"([A-Z][\w'’-]*) $")
_RELATIVE_YEAR = {
    "last": -1, "next": 1, "this": 0,
    "позапрошлого": -2, "прошлого": -1, "этого": 0, "текущего": 0, "нынешнего": 0,
    "следующего": 1, "будущего": 1,
}  # fmt: skip


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _distance(candidate: date, published: date, whole_month: bool) -> int:
    if whole_month and (candidate.year, candidate.month) == (published.year, published.month):
        return 0
    days = (published - candidate).days
    return days if days >= 0 else -days * FUTURE_PENALTY


def _place_in_year(month: int, day: int | None, published: date, mode: str | None) -> date | None:
    """Give a year-less month (and day) the year that fits the publication date best."""
    whole_month = day is None
    candidates = [
        found
        for year in (published.year - 1, published.year, published.year + 1)
        if (found := _safe_date(year, month, day or 1))
    ]

    # A whole month compares by (year, month): "last March" written in March is a year back.
    def order(day_: date) -> tuple[int, int, int]:
        return (day_.year, day_.month, 0 if whole_month else day_.day)

    if mode == "last":
        return max((c for c in candidates if order(c) < order(published)), default=None)
    if mode == "next":
        return min((c for c in candidates if order(c) > order(published)), default=None)
    return min(candidates, key=lambda c: _distance(c, published, whole_month), default=None)


def _month_of(match: re.Match[str]) -> int | None:
    return month_number(match.group("month"))


def _numeric_date(match: re.Match[str]) -> date | None:
    first, second, year = int(match.group("a")), int(match.group("b")), int(match.group("year"))
    if match.group("sep") == "." or first > 12 or first == second:
        return _safe_date(year, second, first)
    if second > 12:
        return _safe_date(year, first, second)
    return None  # 03/08/2017: March 8 or 3 August, no way to tell


def _resolve(kind: str, match: re.Match[str], published: date | None) -> date | None:
    groups = match.groupdict()
    if kind == "numeric":
        found = _numeric_date(match)
    elif kind == "iso":
        found = _safe_date(int(groups["year"]), int(groups["month"]), int(groups["day"]))
    elif kind == "year":
        found = date(int(groups["year"]), 1, 1)
    elif kind == "weekday":
        if published is None:
            return None
        weekday = WEEKDAYS.index(groups["weekday"].lower())
        found = published - timedelta(days=(published.weekday() - weekday) % 7 or 7)
    else:
        month = _month_of(match)
        if month is None:
            return None
        day = int(groups.get("first") or groups.get("day") or 0) or None
        if groups.get("year"):
            found = _safe_date(int(groups["year"]), month, day or 1)
        elif published is None:
            return None
        elif groups.get("rel"):
            year = published.year + _RELATIVE_YEAR[groups["rel"].lower()]
            found = _safe_date(year, month, day or 1)
        else:
            mode = (groups.get("mode") or "").lower() or None
            found = _place_in_year(month, day, published, mode)
    if found is None or not YEAR_RANGE[0] <= found.year <= YEAR_RANGE[1]:
        return None
    return found


def _part_of_name(body: str, match: re.Match[str]) -> bool:
    """True for "Theresa May 10": a Title-case month right after another capitalised word."""
    if "month" not in match.groupdict() or not match.group("month"):
        return False
    month_start = match.start("month")
    word = match.group("month")
    if not word[:1].isupper() or word.isupper() or not word.isascii():
        return False
    before = _WORD_BEFORE.search(body, max(0, month_start - 40), month_start)
    return before is not None and before.group(1) not in _WORDS_BEFORE_MONTH


def _windows(trigger: re.Pattern[str], body: str) -> list[tuple[int, int]]:
    """Merged spans around each trigger hit, wide enough to hold a whole date expression."""
    windows: list[tuple[int, int]] = []
    for hit in trigger.finditer(body):
        start, end = max(0, hit.start() - WINDOW_BEFORE), min(len(body), hit.end() + WINDOW_AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _candidates(body: str, everywhere: bool) -> list[tuple[int, int, str, re.Match[str]]]:
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for family, patterns in MENTION_PATTERNS.items():
        windows = [(0, len(body))] if everywhere else _windows(TRIGGERS[family], body)
        for kind, pattern in patterns:
            for start, end in windows:
                found.extend(
                    (match.start(), match.end(), kind, match)
                    for match in pattern.finditer(body, start, end)
                    if not _part_of_name(body, match)
                )
    return found


def _find(
    body: str, published: date | None, everywhere: bool = False
) -> list[tuple[str, DateMention]]:
    matches = _candidates(body, everywhere)
    # Longest first, so "8 марта 2017 года" wins over "марта 2017" inside it.
    matches.sort(key=lambda item: (item[0] - item[1], item[0]))
    taken: list[tuple[int, int]] = []
    found: list[tuple[str, DateMention]] = []
    for start, end, kind, match in matches:
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        taken.append((start, end))
        resolved = _resolve(kind, match, published)
        if resolved is not None:
            found.append((kind, DateMention(body[start:end], start, end, resolved.isoformat())))
    return sorted(found, key=lambda item: item[1].start)


def find_date_mentions(
    body: str, published: date | None, everywhere: bool = False
) -> tuple[DateMention, ...]:
    """Every date written in `body`, resolved against `published`, in text order.

    `everywhere` scans the whole body instead of trigger windows: slower, same result
    (tests and the benchmark check that).
    """
    return tuple(mention for _, mention in _find(body, published, everywhere))


def explicit_years(body: str) -> list[int]:
    """Years of the full dates written in `body` ("March 8, 2017"), to place a dateline."""
    return [
        int(mention.date[:4])
        for kind, mention in _find(body, None)
        if kind in ("day", "iso", "numeric")
    ]
