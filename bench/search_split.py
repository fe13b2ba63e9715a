"""Where a native search's time goes, per query of the mix: the core's call against Python.

`python -m bench.search_split --index ~/.cache/newsdesk/bench/q1m-v2 --size 1000000` opens an
existing embedded index (it never builds one) as `query_latency` does (entity store and all)
and prints, per query, the median CPU milliseconds of a whole search, of the call into the
native core (both counting threads), the rest (Python: planning, entity lookups, snippets,
records' JSON, histogram), and of the whole search with the entities' other names left out
of the query (`exact`), with both totals. Rounds alternate, so load on the machine hits each
column alike. CPU time, not wall time: steadier on a shared machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench import query_bench, query_latency
from bench.corpus import DEFAULT_CACHE, processed_records
from indexer.search import embedded_native, open_backend

ROUNDS = 8  # alternating rounds of REPEATS searches each way
REPEATS = 3
COLUMNS = (
    "whole ms",
    "native call ms",
    "Python ms",
    "names left out ms",
    "total",
    "total, names left out",
)


class _NativeTimer:
    """Adds up the CPU time spent in the native core's call."""

    def __init__(self) -> None:
        self.spent = 0.0
        self._run = embedded_native.NativeSearch._run

    def install(self) -> None:
        timer = self

        def timed(search: Any, *args: Any, **kwargs: Any) -> Any:
            began = time.process_time()
            try:
                return timer._run(search, *args, **kwargs)
            finally:
                timer.spent += time.process_time() - began

        embedded_native.NativeSearch._run = timed  # type: ignore[method-assign,assignment]


def main(argv: Sequence[str] | None = None) -> None:
    """Print the per-query table (Markdown)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True, help="as query_latency's --index")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--base", type=int, default=10_000)
    args = parser.parse_args(argv)
    engine = query_latency.engine_at(args.index, args.size, args.base, native=True)
    if not Path(engine.location).exists():
        raise SystemExit(f"no index at {engine.location}: build it with bench.query_latency")
    records = processed_records(DEFAULT_CACHE, args.base, reuse_stale=True)
    search = open_backend(engine.settings()).search
    timer = _NativeTimer()
    timer.install()
    print(f"| query | {' | '.join(COLUMNS)} |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, req in query_bench.query_mix(records):
        exact = replace(req, exact=True)
        whole, native, alone = [], [], []
        total, total_exact = search(req).total, search(exact).total
        for _ in range(ROUNDS):
            for _ in range(REPEATS):
                timer.spent = 0.0
                began = time.process_time()
                search(req)
                whole.append(time.process_time() - began)
                native.append(timer.spent)
            for _ in range(REPEATS):
                began = time.process_time()
                search(exact)
                alone.append(time.process_time() - began)
        w, n, e = (1000 * statistics.median(x) for x in (whole, native, alone))
        print(
            f"| {label} | {w:.1f} | {n:.1f} | {w - n:.1f} | {e:.1f} | {total:,} | {total_exact:,} |"
        )


if __name__ == "__main__":
    main()
