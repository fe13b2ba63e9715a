"""Files -> pipeline -> backend, in one process or with worker processes, with a report."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from indexer.config import Settings
from indexer.context import Context
from indexer.model import Article, IndexReport
from indexer.pipeline import chunks, process_chunk
from indexer.readers import read_paths
from indexer.search.base import SearchBackend

Progress = Callable[[int], None]
_QUEUE_CHUNKS = 4  # chunks in flight per worker: keeps workers busy without hoarding memory


def _worker(settings: Settings, inbox: Any, outbox: Any) -> None:
    """Worker process: process chunks until told to stop, then save learned state."""
    with Context(settings) as ctx:
        while (chunk := inbox.get()) is not None:
            outbox.put(process_chunk(chunk, ctx))
    outbox.put(None)


def _parallel(
    batches: Iterator[list[Article]], settings: Settings
) -> Iterator[tuple[list[Article], IndexReport]]:
    # fork would copy half-initialised native state (tantivy, spaCy threads): spawn is safe.
    mp = multiprocessing.get_context("spawn")
    inbox, outbox = mp.Queue(settings.workers * _QUEUE_CHUNKS), mp.Queue()
    workers = [
        mp.Process(target=_worker, args=(settings, inbox, outbox), daemon=True)
        for _ in range(settings.workers)
    ]
    for worker in workers:
        worker.start()
    pending = 0
    try:
        for batch in batches:
            while pending >= settings.workers * _QUEUE_CHUNKS:
                yield outbox.get()
                pending -= 1
            inbox.put(batch)
            pending += 1
        for _ in workers:
            inbox.put(None)
        finished = 0
        while finished < len(workers):
            result = outbox.get()
            if result is None:
                finished += 1
            else:
                yield result
    finally:
        for worker in workers:
            worker.join(timeout=30)
            if worker.is_alive():
                worker.terminate()


def processed(
    paths: Iterable[Path], settings: Settings, report: IndexReport, mtime_fallback: bool = False
) -> Iterator[Article]:
    """Clean, enriched articles from input paths; every problem lands in `report`."""
    batches = chunks(read_paths(paths, mtime_fallback=mtime_fallback), report)
    if settings.workers > 1:
        results: Iterator[tuple[list[Article], IndexReport]] = _parallel(batches, settings)
        for articles, part in results:
            report.merge(part)
            yield from articles
        return
    with Context(settings) as ctx:
        for batch in batches:
            articles, part = process_chunk(batch, ctx)
            report.merge(part)
            yield from articles


def ingest(
    paths: Iterable[Path],
    settings: Settings,
    backend: SearchBackend,
    progress: Progress | None = None,
    mtime_fallback: bool = False,
) -> IndexReport:
    """Read, process and index everything under `paths`; returns what happened."""
    report = IndexReport()

    def counted(articles: Iterator[Article]) -> Iterator[Article]:
        for article in articles:
            yield article
            if progress:
                progress(1)

    backend.create_index()
    written = backend.index(counted(processed(paths, settings, report, mtime_fallback)))
    report.indexed += written.indexed
    report.failed += written.failed
    report.failures.extend(written.failures)
    return report
