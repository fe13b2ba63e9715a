"""Entity names typed into search, timed through the entity-aware backend, versions side by side.

    python bench/entity_query_latency.py --index DIR/embedded-100000 --data STATE --label ours

`--index` is an embedded index (`python -m bench.query_latency --index DIR` builds one of
100,000 articles) and `--data` the data folder holding its entity store (that command's
pipeline state, `~/.cache/newsdesk/bench/pipeline-state-2000`). Prints one JSON line: each
name's p50 in ms and the mean of them, and how many articles each finds. Run it alternately
with another checkout on `PYTHONPATH` to set two versions side by side under the same load.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from indexer.config import Settings
from indexer.search import SearchRequest, open_backend

# Places, people and bodies in both scripts, one of them typed as a name of several words.
QUERIES = (
    "Putin",
    "Путин",
    "Moscow",
    "Denmark",
    "Trump",
    "European Union",
    "Russia",
    "Ministry of Foreign Affairs Russia",
    "Merkel",
    "Ukraine",
)


def main(argv: list[str] | None = None) -> None:
    """Time each query for `--seconds` in turns and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--label", default="")
    args = parser.parse_args(argv)
    backend = open_backend(Settings(data_dir=args.data, index_path=args.index, workers=1))
    requests = list(zip(QUERIES, (SearchRequest(query=query) for query in QUERIES), strict=True))
    totals = {query: backend.search(req).total for query, req in requests}
    times: dict[str, list[float]] = {query: [] for query in QUERIES}
    end = time.monotonic() + args.seconds
    while time.monotonic() < end:
        for query, req in requests:
            start = time.perf_counter()
            backend.search(req)
            times[query].append((time.perf_counter() - start) * 1000)
    backend.close()
    p50 = {query: round(statistics.median(taken), 2) for query, taken in times.items()}
    mean = round(statistics.mean(p50.values()), 2)
    print(json.dumps({"label": args.label, "mean_p50": mean, "p50": p50, "totals": totals}))


if __name__ == "__main__":
    main()
