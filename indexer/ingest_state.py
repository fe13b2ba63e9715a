"""Which input files an index already holds, so a re-run reads only what is new or changed.

A file is recorded only after the commit that holds its articles, and only when nothing in
it failed (a failure may be passing: a file being written, a model that did not load). A
file counts as unchanged when its size and mtime match the record, or, when only the mtime
differs (a copy, a touch), when its content hash does.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from indexer.config import Settings

_HASH_BLOCK = 1 << 20
_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class Seen:
    """A file as the walk found it: where, how big, when last modified."""

    path: Path
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> Seen:
        """Stat `path` (following a symlink, as the reader will)."""
        status = path.stat()
        return cls(path, status.st_size, status.st_mtime_ns)

    @property
    def key(self) -> str:
        """The record's key: the absolute path, so a run from another folder still matches."""
        return os.path.abspath(self.path)

    @property
    def stored_key(self) -> str:
        """`key` as SQLite can hold it: a name that is not UTF-8 keeps its bytes as escapes."""
        return self.key.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def state_path(settings: Settings) -> Path:
    """The state file beside the index this ingest writes to."""
    if settings.backend == "elasticsearch":
        return settings.data_dir / f"ingested-elasticsearch-{settings.index_name}.sqlite"
    index = settings.embedded_index_path
    return index.with_name(index.name + ".ingested.sqlite")


def content_hash(path: Path) -> str:
    """SHA-256 of the file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(_HASH_BLOCK):
            digest.update(block)
    return digest.hexdigest()


class IngestState:
    """The SQLite record of files indexed: path, size, mtime, content hash."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path)
        self._db.execute(_SCHEMA)
        self._db.commit()

    def unchanged(self, seen: Seen) -> bool:
        """True when `seen` was indexed before and its content is the same."""
        row = self._db.execute(
            "SELECT size, mtime_ns, sha256 FROM files WHERE path = ?", (seen.stored_key,)
        ).fetchone()
        if row is None or row[0] != seen.size:
            return False
        if row[1] == seen.mtime_ns:
            return True
        try:
            same = content_hash(seen.path) == str(row[2])
        except OSError:
            return False
        if same:  # remember the new mtime, so the next run need not hash it again
            self._db.execute(
                "UPDATE files SET mtime_ns = ? WHERE path = ?", (seen.mtime_ns, seen.stored_key)
            )
            self._db.commit()
        return same

    def record(self, files: Iterable[Seen]) -> None:
        """Mark files as indexed (called after the commit holding their articles)."""
        rows = []
        for seen in files:
            try:
                if Seen.of(seen.path) != seen:
                    continue  # changed since it was read: read it again next time
                rows.append((seen.stored_key, seen.size, seen.mtime_ns, content_hash(seen.path)))
            except OSError:
                continue  # gone since it was read: likewise
        self._db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", rows)
        self._db.commit()

    def forget(self) -> None:
        """Forget every file (the index is empty: nothing in it came from them)."""
        self._db.execute("DELETE FROM files")
        self._db.commit()

    def close(self) -> None:
        """Close the database."""
        self._db.close()
