"""Each bad file alone: its good records are read, then one Failure names it with its reason."""

from __future__ import annotations

import os
import socket
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from devtools.bad_inputs import (
    BAD_KINDS,
    Bad,
    long_line,
    many_bad_lines,
    odd_but_good,
    record,
    story,
)
from indexer.config import Settings
from indexer.model import Article, Failure
from indexer.readers import read_paths
from indexer.readers.limits import MB, ReadLimits


def _read(paths: list[Path], limits: ReadLimits | None = None) -> list[Article | Failure]:
    return list(read_paths(paths, limits=limits))


def _tags(items: list[Article | Failure]) -> set[str]:
    words = set()
    for item in items:
        if isinstance(item, Article):
            words.update((item.text or item.html or "").replace(".", " ").split())
    return words


@pytest.mark.parametrize("make", BAD_KINDS, ids=lambda make: make.__name__)
def test_bad_file_keeps_its_good_records_and_is_named_once(
    tmp_path: Path, make: Callable[[Path], Bad]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    bad = make(folder)
    items = _read([folder])
    failures = [item for item in items if isinstance(item, Failure)]
    assert len(failures) == 1, failures
    (failure,) = failures
    assert Path(failure.path).name == bad.name
    assert bad.reason in failure.reason
    assert "\n" not in failure.reason and len(failure.reason) < 1000
    assert failure.skip == bad.skip
    assert set(bad.good) <= _tags(items)
    assert items[-1] is failure, "the failure comes after the file's good articles"


def test_odd_files_are_read_as_text(tmp_path: Path) -> None:
    tags = odd_but_good(tmp_path)
    items = _read([tmp_path])
    assert not [item for item in items if isinstance(item, Failure)]
    assert set(tags) <= _tags(items)
    for article in items:
        assert isinstance(article, Article)
        assert "\x00" not in (article.text or article.html or "")
        article.path.encode("utf-8")  # printable: the non-UTF-8 name is shown with U+FFFD
    assert any("caf\ufffd-story.txt" in item.path for item in items)


def test_a_long_line_is_never_held_whole(tmp_path: Path) -> None:
    long_line(tmp_path, size=64 * MB)
    tracemalloc.start()
    try:
        items = _read([tmp_path], ReadLimits(record_bytes=1 * MB))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * MB, f"peak {peak / MB:.0f} MB while passing over a 64 MB line"
    assert {"longbefore", "longafter"} <= _tags(items)
    assert "longer than 1 MB" in items[-1].reason  # type: ignore[union-attr]


def test_time_budget(tmp_path: Path) -> None:
    many_bad_lines(tmp_path)
    items = _read([tmp_path], ReadLimits(file_seconds=1e-6))
    (failure,) = items
    assert isinstance(failure, Failure) and "NEWSDESK_MAX_FILE_SECONDS" in failure.reason


def test_byte_budget(tmp_path: Path) -> None:
    (tmp_path / "big.jsonl").write_text(record("first") + record("x") * 30_000)
    items = _read([tmp_path], ReadLimits(file_bytes=1 * MB))
    assert "first" in _tags(items)
    failure = items[-1]
    assert isinstance(failure, Failure) and "NEWSDESK_MAX_FILE_MB" in failure.reason


def test_json_depth_budget(tmp_path: Path) -> None:
    nested = '{"text": "deep", "meta": ' + "[" * 30 + "]" * 30 + "}\n"
    (tmp_path / "nested.jsonl").write_text(record("shallow") + nested)
    assert not [i for i in _read([tmp_path]) if isinstance(i, Failure)]
    items = _read([tmp_path], ReadLimits(json_depth=10))
    assert "shallow" in _tags(items)
    assert "NEWSDESK_MAX_JSON_DEPTH" in items[-1].reason  # type: ignore[union-attr]


def test_special_files_named_on_the_command_line_are_not_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "s.jsonl"))
    (tmp_path / "ok.txt").write_text(story("named"), encoding="utf-8")
    names = [tmp_path / "pipe.txt", Path("/dev/null"), tmp_path / "s.jsonl", tmp_path / "ok.txt"]
    items = _read(names)  # would block for ever if the FIFO were opened
    reasons = [item.reason for item in items if isinstance(item, Failure)]
    assert len(reasons) == 3
    assert "FIFO" in reasons[0] and "device" in reasons[1] and "socket" in reasons[2]
    assert "named" in _tags(items)


def test_missing_input_is_named(tmp_path: Path) -> None:
    (failure,) = _read([tmp_path / "nowhere.jsonl"])
    assert isinstance(failure, Failure) and "no such file" in failure.reason


@pytest.mark.parametrize(
    ("variable", "value"),
    [("NEWSDESK_MAX_FILE_MB", "lots"), ("NEWSDESK_MAX_COMPRESSION_RATIO", "0")],
)
def test_a_bad_budget_setting_names_the_variable(variable: str, value: str) -> None:
    with pytest.raises(ValueError, match=variable):
        Settings.from_env({variable: value})


def test_budget_settings_reach_the_readers() -> None:
    env = {"NEWSDESK_MAX_RECORD_MB": "2", "NEWSDESK_MAX_JSON_DEPTH": "7"}
    limits = ReadLimits.from_settings(Settings.from_env(env))
    assert limits.record_bytes == 2 * MB and limits.json_depth == 7
