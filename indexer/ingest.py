"""Files -> pipeline -> backend, in one process or with worker processes, with a report."""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import queue
import signal
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from threadpoolctl import threadpool_limits

from indexer.config import Settings
from indexer.context import Context
from indexer.ingest_files import FileTracker, batches, walk
from indexer.ingest_state import IngestState, Seen, state_path
from indexer.interrupt import Interrupted, StopRequest
from indexer.model import Article, IndexReport
from indexer.orphans import die_with_parent
from indexer.pipeline import chunks, process_chunk, warm_up
from indexer.readers import read_paths
from indexer.readers.limits import ReadLimits
from indexer.readers.walk import walk_inputs
from indexer.search.base import Checkpoint, SearchBackend

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

    def __init__(self, settings: Settings, ctx: Context | None = None) -> None:
        self.ctx = ctx or Context(settings)
        self._blas = threadpool_limits(BLAS_THREADS, user_api="blas")

    def wait_ready(self) -> None:
        """Load the models now rather than on the first chunk."""
        warm_up(self.ctx)

    def run(self, batches: Iterable[list[Article]]) -> Results:
        """Processed chunks, in input order."""
        for batch in batches:
            yield process_chunk(batch, self.ctx)

    def abandon(self) -> None:
        """Nothing to do: closing this runner never waits on another process."""

    def close(self) -> None:
        """Save learned state (line model, entity table)."""
        self.ctx.close()
        self._blas.restore_original_limits()


def _worker(
    settings: Settings, inbox: Any, outbox: Any, parent_pid: int, warmed: Context | None
) -> None:
    """Worker process: load the models once (unless forked with them), process numbered
    chunks until told to stop."""
    die_with_parent(parent_pid)
    # Ctrl-C reaches the whole process group: the parent decides when the workers stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker inherits the ingest's
    runner = LocalRunner(settings, warmed)  # the same set-up as a one-process ingest
    try:
        if warmed is None:
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

    def __init__(self, settings: Settings, warmed: Context | None = None) -> None:
        # Workers start fresh (spawn) and load their own models, unless given `warmed`, a
        # Context whose models are loaded: then they fork from this process with them, so
        # the models load once, not once per worker. Fork is safe only from a process
        # that has no half-initialised native state (a tantivy writer, spaCy threads):
        # ingest forks right after loading, before it writes.
        mp = (
            multiprocessing.get_context("fork")
            if warmed is not None
            else multiprocessing.get_context("spawn")
        )
        self.size = settings.workers
        self._inbox = mp.Queue(self.size * _QUEUE_CHUNKS)
        self._outbox = mp.Queue()
        self._ready = 0
        self._abandoned = False  # interrupted while the models loaded
        self._workers = [
            mp.Process(
                target=_worker,
                args=(settings, self._inbox, self._outbox, os.getpid(), warmed),
                daemon=True,
            )
            for _ in range(self.size)
        ]
        if warmed is not None:
            # Keep the collector off the loaded models' objects in every process: a collection
            # writes to each object it visits, which copies the shared pages into each worker.
            # No collection first: it would visit all of them once more (0.1 s) to free little.
            gc.freeze()
        self._frozen = warmed is not None
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

    def abandon(self) -> None:
        """Interrupted before any work: close() terminates the workers, not waits."""
        self._abandoned = True

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
        """Stop the workers (they save their learned state first).

        Chunks still queued (an ingest stopped by a signal) are dropped: each worker only
        finishes the one it holds. Workers still loading their models have learned
        nothing: they are terminated rather than waited for.
        """
        while True:
            try:
                self._inbox.get_nowait()
            except queue.Empty:
                break
        if self._abandoned:
            for worker in self._workers:
                worker.terminate()
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
        if self._frozen:
            gc.unfreeze()  # the models may go now (a watch or follow run reopens its runner)


Runner = LocalRunner | WorkerPool


@contextmanager
def open_runner(settings: Settings, preload: bool = False) -> Iterator[Runner]:
    """The pipeline runner `settings` asks for (in this process, or a worker pool), closed after.

    With `preload` (Linux and other systems with fork), the models load here, once, and the
    workers fork with them: start-up costs one load instead of one per worker.
    """
    runner: Runner
    if settings.workers == 1:
        runner = LocalRunner(settings)
    elif preload and "fork" in multiprocessing.get_all_start_methods():
        warmed = Context(settings)
        warm_up(warmed)
        # Not closed here: the workers own their copies, and this one learned nothing.
        runner = WorkerPool(settings, warmed)
    else:
        runner = WorkerPool(settings)
    try:
        yield runner
    except Interrupted:
        runner.abandon()
        raise
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


