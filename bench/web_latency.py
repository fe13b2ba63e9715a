"""The web page's latency on one embedded index, for issue 13's `GET /` figure.

`python -m bench.web_latency --index DIR --size N --base B` serves the index that
`bench.query_latency` built with the same arguments (it refuses to build one: run that first),
loads it with `--connections` closed-loop users cycling through the search page and the API for
every query of the mix, and prints one JSON line: p50/p99 in ms per route and the load.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Sequence
from pathlib import Path

from bench import query_bench, query_latency, web_load
from bench.corpus import DEFAULT_CACHE, processed_records


def main(argv: Sequence[str] | None = None) -> None:
    """Serve the index, load it, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True, help="bench.query_latency's folder")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--base", type=int, default=2_000, help="real articles, pipeline once")
    parser.add_argument("--budget", type=float, default=20.0, help="seconds of timed requests")
    parser.add_argument("--connections", type=int, default=1)
    parser.add_argument("--label", default="")
    args = parser.parse_args(argv)
    engine = query_latency.engine_at(args.index, args.size, args.base)
    if not Path(engine.location).exists():
        parser.error(f"{engine.location} does not exist: build it with bench.query_latency")
    records = processed_records(DEFAULT_CACHE, args.base, reuse_stale=True)
    before = os.getloadavg()
    run = web_load.measure(engine, query_bench.query_mix(records), args.connections, args.budget)
    print(json.dumps(run | {"label": args.label, "load": [before, os.getloadavg()]}), flush=True)


if __name__ == "__main__":
    main()
