"""Entity filters that also find articles stored under an alias learnt later.

An article indexed before the entity table knew that "ISIS" is the Islamic State of Iraq and
the Levant keeps "ISIS" as its facet value; filtering by the canonical name still finds it
because the filter is widened to every known alias at search time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any, Protocol

from indexer.model import Article, IndexReport
from indexer.search.base import SearchBackend, SearchRequest, SearchResult
from indexer.search.fields import ENTITY_FACETS


class AliasLookup(Protocol):
    """Where the names of each entity are kept (`indexer.alias_store.AliasStore`)."""

    def widen(self, names: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        """Each entity type's names joined by every known alias of each."""


class AliasExpandingBackend:
    """A backend whose searches widen entity filters with the known aliases."""

    def __init__(self, backend: SearchBackend, aliases: AliasLookup) -> None:
        self._backend = backend
        self._aliases = aliases

    def expand(self, req: SearchRequest) -> SearchRequest:
        """The request with each entity filter value joined by its known aliases."""

        def widen(facets: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
            names: dict[str, tuple[str, ...]] = {
                name: values for name, values in facets.items() if name in ENTITY_FACETS
            }
            return {**facets, **self._aliases.widen(names)} if names else facets

        return replace(req, filters=widen(req.filters), excludes=widen(req.excludes))

    def search(self, req: SearchRequest) -> SearchResult:
        """Search with widened entity filters."""
        return self._backend.search(self.expand(req))

    def scan(self, req: SearchRequest) -> Iterator[Article]:
        """Export with widened entity filters."""
        return self._backend.scan(self.expand(req))

    def create_index(self) -> None:
        """Create the index if it does not exist yet."""
        self._backend.create_index()

    def index(self, articles: Iterable[Article]) -> IndexReport:
        """Add or replace articles (by id)."""
        return self._backend.index(articles)

    def rebuild(self, articles: Iterable[Article]) -> IndexReport:
        """Build a new index from `articles` beside the live one and swap it in."""
        return self._backend.rebuild(articles)

    def refresh(self) -> None:
        """Make everything indexed so far visible to searches."""
        self._backend.refresh()

    def get(self, article_id: str) -> Article:
        """The stored article."""
        return self._backend.get(article_id)

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
