"""The persistent entity table: every alias ever seen, mapped to one canonical entity.

SQLite in WAL mode under `settings.data_dir`, so several ingest processes can
share it: each article's entities are resolved in one short write transaction.
"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from indexer.alias_store import FILENAME, aliases_in
from indexer.config import Settings
from indexer.entities.aliases import Cluster, canonical_is_better
from indexer.entities.noise import name_key
from indexer.model import EntityType

# Seconds a writer waits for another process's transaction; each holds the lock
# for one article (milliseconds), so this only matters under heavy contention.
BUSY_TIMEOUT_S = 60.0
SETUP_RETRY_S = 0.02
SCHEMA = """
CREATE TABLE IF NOT EXISTS entity (
    id INTEGER PRIMARY KEY,
    canonical TEXT NOT NULL,
    type TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS alias (
    key TEXT NOT NULL,
    type TEXT NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entity(id),
    name TEXT NOT NULL,
    short INTEGER NOT NULL,
    PRIMARY KEY (key, type, entity_id)
);
CREATE INDEX IF NOT EXISTS alias_entity ON alias (entity_id);
"""


def _prepare(connection: sqlite3.Connection) -> None:
    """Switch a new file to WAL and make the schema, racing other processes doing the same.

    SQLite answers "database is locked" at once, without waiting out the busy
    timeout, when two connections try to change the journal mode together, so the
    set-up is retried until one of them has done it.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.executescript(SCHEMA)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(SETUP_RETRY_S)


class EntityTable:
    """Alias -> canonical entity, learnt across articles and kept on disk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._pid = 0

    @classmethod
    def for_settings(cls, settings: Settings) -> EntityTable:
        """The table under `settings.data_dir` (a `ctx.resource` factory)."""
        return cls(Path(settings.data_dir) / FILENAME)

    def __getstate__(self) -> dict[str, Any]:
        # A SQLite connection must not cross processes; each opens its own.
        return {"path": self.path, "_connection": None, "_pid": 0}

    @property
    def db(self) -> sqlite3.Connection:
        """This process's connection, opened (and the schema made) on first use."""
        if self._connection is None or self._pid != os.getpid():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            _prepare(connection)
            self._connection, self._pid = connection, os.getpid()
        return self._connection

    def close(self) -> None:
        """Close this process's connection; everything is already committed."""
        if self._connection is not None and self._pid == os.getpid():
            self._connection.close()
        self._connection = None

    def resolve(self, clusters: Sequence[Cluster]) -> list[tuple[str, EntityType]]:
        """(canonical name, type) of one article's entities, learning their aliases on the way.

        The type is the cluster's own, unless the model only said "misc" and the table
        knows the name as exactly one person, organisation or place.
        """
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            resolved = [self._resolve_one(db, cluster) for cluster in clusters]
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        return resolved

    def canonical_of(self, name: str, type_: str) -> str | None:
        """The canonical name `name` resolves to, or None when it is unknown or ambiguous."""
        entity = _lookup(self.db, [name_key(name)], type_)
        if entity is None:
            return None
        row = self.db.execute("SELECT canonical FROM entity WHERE id = ?", (entity,)).fetchone()
        return str(row[0])

    def aliases_of(self, canonical: str, type_: str) -> list[str]:
        """Every surface name known for the entity called `canonical` (itself included)."""
        return aliases_in(self.db, canonical, type_)

    def _resolve_one(self, db: sqlite3.Connection, cluster: Cluster) -> tuple[str, EntityType]:
        keys = {name_key(name): name for name in cluster.names}
        entities = _full_matches(db, list(keys), cluster.type)
        if not entities and all(len(key.split()) < 2 for key in keys):
            # Only a surname: it names a known person when no other entity shares it.
            short = _lookup(db, list(keys), cluster.type)
            entities = [short] if short is not None else []
        if not entities and cluster.type == "misc" and not cluster.type_fixed:
            known = _other_type_match(db, list(keys), cluster.type)
            if known is not None:
                cluster = dataclasses.replace(cluster, type=known[1])
                entities = [known[0]]
        if entities:
            entity = entities[0]
            for other in entities[1:]:
                _merge(db, entity, other)
            canonical = _upgrade(db, entity, cluster)
        else:
            cursor = db.execute(
                "INSERT INTO entity (canonical, type) VALUES (?, ?)",
                (cluster.canonical, cluster.type),
            )
            entity, canonical = int(cursor.lastrowid or 0), cluster.canonical
        for key, name in keys.items():
            db.execute(
                "INSERT OR IGNORE INTO alias VALUES (?, ?, ?, ?, 0)",
                (key, cluster.type, entity, name),
            )
        for name in cluster.short_names:
            db.execute(
                "INSERT OR IGNORE INTO alias VALUES (?, ?, ?, ?, 1)",
                (name_key(name), cluster.type, entity, name),
            )
        return canonical, cluster.type


def _full_matches(db: sqlite3.Connection, keys: list[str], type_: str) -> list[int]:
    """Entities (oldest first) that one of `keys` already names in full."""
    marks = ",".join("?" * len(keys))
    rows = db.execute(
        f"SELECT DISTINCT entity_id FROM alias WHERE type = ? AND short = 0 AND key IN ({marks})"
        " ORDER BY entity_id",
        (type_, *keys),
    ).fetchall()
    return [int(row[0]) for row in rows]


def _other_type_match(
    db: sqlite3.Connection, keys: list[str], type_: str
) -> tuple[int, EntityType] | None:
    """The one entity of another type that `keys` name in full, with its type."""
    marks = ",".join("?" * len(keys))
    rows = db.execute(
        f"SELECT DISTINCT a.entity_id, e.type FROM alias a JOIN entity e ON e.id = a.entity_id"
        f" WHERE a.type != ? AND a.short = 0 AND a.key IN ({marks})",
        (type_, *keys),
    ).fetchall()
    return (int(rows[0][0]), rows[0][1]) if len(rows) == 1 else None


def _lookup(db: sqlite3.Connection, keys: list[str], type_: str) -> int | None:
    """The one entity `keys` name: in full, else by a surname that only one entity has."""
    if not keys:
        return None
    full = _full_matches(db, keys, type_)
    if full:
        return full[0]
    marks = ",".join("?" * len(keys))
    rows = db.execute(
        f"SELECT DISTINCT entity_id FROM alias WHERE type = ? AND short = 1 AND key IN ({marks})",
        (type_, *keys),
    ).fetchall()
    return int(rows[0][0]) if len(rows) == 1 else None


def _merge(db: sqlite3.Connection, keep: int, other: int) -> None:
    """An article said two known entities are one: move `other`'s aliases to `keep`."""
    db.execute("UPDATE OR IGNORE alias SET entity_id = ? WHERE entity_id = ?", (keep, other))
    db.execute("DELETE FROM alias WHERE entity_id = ?", (other,))
    (canonical,) = db.execute("SELECT canonical FROM entity WHERE id = ?", (other,)).fetchone()
    (type_,) = db.execute("SELECT type FROM entity WHERE id = ?", (keep,)).fetchone()
    (current,) = db.execute("SELECT canonical FROM entity WHERE id = ?", (keep,)).fetchone()
    if canonical_is_better(canonical, current, type_):
        db.execute("UPDATE entity SET canonical = ? WHERE id = ?", (canonical, keep))
    db.execute("DELETE FROM entity WHERE id = ?", (other,))


def _upgrade(db: sqlite3.Connection, entity: int, cluster: Cluster) -> str:
    """The entity's canonical name, replaced when this article spells it out better."""
    (current,) = db.execute("SELECT canonical FROM entity WHERE id = ?", (entity,)).fetchone()
    if canonical_is_better(cluster.canonical, current, cluster.type):
        db.execute("UPDATE entity SET canonical = ? WHERE id = ?", (cluster.canonical, entity))
        return cluster.canonical
    return str(current)
