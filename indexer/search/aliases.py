"""Entity filters that also find articles stored under an alias learnt later.

An article indexed before the entity table knew that "ISIS" is the Islamic State of Iraq and
the Levant keeps "ISIS" as its facet value; filtering by the canonical name still finds it
because the filter is widened to every known alias at search time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from indexer.entities.table import aliases_in
from indexer.search.base import SearchBackend, SearchRequest, SearchResult

ENTITY_FACETS = ("person", "organization", "location")


class AliasExpandingBackend:
    """A backend whose searches widen entity filters with the entity table's aliases."""

    def __init__(self, backend: SearchBackend, table_path: Path) -> None:
        self._backend = backend
        self._table_path = table_path

    def expand(self, req: SearchRequest) -> SearchRequest:
        """The request with each entity filter value joined by its known aliases."""
        wanted = [name for name in ENTITY_FACETS if req.filters.get(name) or req.excludes.get(name)]
        if not wanted or not self._table_path.exists():
            return req
        # A read-only connection per search: cheap, and safe in any web server thread.
        db = sqlite3.connect(f"file:{self._table_path}?mode=ro", uri=True)
        try:

            def widen(facets: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
                widened = dict(facets)
                for name in ENTITY_FACETS:
                    values: dict[str, None] = {}
                    for value in facets.get(name, ()):
                        values.update(dict.fromkeys([value, *aliases_in(db, value, name)]))
                    if values:
                        widened[name] = tuple(values)
                return widened

            return replace(req, filters=widen(req.filters), excludes=widen(req.excludes))
        except sqlite3.Error:
            return req  # a table being rebuilt must not break searching
        finally:
            db.close()

    def search(self, req: SearchRequest) -> SearchResult:
        """Search with widened entity filters."""
        return self._backend.search(self.expand(req))

    def scan(self, req: SearchRequest) -> Iterator[dict[str, Any]]:
        """Export with widened entity filters."""
        return self._backend.scan(self.expand(req))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._backend, name)
