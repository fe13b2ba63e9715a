"""Parse date strings from metadata, URLs and feeds into timezone-aware datetimes.

Pure regex over the formats news pages actually use (ISO 8601, RFC 2822, "March 9,
2017", "9 марта 2017", "26-FEB-1987 15:01:01.79", compact 20170309, epoch seconds);
no dateparser, which is slow and guesses. Anything else gives None.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime

from indexer.dates.months import month_number

YEAR_MIN = 1800  # older "publication" dates are typos or placeholders (0001-01-01)
# Clocks and time zones disagree by hours; a day of slack keeps a page published
# "tomorrow" in Auckland while rejecting dates that are truly in the future.
CLOCK_SKEW = timedelta(days=1)
# Epoch timestamps in meta tags: 10 digits are seconds, 13 milliseconds (2001-2286).
EPOCH_SECONDS_DIGITS = 10
EPOCH_MILLIS_DIGITS = 13

# Named zones that news sites write instead of an offset.
ZONE_OFFSETS = {
    "Z": 0,
    "UTC": 0,
    "GMT": 0,
    "UT": 0,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "BST": 1,
    "CET": 1,
    "CEST": 2,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    "IST": 5.5,
    "JST": 9,
}

_ZONE = r"(?P<zone>Z|[+-]\d{2}(?::?\d{2})?|[A-Z]{2,4})"
_TIME = (
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?"
    r"(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?"
)
_ISO = re.compile(
    rf"^(?P<year>\d{{4}})-(?P<month>\d{{1,2}})-(?P<day>\d{{1,2}})"
    rf"(?:(?:T|\s+)(?:{_TIME}))?\s*{_ZONE}?$"
)
_COMPACT = re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?:T?(?P<hms>\d{6})Z?)?$")
_YEAR_FIRST = re.compile(
    r"(?<!\d)(?P<year>\d{4})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)"
)
_DAY_FIRST_DOTS = re.compile(r"(?<!\d)(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?!\d)")
_SLASHED = re.compile(r"(?<!\d)(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})(?!\d)")
# Any word that could be a month; month_number() decides, so feeds may write "FEB" or "feb".
_MONTH_WORD = r"[A-Za-zА-Яа-яЁё]{3,9}\.?"
# "26-FEB-1987", "9 March 2017", "9 марта 2017 г.", "March 9, 2017", each with an optional time.
_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th)?[\s-]+(?P<month>{_MONTH_WORD})[\s,-]+"
    rf"(?P<year>\d{{4}})(?!\d)"
)
_MONTH_DAY_YEAR = re.compile(
    rf"(?P<month>{_MONTH_WORD})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d)"
)
_TIME_AFTER = re.compile(rf"^\s*(?:года|г\.)?[\s,T]*(?:at\s+|в\s+)?{_TIME}(?:\s*{_ZONE})?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _zone(value: str | None) -> timezone | None:
    if not value:
        return None
    if value in ZONE_OFFSETS:
        return timezone(timedelta(hours=ZONE_OFFSETS[value]))
    sign = -1 if value[0] == "-" else 1
    digits = value[1:].replace(":", "")
    if not digits.isdigit() or len(digits) not in (2, 4):
        return None
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 14 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _year_month_day(match: re.Match[str]) -> tuple[int, int, int]:
    return int(match.group("year")), int(match.group("month")), int(match.group("day"))


def _build(
    year: int, month: int, day: int, clock: time | None, zone: timezone | None
) -> datetime | None:
    try:
        return datetime.combine(date(year, month, day), clock or time(0), zone or UTC)
    except ValueError:
        return None


def _clock(match: re.Match[str]) -> time | None:
    """The time of day in `match`, or None when absent or impossible (hour 605)."""
    if not match.group("hour"):
        return None
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    second = int(match.group("second") or 0)
    ampm = (match.group("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def _with_trailing_time(found: datetime, rest: str) -> datetime:
    match = _TIME_AFTER.match(rest)
    if not match:
        return found
    clock = _clock(match)
    if clock is None:
        return found
    zone = _zone(match.group("zone")) or UTC
    return datetime.combine(found.date(), clock, zone)


def _parse_iso(text: str) -> datetime | None:
    match = _ISO.match(text)
    if not match:
        return None
    zone = _zone(match.group("zone"))
    if match.group("zone") and zone is None:
        return None
    clock = _clock(match)
    if match.group("hour") and clock is None:
        return None
    return _build(*_year_month_day(match), clock, zone)


def _parse_compact(text: str) -> datetime | None:
    match = _COMPACT.match(text)
    if not match:
        return None
    clock = None
    if hms := match.group("hms"):
        try:
            clock = time(int(hms[:2]), int(hms[2:4]), int(hms[4:]))
        except ValueError:
            return None
    return _build(*_year_month_day(match), clock, None)


def _parse_epoch(text: str) -> datetime | None:
    if not text.isdigit() or len(text) not in (EPOCH_SECONDS_DIGITS, EPOCH_MILLIS_DIGITS):
        return None
    seconds = int(text) / (1000 if len(text) == EPOCH_MILLIS_DIGITS else 1)
    return datetime.fromtimestamp(seconds, UTC).replace(microsecond=0)


def _parse_rfc2822(text: str) -> datetime | None:
    if "," not in text[:5] and not re.search(r"\d{2}:\d{2}:\d{2} [+-]\d{4}$", text):
        return None
    try:
        found = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def _parse_written(text: str) -> datetime | None:
    """A date written with a month name or in numbers, anywhere in `text`, plus its time."""
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for match in pattern.finditer(text):
            if month := month_number(match.group("month")):
                day, year = int(match.group("day")), int(match.group("year"))
                if found := _build(year, month, day, None, None):
                    return _with_trailing_time(found, text[match.end() :])
    numbered = _YEAR_FIRST.search(text) or _DAY_FIRST_DOTS.search(text)
    if numbered:
        found = _build(*_year_month_day(numbered), None, None)
        if found:
            return _with_trailing_time(found, text[numbered.end() :])
    slashed = _SLASHED.search(text)
    if slashed:
        first, second = int(slashed.group("a")), int(slashed.group("b"))
        # 03/08/2017 is March 8 in the US and 3 August elsewhere: only take it when one
        # reading is impossible or both agree.
        if first > 12 or first == second:
            day, month = first, second
        elif second > 12:
            day, month = second, first
        else:
            return None
        found = _build(int(slashed.group("year")), month, day, None, None)
        if found:
            return _with_trailing_time(found, text[slashed.end() :])
    return None


def parse_datetime(raw: str) -> datetime | None:
    """Parse one date string into an aware datetime (UTC when it names no zone), or None."""
    text = _CONTROL.sub(" ", html.unescape(raw or "")).strip()
    if not text or len(text) > 200:
        return None
    for parser in (_parse_iso, _parse_compact, _parse_epoch, _parse_rfc2822, _parse_written):
        found = parser(text)
        if found is not None:
            return found
    return None


def is_plausible(moment: datetime, now: datetime) -> bool:
    """False for dates before YEAR_MIN or later than `now` plus CLOCK_SKEW."""
    return moment.year >= YEAR_MIN and moment <= now + CLOCK_SKEW


def to_iso(moment: datetime) -> str:
    """ISO 8601 to the second, keeping the source's offset ("2017-03-09T00:00:00+00:00")."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.replace(microsecond=0).isoformat()
