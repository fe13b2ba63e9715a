"""SIGTERM (timeout, docker stop) in the middle of an ingest: commit, report, clean exit."""

from __future__ import annotations

import re
import signal
from pathlib import Path

from tests.faults.ingest_process import IngestProcess, indexed_ids, wait_until_gone, write_feeds

REPORT = re.compile(r"^read (\d+) · new (\d+) · updated (\d+) · skipped (\d+) · failed (\d+)")


def test_sigterm_commits_what_was_read_and_reports(tmp_path: Path) -> None:
    expected = write_feeds(tmp_path / "in", 60, 200)  # outlasts the first commit (3 s)
    data = tmp_path / "data"
    run = IngestProcess(tmp_path / "in", data)
    run.wait_for(re.compile(r"committed [1-9]"), timeout=240)
    run.process.send_signal(signal.SIGTERM)
    assert run.finish(timeout=30) == 128 + signal.SIGTERM
    assert not any("Traceback" in line for line in run.lines), run.lines
    assert any(line.startswith("stopped by SIGTERM") for line in run.lines), run.lines
    assert wait_until_gone(run.process.pid) == []

    (counts,) = [m for line in run.lines if (m := REPORT.match(line))]
    read, new, updated, skipped, failed = map(int, counts.groups())
    present = indexed_ids(data)
    assert 0 < len(present) < len(expected)
    assert (new, updated, skipped, failed) == (len(present), 0, 0, 0)  # all that was read is in
    assert read >= new
