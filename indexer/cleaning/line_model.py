"""Cross-page learning: lines that recur on many pages of one source are page furniture.

Counts live in SQLite under `settings.data_dir`, as "on how many distinct pages
of this source did this (normalised) line appear". Each run adds its pages as
increments on close, so parallel workers and later runs add up instead of
overwriting one another.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from indexer.config import Settings

log = logging.getLogger(__name__)

FILE_NAME = "line_model.sqlite3"
# A line on this many other pages of the same source is furniture: two could
# be a follow-up story quoting itself, three is a template.
MIN_PAGES = 3
# Long lines (real paragraphs) must also recur on this share of the source's
# pages, so that a background paragraph reused in a few follow-ups stays.
LONG_LINE_CHARS = 200
LONG_LINE_SHARE = 0.05
# Bound the work and storage per page: the furniture is in the first lines.
MAX_LINES_PER_PAGE = 1000
# Keys of recent lines are cached: a page's lines are keyed for the lookup and
# again when counted, and template lines recur on every page of a source.
KEY_CACHE_SIZE = 20_000
# SQLite limits the number of bound parameters in one statement.
QUERY_CHUNK = 500

_DIGITS = re.compile(r"\d+")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS line_pages (
    source TEXT NOT NULL, line INTEGER NOT NULL, pages INTEGER NOT NULL,
    PRIMARY KEY (source, line)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seen_pages (
    source TEXT NOT NULL, page TEXT NOT NULL, PRIMARY KEY (source, page)
) WITHOUT ROWID;
"""


@lru_cache(maxsize=KEY_CACHE_SIZE)
def line_key(line: str) -> int:
    """A 63-bit key for a line, equal for lines that differ only in case, spacing or numbers."""
    normal = _DIGITS.sub("0", " ".join(line.lower().split()))
    digest = hashlib.blake2b(normal.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


class LineModel:
    """Per-source page counts of lines, read from and saved to one SQLite file."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._db = self._connect(path)
        self._new_counts: dict[tuple[str, int], int] = {}
        self._new_pages: set[tuple[str, str]] = set()
        self._page_totals: dict[str, int] = {}

    @classmethod
    def open(cls, settings: Settings) -> LineModel:
        """The model stored under `settings.data_dir` (the factory for ctx.resource)."""
        return cls(Path(settings.data_dir) / FILE_NAME)

    @staticmethod
    def _connect(path: Path | None) -> sqlite3.Connection:
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(path, timeout=30)
                db.executescript(_SCHEMA)
                return db
            except (OSError, sqlite3.Error) as exc:
                log.warning("line model at %s unavailable (%s); learning in memory only", path, exc)
        db = sqlite3.connect(":memory:")
        db.executescript(_SCHEMA)
        return db

    def page_total(self, source: str) -> int:
        """How many distinct pages of `source` the model has seen."""
        if source not in self._page_totals:
            row = self._db.execute(
                "SELECT COUNT(*) FROM seen_pages WHERE source = ?", (source,)
            ).fetchone()
            self._page_totals[source] = int(row[0])
        return self._page_totals[source]

    def has_page(self, source: str, page: str) -> bool:
        """Whether this page (by id) was already counted for `source`."""
        if (source, page) in self._new_pages:
            return True
        row = self._db.execute(
            "SELECT 1 FROM seen_pages WHERE source = ? AND page = ?", (source, page)
        ).fetchone()
        return row is not None

    def counts(self, source: str, lines: Iterable[str]) -> dict[int, int]:
        """Pages of `source` on which each of `lines` was seen, keyed by line_key."""
        keys = list({line_key(line) for line in lines})
        found: dict[int, int] = dict.fromkeys(keys, 0)
        for start in range(0, len(keys), QUERY_CHUNK):
            chunk = keys[start : start + QUERY_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT line, pages FROM line_pages WHERE source = ? AND line IN ({marks})",
                (source, *chunk),
            )
            for key, pages in rows:
                found[key] += pages
        for key in keys:
            found[key] += self._new_counts.get((source, key), 0)
        return found

    def recurring(self, source: str, lines: list[str], page: str) -> set[str]:
        """The lines of one page that recur on enough other pages of its source."""
        counts = self.counts(source, lines)
        # A page seen in an earlier run is in the counts itself; do not count it twice.
        own = 1 if self.has_page(source, page) else 0
        total = max(self.page_total(source) - own, 0)
        result = set()
        for line in lines:
            others = counts[line_key(line)] - own
            if others < MIN_PAGES:
                continue
            if len(line) >= LONG_LINE_CHARS and others < LONG_LINE_SHARE * total:
                continue
            result.add(line)
        return result

    def observe(self, source: str, page: str, lines: Iterable[str]) -> None:
        """Count the distinct lines of one page (once per page id)."""
        if self.has_page(source, page):
            return
        self._new_pages.add((source, page))
        self._page_totals[source] = self.page_total(source) + 1
        keys: set[int] = set()
        for line in lines:
            if len(keys) >= MAX_LINES_PER_PAGE:
                break
            keys.add(line_key(line))
        for key in keys:
            self._new_counts[(source, key)] = self._new_counts.get((source, key), 0) + 1

    def save(self) -> None:
        """Add this run's counts to the file (increments, so concurrent runs merge)."""
        with self._db:
            self._db.executemany(
                "INSERT INTO line_pages (source, line, pages) VALUES (?, ?, ?) "
                "ON CONFLICT (source, line) DO UPDATE SET pages = pages + excluded.pages",
                [(source, key, count) for (source, key), count in self._new_counts.items()],
            )
            self._db.executemany(
                "INSERT OR IGNORE INTO seen_pages (source, page) VALUES (?, ?)",
                sorted(self._new_pages),
            )
        self._new_counts.clear()
        self._new_pages.clear()

    def close(self) -> None:
        """Save and close the file (called by Context.close at the end of a run)."""
        try:
            self.save()
        finally:
            self._db.close()
