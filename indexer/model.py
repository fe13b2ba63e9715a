"""The records that flow through the indexer: raw documents in, articles out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

EntityType = Literal["person", "organization", "location", "misc"]
# Types that name someone or something an analyst filters by; "misc" is kept but not a facet.
NAMED_TYPES: tuple[EntityType, ...] = ("person", "organization", "location")
ENTITY_TYPES: tuple[EntityType, ...] = (*NAMED_TYPES, "misc")


@dataclass(frozen=True)
class Segment:
    """A span of `body` in one language; offsets are character offsets."""

    start: int
    end: int
    language: str  # ISO 639-1 code, or "und" when no language can be named safely
    confidence: float


@dataclass(frozen=True)
class Entity:
    """One mention of a named entity in `body`, with the name it resolves to."""

    text: str
    start: int
    end: int
    type: EntityType
    canonical: str  # the entity's display name when the article was processed
    entity_id: str = ""  # its stable id in the entity store; "" when there is no store

    @property
    def value(self) -> str:
        """What the article is indexed under for this entity: its id, else its name."""
        return self.entity_id or self.canonical


@dataclass(frozen=True)
class DateMention:
    """A date written in `body` ("on March 8"), resolved to an ISO date."""

    text: str
    start: int
    end: int
    date: str  # ISO 8601 date: "2017-03-08"


@dataclass(frozen=True)
class Article:
    """One news article: the raw input fields, then what the stages fill in.

    `html` and `text` hold the raw input; the cleaning stage turns them into
    `body` and `boilerplate` and later stages never look at them again.
    """

    id: str
    path: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    # The title is the body's first sentence or line, made by the indexer (no headline): it is
    # shown, but searched only as the body text it is, not with a headline's weight.
    title_from_body: bool = False
    html: str | None = None
    text: str | None = None
    body: str = ""
    boilerplate: str = ""
    # Who produced `body`: "newsdesk" (our cleaner, checked by trafilatura and readability
    # when they agree), or "trafilatura" / "readability" when ours found nothing or far less.
    extracted_by: str | None = None
    language: str = "und"
    language_confidence: float = 0.0
    segments: tuple[Segment, ...] = ()
    published_at: str | None = None  # ISO 8601 with offset, e.g. "2017-03-09T10:00:00+00:00"
    published_at_source: str | None = None  # which evidence gave it: "html:meta", "url", …
    dates_mentioned: tuple[DateMention, ...] = ()
    entities: tuple[Entity, ...] = ()
    # Input metadata that is not one of the fields above (Reuters TOPICS, a
    # feed's category, …) and hints the stages may use (declared publication
    # date from JSON Lines, HTTP headers from a web archive).
    metadata: dict[str, Any] = field(default_factory=dict)

    def entity_names(self, type_: str) -> list[str]:
        """Distinct canonical names of one entity type, in order of first mention."""
        seen: dict[str, None] = {}
        for entity in self.entities:
            if entity.type == type_:
                seen.setdefault(entity.canonical, None)
        return list(seen)

    def entity_values(self, type_: str) -> list[str]:
        """Distinct indexed values (entity ids, else names) of one entity type, in text order."""
        return list(dict.fromkeys(e.value for e in self.entities if e.type == type_))

    @classmethod
    def from_json(cls, record: dict[str, Any]) -> Article:
        """The Article a stored `to_json` record describes.

        Keys this version does not know (a field since removed) are left out, and fields
        added since take their defaults, so records stored by older versions still load.
        """
        values = _known(cls, record)
        for name, part in (
            ("segments", Segment),
            ("entities", Entity),
            ("dates_mentioned", DateMention),
        ):
            values[name] = tuple(part(**_known(part, item)) for item in record.get(name, ()))
        return cls(**values)

    def to_json(self) -> dict[str, Any]:
        """The stable `newsdesk extract` shape: raw input fields left out."""
        data = asdict(self)
        del data["html"], data["text"]
        return data


def _known(kind: type, record: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(kind)}
    return {key: value for key, value in record.items() if key in names}


@dataclass
class Failure:
    """One input that could not be indexed, and why; `skip` marks inputs passed over on purpose."""

    path: str
    reason: str
    skip: bool = False


# Reasons kept per file: one broken SGML file once printed 50,000 report lines.
REASONS_PER_FILE = 3


def file_of(path: str) -> str:
    """The input file an article or failure path names ("feed.jsonl#12" -> "feed.jsonl")."""
    return path.split("#", 1)[0]


@dataclass
class IndexReport:
    """What one ingest run did: counts, and up to REASONS_PER_FILE reasons per file and kind.

    `indexed` counts every article written; `updated` those among them that replaced an
    article already in the index (same id), so new = indexed - updated. `unchanged` counts
    input files passed over because they were indexed before and have not changed since.
    """

    read: int = 0
    indexed: int = 0
    updated: int = 0
    skipped: int = 0
    failed: int = 0
    unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)
    skips: list[Failure] = field(default_factory=list)
    # Reasons left out of `failures` / `skips`, by file: printed as "and N more".
    more_failures: dict[str, int] = field(default_factory=dict)
    more_skips: dict[str, int] = field(default_factory=dict)
    stopped_by: str | None = None  # "SIGTERM" when a signal cut the run short
    _per_file: dict[tuple[bool, str], int] = field(default_factory=dict, repr=False, compare=False)

    @property
    def new(self) -> int:
        """Articles written that were not in the index before."""
        return self.indexed - self.updated

    def fail(self, path: str, reason: str) -> None:
        """Record one failed input."""
        self.failed += 1
        self._keep(Failure(path, reason))

    def skip(self, path: str, reason: str) -> None:
        """Record one input that was read but had nothing to index."""
        self.skipped += 1
        self._keep(Failure(path, reason, skip=True))

    def merge(self, other: IndexReport) -> None:
        """Add another report's counts and failures to this one."""
        self.read += other.read
        self.indexed += other.indexed
        self.updated += other.updated
        self.skipped += other.skipped
        self.failed += other.failed
        self.unchanged += other.unchanged
        for item in (*other.failures, *other.skips):
            self._keep(item)
        for more, extra in (
            (self.more_failures, other.more_failures),
            (self.more_skips, other.more_skips),
        ):
            for name, count in extra.items():
                more[name] = more.get(name, 0) + count

    def add_written(self, written: IndexReport) -> None:
        """Add what a backend's write reported (articles written, updated, failed)."""
        self.indexed += written.indexed
        self.updated += written.updated
        self.failed += written.failed
        for item in written.failures:
            self._keep(item)
        for name, count in written.more_failures.items():
            self.more_failures[name] = self.more_failures.get(name, 0) + count

    def _keep(self, item: Failure) -> None:
        """Keep `item` unless its file has REASONS_PER_FILE reasons already; then count it."""
        name = file_of(item.path)
        key = (item.skip, name)
        if self._per_file.get(key, 0) < REASONS_PER_FILE:
            self._per_file[key] = self._per_file.get(key, 0) + 1
            (self.skips if item.skip else self.failures).append(item)
        else:
            more = self.more_skips if item.skip else self.more_failures
            more[name] = more.get(name, 0) + 1
