"""`indexed_since`: what a saved search calls new, the same on both backends."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from indexer.search.base import SearchBackend, SearchRequest
from tests.contract.corpus import ARTICLES, BY_ID


def test_only_articles_written_since_match(backend: SearchBackend) -> None:
    backend.index(ARTICLES)
    backend.refresh()
    time.sleep(1.1)  # index times have whole seconds
    since = datetime.now(UTC)
    assert backend.search(SearchRequest(indexed_since=since)).total == 0
    changed = replace(BY_ID["en-chess-club"], title="Draughts club wins the county title")
    backend.index([changed])
    backend.refresh()
    result = backend.search(SearchRequest(indexed_since=since))
    assert [hit.id for hit in result.hits] == ["en-chess-club"]
    earlier = since - timedelta(hours=1)
    assert backend.search(SearchRequest(indexed_since=earlier)).total == len(ARTICLES)
    assert backend.search(SearchRequest(query="draughts", indexed_since=since)).total == 1


def test_a_rebuild_from_stored_records_keeps_index_times(backend: SearchBackend) -> None:
    backend.index(ARTICLES[:3])
    backend.refresh()
    stored = list(backend.scan(SearchRequest()))
    time.sleep(1.1)
    since = datetime.now(UTC)
    backend.index(stored)
    backend.refresh()
    assert backend.search(SearchRequest(indexed_since=since)).total == 0
