"""The ingest report a person can read: counts apart, a few reasons per file, every file named."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.config import Settings
from indexer.ingest import ingest, open_runner
from indexer.model import REASONS_PER_FILE, IndexReport
from indexer.search import open_backend
from newsdesk.cli import _print_report


def test_a_file_keeps_a_few_reasons_and_counts_the_rest() -> None:
    report = IndexReport()
    for line in range(1, 50_001):  # one broken SGML file once printed 50,000 lines
        report.fail(f"big.sgm#{line}", "no text")
    report.fail("small.jsonl#1", "invalid JSON")
    part = IndexReport()
    for line in range(1, 6):
        part.skip(f"big.sgm#{line}", "no article text")
        part.fail(f"big.sgm#{50_000 + line}", "no text")
    report.merge(part)
    assert report.failed == 50_006
    assert [f.path for f in report.failures] == [
        *(f"big.sgm#{n}" for n in range(1, REASONS_PER_FILE + 1)),
        "small.jsonl#1",
    ]
    assert report.more_failures == {"big.sgm": 50_005 - REASONS_PER_FILE}
    assert (len(report.skips), report.more_skips) == (3, {"big.sgm": 2})


def test_the_printed_report_counts_new_updated_unchanged_apart(
    capsys: pytest.CaptureFixture[str],
) -> None:
    report = IndexReport(read=10, indexed=7, updated=3, unchanged=4, stopped_by="SIGTERM")
    for line in range(1, 6):
        report.fail(f"a.jsonl#{line}", f"bad line {line}")
    _print_report(report)
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("read 10 · new 4 · updated 3 · skipped 0 · failed 5 · unchanged")
    assert lines[1:5] == [
        "  failed  a.jsonl#1: bad line 1",
        "  failed  a.jsonl#2: bad line 2",
        "  failed  a.jsonl#3: bad line 3",
        "  failed  a.jsonl: and 2 more",
    ]
    assert lines[5].startswith("stopped by SIGTERM: everything read so far is committed")


def test_a_file_that_gives_nothing_gets_a_line(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "blank.jsonl").write_text("\n\n  \n", "utf-8")
    (inputs / "notes.doc").write_text("not a type we read", "utf-8")
    settings = Settings(data_dir=tmp_path / "data", workers=1, ner=False)
    backend = open_backend(settings)
    try:
        with open_runner(settings) as runner:  # nothing to process: no model loads
            report = ingest([inputs], settings, backend, runner=runner)
    finally:
        backend.close()
    assert {(Path(s.path).name, s.reason) for s in report.skips} == {
        ("blank.jsonl", "nothing to index in this file"),
        ("notes.doc", "unsupported file type .doc"),
    }
