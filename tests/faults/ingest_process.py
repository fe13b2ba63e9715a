"""`newsdesk ingest` as a real process on generated articles, and what it leaves behind."""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from indexer.ids import article_id
from indexer.search.base import SearchRequest
from indexer.search.embedded import EmbeddedBackend

_SUBJECTS = ("The harbour board", "City engineers", "The county council", "Farmers near the river")
_VERBS = ("reported", "announced", "confirmed", "described")
_OBJECTS = ("new shipping routes", "repairs to the old bridge", "a rise in rents", "late rains")
COMMITTED = re.compile(r"committed \d+ \((\d+) new\)")


def write_feeds(folder: Path, files: int, per_file: int, first: int = 0) -> set[str]:
    """`files` JSON Lines files of `per_file` English stories each; returns their ids."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = set()
    for number in range(first, first + files):
        lines = []
        for item in range(per_file):
            n = number * per_file + item
            url = f"https://desk.example/{number}/{item}"
            text = (
                f"{_SUBJECTS[n % 4]} {_VERBS[n // 4 % 4]} {_OBJECTS[n // 16 % 4]} on Monday, and "
                f"said that the work on the north side of the town would take {n % 11 + 2} "
                f"months. It is the {n}th story of its kind this year, and the people who "
                f"live there have been waiting for it for a long time, they told us.\n"
                f"This is what the report number {n * 7} says about the plans for the new year."
            )
            lines.append(
                json.dumps({"url": url, "title": f"News of the week, part {n}", "text": text})
            )
            ids.add(article_id(url, text))
        (folder / f"feed-{number:03d}.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    return ids


class IngestProcess:
    """`newsdesk ingest` in its own session, its stderr read line by line as it comes."""

    def __init__(self, inputs: Path, data_dir: Path, workers: int = 2, *extra: str) -> None:
        env = {
            **os.environ,
            "NEWSDESK_DATA_DIR": str(data_dir),
            "NEWSDESK_WORKERS": str(workers),
            "NEWSDESK_NER": "0",  # what is under test is the run, not the entities
            "NEWSDESK_CLEANING_EVIDENCE": "never",
        }
        env.pop("NEWSDESK_INDEX_PATH", None)
        env.pop("NEWSDESK_BACKEND", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newsdesk", "ingest", str(inputs), *extra],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            start_new_session=True,  # its session id names every process of the run
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, pattern: re.Pattern[str], timeout: float) -> re.Match[str]:
        """Read lines until one matches `pattern`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=0.1)
            except queue.Empty:
                continue
            if line is None:
                break
            self.lines.append(line)
            if found := pattern.search(line):
                return found
        raise AssertionError(f"no line matching {pattern.pattern!r}:\n" + "\n".join(self.lines))

    def finish(self, timeout: float = 60) -> int:
        """Wait for the exit; every line of stderr is in `lines` after."""
        try:
            status = self.process.wait(timeout)
            while (line := self._queue.get(timeout=5)) is not None:
                self.lines.append(line)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            assert self.process.stderr is not None
            self.process.stderr.close()
        return status

    @property
    def last_committed(self) -> int:
        """How many new articles the last progress line said were committed."""
        counts = [int(m.group(1)) for line in self.lines if (m := COMMITTED.search(line))]
        return counts[-1] if counts else 0


def session_processes(session: int) -> list[str]:
    """Processes still alive in session `session` ("pid command"), zombies left out."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid pgrp session …; comm may hold spaces and parentheses.
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[3]) == session and fields[0] != "Z":
            alive.append(f"{entry.name} {stat[: stat.rindex(')') + 1]}")
    return alive


def wait_until_gone(session: int, timeout: float = 10) -> list[str]:
    """Processes of `session` still alive after `timeout` seconds (none, if all is well)."""
    deadline = time.monotonic() + timeout
    while (alive := session_processes(session)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive


def indexed_ids(data_dir: Path) -> list[str]:
    """Every article id in the embedded index under `data_dir`, duplicates kept."""
    backend = EmbeddedBackend(data_dir / "index")
    try:
        return [article.id for article in backend.scan(SearchRequest())]
    finally:
        backend.close()
