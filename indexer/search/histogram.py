"""Date histogram buckets: calendar keys at index time, interval choice and gap filling."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache

from indexer.search.base import Bucket

# Spans (in days) up to which an interval still gives a readable number of bars (≤ ~120).
DAY_MAX_SPAN = 92
WEEK_MAX_SPAN = 2 * 366
MONTH_MAX_SPAN = 10 * 366


# Buckets seen in searches: ten years of days, weeks and months are ~5,000 keys.
KEY_CACHE = 16_384


def calendar_keys(day: date) -> dict[str, str]:
    """The bucket each interval puts `day` in, keyed by index field name."""
    return {
        f"published_{interval}": bucket_key(day, interval)
        for interval in ("day", "week", "month", "year")
    }


def bucket_key(day: date, interval: str) -> str:
    """The key of the bucket `interval` puts `day` in (as `calendar_keys`)."""
    if interval == "day":
        return day.isoformat()
    if interval == "week":
        return (day - timedelta(days=day.weekday())).isoformat()
    if interval == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


@lru_cache(maxsize=KEY_CACHE)
def day_bucket_key(day_key: str, interval: str) -> str:
    """The `interval` bucket key of a day key ("2024-02-05"); cached, as searches repeat them."""
    return bucket_key(date.fromisoformat(day_key), interval)


def choose_interval(first: date, last: date) -> str:
    """The finest interval that keeps the chart readable for this span."""
    span = (last - first).days
    if span <= DAY_MAX_SPAN:
        return "day"
    if span <= WEEK_MAX_SPAN:
        return "week"
    if span <= MONTH_MAX_SPAN:
        return "month"
    return "year"


@lru_cache(maxsize=KEY_CACHE)
def bucket_start(key: str, interval: str) -> date:
    """First day of a bucket from its key ("2024", "2024-02", "2024-02-05")."""
    if interval == "year":
        return date(int(key), 1, 1)
    if interval == "month":
        year, month = key.split("-")
        return date(int(year), int(month), 1)
    return date.fromisoformat(key)


def _next_start(start: date, interval: str) -> date:
    if interval == "day":
        return start + timedelta(days=1)
    if interval == "week":
        return start + timedelta(days=7)
    if interval == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def fill_buckets(counts: Mapping[str, int], interval: str) -> list[Bucket]:
    """Buckets from first to last key in date order, with empty ones filled in as zeros.

    Keys are `bucket_key`'s: at every interval they sort as their dates do, so the span is
    found on the strings, and bars are filled by key without a date per key.
    """
    if not counts:
        return []
    return [
        Bucket(iso, counts.get(key, 0)) for key, iso in _span(min(counts), max(counts), interval)
    ]


@lru_cache(maxsize=256)
def _span(first: str, last: str, interval: str) -> tuple[tuple[str, str], ...]:
    """Every bucket from key `first` to key `last`: its key and its first day's ISO date
    (searches repeat spans)."""
    keys = []
    current, end = bucket_start(first, interval), bucket_start(last, interval)
    while current <= end:
        keys.append((bucket_key(current, interval), current.isoformat()))
        current = _next_start(current, interval)
    return tuple(keys)


def years_of(months: Mapping[str, int]) -> dict[str, int]:
    """Year counts summed from month counts ("2024-02" -> "2024")."""
    years: dict[str, int] = {}
    for key, count in months.items():
        years[key[:4]] = years.get(key[:4], 0) + count
    return years
