"""Memory and CPU of a process and everything it started, read from /proc (Linux)."""

from __future__ import annotations

import os
import threading
from pathlib import Path


def descendants(root: int) -> list[int]:
    """`root` and every process descended from it."""
    # /proc/PID/task/TID/children needs a kernel option this machine lacks: read every stat.
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we looked
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending += [child for child, parent in parents.items() if parent == pid]
    return found


def tree_rss_bytes(root: int) -> int:
    """Resident bytes of `root` and its descendants now."""
    total = 0
    for pid in descendants(root):
        try:
            pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        total += pages * os.sysconf("SC_PAGE_SIZE")
    return total


def tree_pss_bytes(root: int) -> int:
    """Proportional set size of `root` and its descendants now: each shared page counted once
    in all. Workers forked from a process that loaded the models share those pages, which a
    sum of resident sizes counts once per process."""
    total = 0
    for pid in descendants(root):
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1]) * 1024
                break
    return total


def tree_cpu_seconds(root: int) -> float:
    """CPU seconds (user + system) used so far by `root` and its live descendants."""
    ticks = 0
    for pid in descendants(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


class PeakMemory:
    """Samples the resident memory of this process tree in a thread; keeps the peak."""

    def __init__(self, every_s: float = 0.2) -> None:
        # Every 0.2 s catches a worker's peak and costs little next to the pipeline.
        self.every_s = every_s
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(self.every_s):
            self.peak = max(self.peak, tree_rss_bytes(os.getpid()))

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, tree_rss_bytes(os.getpid()))
