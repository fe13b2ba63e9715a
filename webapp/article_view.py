"""An article record as page parts: marked-up body, entity list, other-language segments."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from flask import url_for
from markupsafe import Markup, escape

from indexer.errors import BadQuery
from indexer.search.aliases import AliasExpandingBackend
from indexer.search.base import SearchBackend, SearchRequest
from indexer.search.fields import FACETS
from indexer.search.highlight import match_spans
from indexer.search.plan import plan
from indexer.search.query_syntax import WORD
from webapp.filters import lang_code

ENTITY_LABELS = {
    "person": "People",
    "organization": "Organizations",
    "location": "Places",
    "misc": "Other names",
}
EXCERPT_CHARS = 160  # enough of a foreign-language segment to recognise it
_PARAGRAPH = re.compile(r"[^\n]+")
_SPACES = re.compile(r"\s+")
FIRST_MATCH = "first-match"  # the anchor a hit's link jumps to: the body's first query word


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str  # an entity type, or "date"
    title: str
    url: str | None


@dataclass(frozen=True)
class EntityEntry:
    """One distinct entity: its canonical name, how often it is mentioned, its search link."""

    canonical: str
    mentions: int
    url: str | None
    page_url: str | None = None  # the entity's own page: names, timeline, who it is named with


@dataclass(frozen=True)
class EntityGroup:
    """Entities of one type, most mentioned first."""

    type: str
    label: str
    entries: list[EntityEntry]


@dataclass(frozen=True)
class SegmentView:
    """A stretch of the body in a language other than the article's."""

    language: str
    start: int
    end: int
    confidence: float
    excerpt: str


def entity_url(entity_type: str, canonical: str, entity_id: str = "") -> str | None:
    """The search filtered by this entity (a phrase search for types that are not facets)."""
    if entity_type in FACETS:
        params: dict[str, Any] = {entity_type: entity_id or canonical}
        return url_for("views.search", **params)
    words = WORD.findall(canonical)
    return url_for("views.search", q='"' + " ".join(words) + '"') if words else None


def _same_text(body: str, start: int, end: int, text: Any) -> bool:
    if not isinstance(text, str):
        return False
    return _SPACES.sub(" ", body[start:end]) == _SPACES.sub(" ", text)


def _valid_offsets(item: dict[str, Any], length: int) -> bool:
    start, end = item.get("start"), item.get("end")
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length


def _spans(record: dict[str, Any]) -> list[_Span]:
    """Entity and date mentions whose offsets agree with the body; overlaps dropped."""
    body: str = record.get("body") or ""
    found: list[_Span] = []
    for entity in record.get("entities") or ():
        if not _valid_offsets(entity, len(body)):
            continue
        if not _same_text(body, entity["start"], entity["end"], entity.get("text")):
            continue  # offsets that point elsewhere would mark the wrong words
        kind = str(entity.get("type") or "misc")
        canonical = str(entity.get("canonical") or entity["text"])
        entity_id = str(entity.get("entity_id") or "")
        title = f"{ENTITY_LABELS.get(kind, kind)}: {canonical}"
        found.append(
            _Span(
                entity["start"], entity["end"], kind, title, entity_url(kind, canonical, entity_id)
            )
        )
    for mention in record.get("dates_mentioned") or ():
        if _valid_offsets(mention, len(body)):
            title = str(mention.get("date") or "")
            found.append(_Span(mention["start"], mention["end"], "date", title, None))
    found.sort(key=lambda span: (span.start, -span.end))
    kept: list[_Span] = []
    for span in found:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


class _Highlights:
    """The query words' places in the body, marked as each stretch of it is written out."""

    def __init__(self, body: str, words: list[str], anchor: bool = True) -> None:
        self.spans = match_spans(body, words)
        self.next = 0
        self.anchored = not anchor

    def text(self, body: str, start: int, end: int) -> Markup:
        """body[start:end] escaped, the query words in it in <mark class="hit">."""
        pieces = []
        cursor = start
        while self.next < len(self.spans) and self.spans[self.next][0] < start:
            self.next += 1  # a word across an entity's edge is not marked
        while self.next < len(self.spans) and self.spans[self.next][1] <= end:
            s, e = self.spans[self.next]
            self.next += 1
            pieces.append(escape(body[cursor:s]))
            anchor = Markup("") if self.anchored else Markup(' id="{}"').format(FIRST_MATCH)
            self.anchored = True
            pieces.append(Markup('<mark class="hit"{}>{}</mark>').format(anchor, body[s:e]))
            cursor = e
        pieces.append(escape(body[cursor:end]))
        return Markup("").join(pieces)


