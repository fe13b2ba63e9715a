"""Input files -> raw articles: pick a reader by file name, walk folders, report bad files."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from indexer.errors import ReadError
from indexer.model import Article, Failure
from indexer.readers.csv_table import read_csv_table
from indexer.readers.feed import read_feed
from indexer.readers.html import read_html
from indexer.readers.jsonl import read_jsonl
from indexer.readers.telegram import read_json
from indexer.readers.text import read_text
from indexer.readers.warc import read_warc

Reader = Callable[[Path], Iterable[Article | Failure]]


def _read_reuters(path: Path) -> Iterable[Article | Failure]:
    from indexer.readers.reuters import read_reuters  # imported late: the module is optional

    return read_reuters(path)


# Longest suffix first, so ".html.gz" wins over ".gz".
READERS: dict[str, Reader] = {
    ".html.gz": read_html,
    ".htm.gz": read_html,
    ".warc.gz": read_warc,
    ".jsonl.gz": read_jsonl,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".txt": read_text,
    ".text": read_text,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".warc": read_warc,
    ".sgm": _read_reuters,
    ".json": read_json,
    ".csv": read_csv_table,
    ".tsv": read_csv_table,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
}


def reader_for(path: Path) -> Reader | None:
    """The reader for this file name, or None for a type we do not read."""
    name = path.name.lower()
    for suffix, reader in READERS.items():
        if name.endswith(suffix):
            return reader
    return None


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and every file under named folders, in a stable order."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).parts
                if child.is_file() and not any(part.startswith(".") for part in relative):
                    yield child
        else:
            yield path


def _with_mtime(items: Iterable[Article | Failure], path: Path) -> Iterator[Article | Failure]:
    """Offer the file's modification time as a labelled last-resort publication date."""
    mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat()
    for item in items:
        if isinstance(item, Article):
            item = replace(item, metadata={**item.metadata, "mtime_fallback": mtime})
        yield item


def read_paths(
    paths: Iterable[Path],
    mtime_fallback: bool = False,
    wanted: Callable[[Path], bool] | None = None,
) -> Iterator[Article | Failure]:
    """Raw articles from every input; an unreadable file becomes a Failure, never a crash.

    `wanted` passes files over without a word (a re-run's unchanged files).
    """
    for path in iter_files(paths):
        if wanted is not None and not wanted(path):
            continue
        if not path.exists():
            yield Failure(str(path), "no such file or folder")
            continue
        reader = reader_for(path)
        if reader is None:
            kind = "".join(path.suffixes) or "(none)"
            yield Failure(str(path), f"unsupported file type {kind}", skip=True)
            continue
        try:
            items = reader(path)
            yield from _with_mtime(items, path) if mtime_fallback else items
        except ReadError as error:
            yield Failure(str(path), error.message)
        except OSError as error:
            yield Failure(str(path), f"cannot read: {error.strerror or error}")
