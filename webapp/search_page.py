"""The search page's view model: facet panels, filter chips, sort options and pager."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from indexer.search.base import MAX_RESULT_WINDOW, SORTS, SearchRequest, SearchResult
from indexer.search.fields import FACETS
from webapp import links
from webapp.filters import display_date, language_name
from webapp.hints import DidYouMean, Hint, Relaxed, did_you_mean, relaxed
from webapp.params import PageState
from webapp.timeline import Timeline, build_timeline

FACET_LABELS = {
    "person": "People",
    "organization": "Organizations",
    "location": "Places",
    "language": "Languages",
    "source": "Sources",
}
SORT_LABELS = {"relevance": "Relevance", "newest": "Newest", "oldest": "Oldest"}
PAGER_RADIUS = 2  # pages linked on each side of the current one


@dataclass(frozen=True)
class FacetRow:
    """One facet value with its count and the links that select or exclude it."""

    value: str
    label: str
    count: int | None  # None: selected, but not among the values counted
    selected: bool
    toggle_url: str
    exclude_url: str


@dataclass(frozen=True)
class FacetPanel:
    """One facet: its rows, and a link to more (or fewer) values."""

    name: str
    label: str
    rows: list[FacetRow]
    more_url: str | None
    fewer_url: str | None


@dataclass(frozen=True)
class Chip:
    """An active filter shown above the results, with the link that removes it."""

    kind: str  # "filter", "exclude" or "date"
    facet_label: str
    value: str
    remove_url: str


@dataclass(frozen=True)
class PageLink:
    """One pager entry; `url` None marks a gap ("…")."""

    label: str
    url: str | None
    current: bool = False


@dataclass(frozen=True)
class SearchPage:
    """Everything search.html renders besides the hits themselves."""

    state: PageState
    result: SearchResult
    facets: list[FacetPanel]
    chips: list[Chip]
    clear_url: str | None
    sorts: list[tuple[str, str, bool]]  # label, url, active
    pager: list[PageLink]
    previous_url: str | None
    next_url: str | None
    last_page: int
    timeline: Timeline
    export_csv_url: str
    export_jsonl_url: str
    did_you_mean: list[DidYouMean] = field(default_factory=list)
    relaxed: Relaxed | None = None
    hints: list[Hint] = field(default_factory=list)  # other searches, on a zero-hit page


def _value_label(facet: str, value: str, result: SearchResult | None = None) -> str:
    if facet == "language":
        return f"{language_name(value)} ({value})"
    for counted in result.facets.get(facet, []) if result else ():
        if counted.value == value:
            return counted.shown  # an entity's display name
    return value


def _facet_panel(state: PageState, result: SearchResult, facet: str) -> FacetPanel:
    req = state.request
    selected = req.filters.get(facet, ())
    counted = result.facets.get(facet, [])
    shown = counted[: state.shown(facet)]
    counts = {item.value: item.count for item in counted}
    values = list(selected) + [item.value for item in shown if item.value not in selected]
    urls = links.facet_urls_factory(req, state.expand)
    rows = []
    for value in values:
        toggle_url, exclude_url = urls(facet, value)
        rows.append(
            FacetRow(
                value=value,
                label=_value_label(facet, value, result),
                count=counts.get(value),
                selected=value in selected,
                toggle_url=toggle_url,
                exclude_url=exclude_url,
            )
        )
    more_url = fewer_url = None
    if facet == state.expand:
        fewer_url = links.search_url(req)
    elif len(counted) >= req.facet_size:
        more_url = links.search_url(req, expand=facet)
    return FacetPanel(facet, FACET_LABELS[facet], rows, more_url, fewer_url)


def _chips(state: PageState, result: SearchResult) -> list[Chip]:
    req, expand = state.request, state.expand
    chips = []
    for facet in FACETS:
        for value in req.filters.get(facet, ()):
            url = links.search_url(links.toggled(req, facet, value), expand)
            label = _value_label(facet, value, result)
            chips.append(Chip("filter", FACET_LABELS[facet], label, url))
        for value in req.excludes.get(facet, ()):
            url = links.search_url(links.excluded(req, facet, value, on=False), expand)
            label = _value_label(facet, value, result)
            chips.append(Chip("exclude", FACET_LABELS[facet], label, url))
    if req.date_from or req.date_to:
        span = f"{display_date(req.date_from) or '…'} – {display_date(req.date_to) or '…'}"
        url = links.search_url(links.dated(req, None, None), expand)
        chips.append(Chip("date", "Dates", span, url))
    return chips


def _pager(req: SearchRequest, total: int) -> tuple[list[PageLink], int]:
    reachable = min(total, MAX_RESULT_WINDOW)
    last = max(1, -(-reachable // req.page_size))
    numbers = {1, last, *range(req.page - PAGER_RADIUS, req.page + PAGER_RADIUS + 1)}
    entries: list[PageLink] = []
    previous = 0
    for number in sorted(n for n in numbers if 1 <= n <= last):
        if number > previous + 1:
            entries.append(PageLink("…", None))
        url = links.search_url(links.paged(req, number))
        entries.append(PageLink(str(number), url, current=number == req.page))
        previous = number
    return (entries if last > 1 else []), last


def build_page(state: PageState, result: SearchResult, hints: Sequence[Hint] = ()) -> SearchPage:
    """Turn a search result (and the hints found for a zero-hit page) into links and panels."""
    req = state.request
    pager, last_page = _pager(req, result.total)
    chips = _chips(state, result)
    return SearchPage(
        state=state,
        result=result,
        facets=[_facet_panel(state, result, facet) for facet in FACETS],
        chips=chips,
        clear_url=links.search_url(links.cleared(req)) if len(chips) > 1 else None,
        sorts=[
            (SORT_LABELS[sort], links.search_url(links.sorted_by(req, sort)), sort == req.sort)
            for sort in SORTS
        ],
        pager=pager,
        previous_url=links.search_url(links.paged(req, req.page - 1)) if req.page > 1 else None,
        next_url=(
            links.search_url(links.paged(req, req.page + 1)) if req.page < last_page else None
        ),
        last_page=last_page,
        timeline=build_timeline(result.histogram, result.interval, req),
        export_csv_url=links.export_url(req, "csv"),
        export_jsonl_url=links.export_url(req, "jsonl"),
        did_you_mean=did_you_mean(req, result),
        relaxed=relaxed(req, result),
        hints=list(hints),
    )
