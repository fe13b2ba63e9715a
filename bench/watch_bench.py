"""`watch DIR`: a full look at the folder each second (polling) beside Newsdesk's watch, which
looks only at the files the file system reports changed (watchdog events).

Prints, per folder size: CPU per look and per idle minute, and how long after a write each
notices the new file (quiet period set to 0). Run: python -m bench.watch_bench [--files N,M]
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from pathlib import Path

from indexer.watch import FolderWatch, snapshot

FILES_PER_FOLDER = 100  # a news dump: many files in a few hundred folders
TRIES = 5
POLL_S = 1.0  # the polling variant looks once a second


def _populate(root: Path, count: int) -> None:
    for number in range(count):
        folder = root / f"d{number // FILES_PER_FOLDER:04d}"
        folder.mkdir(exist_ok=True)
        (folder / f"a{number:06d}.txt").write_text(f"Story number {number}.\n", encoding="utf-8")


def _polling(root: Path) -> tuple[float, float]:
    """CPU seconds per full look, and mean seconds from a write to the look that sees it."""
    known = snapshot(root)
    started = time.process_time()
    for _ in range(TRIES):
        snapshot(root)
    per_look = (time.process_time() - started) / TRIES
    delays = []
    for attempt in range(TRIES):
        path = root / "d0000" / f"poll-{attempt}.txt"
        path.write_text("A new story.\n", encoding="utf-8")
        written = time.monotonic()
        while True:
            time.sleep(POLL_S)
            current = snapshot(root)
            if set(current) - set(known):
                delays.append(time.monotonic() - written)
                known = current
                break
    return per_look, sum(delays) / len(delays)


def _events(root: Path) -> tuple[float, float]:
    """CPU seconds per idle minute, and mean seconds from a write to its batch."""
    with FolderWatch(root, quiet_s=0.0) as watch:
        watch.existing()
        stop = threading.Event()
        idle = time.process_time()
        timer = threading.Timer(5.0, stop.set)
        timer.start()
        for _ in watch.batches(stop):
            pass
        per_minute = (time.process_time() - idle) / 5 * 60
        delays = []
        for attempt in range(TRIES):
            path = root / "d0000" / f"event-{attempt}.txt"
            path.write_text("A new story.\n", encoding="utf-8")
            written = time.monotonic()
            stop = threading.Event()
            for batch in watch.batches(stop):
                if path.resolve() in batch:
                    delays.append(time.monotonic() - written)
                    stop.set()
    return per_minute, sum(delays) / len(delays)


def main() -> None:
    """Print both ways side by side for each folder size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", default="1000,10000")
    sizes = [int(n) for n in parser.parse_args().files.split(",")]
    print("files  | polling: CPU/look  CPU/idle min  notices after | events: CPU/idle min  notices")
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            _populate(root, size)
            per_look, poll_delay = _polling(root)
            idle, event_delay = _events(root)
        print(
            f"{size:>6} | {per_look * 1000:>13.1f} ms {per_look * 60 / POLL_S:>11.2f} s"
            f" {poll_delay:>12.2f} s | {idle:>15.3f} s {event_delay:>7.2f} s"
        )


if __name__ == "__main__":
    main()
