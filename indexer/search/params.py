"""Query-string style parameters (web page, API, CLI) -> a validated SearchRequest."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from indexer.errors import BadQuery
from indexer.search.base import SearchRequest
from indexer.search.fields import FACETS

# Publication dates before 1800 are rejected at ingest; 2300 is far past any real article
# and inside every engine's date range.
MIN_YEAR, MAX_YEAR = 1800, 2300
EXCLUDE_PREFIX = "not_"  # `not_person=X` removes articles mentioning X
KNOWN = {"q", "from", "to", "sort", "page", "page_size", "facet_size", "format", "exact", "strict"}
TRUE = frozenset({"1", "true", "on", "yes"})
FALSE = frozenset({"", "0", "false", "off", "no"})
KNOWN |= set(FACETS) | {EXCLUDE_PREFIX + name for name in FACETS}


def _date(value: str, name: str) -> date | None:
    if not value.strip():
        return None
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise BadQuery(f"{name} must be a date like 2024-03-08, not {value[:40]!r}") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise BadQuery(f"{name} must be between {MIN_YEAR} and {MAX_YEAR}")
    return day


def _int(value: str, name: str, default: int) -> int:
    if not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        raise BadQuery(f"{name} must be a whole number, not {value[:40]!r}") from None


def _flag(value: str, name: str) -> bool:
    folded = value.strip().casefold()
    if folded not in TRUE | FALSE:
        raise BadQuery(f"{name} must be 1 or 0, not {value[:40]!r}")
    return folded in TRUE


def _values(params: Mapping[str, Sequence[str]], name: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in params.get(name, ()):
        if value.strip():
            seen.setdefault(value.strip(), None)
    return tuple(seen)


def request_from_params(params: Mapping[str, Sequence[str]], strict: bool = True) -> SearchRequest:
    """Build the request from multi-valued parameters; `strict` refuses unknown names."""
    if strict:
        unknown = sorted(set(params) - KNOWN)
        if unknown:
            raise BadQuery(f"unknown parameter {unknown[0]!r}")

    def first(name: str) -> str:
        values = params.get(name) or [""]
        return values[0]

    return SearchRequest(
        query=first("q").strip(),
        filters={name: v for name in FACETS if (v := _values(params, name))},
        excludes={name: v for name in FACETS if (v := _values(params, EXCLUDE_PREFIX + name))},
        date_from=_date(first("from"), "from"),
        date_to=_date(first("to"), "to"),
        sort=first("sort").strip() or "relevance",  # type: ignore[arg-type]
        page=_int(first("page"), "page", 1),
        page_size=_int(first("page_size"), "page_size", 10),
        facet_size=_int(first("facet_size"), "facet_size", 10),
        exact=_flag(first("exact"), "exact"),
        strict=_flag(first("strict"), "strict"),
    )


def params_from_request(req: SearchRequest) -> dict[str, Any]:
    """The inverse, for links: only what differs from the defaults, lists for repeats."""
    params: dict[str, Any] = {}
    if req.query:
        params["q"] = req.query
    for name, values in req.filters.items():
        params[name] = list(values)
    for name, values in req.excludes.items():
        params[EXCLUDE_PREFIX + name] = list(values)
    if req.date_from:
        params["from"] = req.date_from.isoformat()
    if req.date_to:
        params["to"] = req.date_to.isoformat()
    if req.sort != "relevance":
        params["sort"] = req.sort
    if req.page != 1:
        params["page"] = req.page
    if req.page_size != 10:
        params["page_size"] = req.page_size
    if req.exact:
        params["exact"] = "1"
    if req.strict:
        params["strict"] = "1"
    return params
