"""Where a search spends its time: pyinstrument over repeated runs of the query mix.

`python -m bench.profile_search --size 100000 --label "term high"` loads the scaled corpus
into an embedded index in the cache (once, kept for the next call), prints each query's median
latency and the call tree of the chosen query. Needs `pip install -e .[bench]` (pyinstrument).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from bench import scaled_index
from bench.corpus import CACHE, processed_records, scaled_articles
from bench.query_bench import Engine, query_mix

REPEATS = 30  # enough samples for a stable call tree of a few-millisecond search


def main(argv: list[str] | None = None) -> int:
    """Command line: build or reuse an embedded index, time the mix, profile one query."""
    parser = argparse.ArgumentParser("python -m bench.profile_search", description=__doc__)
    parser.add_argument("--size", type=int, default=100_000, help="articles in the index")
    parser.add_argument("--base", type=int, default=10_000, help="real articles processed")
    parser.add_argument("--label", default="term high", help="query of the mix to profile")
    parser.add_argument("--index", type=Path, help="an existing embedded index to use")
    args = parser.parse_args(argv)
    from pyinstrument import Profiler

    records = processed_records(args.base, reuse_stale=True)
    mix = query_mix(records)
    path = args.index or CACHE / "indexes" / f"embedded-{args.size}"
    engine = Engine("embedded", "embedded", str(path))
    if not path.exists():
        print(scaled_index.build(engine, scaled_articles(records, args.size)))
    search = engine.open()
    for label, req in mix:
        search(req)
        times = []
        for _ in range(REPEATS):
            began = time.perf_counter()
            search(req)
            times.append(1000 * (time.perf_counter() - began))
        print(f"{label:14} {statistics.median(times):8.2f} ms  {req.query!r} {req.filters}")
    chosen = dict(mix)[args.label]
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(REPEATS):
            search(chosen)
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
