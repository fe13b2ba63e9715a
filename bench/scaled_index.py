"""The same scaled corpus loaded into each engine, timed, for the query benchmark.

Articles arrive already processed (bench.corpus.scaled_articles), so these timings are the
engines' own bulk-load speed, not the pipeline's (ingest_bench measures that).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bench.query_bench import Engine
from bench.sqlite_baseline import SqliteBaseline
from indexer.model import Article
from indexer.search import open_backend
from indexer.search.native import merge_segments

MERGED_SUFFIX = "-merged"  # an embedded index merged as `newsdesk reindex` leaves it


def directory_bytes(path: Path) -> int:
    """Total size of the files under `path`."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _figures(engine: Engine, articles: int, seconds: float, size: int) -> dict[str, Any]:
    return {
        "engine": engine.name,
        "articles": articles,
        "load_seconds": seconds,
        "load_per_s": articles / seconds if seconds else 0.0,
        "index_mb": size / 1e6,
    }


def build(engine: Engine, articles: Iterable[Article]) -> dict[str, Any]:
    """Load `articles` into a fresh index for `engine`; load time and size on disk."""
    start = time.perf_counter()
    if engine.kind == "sqlite":
        path = Path(engine.location)
        path.unlink(missing_ok=True)
        baseline = SqliteBaseline(path)
        count = baseline.index(articles)
        baseline.close()
        return _figures(engine, count, time.perf_counter() - start, path.stat().st_size)
    if engine.kind == "embedded" and engine.merged:
        return _merged_copy(engine)
    if engine.kind == "embedded":
        path = Path(engine.location)
        shutil.rmtree(path, ignore_errors=True)
        backend = open_backend(engine.settings())
        backend.create_index()
        report = backend.index(articles)
        backend.close()
        return _figures(engine, report.indexed, time.perf_counter() - start, directory_bytes(path))
    from bench import es_admin

    if engine.merged:
        from indexer.search.elastic import ElasticBackend

        elastic = ElasticBackend(engine.location, engine.index_name)
        for name in es_admin.concrete_indices(engine.location, engine.index_name):
            elastic.indices.merge_segments(name)
        elastic.refresh()
        count = elastic.count()
        elastic.close()
        seconds = time.perf_counter() - start
        size = es_admin.store_bytes(engine.location, engine.index_name)
        return _figures(engine, count, seconds, size)
    es_admin.drop(engine.location, engine.index_name)
    backend = open_backend(engine.settings())
    backend.create_index()
    report = backend.index(articles)  # refreshes when done
    backend.close()
    seconds = time.perf_counter() - start
    figures = _figures(
        engine, report.indexed, seconds, es_admin.store_bytes(engine.location, engine.index_name)
    )
    # Background merges would steal CPU from the next engine's measurements.
    figures["merge_wait_seconds"] = es_admin.wait_until_idle(engine.location, engine.index_name)
    return figures


def _merged_copy(engine: Engine) -> dict[str, Any]:
    """The embedded index another entry loaded, copied and merged as `newsdesk reindex` leaves
    it (one segment per search thread); the copy keeps the loaded index as it was."""
    path = Path(engine.location)
    source = path.with_name(path.name.removesuffix(MERGED_SUFFIX))
    start = time.perf_counter()
    shutil.rmtree(path, ignore_errors=True)
    shutil.copytree(source, path)
    if merge_segments(path, os.cpu_count() or 1) is None:
        raise RuntimeError("the native core (which merges) is not built")
    seconds = time.perf_counter() - start
    backend = open_backend(engine.settings())
    count = backend.count()
    backend.close()
    return _figures(engine, count, seconds, directory_bytes(path))


def remove(engine: Engine) -> None:
    """Delete the engine's index (files or Elasticsearch indices)."""
    if engine.kind == "sqlite":
        Path(engine.location).unlink(missing_ok=True)
    elif engine.kind == "embedded":
        shutil.rmtree(engine.location, ignore_errors=True)
    else:
        from bench import es_admin

        es_admin.drop(engine.location, engine.index_name)
