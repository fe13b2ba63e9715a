"""`watch DIR`: files handed out once quiet, changes seen again, the command end to end."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from indexer.config import Settings
from indexer.search import SearchRequest, open_backend
from indexer.watch import FolderWatch

PROJECT = Path(__file__).resolve().parents[1]
STORY = {
    "url": "https://wire.example/lock-gates",
    "title": "New lock gates for the harbour",
    "text": "The harbour authority ordered new lock gates from a yard in Papenburg on Friday. "
    "The old gates, built in 1962, leak at high tide and have been patched twice this year.",
}


def _next_batch(watch: FolderWatch, timeout: float = 10.0) -> list[Path]:
    stop = threading.Event()
    timer = threading.Timer(timeout, stop.set)
    timer.start()
    try:
        for batch in watch.batches(stop):
            return batch
        return []
    finally:
        timer.cancel()


def test_new_and_changed_files_once_quiet(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_text("Already here.", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    with FolderWatch(tmp_path, quiet_s=0.5, poll_s=0.1) as watch:
        assert watch.existing() == [(tmp_path / "old.txt").resolve()]
        growing = tmp_path / "growing.jsonl"
        with open(growing, "w", encoding="utf-8") as handle:
            for _ in range(4):  # still being written: not handed out yet
                handle.write(json.dumps(STORY) + "\n")
                handle.flush()
                assert watch.ready() == []
                time.sleep(0.2)
        (tmp_path / ".hidden" / "secret.txt").write_text("no", encoding="utf-8")
        (tmp_path / "picture.png").write_bytes(b"\x89PNG")
        started = time.monotonic()
        assert _next_batch(watch) == [growing.resolve()]
        assert time.monotonic() - started >= 0.3, "handed out after the quiet period"
        (tmp_path / "old.txt").write_text("Changed since.", encoding="utf-8")
        assert _next_batch(watch) == [(tmp_path / "old.txt").resolve()]
        assert watch.ready() == [], "nothing handed out twice"


def test_watch_command_indexes_a_new_file(tmp_path: Path) -> None:
    inbox, data = tmp_path / "inbox", tmp_path / "data"
    inbox.mkdir()
    env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(data),
        "NEWSDESK_NER": "0",
        "NEWSDESK_WORKERS": "1",
    }
    command = [sys.executable, "-m", "newsdesk", "watch", str(inbox), "--quiet-seconds", "0.5"]
    watcher = subprocess.Popen(command, env=env, cwd=PROJECT, stderr=subprocess.PIPE, text=True)
    try:
        assert watcher.stderr is not None
        assert "watching" in watcher.stderr.readline()
        (inbox / "story.jsonl").write_text(json.dumps(STORY) + "\n", encoding="utf-8")
        lines = [watcher.stderr.readline() for _ in range(2)]
        assert "1 new or changed file(s)" in lines[0]
        assert lines[1].startswith("read 1 · new 1 · updated 0 · skipped 0 · failed 0"), lines
    finally:
        watcher.send_signal(signal.SIGTERM)
        assert watcher.wait(timeout=60) == 0, "SIGTERM ends the watch cleanly"
        if watcher.stderr:
            watcher.stderr.close()
    backend = open_backend(Settings(data_dir=data))
    try:
        (hit,) = backend.search(SearchRequest(query="Papenburg")).hits
        assert hit.title == STORY["title"]
    finally:
        backend.close()
