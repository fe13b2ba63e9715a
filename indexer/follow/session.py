"""A polling session: the store, a polite fetcher, the archive, the backend and the pipeline."""

from __future__ import annotations

import fcntl
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from indexer.config import Settings
from indexer.follow.archive import ARCHIVE_DIR, ResponseArchive
from indexer.follow.fetch import Fetcher
from indexer.follow.poll import Poller, PollResult
from indexer.follow.store import FollowStore
from indexer.ingest import Runner, open_runner
from indexer.model import Article, Failure, IndexReport
from indexer.pipeline import chunks
from indexer.search import SearchBackend, open_backend

FOLLOW_DIR = "follow"  # under settings.data_dir: the store's neighbours (archive, lock)
LOCK_FILE = "poll.lock"
# `--forever` looks at the schedule this often (one small SQLite query), so a source added or
# re-added by another process is polled within this many seconds.
MAX_IDLE_S = 5.0


def follow_dir(settings: Settings) -> Path:
    """Where following keeps its state: the database, the web archives, the lock."""
    return settings.data_dir / FOLLOW_DIR


class PollLockedError(RuntimeError):
    """Another `follow run` is polling the same data folder."""


class FollowSession:
    """Everything one `follow run` needs, opened once (models stay loaded between polls)."""

    def __init__(self, settings: Settings, fetcher: Fetcher | None = None) -> None:
        folder = follow_dir(settings)
        folder.mkdir(parents=True, exist_ok=True)
        self._lock = open(folder / LOCK_FILE, "w")  # noqa: SIM115 - held for the session
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise PollLockedError(f"another `follow run` is using {folder}") from None
        self.store = FollowStore(folder)
        self.fetcher = fetcher or Fetcher()
        self.backend: SearchBackend = open_backend(settings)
        self._runner_scope = open_runner(settings)
        self.runner: Runner = self._runner_scope.__enter__()
        self.poller = Poller(
            self.store, self.fetcher, ResponseArchive(folder / ARCHIVE_DIR), self.index
        )

    def index(self, items: list[Article | Failure]) -> IndexReport:
        """Run raw articles through the ingest pipeline into the backend."""
        report = IndexReport()

        def processed() -> Iterator[Article]:
            for articles, part in self.runner.run(chunks(items, report)):
                report.merge(part)
                yield from articles

        self.backend.create_index()
        written = self.backend.index(processed())
        report.indexed += written.indexed
        report.failed += written.failed
        report.failures.extend(written.failures)
        return report

    def run_once(self, force: bool = False) -> list[PollResult]:
        """Poll every due source once (every source with `force`)."""
        return self.poller.run_due(force=force)

    def seconds_to_next(self) -> float:
        """How long until the next source is due (at most MAX_IDLE_S)."""
        upcoming = [s.next_poll_at for s in self.store.sources()]
        if not upcoming:
            return MAX_IDLE_S
        return max(0.0, min(MAX_IDLE_S, min(upcoming) - time.time()))

    def run_forever(self, stop: threading.Event) -> Iterator[PollResult]:
        """Poll sources as they come due until `stop` is set; yields each poll's result."""
        while not stop.is_set():
            yield from self.run_once()
            stop.wait(self.seconds_to_next())

    def close(self) -> None:
        """Close everything; the pipeline saves its learned state."""
        try:
            self._runner_scope.__exit__(None, None, None)
        finally:
            self.backend.close()
            self.fetcher.close()
            self.store.close()
            self._lock.close()

    def __enter__(self) -> FollowSession:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
