"""Budgets for untrusted input files: bytes, compression ratio, record size, nesting, time."""

from __future__ import annotations

import time
from contextvars import ContextVar
from dataclasses import dataclass

from indexer.config import Settings
from indexer.errors import ReadError

MB = 1024 * 1024
# The ratio is judged only past this many decompressed bytes: a short stream of
# repeated markup can compress 100:1 and more, a megabyte of real text does not.
RATIO_FLOOR_BYTES = 1 * MB


class BudgetExceeded(ReadError):
    """A file used up one of its budgets; the reason names the budget and its setting."""


@dataclass(frozen=True)
class ReadLimits:
    """Per-file budgets, from Settings (NEWSDESK_MAX_*); the defaults suit real news inputs."""

    file_bytes: int = Settings.max_file_mb * MB
    compression_ratio: float = Settings.max_compression_ratio
    record_bytes: int = Settings.max_record_mb * MB
    json_depth: int = Settings.max_json_depth
    file_seconds: float = Settings.max_file_seconds
    follow_symlinks: bool = Settings.follow_symlinks

    @classmethod
    def from_settings(cls, settings: Settings) -> ReadLimits:
        """The limits a run's settings ask for."""
        return cls(
            file_bytes=settings.max_file_mb * MB,
            compression_ratio=settings.max_compression_ratio,
            record_bytes=settings.max_record_mb * MB,
            json_depth=settings.max_json_depth,
            file_seconds=settings.max_file_seconds,
            follow_symlinks=settings.follow_symlinks,
        )


class Budget:
    """One file's spending: bytes read (and the compressed bytes behind them) and reading time.

    Time counts only while the reader runs, not while the caller works on what it yielded
    (in a one-process ingest the pipeline runs between two records of the same file).
    """

    def __init__(self, limits: ReadLimits) -> None:
        self.limits = limits
        self.raw_bytes = 0  # bytes taken from disk (compressed, for a .gz)
        self.bytes = 0  # bytes handed to the reader (decompressed)
        self._spent = 0.0
        self._since: float | None = None

    def resume(self) -> None:
        """The reader runs again."""
        self._since = time.monotonic()

    def pause(self) -> None:
        """The reader handed something back; stop its clock."""
        if self._since is not None:
            self._spent += time.monotonic() - self._since
            self._since = None

    def seconds(self) -> float:
        """Reading time so far."""
        running = time.monotonic() - self._since if self._since is not None else 0.0
        return self._spent + running

    def check_time(self) -> None:
        """Raise once the file has taken longer than its time budget."""
        if self.seconds() > self.limits.file_seconds:
            raise BudgetExceeded(
                f"reading took longer than {self.limits.file_seconds:g} s "
                "(NEWSDESK_MAX_FILE_SECONDS); stopped"
            )

    def add(self, decompressed: int, compressed: int | None = None) -> None:
        """Count bytes read; raise when the file grows past its byte or ratio budget."""
        self.bytes += decompressed
        limits = self.limits
        if self.bytes > limits.file_bytes:
            raise BudgetExceeded(
                f"more than {limits.file_bytes // MB} MB of data (NEWSDESK_MAX_FILE_MB); stopped"
            )
        if compressed is not None:
            self.raw_bytes = compressed
            ratio = self.bytes / max(compressed, 1)
            if self.bytes > RATIO_FLOOR_BYTES and ratio > limits.compression_ratio:
                raise BudgetExceeded(
                    f"decompresses more than {limits.compression_ratio:g} times its size "
                    "(a compression bomb? NEWSDESK_MAX_COMPRESSION_RATIO); stopped"
                )
        self.check_time()


# The budget of the file being read. Set around each step of a reader by read_paths, so that
# readers keep their one-argument signature; outside a run, a fresh default budget applies.
CURRENT: ContextVar[Budget | None] = ContextVar("read_budget", default=None)


def current_budget() -> Budget:
    """The budget of the file being read (a default one outside read_paths)."""
    return CURRENT.get() or Budget(ReadLimits())
