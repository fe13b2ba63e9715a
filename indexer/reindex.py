"""`newsdesk reindex`: rebuild the index from its stored articles, or from source files.

The backend builds the new index beside the live one and swaps it in (`rebuild`), so
searches keep working meanwhile; this module only says where the articles come from.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from indexer.config import Settings
from indexer.errors import NewsdeskError
from indexer.ingest import processed
from indexer.model import Article, IndexReport
from indexer.search import open_backend
from indexer.search.base import SearchRequest


def _counted(articles: Iterable[Article], report: IndexReport) -> Iterator[Article]:
    for article in articles:
        report.read += 1
        yield article


def reindex(settings: Settings, paths: list[Path] | None = None) -> IndexReport:
    """Rebuild the configured index from its stored articles (or from `paths`) and swap it in."""
    report = IndexReport()
    backend = open_backend(settings)
    try:
        if paths:
            articles = processed(paths, settings, report)
        else:
            articles = _counted(backend.scan(SearchRequest(sort="oldest")), report)
        report.merge(backend.rebuild(articles))
    except OSError as error:
        raise NewsdeskError(f"reindex failed: {error}") from error
    finally:
        backend.close()
    return report
