"""Symbolic links: followed inside the inputs, reported when they lead out, never looped."""

from __future__ import annotations

from pathlib import Path

from devtools.bad_inputs import link_out, story
from indexer.model import Article, Failure
from indexer.readers import read_paths
from indexer.readers.limits import ReadLimits


def _names(items: list[Article | Failure]) -> list[str]:
    return [Path(item.path).name for item in items if isinstance(item, Article)]


def test_link_out_is_reported_and_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    link_out(folder)
    (failure,) = read_paths([folder])
    assert isinstance(failure, Failure) and failure.skip
    assert "--follow-symlinks" in failure.reason


def test_follow_symlinks_reads_it(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    link_out(folder)
    (article,) = read_paths([folder], limits=ReadLimits(follow_symlinks=True))
    assert isinstance(article, Article) and "secretleak" in (article.text or "")


def test_a_link_named_on_the_command_line_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    link_out(folder)
    (article,) = read_paths([folder / "passwd.txt"])
    assert isinstance(article, Article)


def test_links_inside_the_inputs_are_followed_once_and_loops_end(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "one.txt").write_text(story("inside"), encoding="utf-8")
    (folder / "a" / "again.txt").symlink_to(folder / "a" / "one.txt")
    (folder / "b").symlink_to(folder / "a")  # the same folder under another name
    (folder / "a" / "up").symlink_to(folder)  # a loop
    (folder / "self.txt").symlink_to(folder / "self.txt")  # a link to itself
    (folder / "gone.txt").symlink_to(folder / "nothing.txt")
    items = list(read_paths([folder]))
    assert sorted(_names(items)) == ["again.txt", "one.txt"]
    reasons = {Path(i.path).name: i.reason for i in items if isinstance(i, Failure)}
    assert reasons["gone.txt"] == "broken symbolic link"
    assert "symbolic links" in reasons["self.txt"]  # ELOOP, named; the run goes on


def test_followed_links_out_still_end_loops(tmp_path: Path) -> None:
    folder, outside = tmp_path / "in", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (outside / "far.txt").write_text(story("faraway"), encoding="utf-8")
    (outside / "back").symlink_to(folder)
    (folder / "out").symlink_to(outside)
    items = list(read_paths([folder], limits=ReadLimits(follow_symlinks=True)))
    assert _names(items) == ["far.txt"]
