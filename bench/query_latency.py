"""query_bench's fixed mix on one embedded index, for comparing two versions of the code.

`python -m bench.query_latency --index DIR` builds (once) an embedded index of `--size`
articles scaled from `--base` real ones through the pipeline (NER on, cached as query_bench
does), then times the mix with one client, or `--clients N` processes (NEWSDESK_NATIVE=0: on
the pure-Python path) and prints one JSON line: p50/p95/p99 and each query's p50 in ms. Run
it from two checkouts with their own `--index` (the processed articles are shared through
`reuse_stale`), alternating runs, to set two versions side by side on the same articles and
queries.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Sequence
from pathlib import Path

from bench import query_bench, scaled_index
from bench.corpus import DEFAULT_CACHE, pipeline_state, processed_records, scaled_articles
from indexer.config import Settings


def engine_at(index: Path, size: int, base: int, native: bool | None = None) -> query_bench.Engine:
    """The embedded engine of the index this tool keeps under `index` for `size` articles
    scaled from `base` (its entity store is the pipeline's). `native` None: as
    NEWSDESK_NATIVE says (0: the pure-Python path)."""
    return query_bench.Engine(
        "embedded",
        "embedded",
        str(index / f"embedded-{size}"),
        data_dir=str(pipeline_state(DEFAULT_CACHE, base)),
        native=Settings.from_env().native if native is None else native,
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Build the index if it is missing, then time the mix and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True, help="this version's index folder")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--base", type=int, default=2_000, help="real articles, pipeline once")
    parser.add_argument("--budget", type=float, default=20.0, help="seconds of timed queries")
    parser.add_argument("--clients", type=int, default=1, help="concurrent client processes")
    parser.add_argument("--label", default="")
    args = parser.parse_args(argv)
    records = processed_records(DEFAULT_CACHE, args.base, reuse_stale=True)
    mix = query_bench.query_mix(records)
    engine = engine_at(args.index, args.size, args.base)
    if not Path(engine.location).exists():
        scaled_index.build(engine, scaled_articles(records, args.size))
    run = query_bench.measure(engine, mix, args.clients, args.budget, warmup_s=5.0)
    shown = {key: run[key] for key in ("p50", "p95", "p99", "qps", "load_average", "queries")}
    shown |= {
        "label": args.label,
        "clients": args.clients,
        "per_query_p50": run["per_query_p50"],
        "load": os.getloadavg(),
    }
    shown["totals"] = query_bench.totals(engine, mix)
    print(json.dumps(shown), flush=True)


if __name__ == "__main__":
    main()