def _marked(body: str, start: int, end: int, spans: list[_Span], highlights: _Highlights) -> Markup:
    pieces = []
    cursor = start
    for span in spans:
        pieces.append(highlights.text(body, cursor, span.start))
        text = highlights.text(body, span.start, span.end)
        if span.kind == "date":
            pieces.append(
                Markup('<time datetime="{}" title="{}">{}</time>').format(
                    span.title, span.title, text
                )
            )
        elif span.url:
            pieces.append(
                Markup('<a class="ent ent-{}" href="{}" title="{}">{}</a>').format(
                    span.kind, span.url, span.title, text
                )
            )
        else:
            pieces.append(
                Markup('<mark class="ent ent-{}" title="{}">{}</mark>').format(
                    span.kind, span.title, text
                )
            )
        cursor = span.end
    pieces.append(highlights.text(body, cursor, end))
    return Markup("").join(pieces)


def _language_at(segments: list[dict[str, Any]], start: int, end: int) -> str | None:
    for segment in segments:
        if segment.get("start", 0) <= start and end <= segment.get("end", -1):
            return lang_code(str(segment.get("language") or "")) or None
    return None


def _paragraphs(record: dict[str, Any], words: list[str]) -> Iterator[Markup]:
    body: str = record.get("body") or ""
    spans = _spans(record)
    highlights = _Highlights(body, words)
    segments = [s for s in record.get("segments") or () if isinstance(s, dict)]
    article_language = record.get("language")
    index = 0
    for match in _PARAGRAPH.finditer(body):
        start, end = match.span()
        while index < len(spans) and spans[index].start < start:
            index += 1  # spans across a paragraph break are not drawn
        inside = []
        while index < len(spans) and spans[index].end <= end:
            inside.append(spans[index])
            index += 1
        if not body[start:end].strip():
            continue
        language = _language_at(segments, start, end)
        if language and language != article_language:
            yield Markup('<p lang="{}" dir="auto">{}</p>').format(
                language, _marked(body, start, end, inside, highlights)
            )
        else:
            yield Markup('<p dir="auto">{}</p>').format(
                _marked(body, start, end, inside, highlights)
            )


def body_html(record: dict[str, Any], words: list[str] | None = None) -> Markup:
    """The body as escaped paragraphs, entity mentions linked, dates and query `words` marked.

    The first query word marked carries the id FIRST_MATCH, which a hit's link jumps to.
    """
    return Markup("\n").join(_paragraphs(record, words or []))


def query_words(backend: SearchBackend, query: str) -> list[str]:
    """The words a search for `query` marks in its snippets (entity names in every script)."""
    if not query.strip():
        return []
    try:
        req = SearchRequest(query=query)
        if isinstance(backend, AliasExpandingBackend):
            req = backend.expand(req)
        return list(plan(req).words)
    except BadQuery:
        return []  # a link edited by hand: the article is still worth showing


def title_html(title: str, words: list[str] | None = None) -> Markup:
    """The title escaped, query `words` in it marked."""
    return _Highlights(title, words or [], anchor=False).text(title, 0, len(title))


def entity_groups(record: dict[str, Any]) -> list[EntityGroup]:
    """Distinct entities per type with mention counts, each linked to a filtered search."""
    counts: dict[tuple[str, str, str], int] = {}
    for entity in record.get("entities") or ():
        kind = str(entity.get("type") or "misc")
        canonical = str(entity.get("canonical") or entity.get("text") or "").strip()
        key = (kind, canonical, str(entity.get("entity_id") or ""))
        if canonical:
            counts[key] = counts.get(key, 0) + 1
    groups = []
    for kind, label in ENTITY_LABELS.items():
        entries = [
            EntityEntry(
                canonical,
                mentions,
                entity_url(kind, canonical, entity_id),
                url_for("views.entity", entity_id=entity_id) if entity_id else None,
            )
            for (k, canonical, entity_id), mentions in counts.items()
            if k == kind
        ]
        entries.sort(key=lambda entry: (-entry.mentions, entry.canonical.lower()))
        if entries:
            groups.append(EntityGroup(kind, label, entries))
    return groups


def other_segments(record: dict[str, Any]) -> list[SegmentView]:
    """Segments of the body whose language differs from the article's."""
    body: str = record.get("body") or ""
    views = []
    for segment in record.get("segments") or ():
        if not isinstance(segment, dict) or not _valid_offsets(segment, len(body)):
            continue
        language = str(segment.get("language") or "und")
        if language == record.get("language"):
            continue
        text = _SPACES.sub(" ", body[segment["start"] : segment["end"]]).strip()
        excerpt = text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS].rstrip() + "…"
        confidence = float(segment.get("confidence") or 0.0)
        views.append(SegmentView(language, segment["start"], segment["end"], confidence, excerpt))
    return views
