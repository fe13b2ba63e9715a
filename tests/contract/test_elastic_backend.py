"""What only the Elasticsearch backend has: an alias over versions, bulk rejections, outages."""

from __future__ import annotations

import copy
import re
import socket
from collections.abc import Iterator
from dataclasses import replace

import pytest
from elasticsearch import Elasticsearch

from indexer.errors import SearchUnavailable
from indexer.model import Article
from indexer.search.base import SearchRequest
from indexer.search.elastic import ElasticBackend
from indexer.search.elastic_admin import index_definition
from tests.contract.corpus import ARTICLES

pytestmark = pytest.mark.elasticsearch


@pytest.fixture
def elastic(elasticsearch_url: str, es_index_name: str) -> ElasticBackend:
    backend = ElasticBackend(elasticsearch_url, es_index_name)
    backend.create_index()
    return backend


@pytest.fixture
def dead_url() -> str:
    """A loopback URL where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_alias_points_at_the_first_version(elastic: ElasticBackend) -> None:
    assert elastic.indices.versions() == [f"{elastic.alias}-v1"]
    assert elastic.indices.aliased() == [f"{elastic.alias}-v1"]


def test_plain_index_under_the_alias_name_is_refused(elastic: ElasticBackend) -> None:
    taken = ElasticBackend(elastic.url, f"{elastic.alias}-v1")  # a concrete index's name
    with pytest.raises(SearchUnavailable, match="is an index, not an alias"):
        taken.create_index()


def test_health_names_version_and_count(elastic: ElasticBackend) -> None:
    elastic.index(ARTICLES[:4])
    elastic.refresh()
    health = elastic.health()
    assert health["ok"] is True
    assert health["version"].startswith("9.")
    assert health["articles"] == 4


def test_rebuild_swaps_the_alias_to_the_next_version(elastic: ElasticBackend) -> None:
    elastic.index(ARTICLES[:3])
    report = elastic.rebuild(elastic.scan(SearchRequest(sort="oldest")))
    assert report.indexed == 3
    assert elastic.indices.versions() == [f"{elastic.alias}-v2"]  # the old one dropped
    assert elastic.indices.aliased() == [f"{elastic.alias}-v2"]
    assert elastic.search(SearchRequest()).total == 3


def test_failed_rebuild_leaves_the_live_index_writable(elastic: ElasticBackend) -> None:
    elastic.index(ARTICLES[:3])

    def broken() -> Iterator[Article]:
        yield ARTICLES[0]
        raise RuntimeError("the source broke")

    with pytest.raises(RuntimeError, match="the source broke"):
        elastic.rebuild(broken())
    assert elastic.indices.versions() == [f"{elastic.alias}-v1"]
    elastic.index(ARTICLES[3:4])  # not write-blocked any more
    assert elastic.search(SearchRequest()).total == 4


def test_finished_index_merges_into_one_segment(elastic: ElasticBackend) -> None:
    def segments() -> int:
        return len(elastic._client.cat.segments(index=elastic.alias, format="json"))

    for start in range(0, 9, 3):  # each refresh writes a segment of its own
        elastic.index(ARTICLES[start : start + 3])
        elastic.refresh()
    assert segments() > 1
    elastic.indices.merge_segments(elastic.indices.aliased()[0])
    elastic.refresh()
    assert segments() == 1
    assert elastic.search(SearchRequest()).total == 9


def test_rejected_document_is_reported_with_its_path(elastic: ElasticBackend) -> None:
    # A keyword longer than Lucene's 32766-byte term limit: valid for us, refused by the engine.
    huge = replace(ARTICLES[1], source="x" * 40_000, path="feed/huge-source.json")
    report = elastic.index([ARTICLES[0], huge, ARTICLES[2]])
    assert (report.indexed, report.failed) == (2, 1)
    assert report.failures[0].path == "feed/huge-source.json"
    assert "immense term" in report.failures[0].reason
    assert len(report.failures[0].reason) < 600  # not the whole document echoed back


def test_bulk_spans_several_requests(elasticsearch_url: str, es_index_name: str) -> None:
    elastic = ElasticBackend(elasticsearch_url, es_index_name, chunk_bytes=100_000)
    paragraph = "Harbour cranes lifted containers all night while the tide turned. " * 100
    many = [
        Article(id=f"bulk-{n}", path=f"bulk/{n}.txt", title=f"Night shift {n}", body=paragraph)
        for n in range(300)
    ]
    assert len(paragraph) * len(many) > 10 * elastic.chunk_bytes
    report = elastic.index(many)
    elastic.refresh()
    assert (report.indexed, report.failed) == (300, 0)
    assert elastic.search(SearchRequest(query='"night shift"')).total == 300


def test_unreachable_node_is_named(dead_url: str) -> None:
    backend = ElasticBackend(dead_url, "articles", retries=1, backoff=0.01)
    for call in (
        lambda: backend.search(SearchRequest(query="harbour")),
        lambda: backend.index(ARTICLES[:2]),
        backend.count,
    ):
        with pytest.raises(SearchUnavailable, match=re.escape(dead_url)):
            call()
    health = backend.health()
    assert health["ok"] is False and dead_url in health["error"]


def test_ingest_resumes_after_an_outage(dead_url: str, elastic: ElasticBackend) -> None:
    down = ElasticBackend(dead_url, elastic.alias, retries=1, backoff=0.01)
    with pytest.raises(SearchUnavailable):
        down.index(ARTICLES)
    elastic.index(ARTICLES[:5])  # a first attempt that got part of the way
    report = elastic.index(ARTICLES)  # the rerun after the node came back
    elastic.refresh()
    assert report.indexed == len(ARTICLES)
    assert elastic.count() == len(ARTICLES)  # stable ids: nothing doubled


def test_bad_url_is_a_clear_error() -> None:
    with pytest.raises(SearchUnavailable, match="bad Elasticsearch URL"):
        ElasticBackend("not a url at all", "articles")


def test_an_index_made_without_the_letter_folding_asks_for_a_reindex(
    elasticsearch_url: str, es_index_name: str
) -> None:
    """A version made before ё was folded holds "сёмин" where queries now look for "семин"."""
    definition = copy.deepcopy(index_definition())  # the mapping read once, shared
    analysis = definition["settings"]["analysis"]
    del analysis["char_filter"]
    for analyzer in analysis["analyzer"].values():
        del analyzer["char_filter"]
    client = Elasticsearch(elasticsearch_url)
    old = f"{es_index_name}-v1"
    client.indices.create(
        index=old, settings=definition["settings"], mappings=definition["mappings"]
    )
    client.indices.update_aliases(actions=[{"add": {"index": old, "alias": es_index_name}}])
    backend = ElasticBackend(elasticsearch_url, es_index_name)
    backend.index(
        [Article(id="yo", path="yo.txt", body="Защитник Сёмин забил гол.", language="ru")]
    )
    backend.refresh()
    with pytest.raises(SearchUnavailable, match="character filter newsdesk_letters.*reindex"):
        backend.search(SearchRequest(query="Семин"))
    backend.rebuild(backend.scan(SearchRequest(sort="oldest")))
    rebuilt = ElasticBackend(elasticsearch_url, es_index_name)
    assert [hit.id for hit in rebuilt.search(SearchRequest(query="Семин")).hits] == ["yo"]
