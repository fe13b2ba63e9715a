"""The records that flow through the indexer: raw documents in, articles out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

EntityType = Literal["person", "organization", "location", "misc"]
ENTITY_TYPES: tuple[EntityType, ...] = ("person", "organization", "location", "misc")


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
    canonical: str


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
    html: str | None = None
    text: str | None = None
    body: str = ""
    boilerplate: str = ""
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

    def entity_names(self, type_: EntityType) -> list[str]:
        """Distinct canonical names of one entity type, in order of first mention."""
        seen: dict[str, None] = {}
        for entity in self.entities:
            if entity.type == type_:
                seen.setdefault(entity.canonical, None)
        return list(seen)

    @classmethod
    def from_json(cls, record: dict[str, Any]) -> Article:
        """The Article a stored `to_json` record describes; TypeError if its shape differs."""
        fields = dict(record)
        fields["segments"] = tuple(Segment(**s) for s in fields.get("segments", ()))
        fields["entities"] = tuple(Entity(**e) for e in fields.get("entities", ()))
        fields["dates_mentioned"] = tuple(
            DateMention(**d) for d in fields.get("dates_mentioned", ())
        )
        return cls(**fields)

    def to_json(self) -> dict[str, Any]:
        """The stable `newsdesk extract` shape: raw input fields left out."""
        data = asdict(self)
        del data["html"], data["text"]
        return data


@dataclass
class Failure:
    """One input that could not be indexed, and why; `skip` marks inputs passed over on purpose."""

    path: str
    reason: str
    skip: bool = False


@dataclass
class IndexReport:
    """What one ingest run did: counts, and every failure with its reason."""

    read: int = 0
    indexed: int = 0
    skipped: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)
    skips: list[Failure] = field(default_factory=list)

    def fail(self, path: str, reason: str) -> None:
        """Record one failed input."""
        self.failed += 1
        self.failures.append(Failure(path, reason))

    def skip(self, path: str, reason: str) -> None:
        """Record one input that was read but had nothing to index."""
        self.skipped += 1
        self.skips.append(Failure(path, reason))

    def merge(self, other: IndexReport) -> None:
        """Add another report's counts and failures to this one."""
        self.read += other.read
        self.indexed += other.indexed
        self.skipped += other.skipped
        self.failed += other.failed
        self.failures.extend(other.failures)
        self.skips.extend(other.skips)
