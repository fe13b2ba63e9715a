"""Where a search spends its time: pyinstrument over repeated runs of the query mix.

`python -m bench.profile_search --size 100000 --label "term high"` loads the scaled corpus
into an embedded index in the cache (once, kept for the next call), prints each query's median
latency and the call tree of the chosen query. Needs `pip install -e .[bench]` (pyinstrument).

`--threads 1,2` instead times the mix side by side with facets counted on 1 and on 2 threads,
and `--paths` on the native core and the pure-Python path (rounds interleaved, so load on the
machine hits every variant alike).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench import scaled_index
from bench.corpus import DEFAULT_CACHE, processed_records, scaled_articles
from bench.query_bench import Engine, query_mix
from indexer.search.base import SearchRequest
from indexer.search.embedded import EmbeddedBackend

REPEATS = 30  # enough samples for a stable call tree of a few-millisecond search


def _median_ms(search: Callable[[SearchRequest], Any], req: SearchRequest) -> float:
    times = []
    for _ in range(REPEATS):
        began = time.perf_counter()
        search(req)
        times.append(1000 * (time.perf_counter() - began))
    return statistics.median(times)


def compare(variants: dict[str, EmbeddedBackend], mix: list[tuple[str, SearchRequest]]) -> None:
    """Median latency (ms) of each query of the mix per variant, printed as a table."""
    names = list(variants)
    medians: dict[str, list[float]] = {name: [] for name in names}
    print(f"{'query':14} " + " ".join(f"{name:>14}" for name in names) + "   ratio")
    for label, req in mix:
        for backend in variants.values():
            backend.search(req)  # warm: first reads of the index files, column caches
        # Interleave rounds so a change in machine load lands on every variant alike.
        rounds: dict[str, list[float]] = {name: [] for name in names}
        for _ in range(3):
            for name, backend in variants.items():
                rounds[name].append(_median_ms(backend.search, req))
        row = [min(rounds[name]) for name in names]
        for name, value in zip(names, row, strict=True):
            medians[name].append(value)
        cells = " ".join(f"{value:14.2f}" for value in row)
        print(f"{label:14} {cells}  {row[0] / row[-1]:6.2f}×")
    totals = [sum(medians[name]) for name in names]
    cells = " ".join(f"{value:14.2f}" for value in totals)
    print(f"{'sum of mix':14} {cells}  {totals[0] / totals[-1]:6.2f}×")


def compare_threads(
    path: Path, mix: list[tuple[str, SearchRequest]], threads: Sequence[int], native: bool
) -> None:
    """The mix with facets counted on each number of threads."""
    compare({f"{n} thread(s)": EmbeddedBackend(path, n, native) for n in threads}, mix)


def main(argv: list[str] | None = None) -> int:
    """Command line: build or reuse an embedded index, time the mix, profile one query."""
    parser = argparse.ArgumentParser("python -m bench.profile_search", description=__doc__)
    parser.add_argument("--size", type=int, default=100_000, help="articles in the index")
    parser.add_argument("--base", type=int, default=10_000, help="real articles processed")
    parser.add_argument("--label", default="term high", help="query of the mix to profile")
    parser.add_argument("--index", type=Path, help="an existing embedded index to use")
    parser.add_argument("--threads", help="compare counting threads, e.g. 1,2 (no profile)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="corpora and indexes")
    parser.add_argument("--paths", action="store_true", help="compare pure path and native core")
    parser.add_argument("--pure", action="store_true", help="threads or profile: pure path")
    args = parser.parse_args(argv)

    records = processed_records(args.cache, args.base, reuse_stale=True)
    mix = query_mix(records)
    path = args.index or args.cache / "indexes" / f"embedded-{args.size}"
    engine = Engine("embedded", "embedded", str(path), native=not args.pure)
    if not path.exists():
        print(scaled_index.build(engine, scaled_articles(records, args.size)))
    if args.paths:
        compare({"pure": EmbeddedBackend(path, native=False), "native": EmbeddedBackend(path)}, mix)
        return 0
    if args.threads:
        compare_threads(path, mix, [int(n) for n in args.threads.split(",")], not args.pure)
        return 0

    from pyinstrument import Profiler

    search = engine.open()
    for label, req in mix:
        search(req)
        print(f"{label:14} {_median_ms(search, req):8.2f} ms  {req.query!r} {req.filters}")
    chosen = dict(mix)[args.label]
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(REPEATS):
            search(chosen)
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
