"""The search wrapper that speaks entities: ids in the index, names and scripts at search time.

Articles are indexed with entity ids (`Entity.value`). Through the entity store this wrapper
widens an entity filter to every id that now means the same entity (merged since) and accepts
a name in place of an id; puts each known entity's other names and scripts into the query
(`SearchRequest.query_variants`) unless the request is `exact`; and names the entity facet
values, folding merged ids together and leaving hidden ones out. Stored articles come back
with their entities' current ids and names, so an analyst's corrections show everywhere at
once and survive `reindex` (which rebuilds from these).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any, Protocol

from indexer.errors import BadQuery
from indexer.model import Article, IndexReport
from indexer.naming.places import place_of
from indexer.search.base import (
    Checkpoint,
    FacetValue,
    SearchBackend,
    SearchRequest,
    SearchResult,
    Suggestion,
)
from indexer.search.fields import ENTITY_FACETS
from indexer.search.name_spelling import name_suggestions
from indexer.search.plan import plan
from indexer.search.query_syntax import WORD
from indexer.search.query_tokens import word_runs


def _can_loosen(req: SearchRequest) -> bool:
    """Whether loosening the request (plan.loosened) changes what it requires."""
    try:
        return plan(req).query != plan(replace(req, loose=True)).query
    except BadQuery:
        return False


def _places_named(query: str, variants: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The runs of the query's words with name variants that name a place, as typed ("UK"
    is one, "uk" is a word) or through a variant, or another entity after "of" ("Ministry of
    Brexit": Brexit alone is not the ministry), lower-case as the variants are keyed."""
    runs = dict.fromkeys(word_runs(query))
    after_of = {run.casefold() for run in _runs_after_of(query)}
    return tuple(
        sorted(
            run.casefold()
            for run in runs
            if run.casefold() in variants
            and (_names_a_place(run, variants[run.casefold()]) or run.casefold() in after_of)
        )
    )


def _names_a_place(run: str, variants: tuple[str, ...]) -> bool:
    """Whether a run typed names a place: itself ("UK"), or its variants ("Russian Federal",
    heard as Российская Федерация, is no word of the body's own)."""
    return place_of(run) is not None or any(place_of(variant) for variant in variants)


def _runs_after_of(query: str) -> set[str]:
    """The runs of capitalised words right after "of" ("Ministry of Brexit": "Brexit")."""
    words = WORD.findall(query)
    runs: set[str] = set()
    for i, word in enumerate(words[:-1]):
        if word.casefold() == "of":
            for j in range(i + 1, len(words)):
                if not words[j][:1].isupper():
                    break
                runs.add(" ".join(words[i + 1 : j + 1]))
    return runs


class EntityLookups(Protocol):
    """What the wrapper asks the entity store (`indexer.search.entity_lookup.EntityLookup`)."""

    def widen(self, type_: str, values: tuple[str, ...]) -> tuple[str, ...]:
        """Filter values joined by every id now meaning the same entity."""

    def labels(
        self, values: Iterable[str], language: str | None = None
    ) -> dict[str, tuple[str, str] | None]:
        """Each value's (current id, display name); None for a hidden entity."""

    def variants(self, query: str) -> dict[str, tuple[str, ...]]:
        """Other names of the entities named in the query, keyed by the words typed."""

    def name_words(self) -> dict[str, int]:
        """The words of known names -> the articles naming them."""

    def close(self) -> None:
        """Release connections."""


