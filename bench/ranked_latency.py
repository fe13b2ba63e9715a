"""Latency of ranked searches (3+ bare words), which query_bench's mix does not time.

`python -m bench.ranked_latency --index DIR` opens an embedded index (bench.query_latency's,
e.g. ~/.cache/newsdesk/bench/latency-rank/embedded-100000) and prints each query's p50 over
RUNS searches after WARM_UP, with pseudo-relevance feedback (feedback.py) as configured and,
when it applies, switched off in the same process. Run it from two checkouts on one index,
alternately, to compare them.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

from indexer.search import feedback
from indexer.search.base import SearchRequest
from indexer.search.embedded import EmbeddedBackend
from indexer.search.plan import plan

WARM_UP = 3
RUNS = 15
# A pasted question (feedback runs) and keyword searches of 3-5 words (it does not).
QUERIES = (
    "what happened to oil prices and company shares after the central bank decision",
    "oil prices company shares bank",
    "police court minister report",
    "central bank interest rates inflation",
    "суд полиция министр",
)


def _p50_ms(backend: EmbeddedBackend, req: SearchRequest) -> tuple[float, int]:
    for _ in range(WARM_UP):
        backend.search(req)
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        total = backend.search(req).total
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, total


def main(argv: Sequence[str] | None = None) -> None:
    """Print one line per query: p50 in ms, matches, and p50 without feedback."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True, help="an embedded index folder")
    args = parser.parse_args(argv)
    backend = EmbeddedBackend(args.index)
    for query in QUERIES:
        req = SearchRequest(query=query)
        ms, total = _p50_ms(backend, req)
        line = f"{query!r}: {ms:.1f} ms, {total} matches"
        if feedback.wants_feedback(plan(req)):
            share = feedback.FEEDBACK_SHARE
            feedback.FEEDBACK_SHARE = 0.0  # this process only: the same search without it
            off, _ = _p50_ms(backend, req)
            feedback.FEEDBACK_SHARE = share
            line += f"; without feedback {off:.1f} ms"
        print(line, flush=True)
    backend.close()


if __name__ == "__main__":
    main()
