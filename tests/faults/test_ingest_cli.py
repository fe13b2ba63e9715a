"""A folder of every kind of bad file beside good ones, through the real `newsdesk ingest`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from devtools.bad_inputs import BAD_KINDS, html_page, letters, odd_but_good, record, story
from indexer.config import Settings
from indexer.readers.limits import ReadLimits
from indexer.search import SearchRequest, open_backend
from newsdesk.cli import build_parser

GOOD_FILES = 12


@pytest.fixture
def folder(tmp_path: Path) -> tuple[Path, list[str], list[str]]:
    """The input folder, the tags of every good article in it, the names of the bad files."""
    folder = tmp_path / "in"
    folder.mkdir()
    bad = [make(folder) for make in BAD_KINDS]
    tags = [tag for item in bad for tag in item.good] + odd_but_good(folder)
    for number in range(GOOD_FILES):
        tag = "good" + letters(number)
        kind = number % 3
        if kind == 0:
            (folder / f"{tag}.txt").write_text(story(tag), encoding="utf-8")
        elif kind == 1:
            (folder / f"{tag}.html").write_text(html_page(tag), encoding="utf-8")
        else:
            (folder / f"{tag}.jsonl").write_text(record(tag), encoding="utf-8")
        tags.append(tag)
    return folder, tags, [item.name for item in bad]


def _ingest(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(data_dir),
        "NEWSDESK_NER": "0",
        "NEWSDESK_WORKERS": "1",
    }
    command = [sys.executable, "-m", "newsdesk", "ingest", "--quiet", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)


def _hits(data_dir: Path, word: str) -> int:
    backend = open_backend(Settings(data_dir=data_dir, ner=False, workers=1))
    try:
        return backend.search(SearchRequest(query=word)).total
    finally:
        backend.close()


def test_every_good_article_indexed_every_bad_file_named(
    tmp_path: Path, folder: tuple[Path, list[str], list[str]]
) -> None:
    inputs, tags, bad_names = folder
    data_dir = tmp_path / "data"
    done = _ingest([str(inputs)], data_dir)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    report = done.stderr
    for name in bad_names:
        assert f"{name}: " in report, f"{name} is not named in the report"
    assert len(report.splitlines()) < 40, "one line per bad file, not one per bad record"
    missing = [tag for tag in tags if _hits(data_dir, tag) == 0]
    assert not missing, f"good articles not indexed: {missing}"
    assert _hits(data_dir, "secretleak") == 0, "a link out of the folder was read"


def test_follow_symlinks_flag_and_setting_reach_the_readers() -> None:
    args = build_parser().parse_args(["ingest", "--follow-symlinks", "in"])
    assert args.follow_symlinks is True
    assert build_parser().parse_args(["ingest", "in"]).follow_symlinks is False
    settings = Settings.from_env({"NEWSDESK_FOLLOW_SYMLINKS": "1"})
    assert ReadLimits.from_settings(settings).follow_symlinks is True
    assert ReadLimits.from_settings(Settings.from_env({})).follow_symlinks is False
