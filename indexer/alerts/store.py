"""Saved searches, their alert outbox and what was sent, in SQLite under the data folder."""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from indexer.search.base import SearchRequest
from indexer.search.params import params_from_request, request_from_params

FILENAME = "alerts.sqlite"
MAX_NAME_CHARS = 200

_SCHEMA = """
CREATE TABLE IF NOT EXISTS saved_searches (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    params TEXT NOT NULL,
    created_at REAL NOT NULL,
    opened_at REAL NOT NULL,
    alerted_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS outbox (
    message_id TEXT PRIMARY KEY,
    search_id INTEGER NOT NULL,
    article_ids TEXT NOT NULL,
    created_at REAL NOT NULL,
    delivered_at REAL
);
CREATE TABLE IF NOT EXISTS sent (
    search_id INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    sent_at REAL NOT NULL,
    PRIMARY KEY (search_id, article_id)
);
"""


@dataclass(frozen=True)
class SavedSearch:
    """A named search in the app's parameter form, and when it was last opened and alerted."""

    id: int
    name: str
    params: dict[str, list[str]]
    created_at: float
    opened_at: float
    alerted_at: float

    def request(self) -> SearchRequest:
        """The search as the app runs it (filters added later keep working: it is parameters)."""
        return request_from_params(self.params, strict=False)

    def since(self, moment: float) -> SearchRequest:
        """The same search, limited to articles written to the index from `moment` on."""
        return replace(self.request(), indexed_since=datetime.fromtimestamp(moment, UTC))


@dataclass(frozen=True)
class Pending:
    """An alert message written to the outbox, not yet confirmed delivered."""

    message_id: str
    search_id: int
    article_ids: list[str]


def search_params(req: SearchRequest) -> dict[str, list[str]]:
    """The parameters that define a search: paging left out, every value a list of strings."""
    params = params_from_request(req)
    params.pop("page", None)
    params.pop("page_size", None)
    return {k: [str(x) for x in v] if isinstance(v, list) else [str(v)] for k, v in params.items()}


class AlertStore:
    """Saved searches, the outbox and the sent log in `data_dir/alerts.sqlite`."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(data_dir / FILENAME, timeout=30, isolation_level=None)
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

    @staticmethod
    def _saved(row: Mapping[str, Any]) -> SavedSearch:
        return SavedSearch(**{**dict(row), "params": json.loads(row["params"])})

    def save(self, name: str, req: SearchRequest) -> SavedSearch:
        """Save a search; new articles count from now on."""
        name = " ".join(name.split())[:MAX_NAME_CHARS] or req.query or "Saved search"
        now = time.time()
        params = json.dumps(search_params(req), ensure_ascii=False, sort_keys=True)
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO saved_searches (name, params, created_at, opened_at, alerted_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (name, params, now, now, now),
            )
        found = self.get(int(cursor.lastrowid or 0))
        assert found is not None
        return found

    def get(self, search_id: int) -> SavedSearch | None:
        """One saved search by id."""
        row = self._db.execute("SELECT * FROM saved_searches WHERE id = ?", (search_id,))
        found = row.fetchone()
        return self._saved(found) if found else None

    def all(self) -> list[SavedSearch]:
        """Every saved search, in the order saved."""
        rows = self._db.execute("SELECT * FROM saved_searches ORDER BY id")
        return [self._saved(row) for row in rows]

    def delete(self, search_id: int) -> bool:
        """Forget a saved search, its outbox and its sent log."""
        with self._transaction() as db:
            gone = db.execute("DELETE FROM saved_searches WHERE id = ?", (search_id,)).rowcount
            db.execute("DELETE FROM outbox WHERE search_id = ?", (search_id,))
            db.execute("DELETE FROM sent WHERE search_id = ?", (search_id,))
        return bool(gone)

    def mark_opened(self, search_id: int, moment: float | None = None) -> None:
        """The user looked at the search: its "new" count starts again from now."""
        with self._transaction() as db:
            db.execute(
                "UPDATE saved_searches SET opened_at = ? WHERE id = ?",
                (time.time() if moment is None else moment, search_id),
            )

    def unsent(self, search_id: int, article_ids: Sequence[str]) -> list[str]:
        """The ids never sent (nor queued) for this search, in the given order."""
        if not article_ids:
            return []
        marks = ",".join("?" * len(article_ids))
        sent = {
            row[0]
            for row in self._db.execute(
                f"SELECT article_id FROM sent WHERE search_id = ? AND article_id IN ({marks})",
                (search_id, *article_ids),
            )
        }
        queued = {a for p in self.pending(search_id) for a in p.article_ids}
        return [a for a in article_ids if a not in sent and a not in queued]

    def queue(self, search_id: int, article_ids: list[str], checked_at: float) -> Pending:
        """Write a message to the outbox before sending it, and move the search's watermark."""
        message = Pending(uuid.uuid4().hex, search_id, article_ids)
        with self._transaction() as db:
            db.execute(
                "INSERT INTO outbox (message_id, search_id, article_ids, created_at) "
                "VALUES (?, ?, ?, ?)",
                (message.message_id, search_id, json.dumps(article_ids), time.time()),
            )
            db.execute(
                "UPDATE saved_searches SET alerted_at = ? WHERE id = ?", (checked_at, search_id)
            )
        return message

    def checked(self, search_id: int, checked_at: float) -> None:
        """Nothing new this time: only move the watermark."""
        with self._transaction() as db:
            db.execute(
                "UPDATE saved_searches SET alerted_at = ? WHERE id = ?", (checked_at, search_id)
            )

    def pending(self, search_id: int | None = None) -> list[Pending]:
        """Messages queued but not confirmed delivered (an interrupted run leaves them)."""
        query = "SELECT * FROM outbox WHERE delivered_at IS NULL"
        args: tuple[int, ...] = ()
        if search_id is not None:
            query, args = query + " AND search_id = ?", (search_id,)
        rows = self._db.execute(query + " ORDER BY created_at", args)
        return [
            Pending(r["message_id"], r["search_id"], json.loads(r["article_ids"])) for r in rows
        ]

    def delivered(self, message: Pending) -> None:
        """Record a delivery: its articles are never sent for this search again."""
        now = time.time()
        with self._transaction() as db:
            db.execute(
                "UPDATE outbox SET delivered_at = ? WHERE message_id = ?",
                (now, message.message_id),
            )
            db.executemany(
                "INSERT OR IGNORE INTO sent (search_id, article_id, message_id, sent_at) "
                "VALUES (?, ?, ?, ?)",
                [(message.search_id, a, message.message_id, now) for a in message.article_ids],
            )

    def sent_count(self, search_id: int) -> int:
        """How many articles were sent for this search."""
        row = self._db.execute("SELECT count(*) FROM sent WHERE search_id = ?", (search_id,))
        return int(row.fetchone()[0])
