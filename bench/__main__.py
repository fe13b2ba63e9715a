"""Run every speed benchmark of issue 7 side by side and write the report.

`python -m bench --quick`: 10k articles, a few minutes; the report goes to the cache
directory. `python -m bench`: 100k and 1M articles; writes docs/benchmarks.md and
docs/benchmarks-latency.png. Both print the tables as they go.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from bench import ingest_bench, query_bench, report, scaled_index, web_load
from bench.corpus import (
    DEFAULT_CACHE,
    pipeline_fingerprint,
    pipeline_state,
    processed_path,
    processed_records,
    raw_corpus,
    scaled_articles,
)
from bench.query_bench import Engine

DOCS = Path(__file__).resolve().parents[1] / "docs"
PARTS = ("ingest", "query", "web")


Config = tuple[str, bool, int]  # ingest: backend, NER on, worker processes
EVERY_INGEST: tuple[Config, ...] = tuple(
    (backend, ner, workers)
    for backend in ("embedded", "elasticsearch")
    for ner in (False, True)
    for workers in (1, 2)  # the machine has 2 cores
)


@dataclass(frozen=True)
class Plan:
    """How big and how long each part runs."""

    name: str
    base_articles: int  # real articles run through the pipeline once
    ingest_articles: int  # real articles per ingest configuration
    ingest_configs: tuple[Config, ...]
    sizes: tuple[int, ...]  # corpus sizes for the query benchmark
    query_budget_s: float  # per engine and client count
    warmup_s: float  # queries before timing starts, per engine and client
    web_budget_s: float  # per connection count
    heap: str  # Elasticsearch JVM heap
    cache: Path = DEFAULT_CACHE  # corpora, processed articles, indexes, results
    pipeline_workers: int = 2  # processes that run the pipeline over the base articles once


# Quick: minutes on 2 cores from a fresh clone, so 2k real texts through the pipeline (scaled
# to 10k) and Elasticsearch ingest only once. Full: 10k real texts (about half an hour of
# pipeline on a loaded machine, cached), a larger heap for 1M, longer samples for steadier tails.
QUICK = Plan(
    "quick", 2_000, 300, EVERY_INGEST[:4] + (("elasticsearch", False, 1),), (10_000,),
    5.0, 3.0, 5.0, "1g",
)  # fmt: skip
FULL = Plan(
    "full", 10_000, 2_000, EVERY_INGEST, (100_000, 1_000_000), 20.0, 10.0, 15.0, "2g"
)  # fmt: skip
# Smoke: every part's code path in a minute, on tiny sizes (tests run it from an empty cache).
SMOKE = Plan(
    "smoke", 40, 20, (("embedded", False, 1),), (300,), 0.2, 0.1, 0.3, "512m", pipeline_workers=1
)  # fmt: skip
QUERY_CLIENTS = (1, 4)
WEB_CONNECTIONS = (1, 4)


def _say(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def _machine() -> dict[str, Any]:
    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_kib = int(open("/proc/meminfo", encoding="ascii").readline().split()[1])
    return {
        "description": f"{os.cpu_count()} cores ({cpu}), {memory_kib / 2**20:.0f} GiB RAM, "
        f"Python {platform.python_version()}, tantivy {metadata.version('tantivy')}, "
        f"SQLite {sqlite3.sqlite_version}",
        "load_average": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


@contextmanager
def _elasticsearch(wanted: bool, heap: str, notes: list[str]) -> Iterator[str | None]:
    """A node for the run, or None (with a note saying why) when it cannot be had."""
    if not wanted:
        notes.append("Elasticsearch was left out (--no-elasticsearch).")
        yield None
        return
    try:
        import indexer.search.elastic  # noqa: F401 - the backend must exist to be measured
        from devtools.es_node import ElasticsearchNode, ElasticsearchNodeError
    except ImportError as error:
        notes.append(f"Elasticsearch was left out: its backend cannot be imported ({error}).")
        yield None
        return
    node = ElasticsearchNode(heap=heap)
    try:
        node.start()
    except ElasticsearchNodeError as error:
        notes.append(f"Elasticsearch was left out: the node did not start ({error}).")
        yield None
        return
    _say(f"Elasticsearch at {node.url}, heap {heap}, started in {node.startup_seconds:.0f} s")
    try:
        yield node.url
    finally:
        node.stop()


def _ingest(plan: Plan, es_url: str | None, notes: list[str]) -> list[dict[str, Any]]:
    corpus = raw_corpus(plan.cache, plan.ingest_articles)
    runs = []
    for backend, ner, workers in plan.ingest_configs:
        if backend == "elasticsearch" and not es_url:
            continue
        _say(f"ingest: {backend}, NER {'on' if ner else 'off'}, {workers} worker(s)")
        try:
            runs.append(ingest_bench.run_in_subprocess(corpus, backend, ner, workers, es_url or ""))
        except (RuntimeError, subprocess.TimeoutExpired) as error:
            # One broken configuration must not cost the rest of an hour-long run.
            reason = str(error).strip().splitlines()[-1]
            notes.append(f"ingest {backend}, NER {ner}, {workers} worker(s) failed: {reason}")
            _say(str(error))
    print(report.ingest_table(runs), end="\n\n", flush=True)
    return runs


def _engines(plan: Plan, size: int, es_url: str | None) -> list[Engine]:
    folder = plan.cache / "indexes"
    folder.mkdir(parents=True, exist_ok=True)
    # The entity table the pipeline learnt on the base articles: entity filters use its aliases.
    state = str(pipeline_state(plan.cache, plan.base_articles))
    embedded = str(folder / f"embedded-{size}")
    engines = [
        Engine("sqlite", "sqlite", str(folder / f"sqlite-{size}.db")),
        # The native core (the default when built) and the pure-Python path on the same index.
        Engine("embedded", "embedded", embedded, data_dir=state),
        Engine("embedded pure", "embedded", embedded, data_dir=state, native=False),
        # The same index merged into one segment per search thread, as reindex leaves it.
        Engine(
            "embedded merged",
            "embedded",
            embedded + scaled_index.MERGED_SUFFIX,
            data_dir=state,
            merged=True,
        ),
    ]
    if es_url:
        index = f"bench-{size}"
        engines.append(Engine("elasticsearch", "elasticsearch", es_url, index, data_dir=state))
        engines.append(
            Engine("es merged", "elasticsearch", es_url, index, data_dir=state, merged=True)
        )
    return engines


def _queries(
    plan: Plan,
    size: int,
    records: list[Any],
    mix: query_bench.Mix,
    engines: list[Engine],
    notes: list[str],
    reuse_indexes: bool = False,
) -> dict[str, Any]:
    loads = []
    for engine in list(engines):
        if engine.shares_an_index:
            continue  # measured on the index another entry loads (merged later, if merged)
        if reuse_indexes and _reusable(engine):
            notes.append(f"{engine.name} at {size:,}: the index kept by an earlier run, not loaded")
            continue
        _say(f"{size:,}: loading {engine.name}")
        try:
            loads.append(scaled_index.build(engine, scaled_articles(records, size)))
        except Exception as error:  # noqa: BLE001 - report the engine as missing, measure the rest
            notes.append(f"{engine.name} at {size:,} articles failed to load: {error}")
            _say(f"{engine.name} failed: {error}")
            engines.remove(engine)
    for kind in ("embedded", "elasticsearch"):
        if not any(engine.kind == kind and not engine.merged for engine in engines):
            engines = [e for e in engines if not (e.kind == kind and e.merged)]
    result: dict[str, Any] = {
        "articles": size,
        "loads": loads,
        "mix": query_bench.describe(mix),
        "totals": {},
        "queries": [],
    }
    for engine in engines:
        if engine.merged:
            _say(f"{size:,}: {engine.name}: merging the {engine.kind} index")
            loads.append(scaled_index.build(engine, ()))
        for clients in QUERY_CLIENTS:
            _say(f"{size:,}: {engine.name}, {clients} client(s)")
            run = query_bench.measure(engine, mix, clients, plan.query_budget_s, plan.warmup_s)
            result["totals"].setdefault(engine.name, run["totals"])
            result["queries"].append(run)
    print(report.load_table(result), end="\n\n", flush=True)
    print(report.query_table(result), end="\n\n")
    print(report.per_query_table(result), end="\n\n", flush=True)
    return result


def _reusable(engine: Engine) -> bool:
    """Whether an embedded or SQLite index from an earlier run is there to measure again."""
    return engine.kind in ("embedded", "sqlite") and Path(engine.location).exists()


def _web(plan: Plan, size: int, engines: list[Engine], mix: query_bench.Mix) -> dict[str, Any]:
    runs = []
    for engine in engines:
        for connections in WEB_CONNECTIONS:
            _say(f"web: {engine.name}, {connections} connection(s) at {size:,} articles")
            measured = web_load.measure(engine, mix, connections, plan.web_budget_s)
            runs.append({**measured, "engine": engine.name})
    web = {"articles": size, "runs": runs}
    print(report.web_table(web), end="\n\n", flush=True)
    return web


def run(
    plan: Plan,
    parts: tuple[str, ...],
    with_elasticsearch: bool,
    command: str,
    reuse_processed: bool = False,
    keep_indexes: bool = False,
    reuse_indexes: bool = False,
) -> dict[str, Any]:
    """Every requested part of the benchmark; the results as one JSON-ready dict."""
    began = time.monotonic()
    results: dict[str, Any] = {
        "command": command,
        "mode": plan.name,
        "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": _machine(),
        "warmup_s": plan.warmup_s,
        "notes": [],
    }
    _say(f"pipeline over {plan.base_articles:,} real articles (cached after the first run)")
    records = processed_records(
        plan.cache, plan.base_articles, plan.pipeline_workers, reuse_stale=reuse_processed
    )
    used = processed_path(plan.cache, plan.base_articles, reuse_processed).stem.rsplit("-", 1)[1]
    if used != pipeline_fingerprint():
        results["notes"].append(
            f"Query corpus from an older pipeline run ({used}; current code is "
            f"{pipeline_fingerprint()}): --reuse-processed."
        )
    languages = Counter(a.language for a in records).most_common(3)
    results["corpus"] = {
        "base_articles": len(records),
        "ingest_articles": plan.ingest_articles,
        "pipeline": used,
        "languages": ", ".join(f"{lang}: {n:,}" for lang, n in languages),
    }
    mix = query_bench.query_mix(records)
    wants_es = with_elasticsearch and ("ingest" in parts or "query" in parts)
    with _elasticsearch(wants_es, plan.heap, results["notes"]) as es_url:
        if "ingest" in parts:
            results["ingest"] = _ingest(plan, es_url, results["notes"])
        results["sizes"] = []
        for number, size in enumerate(plan.sizes):
            engines = _engines(plan, size, es_url)
            if "query" in parts:
                results["sizes"].append(
                    _queries(
                        plan, size, records, mix, list(engines), results["notes"], reuse_indexes
                    )
                )
            last = number == len(plan.sizes) - 1
            embedded = next(engine for engine in engines if engine.kind == "embedded")
            both_paths = [
                engine
                for engine in engines
                if engine.kind == "embedded" and not (engine.merged and "query" not in parts)
            ]
            if last and "web" in parts:
                if "query" not in parts and not (reuse_indexes and _reusable(embedded)):
                    scaled_index.build(embedded, scaled_articles(records, size))
                results["web"] = _web(plan, size, both_paths, mix)
            if not keep_indexes:
                for engine in engines:
                    scaled_index.remove(engine)
        if es_url:
            from bench import es_admin

            memory = es_admin.node_memory_bytes(es_url)
            results["notes"].append(
                f"Elasticsearch JVM ({plan.heap} heap): peak RSS {memory['peak_rss'] / 1e6:,.0f} "
                "MB over the run."
            )
    results["duration_s"] = time.monotonic() - began
    return results


def main(argv: list[str] | None = None) -> int:
    """Command line: choose quick or full, parts and engines; print and write the report."""
    parser = argparse.ArgumentParser("python -m bench", description=__doc__.splitlines()[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="10k articles, a few minutes")
    size.add_argument("--smoke", action="store_true", help="tiny sizes: checks every code path")
    parser.add_argument(
        "--cache", type=Path, default=DEFAULT_CACHE, help=f"cache folder (default {DEFAULT_CACHE})"
    )
    parser.add_argument(
        "--parts", default=",".join(PARTS), help=f"comma-separated subset of {','.join(PARTS)}"
    )
    parser.add_argument("--no-elasticsearch", action="store_true", help="embedded and SQLite only")
    parser.add_argument(
        "--reuse-processed",
        action="store_true",
        help="query corpus from the last pipeline run even if indexer code changed since",
    )
    parser.add_argument(
        "--keep-indexes",
        action="store_true",
        help="leave the embedded and SQLite indexes in the cache (for profiling)",
    )
    parser.add_argument(
        "--reuse-indexes",
        action="store_true",
        help="measure embedded and SQLite indexes kept by --keep-indexes instead of reloading",
    )
    parser.add_argument(
        "--out", type=Path, help="report folder (default: docs/ for a full run, else the cache)"
    )
    parser.add_argument(
        "--sizes", help="comma-separated corpus sizes for the query part (default: the plan's)"
    )
    args = parser.parse_args(argv)
    parts = tuple(p.strip() for p in args.parts.split(",") if p.strip())
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part {sorted(unknown)[0]!r}; parts are {', '.join(PARTS)}")
    plan = replace(SMOKE if args.smoke else QUICK if args.quick else FULL, cache=args.cache)
    if args.sizes:
        plan = replace(plan, sizes=tuple(int(n) for n in args.sizes.split(",") if n.strip()))
    command = "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:])
    results = run(
        plan,
        parts,
        not args.no_elasticsearch,
        command.strip(),
        reuse_processed=args.reuse_processed,
        keep_indexes=args.keep_indexes or args.reuse_indexes,
        reuse_indexes=args.reuse_indexes,
    )
    # A reused pipeline run is named in the report's notes, so it may still go to docs/.
    complete = plan.name == FULL.name and parts == PARTS and not args.no_elasticsearch
    folder = args.out or (DOCS if complete else plan.cache / f"report-{plan.name}")
    (plan.cache / f"results-{plan.name}.json").write_text(json.dumps(results), encoding="utf-8")
    path = report.write_report(results, folder)
    for check, measured, met in report.target_checks(results):
        print(f"{'MET ' if met else 'MISS'}  {check}: {measured}")
    for note in results["notes"]:
        print(f"note: {note}")
    _say(f"report: {path} (took {results['duration_s'] / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
