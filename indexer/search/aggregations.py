"""Elasticsearch-shaped aggregation dicts, shared by both backends, and reading their answers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from indexer.search.base import Bucket, FacetValue
from indexer.search.histogram import choose_interval, fill_buckets, years_of

HISTOGRAM_BUCKETS = 2000  # more than any interval choice produces (≤ ~120 bars, see histogram.py)


def facet_aggs(facets: Iterable[str], size: int) -> dict[str, Any]:
    """One `terms` aggregation per facet, most frequent values first."""
    return {name: {"terms": {"field": name, "size": size}} for name in facets}


def date_range_aggs() -> dict[str, Any]:
    """First and last publication date of the match set, to choose a histogram interval."""
    return {
        "first_published": {"min": {"field": "published_at"}},
        "last_published": {"max": {"field": "published_at"}},
    }


def histogram_aggs(interval: str) -> dict[str, Any]:
    """Counts per calendar bucket of the chosen interval."""
    return {"histogram": {"terms": {"field": f"published_{interval}", "size": HISTOGRAM_BUCKETS}}}


def counts_from_months(months: Mapping[str, Any], interval: str) -> dict[str, int] | None:
    """Counts at `interval` from a `published_month` terms answer; None when it cannot give them.

    Both engines count months with the facets, so the usual histogram (a span of months or
    years) needs no second pass; weeks, days and month lists too long for one answer do.
    """
    if interval not in ("month", "year") or months.get("sum_other_doc_count"):
        return None
    counts = read_counts(months)
    return counts if interval == "month" else years_of(counts)


def finish_histogram(
    first: date | None,
    last: date | None,
    months: Mapping[str, Any],
    count: Callable[[str], Mapping[str, Any]],
) -> tuple[list[Bucket], str]:
    """The histogram's bars and interval, from the match set's span and its month counts.

    Months come with the facet counts, and years are summed from them; only spans short
    enough for weeks or days, or month lists too long for one answer, need `count(interval)`:
    a second pass returning a `terms` answer at that interval.
    """
    if not (first and last):
        return [], "month"
    interval = choose_interval(first, last)
    counts = counts_from_months(months, interval)
    if counts is None:
        counts = read_counts(count(interval))
    return fill_buckets(counts, interval), interval


def read_facet(result: Mapping[str, Any]) -> list[FacetValue]:
    """Buckets of one `terms` answer, ties broken by value so both engines agree."""
    values = [FacetValue(str(b["key"]), int(b["doc_count"])) for b in result.get("buckets", [])]
    return sorted(values, key=lambda v: (-v.count, v.value))


def read_counts(result: Mapping[str, Any]) -> dict[str, int]:
    """A `terms` answer as {key: count}."""
    return {str(b["key"]): int(b["doc_count"]) for b in result.get("buckets", [])}


def read_date(result: Mapping[str, Any], unit_per_second: float) -> date | None:
    """A `min`/`max` answer (epoch in the engine's unit) as a UTC date; None when empty."""
    value = result.get("value")
    if value is None:
        return None
    return datetime.fromtimestamp(float(value) / unit_per_second, UTC).date()
