"""Rebuild the index beside the live one, then switch over: searches never see a gap.

Elasticsearch: a new `articles-v<N+1>` is filled while the alias still points at `articles-v<N>`,
then one atomic alias update moves it and the old index is dropped. The old index is write-blocked
meanwhile, so an ingest running at the same time fails loudly instead of writing into an index
about to vanish. Embedded: a new directory is filled beside the old one, then the two swap by
rename. The new index is built from the stored records of the old one, or from source files.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from indexer.config import Settings
from indexer.context import Context
from indexer.errors import NewsdeskError
from indexer.ingest import processed
from indexer.model import Article, IndexReport
from indexer.search.base import SearchRequest

NEW_SUFFIX = ".new"  # the embedded index being built, beside the live one
OLD_SUFFIX = ".old"  # the previous embedded index, removed once the swap is done


def _stored(records: Iterable[dict[str, Any]], report: IndexReport) -> Iterator[Article]:
    for record in records:
        report.read += 1
        try:
            yield Article.from_json(record)
        except TypeError as error:  # a record written by an older, different model
            report.fail(str(record.get("path", record.get("id"))), f"stored record: {error}")


def _source(
    settings: Settings, paths: list[Path] | None, records: Iterable[dict[str, Any]]
) -> tuple[Iterator[Article], IndexReport]:
    report = IndexReport()
    if paths:
        return processed(paths, settings, report), report
    return _stored(records, report), report


def _merge(report: IndexReport, written: IndexReport) -> IndexReport:
    report.indexed += written.indexed
    report.failed += written.failed
    report.failures.extend(written.failures)
    return report


def _reindex_elastic(settings: Settings, paths: list[Path] | None) -> IndexReport:
    from indexer.search.elastic import ElasticBackend

    backend = ElasticBackend(settings.elasticsearch_url, settings.index_name)
    try:
        backend.create_index()
        old = backend.aliased()
        new = backend.create_version()
        for name in old:
            backend.set_read_only(name, True)
        try:
            articles, report = _source(settings, paths, backend.scan(SearchRequest(sort="oldest")))
            _merge(report, backend.index_into(new, articles))
            backend.refresh_index(new)
            backend.merge_segments(new)  # complete before it goes live: merged for reading
        except BaseException:
            for name in old:
                backend.set_read_only(name, False)
            backend.drop_index(new)
            raise
        for name in backend.swap_alias(new):
            backend.drop_index(name)
        return report
    finally:
        backend.close()


def _reindex_embedded(settings: Settings, paths: list[Path] | None) -> IndexReport:
    from indexer.search.embedded import EmbeddedBackend

    live = settings.embedded_index_path
    new, old = live.with_name(live.name + NEW_SUFFIX), live.with_name(live.name + OLD_SUFFIX)
    shutil.rmtree(new, ignore_errors=True)  # left by an interrupted run
    current = EmbeddedBackend(live) if live.exists() else None
    try:
        records = current.scan(SearchRequest(sort="oldest")) if current else iter(())
        articles, report = _source(settings, paths, records)
        fresh = EmbeddedBackend(new)
        try:
            _merge(report, fresh.index(articles))
        except BaseException:
            fresh.close()
            shutil.rmtree(new, ignore_errors=True)
            raise
        fresh.close()
    finally:
        if current:
            current.close()
    shutil.rmtree(old, ignore_errors=True)
    if live.exists():
        live.rename(old)
    new.rename(live)
    shutil.rmtree(old, ignore_errors=True)
    return report


def reindex(settings: Settings, ctx: Context, paths: list[Path] | None = None) -> IndexReport:
    """Rebuild the configured index from its stored records (or from `paths`) and swap it in."""
    del ctx  # the pipeline builds its own context (and worker processes theirs)
    try:
        if settings.backend == "elasticsearch":
            return _reindex_elastic(settings, paths)
        return _reindex_embedded(settings, paths)
    except OSError as error:
        raise NewsdeskError(f"reindex failed: {error}") from error
