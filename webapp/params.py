"""request.args -> SearchRequest, plus the page's own view state (which facet is expanded)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from indexer.errors import BadQuery
from indexer.search.base import SearchRequest
from indexer.search.fields import FACETS
from indexer.search.params import request_from_params

EXPANDED_FACET_SIZE = 50  # "more" shows this many values of one facet: a screenful, not a dump
EXPORT_FORMATS = ("csv", "jsonl")
_EXPAND = "expand"  # view-only parameter of the HTML page: the facet showing "more"


@dataclass(frozen=True)
class PageState:
    """What the search page shows: the search itself and which facet is expanded."""

    request: SearchRequest
    expand: str | None = None

    def backend_request(self) -> SearchRequest:
        """The search to run: an expanded facet needs more values than the others show."""
        if self.expand is None or self.request.facet_size >= EXPANDED_FACET_SIZE:
            return self.request
        return replace(self.request, facet_size=EXPANDED_FACET_SIZE)

    def shown(self, facet: str) -> int:
        """How many values of `facet` the page lists."""
        if facet == self.expand:
            return max(EXPANDED_FACET_SIZE, self.request.facet_size)
        return self.request.facet_size


def _multi(args: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    getlist = getattr(args, "getlist", None)
    if getlist is not None:  # a werkzeug MultiDict: keep every repeated value
        return {name: list(getlist(name)) for name in args}
    return {name: list(values) for name, values in args.items()}


def search_request(args: Mapping[str, Sequence[str]]) -> SearchRequest:
    """The API's request: every parameter must be one the search understands."""
    return request_from_params(_multi(args))


def page_state(args: Mapping[str, Sequence[str]]) -> PageState:
    """The HTML page's state: the search plus view-only parameters."""
    params = _multi(args)
    expand = (params.pop(_EXPAND, None) or [""])[0].strip() or None
    if expand is not None and expand not in FACETS:
        raise BadQuery(f"unknown facet {expand[:40]!r}; facets are {', '.join(FACETS)}")
    return PageState(request_from_params(params), expand)


def export_request(args: Mapping[str, Sequence[str]]) -> tuple[SearchRequest, str]:
    """An export's search and file format (csv or jsonl); paging is ignored."""
    params = _multi(args)
    fmt = (params.pop("format", None) or ["csv"])[0].strip().lower()
    if fmt not in EXPORT_FORMATS:
        raise BadQuery(f"format must be one of {', '.join(EXPORT_FORMATS)}, not {fmt[:20]!r}")
    params.pop(_EXPAND, None)
    return request_from_params(params), fmt
