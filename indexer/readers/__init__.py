"""Input files -> raw articles: pick a reader by file name, walk folders, report bad files."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from indexer.model import Article, Failure
from indexer.readers.csv_table import read_csv_table
from indexer.readers.feed import read_feed
from indexer.readers.html import read_html
from indexer.readers.isolate import Reader, printable, read_isolated
from indexer.readers.jsonl import read_jsonl
from indexer.readers.limits import ReadLimits
from indexer.readers.telegram import read_json
from indexer.readers.text import read_text
from indexer.readers.walk import display_name, walk_inputs
from indexer.readers.warc import read_warc


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


# What one record of each multi-record format is called in a file's failure reason.
UNITS: dict[Reader, str] = {
    read_jsonl: "line",
    read_csv_table: "row",
    read_warc: "record",
    _read_reuters: "story",
    read_json: "message",
    read_feed: "item",
}


def iter_files(paths: Iterable[Path], follow_symlinks: bool = False) -> Iterator[Path]:
    """Files named directly, and every file under named folders, in a stable order."""
    for item in walk_inputs(paths, follow_symlinks):
        if isinstance(item, Path):
            yield item


def read_paths(
    paths: Iterable[Path],
    mtime_fallback: bool = False,
    limits: ReadLimits | None = None,
    wanted: Callable[[Path], bool] | None = None,
) -> Iterator[Article | Failure]:
    """Raw articles from every input; each bad file becomes one Failure after its good articles.

    Never raises for a bad file: any error while reading one, or a budget it used up
    (`limits`: bytes, compression ratio, record size, nesting, time), stops that file only.
    `wanted` passes files over without a word (a re-run's unchanged files).
    """
    limits = limits or ReadLimits()
    for item in walk_inputs(paths, limits.follow_symlinks):
        if isinstance(item, Failure):
            yield item
            continue
        if wanted is not None and not wanted(item):
            continue
        reader = reader_for(item)
        if reader is None:
            kind = "".join(item.suffixes) or "(none)"
            yield Failure(display_name(item), f"unsupported file type {printable(kind)}", skip=True)
            continue
        unit = UNITS.get(reader, "record")
        yield from read_isolated(item, reader, limits, unit, mtime_fallback)
