"""The ingest's progress: a "loading models" phase, then files and bytes of the total, rates, ETA.

On a terminal it is one line, redrawn twice a second; otherwise (a log, a pipe) a plain line
at each commit, so the last line says how much a kill could not have lost.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from typing import TextIO

from indexer.ingest_state import Seen

_REDRAW_S = 0.5  # terminal redraws: smooth enough, and cheap
_PLAIN_EVERY_S = 10.0  # plain lines while loading or when no commit comes
_MB = 1_000_000
# Held while a line is written, and across a fork (workers fork from the ingest): a fork in
# the middle of a write would leave the child's copy of the stream's lock held forever.
_WRITING = threading.Lock()
os.register_at_fork(
    before=_WRITING.acquire, after_in_parent=_WRITING.release, after_in_child=_WRITING.release
)


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


def _position(path: str) -> int:
    """How far this process has read into `path`, from /proc (0 where there is no /proc)."""
    try:
        for fd in os.listdir("/proc/self/fd"):
            try:
                if os.readlink(f"/proc/self/fd/{fd}") != path:
                    continue
                with open(f"/proc/self/fdinfo/{fd}") as info:
                    for line in info:
                        if line.startswith("pos:"):
                            return int(line.split()[1])
            except OSError:
                continue
    except OSError:
        pass
    return 0


class IngestProgress:
    """A RunWatcher that draws the progress of one ingest on `stream`."""

    def __init__(self, stream: TextIO, tty: bool | None = None, enabled: bool = True) -> None:
        self.stream = stream
        self.tty = stream.isatty() if tty is None else tty
        self.enabled = enabled
        self._lock = threading.Lock()
        self._phase = "walk"
        self._since = time.monotonic()
        self._files: Sequence[Seen] = ()
        self._real: list[str] = []
        self._total_bytes = 0
        self._unchanged = 0
        self._done_files = 0
        self._done_bytes = 0
        self._articles = 0
        self._committed = 0
        self._new = 0
        self._last_plain = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if enabled:
            self._thread = threading.Thread(target=self._redraw, name="progress", daemon=True)
            self._thread.start()

    # -- RunWatcher -----------------------------------------------------------------------

    def loading(self) -> None:
        """The models start loading."""
        with self._lock:
            self._phase, self._since = "loading", time.monotonic()
        self._plain(force=True)

    def started(self, files: Sequence[Seen], unchanged: int) -> None:
        """Reading starts."""
        with self._lock:
            self._phase, self._since = "ingest", time.monotonic()
            self._files, self._unchanged = files, unchanged
            self._real = [os.path.realpath(seen.path) for seen in files]
            self._total_bytes = sum(max(seen.size, 0) for seen in files)
        self._plain(force=True)

    def read_through(self, files: int, size: int) -> None:
        """So many files, of so many bytes, are read through."""
        with self._lock:
            self._done_files, self._done_bytes = files, size

    def taken(self, articles: int) -> None:
        """So many more articles are on their way into the index."""
        with self._lock:
            self._articles += articles

    def committed(self, indexed: int, new: int) -> None:
        """The index holds everything written so far."""
        with self._lock:
            self._committed, self._new = indexed, new
        self._plain(force=True)

    # -- drawing --------------------------------------------------------------------------

    def line(self) -> str:
        """The progress as one line of text."""
        with self._lock:
            elapsed = time.monotonic() - self._since
            if self._phase == "walk":
                return "looking at the inputs…"
            if self._phase == "loading":
                return f"loading models… {elapsed:.0f} s"
            done_bytes = self._done_bytes
            if self._done_files < len(self._real):
                done_bytes += _position(self._real[self._done_files])
            done_bytes = min(done_bytes, self._total_bytes)
            parts = [
                f"{self._done_files}/{len(self._real)} files",
                f"{done_bytes / _MB:.1f}/{self._total_bytes / _MB:.1f} MB",
                f"{self._articles} articles",
            ]
            if elapsed > 0:
                byte_rate = done_bytes / elapsed
                parts.append(
                    f"{self._articles / elapsed:.1f} articles/s, {byte_rate / _MB:.2f} MB/s"
                )
                if byte_rate > 0 and done_bytes < self._total_bytes:
                    parts.append(f"ETA {_duration((self._total_bytes - done_bytes) / byte_rate)}")
            parts.append(f"committed {self._committed} ({self._new} new)")
            if self._unchanged:
                parts.append(f"{self._unchanged} unchanged files skipped")
            return "ingest: " + " · ".join(parts)

    def _redraw(self) -> None:
        while not self._stop.wait(_REDRAW_S):
            if self.tty:
                self._write(f"\r\x1b[K{self.line()}")
            else:
                self._plain()

    def _plain(self, force: bool = False) -> None:
        """A plain line: at each event, or when none came for a while."""
        if not self.enabled or self.tty:
            return
        now = time.monotonic()
        if force or now - self._last_plain >= _PLAIN_EVERY_S:
            self._last_plain = now
            self._write(self.line() + "\n")

    def _write(self, text: str) -> None:
        try:
            with _WRITING:
                self.stream.write(text)
                self.stream.flush()
        except (OSError, ValueError):
            pass  # a closed pipe must not stop the ingest

    def close(self) -> None:
        """Stop redrawing; leave the last state on screen."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self.enabled and self.tty:
            self._write(f"\r\x1b[K{self.line()}\n")
