"""Which files a run reads: named files, and folders walked without leaving the input roots.

A symbolic link inside a folder is followed only when its target lies inside one of the
named inputs (or with `follow_symlinks`); every folder is entered once, so link loops end.
Special files (FIFOs, sockets, devices) are reported and never opened.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from indexer.model import Failure
from indexer.readers.streams import special_kind


def display_name(path: Path | str) -> str:
    """The path as printable text: bytes that are not UTF-8 shown as U+FFFD."""
    return os.fsencode(path).decode("utf-8", errors="replace")


def _inside(target: str, roots: list[str]) -> bool:
    return any(target == root or target.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


class _Walk:
    def __init__(self, roots: list[Path], follow_symlinks: bool) -> None:
        self.roots = [os.path.realpath(root) for root in roots]
        self.follow = follow_symlinks
        self.seen: set[tuple[int, int]] = set()

    def entry(self, path: Path) -> Iterator[Path | Failure]:
        """One folder entry: a file to read, a folder to enter, or a reason to pass over it."""
        if path.is_symlink():
            target = os.path.realpath(path)
            if not self.follow and not _inside(target, self.roots):
                yield Failure(
                    display_name(path),
                    "symbolic link out of the input folders; not followed (--follow-symlinks)",
                    skip=True,
                )
                return
        try:
            info = path.stat()
        except FileNotFoundError:
            yield Failure(display_name(path), "broken symbolic link", skip=True)
            return
        except OSError as error:  # a link loop (ELOOP), no permission
            yield Failure(display_name(path), f"cannot open: {error.strerror or error}")
            return
        if stat.S_ISDIR(info.st_mode):
            yield from self.folder(path, info)
        elif stat.S_ISREG(info.st_mode):
            yield path
        else:
            yield Failure(display_name(path), f"{special_kind(info.st_mode)}; not read", skip=True)

    def folder(self, path: Path, info: os.stat_result) -> Iterator[Path | Failure]:
        key = (info.st_dev, info.st_ino)
        if key in self.seen:
            return  # reached again through a link: its files are read once
        self.seen.add(key)
        try:
            children = sorted(os.scandir(path), key=lambda entry: entry.name)
        except OSError as error:
            yield Failure(display_name(path), f"cannot list folder: {error.strerror or error}")
            return
        for child in children:
            if not child.name.startswith("."):  # hidden files and folders: caches, VCS state
                yield from self.entry(path / child.name)


def walk_inputs(paths: Iterable[Path], follow_symlinks: bool = False) -> Iterator[Path | Failure]:
    """Files to read in a stable order, and a Failure for each input passed over and why."""
    paths = list(paths)
    walk = _Walk(paths, follow_symlinks)
    for path in paths:
        if not os.path.lexists(path):
            yield Failure(display_name(path), "no such file or folder")
            continue
        # A link named on the command line is the user's choice: its target is a root.
        yield from walk.entry(path)
