"""What a search asks and answers, and the interface every backend implements."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from typing import Any, Literal, Protocol

from indexer.errors import BadQuery
from indexer.model import Article, IndexReport
from indexer.search.fields import FACETS, HIT_FIELDS

Sort = Literal["relevance", "newest", "oldest"]
SORTS: tuple[Sort, ...] = ("relevance", "newest", "oldest")
MAX_RESULT_WINDOW = 10_000  # as Elasticsearch's default: deeper than this goes through export
MAX_PAGE_SIZE = 100
MAX_FACET_SIZE = 200
# Seconds of writing between two commits of a long ingest: what a kill -9 can lose at most
# (plus the chunk being processed). A commit costs tens of milliseconds on either engine.
CHECKPOINT_EVERY_S = 3.0


@dataclass(frozen=True)
class SearchRequest:
    """One search: query text, facet filters (OR within a facet, AND across), dates, paging."""

    query: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    excludes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    date_from: date | None = None
    date_to: date | None = None
    indexed_since: datetime | None = None  # only articles written to the index at or after
    sort: Sort = "relevance"
    page: int = 1
    page_size: int = 10
    facet_size: int = 10
    # "Only what I typed": no other names or scripts of the entities in the query.
    exact: bool = False
    # Every word typed bare is required, however many there are (by default, from three
    # words on they rank: plan.MIN_RANKED_WORDS).
    strict: bool = False
    # Set by the search wrapper (aliases.py) when the query as typed found nothing: phrases and
    # groups beside ranked words rank too (plan.loosened). Not a URL parameter.
    loose: bool = False
    # Other ways to write runs of the query's words, keyed by the lower-case run ("klimkin":
    # ("Климкин",)); filled by the search wrapper from the entity store unless `exact`, and
    # applied by plan() as a rewrite of the parsed query (each run -> an OR of its variants).
    query_variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Lower-case runs of the query that name a place of the gazetteer ("russia"), set by the
    # search wrapper beside `loose`: in a name typed as one ("Ministry of Foreign Affairs
    # Russia") such a run qualifies the name and does not match it alone (plan.loosened_name).
    name_places: tuple[str, ...] = ()
    # The reader's language, for the names facet values are shown with ("en", "ru", None: any).
    language: str | None = None

    def __post_init__(self) -> None:
        for facets in (self.filters, self.excludes):
            unknown = sorted(set(facets) - set(FACETS))
            if unknown:
                raise BadQuery(f"unknown facet {unknown[0]!r}; facets are {', '.join(FACETS)}")
        if self.sort not in SORTS:
            raise BadQuery(f"sort must be one of {', '.join(SORTS)}")
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise BadQuery(f"page_size must be between 1 and {MAX_PAGE_SIZE}")
        if self.page < 1:
            raise BadQuery("page must be 1 or more")
        if self.page * self.page_size > MAX_RESULT_WINDOW:
            raise BadQuery(
                f"results beyond the first {MAX_RESULT_WINDOW} are not paged; narrow the search "
                "or use export"
            )
        if not 1 <= self.facet_size <= MAX_FACET_SIZE:
            raise BadQuery(f"facet_size must be between 1 and {MAX_FACET_SIZE}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise BadQuery("the start date is after the end date")

    @property
    def indexed_since_second(self) -> datetime | None:
        """`indexed_since` in UTC, down to its whole second (index times have whole seconds)."""
        if self.indexed_since is None:
            return None
        since = self.indexed_since
        return (since.astimezone(UTC) if since.tzinfo else since.replace(tzinfo=UTC)).replace(
            microsecond=0
        )

    @property
    def offset(self) -> int:
        """Index of the first hit of the requested page."""
        return (self.page - 1) * self.page_size


# Result rows, facet values and bars are plain (not frozen) slotted dataclasses: one search
# builds 150 or more of them, and a frozen one takes three times as long to build.
@dataclass(slots=True)
class Hit:
    """One result row; `snippet` is HTML-safe text with matches in <mark>."""

    id: str
    title: str | None
    url: str | None
    source: str | None
    published_at: str | None
    language: str
    snippet: str
    score: float | None = None


assert tuple(f.name for f in fields(Hit))[: len(HIT_FIELDS)] == HIT_FIELDS
# What the API shows of a hit: everything but its score.
_HIT_JSON = tuple(f.name for f in fields(Hit) if f.name != "score")


@dataclass(slots=True)
class FacetValue:
    """One facet value and how many matching articles carry it."""

    value: str
    count: int
    label: str = ""  # what to show: an entity's display name; "" shows the value

    @property
    def shown(self) -> str:
        """The label, or the value when there is none."""
        return self.label or self.value


@dataclass(slots=True)
class Bucket:
    """One bar of the date histogram: its first day and its article count."""

    date: str
    count: int


@dataclass(frozen=True)
class Suggestion:
    """A corrected query ("did you mean"): the query as typed with some words replaced."""

    query: str
    corrections: tuple[tuple[str, str], ...]  # (typed word, suggested word), lower-case
    total: int | None = None  # articles the corrected query finds, once counted

    def to_json(self) -> dict[str, Any]:
        """The `/api/search` shape."""
        return {
            "query": self.query,
            "corrections": [{"typed": t, "suggested": s} for t, s in self.corrections],
            "total": self.total,
        }


@dataclass
class SearchResult:
    """Hits of one page plus counts over the whole match set."""

    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    histogram: list[Bucket]
    interval: str = "month"
    # Words that ranked rather than filtered (None: every word was required), and whether no
    # article has every one of them, so the hits are those that match most.
    all_words: int | None = None
    relaxed: bool = False
    suggestions: list[Suggestion] = field(default_factory=list)  # did you mean, best first

    def to_json(self) -> dict[str, Any]:
        """The `/api/search` shape."""
        return {
            "total": self.total,
            "hits": [{k: getattr(hit, k) for k in _HIT_JSON} for hit in self.hits],
            "facets": {
                name: [{"value": f.value, "count": f.count, "label": f.shown} for f in values]
                for name, values in self.facets.items()
            },
            "histogram": [{"date": b.date, "count": b.count} for b in self.histogram],
            "interval": self.interval,
            "all_words": self.all_words,
            "relaxed": self.relaxed,
            "suggestions": [suggestion.to_json() for suggestion in self.suggestions],
        }


@dataclass
class Checkpoint:
    """How often a long write commits, and who is told after each commit.

    Every article the backend has taken from its input before a commit is in that commit,
    so `on_commit` may record the inputs they came from as done. It receives the write's
    running report (articles written and updated so far).
    """

    every_s: float = CHECKPOINT_EVERY_S
    on_commit: Callable[[IndexReport], None] | None = None

    def committed(self, report: IndexReport) -> None:
        """Tell the listener, if any, that everything taken so far is committed."""
        if self.on_commit is not None:
            self.on_commit(report)


class SearchBackend(Protocol):
    """A search engine holding articles: the embedded index or Elasticsearch."""

    def create_index(self) -> None:
        """Create the index if it does not exist yet."""

    def index(
        self, articles: Iterable[Article], checkpoint: Checkpoint | None = None
    ) -> IndexReport:
        """Add or replace articles (by id); per-article failures go into the report.

        Commits at least every `checkpoint.every_s` seconds while articles keep coming, and
        at the end; `updated` counts articles whose id was in the index already.
        """

    def rebuild(self, articles: Iterable[Article]) -> IndexReport:
        """Build a new index from `articles` beside the live one and swap it in.

        `articles` may stream from this backend's own `scan`: the live index serves
        searches, unchanged, until the new one replaces it.
        """

    def refresh(self) -> None:
        """Make everything indexed so far visible to searches."""

    def search(self, req: SearchRequest) -> SearchResult:
        """Run one search: a page of hits, facet counts and the date histogram."""

    def suggest(self, req: SearchRequest) -> list[Suggestion]:
        """Corrected spellings of the query from the index's own words, best first."""

    def scan(self, req: SearchRequest) -> Iterator[Article]:
        """Every matching article in `req.sort` order, streamed (for export and rebuilds)."""

    def get(self, article_id: str) -> Article:
        """The stored article; `NotFound` if there is none."""

    def delete(self, article_id: str) -> None:
        """Remove one article (no error if it is absent)."""

    def drop(self) -> None:
        """Remove the whole index (no error if there is none)."""

    def count(self) -> int:
        """Number of articles in the index."""

    def health(self) -> dict[str, Any]:
        """Whether the engine answers, and a few facts about it."""

    def close(self) -> None:
        """Release files and connections."""
