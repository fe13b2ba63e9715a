"""Links from one search page state to the next: every control is a plain URL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any
from urllib.parse import urlencode

from flask import g, url_for

from indexer.search.base import SearchRequest
from indexer.search.params import EXCLUDE_PREFIX, params_from_request

DEFAULT_FACET_SIZE = SearchRequest().facet_size


def _params(req: SearchRequest, expand: str | None = None) -> dict[str, Any]:
    params = params_from_request(req)
    if req.facet_size != DEFAULT_FACET_SIZE:
        params["facet_size"] = req.facet_size
    if expand:
        params["expand"] = expand
    return params


def _path(endpoint: str) -> str:
    # A page holds a few hundred links (timeline bars, facet rows); building each with
    # url_for cost more than the search itself, so the path is looked up once per request.
    paths: dict[str, str] = g.setdefault("_newsdesk_paths", {})
    if endpoint not in paths:
        paths[endpoint] = url_for(endpoint)
    return paths[endpoint]


def _url(endpoint: str, params: dict[str, Any]) -> str:
    query = urlencode(params, doseq=True)
    return _path(endpoint) + ("?" + query if query else "")


def search_url(req: SearchRequest, expand: str | None = None) -> str:
    """The search page URL that shows `req`."""
    return _url("views.search", _params(req, expand))


def _joined(path: str, *queries: str) -> str:
    # urlencode joins its pairs with "&", so encoded pieces joined the same way give the
    # string one urlencode of all their pairs would.
    query = "&".join(part for part in queries if part)
    return path + ("?" + query if query else "")


def search_url_factory(req: SearchRequest) -> Callable[[date, date], str]:
    """URLs of `req` over other date ranges, for many bars at the cost of one request."""
    path = _path("views.search")
    base = urlencode(_params(dated(req, None, None)), doseq=True)

    def over(date_from: date, date_to: date) -> str:
        # "from" and "to" come last, as `dated` would place them; ISO dates need no escaping.
        return _joined(path, base, f"from={date_from.isoformat()}&to={date_to.isoformat()}")

    return over


def facet_urls_factory(
    req: SearchRequest, expand: str | None = None
) -> Callable[[str, str], tuple[str, str]]:
    """The (select or unselect, exclude) URLs of one facet value, for every row of a page.

    They equal `search_url(toggled(...))` and `search_url(excluded(...))`; only the filter
    part of the query string is encoded per row, the parts before and after it once.
    """
    path = _path("views.search")
    head = urlencode({"q": req.query}) if req.query else ""
    # Everything params_from_request writes after the filters, from page 1 as a click goes.
    rest = replace(req, query="", filters={}, excludes={}, page=1)
    tail = urlencode(_params(rest, expand), doseq=True)

    def url(filters: dict[str, tuple[str, ...]], excludes: dict[str, tuple[str, ...]]) -> str:
        pairs = {name: list(values) for name, values in filters.items()}
        pairs |= {EXCLUDE_PREFIX + name: list(values) for name, values in excludes.items()}
        return _joined(path, head, urlencode(pairs, doseq=True), tail)

    def urls(facet: str, value: str) -> tuple[str, str]:
        selected = value in req.filters.get(facet, ())
        toggle = url(
            _with(req.filters, facet, value, not selected),
            _with(req.excludes, facet, value, False),
        )
        exclude = url(
            _with(req.filters, facet, value, False), _with(req.excludes, facet, value, True)
        )
        return toggle, exclude

    return urls


def export_url(req: SearchRequest, fmt: str) -> str:
    """The download URL of every article `req` matches."""
    return _url("export.download", {"format": fmt, **_params(replace(req, page=1))})


def _with(values: dict[str, tuple[str, ...]], facet: str, value: str, on: bool) -> dict[str, Any]:
    current = [v for v in values.get(facet, ()) if v != value]
    if on:
        current.append(value)
    changed = {name: vals for name, vals in values.items() if name != facet}
    if current:
        changed[facet] = tuple(current)
    return changed


def toggled(req: SearchRequest, facet: str, value: str) -> SearchRequest:
    """Select `value` in `facet` (OR with the others), or unselect it if selected."""
    selected = value in req.filters.get(facet, ())
    return replace(
        req,
        filters=_with(req.filters, facet, value, not selected),
        excludes=_with(req.excludes, facet, value, False),
        page=1,
    )


def excluded(req: SearchRequest, facet: str, value: str, on: bool = True) -> SearchRequest:
    """Exclude `value` of `facet` (NOT), or lift the exclusion."""
    return replace(
        req,
        filters=_with(req.filters, facet, value, False),
        excludes=_with(req.excludes, facet, value, on),
        page=1,
    )


def dated(req: SearchRequest, date_from: date | None, date_to: date | None) -> SearchRequest:
    """The same search over another date range."""
    return replace(req, date_from=date_from, date_to=date_to, page=1)


def paged(req: SearchRequest, page: int) -> SearchRequest:
    """Another page of the same search."""
    return replace(req, page=page)


def sorted_by(req: SearchRequest, sort: str) -> SearchRequest:
    """The same search in another order, from its first page."""
    return replace(req, sort=sort, page=1)  # type: ignore[arg-type]


def cleared(req: SearchRequest) -> SearchRequest:
    """The query text alone: every filter and date removed."""
    return SearchRequest(query=req.query, sort=req.sort, page_size=req.page_size)


def entity_url(entity_id: str) -> str:
    """The page of one entity."""
    return url_for("views.entity", entity_id=entity_id)
