"""Ingest throughput end to end (read -> clean -> language -> dates -> entities -> index).

Each configuration runs in a fresh process, so model loading is counted and its peak memory
(its own plus its workers', sampled from /proc) is its own:
`python -m bench.ingest_bench CORPUS.jsonl --backend embedded --ner 1 --workers 2`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.process_tree import PeakMemory
from bench.scaled_index import directory_bytes
from indexer.config import Settings
from indexer.ingest import ingest
from indexer.interrupt import StopRequest
from indexer.search import open_backend

RUN_TIMEOUT_S = 3 * 3600  # one configuration on the full ingest corpus takes minutes, not hours


def run_one(
    corpus: Path,
    backend_kind: str,
    ner: bool,
    workers: int,
    es_url: str,
    until_first: bool = False,
) -> dict[str, Any]:
    """Ingest `corpus` into a fresh index; articles/s, peak RSS and index size.

    With `until_first`, reading stops once the first article is out (start-up only).
    """
    workdir = Path(tempfile.mkdtemp(prefix="newsdesk-ingest-"))
    index_name = f"bench-ingest-{os.getpid()}"
    settings = Settings(
        backend=backend_kind,  # type: ignore[arg-type]
        data_dir=workdir,
        elasticsearch_url=es_url or Settings.elasticsearch_url,
        index_name=index_name,
        ner=ner,
        workers=workers,
    )
    first_out: list[float] = []
    stop = StopRequest()

    def progress(_: int) -> None:
        if not first_out:
            first_out.append(time.perf_counter())
            if until_first:
                stop.name = "first article out"

    try:
        with PeakMemory() as memory:
            start = time.perf_counter()
            backend = open_backend(settings)
            report = ingest([corpus], settings, backend, progress=progress, stop=stop)
            elapsed = time.perf_counter() - start
        if backend_kind == "embedded":
            size = directory_bytes(settings.embedded_index_path)
        else:
            from bench import es_admin

            size = es_admin.store_bytes(es_url, index_name)
            es_admin.drop(es_url, index_name)
        backend.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    # ru_maxrss (KiB) of this process and of the largest worker: a floor under the samples.
    floor = 1024 * max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    warm = first_out[0] if first_out else start
    return {
        "backend": backend_kind,
        "ner": ner,
        "workers": workers,
        "articles": report.indexed,
        "skipped": report.skipped,
        "failed": report.failed,
        "seconds": elapsed,
        "articles_per_s": report.indexed / elapsed,
        # After the first article came out: start-up (model loading, worker spawn) left out.
        "steady_per_s": (report.indexed - 1) / (start + elapsed - warm)
        if report.indexed > 1
        else 0,
        "startup_seconds": warm - start,
        "peak_rss_mb": max(memory.peak, floor) / 1e6,
        "index_mb": size / 1e6,
        "load_average": os.getloadavg()[0],
    }


def run_in_subprocess(
    corpus: Path, backend_kind: str, ner: bool, workers: int, es_url: str = ""
) -> dict[str, Any]:
    """Run one configuration in a fresh interpreter and read its figures."""
    command = [
        sys.executable,
        "-m",
        "bench.ingest_bench",
        str(corpus),
        "--backend",
        backend_kind,
        "--ner",
        "1" if ner else "0",
        "--workers",
        str(workers),
        "--elasticsearch-url",
        es_url,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    """Command line: one configuration, figures as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="JSON Lines input (bench.corpus.raw_corpus)")
    parser.add_argument("--backend", default="embedded", choices=("embedded", "elasticsearch"))
    parser.add_argument("--ner", default="1", choices=("0", "1"))
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--elasticsearch-url", default="")
    parser.add_argument(
        "--until-first", action="store_true", help="stop once the first article is out"
    )
    args = parser.parse_args()
    figures = run_one(
        args.corpus,
        args.backend,
        args.ner == "1",
        args.workers,
        args.elasticsearch_url,
        args.until_first,
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
