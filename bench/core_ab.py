"""Builds of the native core side by side in one process, their searches interleaved.

This machine's speed drifts by up to 2x from one minute to the next, so two runs at different
times compare little. Here every build of `_native` (each .so loaded as a module of its own)
opens the same index, and each search of query_bench's mix goes to every build in turn, the
order alternating by round: drift falls on all alike. What is timed is the core's call alone,
with the arguments the embedded engine hands it for that query.

    python -m bench.core_ab --index ~/.cache/newsdesk/bench/q1m --size 1000000 --base 10000 \\
        old=/tmp/old.so new=indexer/search/_native.cpython-311-x86_64-linux-gnu.so

Prints each build's median per query (ms) and their sum. Each build keeps its own column
caches, so the index's working set is counted once per build.
"""

from __future__ import annotations

import argparse
import importlib.machinery
import importlib.util
import statistics
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from bench import query_bench
from bench.corpus import DEFAULT_CACHE, processed_records
from bench.query_latency import engine_at
from indexer.search import embedded_native, embedded_schema


def load_build(tag: str, path: Path) -> ModuleType:
    """The compiled core at `path` as module `<tag>._native` (its init function's name)."""
    name = f"{tag}._native"
    loader = importlib.machinery.ExtensionFileLoader(name, str(path))
    spec = importlib.util.spec_from_file_location(name, path, loader=loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def core_calls(index: Path, size: int, base: int) -> dict[str, tuple[Any, ...]]:
    """Per query of the mix, the arguments the engine's search hands the core."""
    records = processed_records(DEFAULT_CACHE, base, reuse_stale=True)
    search = engine_at(index, size, base, native=True).open()
    calls: dict[str, tuple[Any, ...]] = {}
    current = [""]  # the query being run

    class Recorder:
        def __init__(self, core: Any) -> None:
            self.core = core

        def search(self, *args: Any) -> Any:
            calls.setdefault(current[0], args)
            return self.core.search(*args)

    run = embedded_native.NativeSearch._run

    def recording(self: Any, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(self._core, Recorder):
            self._core = Recorder(self._core)
        return run(self, *args, **kwargs)

    embedded_native.NativeSearch._run = recording  # type: ignore[method-assign]
    try:
        for label, request in query_bench.query_mix(records):
            current[0] = label
            search(request)
    finally:
        embedded_native.NativeSearch._run = run  # type: ignore[method-assign]
    return calls


def main(argv: Sequence[str] | None = None) -> None:
    """Time every build on every query of the mix, interleaved, and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True, help="query_latency's index folder")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--base", type=int, default=10_000, help="real articles, pipeline once")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("builds", nargs="+", help="tag=path of a built _native .so")
    args = parser.parse_args(argv)
    calls = core_calls(args.index, args.size, args.base)
    analyzers = [(name, *spec) for name, spec in embedded_schema.ANALYZERS.items()]
    folder = str(args.index / f"embedded-{args.size}")
    cores = {}
    for build in args.builds:
        tag, path = build.split("=", 1)
        cores[tag] = load_build(tag, Path(path)).NativeIndex(folder, analyzers, 2)
    times: dict[tuple[str, str], list[float]] = {}
    tags = list(cores)
    for round_ in range(args.rounds):
        for label, call in calls.items():
            for tag in tags if round_ % 2 == 0 else tags[::-1]:
                start = time.perf_counter()
                cores[tag].search(*call)
                times.setdefault((tag, label), []).append(1e3 * (time.perf_counter() - start))
    for tag in tags:
        medians = {label: statistics.median(times[(tag, label)]) for label in calls}
        shown = " ".join(f"{label.replace(' ', '_')}={ms:.2f}" for label, ms in medians.items())
        print(f"{tag}: {shown} sum={sum(medians.values()):.2f}", flush=True)


if __name__ == "__main__":
    main()
