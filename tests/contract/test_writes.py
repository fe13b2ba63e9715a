"""Writing to each backend: empty index, re-ingest, delete, failures reported per article."""

from __future__ import annotations

from dataclasses import replace

import pytest

from indexer.errors import NotFound
from indexer.search.base import SearchBackend, SearchRequest
from tests.contract.corpus import ARTICLES, BY_ID


def test_empty_index_answers_every_call(backend: SearchBackend) -> None:
    result = backend.search(SearchRequest(query="harbour", filters={"language": ("en",)}))
    assert (result.total, result.hits, result.histogram) == (0, [], [])
    assert all(values == [] for values in result.facets.values())
    assert backend.search(SearchRequest()).total == 0
    assert list(backend.scan(SearchRequest())) == []
    assert backend.count() == 0
    with pytest.raises(NotFound):
        backend.get("en-chess-club")


def test_create_index_twice_keeps_the_articles(backend: SearchBackend) -> None:
    backend.index(ARTICLES[:3])
    backend.refresh()
    backend.create_index()
    assert backend.count() == 3


def test_reingest_updates_instead_of_duplicating(backend: SearchBackend) -> None:
    first = backend.index(ARTICLES)
    changed = replace(BY_ID["en-chess-club"], title="Draughts club wins the county title")
    second = backend.index([*ARTICLES[:5], changed])
    backend.refresh()
    assert (first.indexed, second.indexed) == (len(ARTICLES), 6)
    assert backend.count() == len(ARTICLES)
    assert backend.search(SearchRequest(query="draughts")).total == 1
    assert backend.get("en-chess-club").title == changed.title
    assert backend.search(SearchRequest(query="harbour")).total == 3


def test_delete_removes_one_article(backend: SearchBackend) -> None:
    backend.index(ARTICLES)
    backend.refresh()
    backend.delete("en-chess-club")
    assert backend.count() == len(ARTICLES) - 1
    assert backend.search(SearchRequest(query="chess")).total == 0
    assert backend.search(SearchRequest(query="шахматный")).total == 1
    with pytest.raises(NotFound):
        backend.get("en-chess-club")
    backend.delete("en-chess-club")  # already gone: not an error
    backend.delete("never-existed")


def test_bad_article_is_reported_and_the_rest_indexed(backend: SearchBackend) -> None:
    broken = replace(
        BY_ID["en-solar-desert"],
        id="broken",
        path="feed/broken.json",
        published_at="the day after tomorrow",
    )
    report = backend.index([ARTICLES[0], broken, ARTICLES[1]])
    backend.refresh()
    assert report.indexed == 2
    assert report.failed == 1
    assert report.failures[0].path == "feed/broken.json"
    assert "the day after tomorrow" in report.failures[0].reason
    assert backend.count() == 2


def test_cyrillic_round_trip(backend: SearchBackend) -> None:
    backend.index([BY_ID["ru-key-rate"]])
    backend.refresh()
    (hit,) = backend.search(SearchRequest(query="НАБИУЛЛИНА")).hits
    assert hit.title == "Центральный банк сохранил ключевую ставку"
    assert hit.source == "Деловой вестник"
    facets = backend.search(SearchRequest()).facets
    assert [v.value for v in facets["organization"]] == ["Банк России"]
