"""Elasticsearch query latency before and after merging the index into one segment.

`python -m bench.es_segments --size 100000` loads the scaled corpus into a fresh node, times
the query mix as bulk indexing left it, force-merges to one segment and times it again: both
columns come from the same node in the same run. One segment lets `terms` aggregations count
segment ordinals directly instead of mapping each one through global ordinals.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from elasticsearch import Elasticsearch

from bench import scaled_index
from bench.corpus import DEFAULT_CACHE, processed_records, scaled_articles
from bench.query_bench import Engine, Mix, query_mix
from devtools.es_node import ElasticsearchNode

REPEATS = 20
FORCE_MERGE_TIMEOUT_S = 3_600


def _medians(engine: Engine, mix: Mix) -> list[float]:
    search = engine.open()
    medians = []
    for _, req in mix:
        for _ in range(3):
            search(req)  # warm caches and global ordinals
        times = []
        for _ in range(REPEATS):
            began = time.perf_counter()
            search(req)
            times.append(1000 * (time.perf_counter() - began))
        medians.append(statistics.median(times))
    return medians


def main(argv: list[str] | None = None) -> int:
    """Command line: one node, one index, the mix timed before and after a force merge."""
    parser = argparse.ArgumentParser("python -m bench.es_segments", description=__doc__)
    parser.add_argument("--size", type=int, default=100_000, help="articles in the index")
    parser.add_argument("--base", type=int, default=10_000, help="real articles processed")
    parser.add_argument("--heap", default="2g", help="Elasticsearch JVM heap")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="corpora")
    args = parser.parse_args(argv)

    records = processed_records(args.cache, args.base, reuse_stale=True)
    mix = query_mix(records)
    node = ElasticsearchNode(heap=args.heap)
    node.start()
    try:
        engine = Engine("elasticsearch", "elasticsearch", node.url, "bench-segments")
        print(scaled_index.build(engine, scaled_articles(records, args.size)))
        client = Elasticsearch(node.url, request_timeout=FORCE_MERGE_TIMEOUT_S)
        segments_before = len(client.cat.segments(index="bench-segments", format="json"))
        _medians(engine, mix)  # a whole pass first, so the JIT is as warm for both columns
        before = _medians(engine, mix)
        began = time.perf_counter()
        client.indices.forcemerge(index="bench-segments", max_num_segments=1)
        merge_s = time.perf_counter() - began
        client.indices.refresh(index="bench-segments")
        after = _medians(engine, mix)
    finally:
        node.stop()
    print(f"{args.size:,} articles; force merge took {merge_s:.0f} s")
    print(f"{'query':14} {f'{segments_before} segments':>12} {'1 segment':>12}  speed-up")
    for (label, _), old, new in zip(mix, before, after, strict=True):
        print(f"{label:14} {old:12.1f} {new:12.1f}  {old / new:6.2f}×")
    total_before, total_after = sum(before), sum(after)
    ratio = total_before / total_after
    print(f"{'sum of mix':14} {total_before:12.1f} {total_after:12.1f}  {ratio:6.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
