"""The names each entity is known by, on disk: written by ingest, read by search.

One SQLite file under the data directory. The ingest side (`indexer.entities.table`) learns
aliases into it; the search side widens an entity filter to every name of that entity through
an `AliasStore`, handed to the backend wrapper explicitly (`indexer.search.open_backend`).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from indexer.entities.noise import name_key

FILENAME = "entities.sqlite"


def aliases_in(db: sqlite3.Connection, canonical: str, type_: str) -> list[str]:
    """Every surface name of the entity that `canonical` names in full (itself included)."""
    rows = db.execute(
        "SELECT DISTINCT a.name FROM alias a JOIN entity e ON e.id = a.entity_id"
        " WHERE e.id IN (SELECT entity_id FROM alias WHERE key = ? AND type = ? AND short = 0)"
        " ORDER BY a.short, a.name",
        (name_key(canonical), type_),
    ).fetchall()
    names = [str(row[0]) for row in rows]
    return names or [canonical]


class AliasStore:
    """Read-only lookups in the alias file; a missing or busy file knows no aliases."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def widen(self, names: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        """Each entity type's names joined by every known alias of each, in a stable order."""
        if not names or not self.path.exists():
            return names
        # A read-only connection per call: cheap, and safe in any web server thread.
        try:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        except sqlite3.Error:
            return names
        try:
            widened = {}
            for type_, values in names.items():
                found: dict[str, None] = {}
                for value in values:
                    found.update(dict.fromkeys([value, *aliases_in(db, value, type_)]))
                widened[type_] = tuple(found)
            return widened
        except sqlite3.Error:
            return names  # a table being rebuilt must not break searching
        finally:
            db.close()
