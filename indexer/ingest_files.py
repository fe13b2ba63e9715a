"""Following an ingest file by file: the walk up front, and which files are read through.

The readers stream items ("feed.jsonl#12", then "feed.jsonl#13", …) in the order of the
walk. A file is read through once an item of a later file arrives (or the stream ends);
it is taken once the backend has taken every article of the chunks holding its items, and
only then can the commit that follows record it as done.
"""

from __future__ import annotations

import stat
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from indexer.ingest_state import Seen
from indexer.model import Article, Failure, IndexReport
from indexer.pipeline import chunk_sizes
from indexer.readers import iter_files

ReadThrough = Callable[[int, int], None]  # (files read through, their bytes)


def walk(paths: Iterable[Path], follow_symlinks: bool = False) -> list[Seen]:
    """Every input file, as the readers will visit them, with size and mtime (a cheap stat).

    A file that does not stat is left out here; the reader reports it with its reason.
    """
    found = []
    for path in iter_files(paths, follow_symlinks):
        try:
            found.append(Seen.of(path))
        except OSError:
            continue
    return found


def is_regular(seen: Seen) -> bool:
    """A plain file (not a FIFO or device, which cannot be hashed or re-read)."""
    try:
        return stat.S_ISREG(seen.path.stat().st_mode)
    except OSError:
        return False


@dataclass
class FileTracker:
    """Which of `files` (walk order) are read through, taken by the backend, or failed."""

    files: list[Seen]
    report: IndexReport
    on_read: ReadThrough | None = None
    through: int = 0  # files[:through] are read through
    taken: int = 0  # files[:taken] have every article in the backend's hands
    failed: set[str] = field(default_factory=set)
    _index: dict[str, int] = field(default_factory=dict)
    _produced: bool = False  # the file at `through` has yielded an item
    _read_bytes: int = 0
    _recorded: int = 0  # files[:_recorded] were handed out by newly_done

    def __post_init__(self) -> None:
        self._index = {str(seen.path): i for i, seen in enumerate(self.files)}

    def _file_index(self, item_path: str) -> int | None:
        """The walk position of the file an item comes from ("a#b.jsonl#3": try each '#')."""
        if item_path in self._index:
            return self._index[item_path]
        cut = item_path.find("#")
        while cut != -1:
            if item_path[:cut] in self._index:
                return self._index[item_path[:cut]]
            cut = item_path.find("#", cut + 1)
        return None

    def follow(
        self, items: Iterable[Article | Failure], stop: Callable[[], bool]
    ) -> Iterator[Article | Failure]:
        """Pass items on, noting file boundaries; stop pulling as soon as `stop()` is true."""
        iterator = iter(items)
        while not stop():
            item = next(iterator, None)
            if item is None:
                self._read_up_to(len(self.files))
                return
            where = self._file_index(item.path)
            if where is not None and where >= self.through:
                self._read_up_to(where)
                self._produced = True
            if isinstance(item, Failure) and not item.skip and where is not None:
                self.failed.add(str(self.files[where].path))
            yield item

    def _read_up_to(self, where: int) -> None:
        """Files before `where` are read through; one that gave nothing at all gets a line."""
        while self.through < where:
            seen = self.files[self.through]
            if not self._produced:
                self.report.skip(str(seen.path), "nothing to index in this file")
            self._read_bytes += max(seen.size, 0)
            self.through += 1
            self._produced = False
        if self.on_read is not None:
            self.on_read(self.through, self._read_bytes)

    def newly_done(self) -> list[Seen]:
        """Files taken without a failure since the last call: a commit holds them now."""
        start, self._recorded = self._recorded, self.taken
        done = self.files[start : self.taken]
        return [s for s in done if str(s.path) not in self.failed and is_regular(s)]

    def note_failures(self, part: IndexReport) -> None:
        """Failures the stages reported, charged to their files."""
        for failure in part.failures:
            where = self._file_index(failure.path)
            if where is not None:
                self.failed.add(str(self.files[where].path))
        for name in part.more_failures:
            where = self._file_index(name)
            if where is not None:
                self.failed.add(str(self.files[where].path))


def batches(
    items: Iterator[Article | Failure], tracker: FileTracker, bounds: deque[int]
) -> Iterator[list[Article]]:
    """Chunks of articles for the runner; for each, `bounds` gets how many files it completes.

    Read failures go straight into the tracker's report.
    """
    for size in chunk_sizes():
        if not (batch := list(islice(items, size))):
            return
        articles = []
        for item in batch:
            if isinstance(item, Failure) and item.skip:
                tracker.report.skip(item.path, item.reason)
            elif isinstance(item, Failure):
                tracker.report.fail(item.path, item.reason)
            else:
                articles.append(item)
        if articles:
            bounds.append(tracker.through)
            yield articles
