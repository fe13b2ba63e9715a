"""The progress line: models loading, then files and bytes of the total, rates, ETA, commits."""

from __future__ import annotations

import io
from pathlib import Path

from indexer.ingest_state import Seen
from newsdesk.progress import IngestProgress


def _files(tmp_path: Path) -> list[Seen]:
    found = []
    for name, size in (("a.jsonl", 2_000_000), ("b.jsonl", 1_000_000)):
        path = tmp_path / name
        path.write_bytes(b"x" * size)
        found.append(Seen.of(path))
    return found


def test_plain_lines_walk_through_loading_reading_and_commits(tmp_path: Path) -> None:
    out = io.StringIO()
    progress = IngestProgress(out, tty=False)
    progress.loading()
    files = _files(tmp_path)
    progress.started(files, unchanged=4)
    with open(files[0].path, "rb") as reading:  # half of the first file read so far
        reading.read(1_000_000)
        halfway = progress.line()
    progress.read_through(1, 2_000_000)
    progress.taken(64)
    progress.committed(60, 58)
    progress.close()
    lines = out.getvalue().splitlines()
    assert lines[0] == "loading models… 0 s"
    assert lines[1].startswith("ingest: 0/2 files · 0.0/3.0 MB · 0 articles")
    assert "0/2 files · 1.0/3.0 MB" in halfway and "ETA" in halfway
    assert lines[-1].startswith("ingest: 1/2 files · 2.0/3.0 MB · 64 articles")
    assert "committed 60 (58 new)" in lines[-1] and "4 unchanged files skipped" in lines[-1]


def test_a_terminal_gets_one_line_redrawn(tmp_path: Path) -> None:
    out = io.StringIO()
    progress = IngestProgress(out, tty=True)
    progress.started(_files(tmp_path), unchanged=0)
    progress.read_through(2, 3_000_000)
    progress.close()
    text = out.getvalue()
    assert text.startswith("\r\x1b[K") and text.count("\n") == 1
    assert text.rstrip("\n").rsplit("\r\x1b[K", 1)[1].startswith("ingest: 2/2 files · 3.0/3.0 MB")


def test_quiet_writes_nothing() -> None:
    out = io.StringIO()
    progress = IngestProgress(out, enabled=False)
    progress.loading()
    progress.committed(3, 3)
    progress.close()
    assert out.getvalue() == ""
