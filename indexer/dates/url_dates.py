"""Publication dates that sites put in their URLs: /2017/03/09/, 20170309, ?date=2017-03-09."""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import parse_qsl, unquote, urlsplit

from indexer.dates.months import month_number
from indexer.dates.parse import parse_datetime

# Years a news URL can plausibly carry; also keeps ids like /12345678/ from reading as dates.
_YEAR = r"(?P<year>19[89]\d|20\d{2})"
_MONTH = r"(?P<month>0?[1-9]|1[0-2])"
_DAY = r"(?P<day>0?[1-9]|[12]\d|3[01])"
# /2017/03/09/, /story-2017-03-09, /2017_03_09: the same separator twice.
_SEPARATED = re.compile(rf"(?<=[/_.-]){_YEAR}(?P<sep>[/_.-]){_MONTH}(?P=sep){_DAY}(?![\d])")
# /2017/mar/09/ (The Guardian style).
_MONTH_NAMED = re.compile(rf"/{_YEAR}/(?P<name>[a-z]{{3,9}})/{_DAY}(?=/|$)", re.IGNORECASE)
# 20170309 inside a path segment, not part of a longer number.
_COMPACT = re.compile(
    r"(?<![\d])(?P<year>19[89]\d|20\d{2})(?P<month>0[1-9]|1[0-2])(?P<day>0[1-9]|[12]\d|3[01])"
    r"(?![\d])"
)
_YEAR_SEGMENT = re.compile(rf"/{_YEAR}(?=/|$)")
# Query parameters whose value is a publication date.
DATE_QUERY_KEYS = ("date", "pubdate", "published", "publish_date", "dt", "d")


def _path(url: str) -> str:
    try:
        return unquote(urlsplit(url).path)
    except ValueError:
        return ""


def _from_query(url: str) -> datetime | None:
    try:
        query = dict((key.lower(), value) for key, value in parse_qsl(urlsplit(url).query))
    except ValueError:
        return None
    for key in DATE_QUERY_KEYS:
        if value := query.get(key):
            if found := parse_datetime(value):
                return found
    return None


def _from_path(path: str) -> datetime | None:
    for match in _SEPARATED.finditer(path):
        parts = (int(match.group(k)) for k in ("year", "month", "day"))
        if found := parse_datetime("{:04d}-{:02d}-{:02d}".format(*parts)):
            return found
    for match in _MONTH_NAMED.finditer(path):
        month = month_number(match.group("name"))
        if month and (
            found := parse_datetime(
                f"{match.group('year')}-{month:02d}-{int(match.group('day')):02d}"
            )
        ):
            return found
    for match in _COMPACT.finditer(path):
        if found := parse_datetime(match.group(0)):
            return found
    return None


def date_from_url(url: str | None) -> datetime | None:
    """The publication date written in `url` (path or ?date=), at midnight UTC, or None."""
    if not url:
        return None
    return _from_query(url) or _from_path(_path(url))


def year_from_url(url: str | None) -> int | None:
    """A year-only path segment such as /2017/ or /2017/03/: a hint, not a date."""
    if not url:
        return None
    match = _YEAR_SEGMENT.search(_path(url))
    return int(match.group("year")) if match else None
