"""A re-run reads only what is new or changed, and says how many files it passed over."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.config import Settings
from indexer.ingest import Runner, ingest, open_runner
from indexer.ingest_state import state_path
from indexer.model import IndexReport
from indexer.search import open_backend
from tests.faults.ingest_process import write_feeds


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runner]:
    # One process, no NER: what is under test is which files are read, not the entities.
    settings = _settings(tmp_path_factory.mktemp("runner"))
    with open_runner(settings) as opened:
        yield opened


def _settings(data: Path) -> Settings:
    return Settings(data_dir=data, workers=1, ner=False, cleaning_evidence="never")


def _ingest(inputs: Path, data: Path, runner: Runner) -> tuple[IndexReport, int]:
    settings = _settings(data)
    backend = open_backend(settings)
    try:
        return ingest([inputs], settings, backend, runner=runner, resume=True), backend.count()
    finally:
        backend.close()


def test_a_rerun_passes_unchanged_files_over_and_rereads_changed_ones(
    tmp_path: Path, runner: Runner
) -> None:
    inputs, data = tmp_path / "in", tmp_path / "data"
    ids = write_feeds(inputs, files=3, per_file=5)
    first, count = _ingest(inputs, data, runner)
    assert (first.new, first.updated, first.unchanged, count) == (15, 0, 0, 15)
    assert state_path(_settings(data)).exists()

    second, count = _ingest(inputs, data, runner)
    assert (second.read, second.indexed, second.unchanged, count) == (0, 0, 3, 15)

    # Touched (a copy, a restore): same size and bytes, new mtime -> the hash says unchanged.
    touched = inputs / "feed-000.jsonl"
    os.utime(touched, ns=(1_000_000_000, 1_000_000_000))
    third, _ = _ingest(inputs, data, runner)
    assert (third.read, third.unchanged) == (0, 3)

    # Changed: one story more in a file -> that file is read again, its old stories updated.
    changed = inputs / "feed-001.jsonl"
    extra = {"url": "https://desk.example/extra", "title": "Extra", "text": _text()}
    changed.write_text(changed.read_text("utf-8") + json.dumps(extra) + "\n", "utf-8")
    fourth, count = _ingest(inputs, data, runner)
    assert (fourth.new, fourth.updated, fourth.unchanged, count) == (1, 5, 2, 16)
    assert len(ids) == 15


def test_a_file_with_a_failure_is_read_again_next_time(tmp_path: Path, runner: Runner) -> None:
    inputs, data = tmp_path / "in", tmp_path / "data"
    write_feeds(inputs, files=1, per_file=2)
    broken = inputs / "broken.jsonl"
    good = {"url": "https://desk.example/good", "title": "Good", "text": _text()}
    broken.write_text(json.dumps(good) + "\n" + '{"url": "https://desk.example/bad"}\n', "utf-8")
    first, _ = _ingest(inputs, data, runner)
    assert (first.new, first.failed) == (3, 1)
    second, count = _ingest(inputs, data, runner)
    assert (second.unchanged, second.read, second.updated, second.failed, count) == (1, 1, 1, 1, 3)


def test_an_emptied_index_forgets_what_was_read(tmp_path: Path, runner: Runner) -> None:
    inputs, data = tmp_path / "in", tmp_path / "data"
    write_feeds(inputs, files=2, per_file=3)
    _ingest(inputs, data, runner)
    backend = open_backend(_settings(data))
    backend.drop()
    backend.close()
    again, count = _ingest(inputs, data, runner)
    assert (again.unchanged, again.new, count) == (0, 6, 6)


def _text() -> str:
    return (
        "The harbour board confirmed on Friday that the ferry to the island would run again "
        "from the first week of the summer, after two years of repairs to the old pier."
    )
