"""`watch DIR`: index files as they appear or change, once each has been quiet for a moment."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from indexer.readers import iter_files, reader_for

# A file still being written changes between looks; wait until it has been still this long.
QUIET_S = 2.0
POLL_S = 1.0  # how often the folder is looked at: a stat per file, cheap next to indexing


@dataclass(frozen=True)
class Stamp:
    """What says a file changed: its size and modification time."""

    size: int
    mtime_ns: int


def snapshot(root: Path) -> dict[Path, Stamp]:
    """Size and mtime of every readable file under `root` (hidden folders skipped)."""
    found: dict[Path, Stamp] = {}
    for path in iter_files([root]):
        if reader_for(path) is None:
            continue
        try:
            info = path.stat()
        except OSError:
            continue  # removed between listing and looking
        found[path] = Stamp(info.st_size, info.st_mtime_ns)
    return found


class FolderWatch:
    """Yields batches of new or changed files under `root`, each quiet for QUIET_S."""

    def __init__(
        self,
        root: Path,
        quiet_s: float = QUIET_S,
        poll_s: float = POLL_S,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.root = root
        self.quiet_s = quiet_s
        self.poll_s = poll_s
        self._clock = clock or time.monotonic
        self._done: dict[Path, Stamp] = {}  # what was handed out, as it was then
        self._changing: dict[Path, tuple[Stamp, float]] = {}  # stamp and when first seen so

    def existing(self) -> list[Path]:
        """Files present now: handed out once at start, as `ingest` would read them."""
        current = snapshot(self.root)
        self._done.update(current)
        return sorted(current)

    def ready(self) -> list[Path]:
        """Files new or changed since handed out, and unchanged for the quiet period."""
        now = self._clock()
        ready = []
        for path, stamp in snapshot(self.root).items():
            if self._done.get(path) == stamp:
                self._changing.pop(path, None)
                continue
            seen = self._changing.get(path)
            if seen is None or seen[0] != stamp:
                self._changing[path] = (stamp, now)
            elif now - seen[1] >= self.quiet_s:
                ready.append(path)
                self._done[path] = stamp
                del self._changing[path]
        return sorted(ready)

    def batches(self, stop: threading.Event) -> Iterator[list[Path]]:
        """Ready files, batch by batch, until `stop` is set."""
        while not stop.is_set():
            ready = self.ready()
            if ready:
                yield ready
            stop.wait(self.poll_s)