class RunWatcher(Protocol):
    """Who follows an ingest as it goes (the command line's progress line)."""

    def loading(self) -> None:
        """The models start loading."""

    def started(self, files: Sequence[Seen], unchanged: int) -> None:
        """Reading starts: `files` to read (walk order); `unchanged` files passed over."""

    def read_through(self, files: int, size: int) -> None:
        """So many files, of so many bytes, are read through."""

    def taken(self, articles: int) -> None:
        """So many more articles are on their way into the index."""

    def committed(self, indexed: int, new: int) -> None:
        """The index durably holds everything written so far: `indexed` articles, `new` of
        them not in the index before this run."""


def ingest(
    paths: Iterable[Path],
    settings: Settings,
    backend: SearchBackend,
    progress: Progress | None = None,
    mtime_fallback: bool = False,
    runner: Runner | None = None,
    *,
    resume: bool = False,
    watcher: RunWatcher | None = None,
    stop: StopRequest | None = None,
) -> IndexReport:
    """Read, process and index everything under `paths`; returns what happened.

    The index commits every few seconds. With `resume`, files already indexed and unchanged
    since are passed over, and files are recorded once a commit holds their articles. A
    `stop` request (a signal) ends the reading; what was read is committed and reported.
    """
    report = IndexReport()
    stop = stop or StopRequest()
    paths = list(paths)  # walked, then read
    backend.create_index()
    limits = ReadLimits.from_settings(settings)
    files = walk(paths, limits.follow_symlinks)
    state = IngestState(state_path(settings)) if resume else None
    try:
        passed = _unchanged(files, state, backend)
        report.unchanged = len(passed)
        run = _Run(
            paths=paths,
            wanted=[seen for seen in files if seen.key not in passed],
            passed=passed,
            backend=backend,
            report=report,
            state=state,
            progress=progress,
            mtime_fallback=mtime_fallback,
            limits=limits,
            watcher=watcher,
            stop=stop,
        )
        if passed and not run.wanted and all(Path(p).exists() for p in run.paths):
            return report  # nothing new: no models to load
        if not files and not any(True for _ in walk_inputs(paths, limits.follow_symlinks)):
            return report  # empty folders: nothing to read and nothing to report
        if runner is not None:
            run.through(runner)
            return report
        if watcher:
            watcher.loading()
        try:
            with stop.raising(), open_runner(settings, preload=True) as own:
                own.wait_ready()
                stop.raise_now = False
                run.through(own)
        except Interrupted as interrupted:
            stop.name = interrupted.name
    finally:
        if state is not None:
            state.close()
    report.stopped_by = stop.name
    return report


def _unchanged(files: list[Seen], state: IngestState | None, backend: SearchBackend) -> set[str]:
    """Keys of the files indexed before and unchanged since."""
    if state is None:
        return set()
    if backend.count() == 0:
        state.forget()  # a new or emptied index holds nothing from earlier runs
        return set()
    return {seen.key for seen in files if state.unchanged(seen)}


@dataclass
class _Run:
    """One ingest's inputs and listeners, once the walk has said what to read."""

    paths: list[Path]
    wanted: list[Seen]  # the files to read, in walk order
    passed: set[str]  # keys of the unchanged files passed over
    backend: SearchBackend
    report: IndexReport
    state: IngestState | None
    progress: Progress | None
    mtime_fallback: bool
    limits: ReadLimits
    watcher: RunWatcher | None
    stop: StopRequest

    def through(self, runner: Runner) -> None:
        """Read the wanted files through `runner` into the backend, committing as it goes."""
        report, watcher, progress = self.report, self.watcher, self.progress
        if watcher:
            watcher.started(self.wanted, len(self.passed))
        tracker = FileTracker(self.wanted, report, watcher.read_through if watcher else None)
        items = read_paths(
            self.paths,
            mtime_fallback=self.mtime_fallback,
            limits=self.limits,
            wanted=lambda path: os.path.abspath(path) not in self.passed,
        )
        bounds: deque[int] = deque()
        results = runner.run(batches(tracker.follow(items, self.stop), tracker, bounds))

        def taken() -> Iterator[Article]:
            for articles, part in results:
                tracker.note_failures(part)
                report.merge(part)
                through = bounds.popleft()
                for article in articles:
                    yield article
                    if progress:
                        progress(1)
                if watcher:
                    watcher.taken(len(articles))
                tracker.taken = through
            tracker.taken = tracker.through

        def committed(written: IndexReport) -> None:
            if self.state is not None:
                self.state.record(tracker.newly_done())
            if watcher:
                watcher.committed(written.indexed, written.new)

        report.add_written(self.backend.index(taken(), Checkpoint(on_commit=committed)))
