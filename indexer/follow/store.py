"""What is followed and what was seen, in SQLite under the data folder (either backend)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

FILENAME = "follow.sqlite"
DEFAULT_INTERVAL_S = 900  # 15 minutes: news sites update their feeds every few minutes at most
MIN_INTERVAL_S = 60  # faster than this is not polite polling
# After a failed poll, wait this many intervals times the failures in a row (capped).
MAX_BACKOFF_INTERVALS = 16
KINDS = ("feed", "sitemap", "page")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    title TEXT,
    interval_s INTEGER NOT NULL,
    added_at REAL NOT NULL,
    next_poll_at REAL NOT NULL,
    etag TEXT,
    last_modified TEXT,
    last_polled_at REAL,
    last_status TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS seen (
    key TEXT PRIMARY KEY,
    source_id INTEGER,
    article_id TEXT,
    seen_at REAL NOT NULL
);
"""


@dataclass(frozen=True)
class Source:
    """One followed feed, sitemap or page, and the state of its polling."""

    id: int
    url: str
    kind: str
    title: str | None
    interval_s: int
    added_at: float
    next_poll_at: float
    etag: str | None
    last_modified: str | None
    last_polled_at: float | None
    last_status: str | None
    failures: int
    articles: int


class FollowStore:
    """Sources and seen-item keys in `data_dir/follow.sqlite`; safe across processes."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self.path = data_dir / FILENAME
        self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def add(self, url: str, kind: str, interval_s: int, title: str | None = None) -> Source:
        """Follow `url` (or update its kind and interval when already followed); due at once."""
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}")
        interval_s = max(MIN_INTERVAL_S, interval_s)
        now = time.time()
        with self._transaction() as db:
            db.execute(
                "INSERT INTO sources (url, kind, title, interval_s, added_at, next_poll_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET kind = excluded.kind, "
                "interval_s = excluded.interval_s, title = coalesce(excluded.title, title), "
                "next_poll_at = excluded.next_poll_at",
                (url, kind, title, interval_s, now, now),
            )
        found = self.find(url)
        assert found is not None
        return found

    def find(self, key: str) -> Source | None:
        """The source with this id or URL."""
        column = "id" if key.isdigit() else "url"
        row = self._db.execute(f"SELECT * FROM sources WHERE {column} = ?", (key,)).fetchone()
        return Source(**row) if row else None

    def remove(self, key: str) -> bool:
        """Stop following a source (by id or URL); its seen items stay seen."""
        source = self.find(key)
        if source is None:
            return False
        with self._transaction() as db:
            db.execute("DELETE FROM sources WHERE id = ?", (source.id,))
        return True

    def sources(self) -> list[Source]:
        """Every followed source, oldest first."""
        return [Source(**r) for r in self._db.execute("SELECT * FROM sources ORDER BY id")]

    def due(self, now: float) -> list[Source]:
        """Sources whose next poll time has come, the most overdue first."""
        rows = self._db.execute(
            "SELECT * FROM sources WHERE next_poll_at <= ? ORDER BY next_poll_at", (now,)
        )
        return [Source(**r) for r in rows]

    def polled(
        self,
        source: Source,
        status: str,
        ok: bool,
        etag: str | None = None,
        last_modified: str | None = None,
        title: str | None = None,
        articles: int = 0,
        now: float | None = None,
    ) -> None:
        """Record a poll's outcome and schedule the next one (later after failures)."""
        now = time.time() if now is None else now
        failures = 0 if ok else source.failures + 1
        wait = source.interval_s * min(MAX_BACKOFF_INTERVALS, 2**failures if failures else 1)
        with self._transaction() as db:
            db.execute(
                "UPDATE sources SET last_polled_at = ?, last_status = ?, failures = ?, "
                "next_poll_at = ?, etag = coalesce(?, etag), "
                "last_modified = coalesce(?, last_modified), title = coalesce(?, title), "
                "articles = articles + ? WHERE id = ?",
                (
                    now,
                    status,
                    failures,
                    now + wait,
                    etag,
                    last_modified,
                    title,
                    articles,
                    source.id,
                ),
            )

    def unseen(self, keys: Iterable[str]) -> bool:
        """True when none of an item's keys (guid, links) was seen before."""
        keys = list(keys)
        if not keys:
            return True
        marks = ",".join("?" * len(keys))
        row = self._db.execute(f"SELECT 1 FROM seen WHERE key IN ({marks}) LIMIT 1", keys)
        return row.fetchone() is None

    def mark_seen(self, keys: Iterable[str], source_id: int, article_id: str | None) -> None:
        """Remember an item's keys, so that no later poll fetches or indexes it again."""
        now = time.time()
        with self._transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO seen (key, source_id, article_id, seen_at) "
                "VALUES (?, ?, ?, ?)",
                [(key, source_id, article_id, now) for key in keys],
            )