class AliasExpandingBackend:
    """A backend whose searches know every name of every entity."""

    def __init__(self, backend: SearchBackend, entities: EntityLookups) -> None:
        self._backend = backend
        self._entities = entities

    def expand(self, req: SearchRequest) -> SearchRequest:
        """The request with entity filters widened and the query's name variants filled in."""

        def widen(facets: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
            return {
                name: self._entities.widen(name, values) if name in ENTITY_FACETS else values
                for name, values in facets.items()
            }

        variants = {} if req.exact or not req.query else self._entities.variants(req.query)
        return replace(
            req,
            filters=widen(req.filters),
            excludes=widen(req.excludes),
            query_variants={**variants, **req.query_variants},
        )

    def search(self, req: SearchRequest) -> SearchResult:
        """Search with widened entity filters and name variants; entity facets named."""
        expanded = self.expand(req)
        result = self._backend.search(expanded)
        if not result.total and not req.strict and _can_loosen(expanded):
            # Nothing matches the phrases or groups typed beside 3+ words: rather than an empty
            # page, the articles that match most, marked as relaxed.
            places = _places_named(req.query, expanded.query_variants)
            loose = self._backend.search(replace(expanded, loose=True, name_places=places))
            if loose.total:
                result = replace(loose, relaxed=True)
        values = [v.value for name in ENTITY_FACETS for v in result.facets.get(name, ())]
        labels = self._entities.labels(values, req.language) if values else {}
        for name in ENTITY_FACETS:
            if name in result.facets:
                result.facets[name] = _named(result.facets[name], labels, req.filters.get(name))
        return result

    def suggest(self, req: SearchRequest) -> list[Suggestion]:
        """Corrected spellings of the query, from the engine's own words; else a misspelt
        name corrected by the names the store knows (in either script)."""
        return self._backend.suggest(req) or name_suggestions(req.query, self._entities.name_words)

    def scan(self, req: SearchRequest) -> Iterator[Article]:
        """Export with widened entity filters; entities with their current ids and names."""
        for article in self._backend.scan(self.expand(req)):
            yield self.current(article, req.language)

    def get(self, article_id: str) -> Article:
        """The stored article, its entities with their current ids and names."""
        return self.current(self._backend.get(article_id))

    def current(self, article: Article, language: str | None = None) -> Article:
        """The article with merges, renames and hides of its entities applied."""
        ids = [e.entity_id for e in article.entities if e.entity_id]
        if not ids:
            return article
        labels = self._entities.labels(ids, language)
        entities = []
        for entity in article.entities:
            label = labels.get(entity.entity_id) if entity.entity_id else None
            if entity.entity_id and label is None:
                continue
            if label is not None:
                entity = replace(entity, entity_id=label[0], canonical=label[1])
            entities.append(entity)
        return replace(article, entities=tuple(entities))

    def create_index(self) -> None:
        """Create the index if it does not exist yet."""
        self._backend.create_index()

    def index(
        self, articles: Iterable[Article], checkpoint: Checkpoint | None = None
    ) -> IndexReport:
        """Add or replace articles (by id), committing as `checkpoint` asks."""
        return self._backend.index(articles, checkpoint)

    def rebuild(self, articles: Iterable[Article]) -> IndexReport:
        """Build a new index from `articles` (entities made current) and swap it in."""
        return self._backend.rebuild(self.current(article) for article in articles)

    def refresh(self) -> None:
        """Make everything indexed so far visible to searches."""
        self._backend.refresh()

    def delete(self, article_id: str) -> None:
        """Remove one article."""
        self._backend.delete(article_id)

    def drop(self) -> None:
        """Remove the whole index."""
        self._backend.drop()

    def count(self) -> int:
        """Number of articles in the index."""
        return self._backend.count()

    def health(self) -> dict[str, Any]:
        """Whether the engine answers, and a few facts about it."""
        return self._backend.health()

    def close(self) -> None:
        """Release files and connections."""
        self._backend.close()
        self._entities.close()


def _named(
    values: list[FacetValue],
    labels: dict[str, tuple[str, str] | None],
    selected: tuple[str, ...] | None,
) -> list[FacetValue]:
    """Facet values under their current ids and display names, hidden ones left out."""
    counts: dict[str, int] = {}
    shown: dict[str, str] = {}
    for value in values:
        label = labels.get(value.value, (value.value, value.value))
        if label is None:
            continue  # hidden by an analyst
        current, display = label
        # Two ids merged since indexing: an article holding both is rare, and counted once
        # per id here until the merge's relabelling has rewritten it.
        counts[current] = counts.get(current, 0) + value.count
        shown[current] = display
    chosen = set(selected or ())
    ordered = sorted(counts, key=lambda v: (v not in chosen, -counts[v], shown[v]))
    return [FacetValue(v, counts[v], shown[v]) for v in ordered]
