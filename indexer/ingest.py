"""Files -> pipeline -> backend, in one process or with worker processes, with a report."""

from __future__ import annotations

import logging
import multiprocessing
import queue
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from threadpoolctl import threadpool_limits

from indexer.config import Settings
from indexer.context import Context
from indexer.model import Article, IndexReport
from indexer.pipeline import chunks, process_chunk, warm_up
from indexer.readers import read_paths
from indexer.readers.limits import ReadLimits
from indexer.search.base import SearchBackend

log = logging.getLogger(__name__)

Progress = Callable[[int], None]
Results = Iterator[tuple[list[Article], IndexReport]]
_QUEUE_CHUNKS = 4  # chunks in flight per worker: keeps workers busy without hoarding memory
# BLAS threads per pipeline process. The NER's matrices are small: a second BLAS thread
# mostly spins waiting for a core (39 -> 27 CPU ms per 500-word article with one), and
# worker processes already fill the cores.
BLAS_THREADS = 1
# How often (seconds) the main process checks that no worker died while it waits for results.
_LIVENESS_POLL_S = 2.0
# Seconds a worker gets to finish its queued chunks and save its state once told to stop.
_STOP_TIMEOUT_S = 60.0
_READY = "ready"


class LocalRunner:
    """Runs chunks through the pipeline in this process (settings.workers == 1)."""

    def __init__(self, settings: Settings) -> None:
        self.ctx = Context(settings)
        self._blas = threadpool_limits(BLAS_THREADS, user_api="blas")

    def wait_ready(self) -> None:
        """Load the models now rather than on the first chunk."""
        warm_up(self.ctx)

    def run(self, batches: Iterable[list[Article]]) -> Results:
        """Processed chunks, in input order."""
        for batch in batches:
            yield process_chunk(batch, self.ctx)

    def close(self) -> None:
        """Save learned state (line model, entity table)."""
        self.ctx.close()
        self._blas.restore_original_limits()


def _worker(settings: Settings, inbox: Any, outbox: Any) -> None:
    """Worker process: load the models once, process numbered chunks until told to stop."""
    runner = LocalRunner(settings)  # the same set-up as a one-process ingest
    try:
        runner.wait_ready()
        outbox.put(_READY)
        while (job := inbox.get()) is not None:
            number, chunk = job
            outbox.put((number, process_chunk(chunk, runner.ctx)))
    finally:
        runner.close()


class WorkerPool:
    """`settings.workers` processes, each with its own Context and models, fed chunks by queue.

    The main process only reads files, hands out chunks and indexes the results, so the
    workers have the cores to themselves. Results come back in input order.
    """

    def __init__(self, settings: Settings) -> None:
        # fork would copy half-initialised native state (tantivy, spaCy threads): spawn is safe.
        mp = multiprocessing.get_context("spawn")
        self.size = settings.workers
        self._inbox = mp.Queue(self.size * _QUEUE_CHUNKS)
        self._outbox = mp.Queue()
        self._ready = 0
        self._workers = [
            mp.Process(target=_worker, args=(settings, self._inbox, self._outbox), daemon=True)
            for _ in range(self.size)
        ]
        for worker in self._workers:
            worker.start()

    def _receive(self) -> Any:
        """The next message from a worker; raises if a worker died instead of answering."""
        while True:
            try:
                return self._outbox.get(timeout=_LIVENESS_POLL_S)
            except queue.Empty:
                dead = [w.exitcode for w in self._workers if w.exitcode not in (None, 0)]
                if dead:
                    raise RuntimeError(f"an ingest worker died (exit code {dead[0]})") from None

    def _result(self) -> tuple[int, tuple[list[Article], IndexReport]]:
        while (message := self._receive()) == _READY:
            self._ready += 1
        return message  # type: ignore[no-any-return]

    def wait_ready(self) -> None:
        """Block until every worker has loaded its models."""
        while self._ready < self.size:
            message = self._receive()
            if message != _READY:
                raise RuntimeError(f"unexpected message from a worker before work: {message!r}")
            self._ready += 1

    def run(self, batches: Iterable[list[Article]]) -> Results:
        """Processed chunks, in input order; the workers stay up for another run."""
        done: dict[int, tuple[list[Article], IndexReport]] = {}
        sent = received = 0
        for batch in batches:
            while sent - received >= self.size * _QUEUE_CHUNKS:
                received = yield from self._next_in_order(done, received)
            self._inbox.put((sent, batch))
            sent += 1
        while received < sent:
            received = yield from self._next_in_order(done, received)

    def _next_in_order(
        self, done: dict[int, tuple[list[Article], IndexReport]], received: int
    ) -> Generator[tuple[list[Article], IndexReport], None, int]:
        """Wait for one more result; yield every result now next in input order."""
        number, result = self._result()
        done[number] = result
        while received in done:
            yield done.pop(received)
            received += 1
        return received

    def close(self) -> None:
        """Stop the workers (they save their learned state first)."""
        for worker in self._workers:
            if worker.is_alive():
                self._inbox.put(None)
        deadline = time.monotonic() + _STOP_TIMEOUT_S
        while any(w.is_alive() for w in self._workers) and time.monotonic() < deadline:
            # Unread results (a reader that stopped early) would keep a worker from exiting.
            try:
                self._outbox.get(timeout=0.1)
            except queue.Empty:
                pass
        for worker in self._workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()


Runner = LocalRunner | WorkerPool


@contextmanager
def open_runner(settings: Settings) -> Iterator[Runner]:
    """The pipeline runner `settings` asks for (in this process, or a worker pool), closed after."""
    runner: Runner = WorkerPool(settings) if settings.workers > 1 else LocalRunner(settings)
    try:
        yield runner
    finally:
        runner.close()


def processed(
    paths: Iterable[Path],
    settings: Settings,
    report: IndexReport,
    mtime_fallback: bool = False,
    runner: Runner | None = None,
) -> Iterator[Article]:
    """Clean, enriched articles from input paths, in input order; problems land in `report`.

    Pass a `runner` (from `open_runner`) to reuse its loaded models across calls.
    """
    limits = ReadLimits.from_settings(settings)
    batches = chunks(read_paths(paths, mtime_fallback=mtime_fallback, limits=limits), report)
    if runner is not None:
        yield from _merged(runner.run(batches), report)
        return
    with open_runner(settings) as own:
        yield from _merged(own.run(batches), report)


def _merged(results: Results, report: IndexReport) -> Iterator[Article]:
    for articles, part in results:
        report.merge(part)
        yield from articles


def ingest(
    paths: Iterable[Path],
    settings: Settings,
    backend: SearchBackend,
    progress: Progress | None = None,
    mtime_fallback: bool = False,
    runner: Runner | None = None,
) -> IndexReport:
    """Read, process and index everything under `paths`; returns what happened."""
    report = IndexReport()

    def counted(articles: Iterator[Article]) -> Iterator[Article]:
        for article in articles:
            yield article
            if progress:
                progress(1)

    backend.create_index()
    stream = processed(paths, settings, report, mtime_fallback, runner)
    written = backend.index(counted(stream))
    report.indexed += written.indexed
    report.failed += written.failed
    report.failures.extend(written.failures)
    return report
