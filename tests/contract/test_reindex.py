"""`newsdesk reindex`: a new index built beside the live one, swapped in, searches uninterrupted."""

from __future__ import annotations

import json
import os
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from indexer.config import Settings
from indexer.errors import SearchUnavailable
from indexer.model import Article, IndexReport
from indexer.reindex import reindex
from indexer.search import embedded, embedded_schema, open_backend
from indexer.search.base import SearchBackend, SearchRequest
from indexer.search.document import read_record
from indexer.search.elastic import ElasticBackend
from indexer.search.elastic_admin import index_definition
from indexer.search.fields import RANKED_FIELD
from indexer.search.native import native_module
from tests.contract.conftest import BACKENDS
from tests.contract.corpus import ARTICLES, BY_ID
from tests.shared_data import missing

FEED = [
    {
        "url": "https://lake.example/ferry",
        "title": "Ferry returns to the lake",
        "text": "The old ferry returned to service on the lake after a winter in dry dock.\n"
        "Passengers lined the pier to see the paddle steamer leave on its first trip.",
        "published_at": "2024-04-02T08:00:00+00:00",
        "source": "Lake Gazette",
    },
    {
        "url": "https://lake.example/pier",
        "title": "Pier repairs finished early",
        "text": "Carpenters finished the pier repairs two weeks early, the harbour master said.\n"
        "The pier had been closed since a storm damaged its timber deck in November.",
        "published_at": "2024-04-03T08:00:00+00:00",
        "source": "Lake Gazette",
    },
]


@pytest.fixture(params=BACKENDS)
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings naming a fresh index of each kind, filled with the corpus."""
    common = Settings(data_dir=tmp_path / "data", ner=False, workers=1)
    if request.param == "embedded":
        chosen = replace(common, index_path=tmp_path / "index")
    else:
        chosen = replace(
            common,
            backend="elasticsearch",
            elasticsearch_url=request.getfixturevalue("elasticsearch_url"),
            index_name=request.getfixturevalue("es_index_name"),
        )
    backend = open_backend(chosen)
    backend.create_index()
    backend.index(ARTICLES)
    backend.refresh()
    backend.close()
    return chosen


def _run(settings: Settings, paths: list[Path] | None = None) -> IndexReport:
    return reindex(settings, paths)


def _search(settings: Settings, query: str = "") -> int:
    backend: SearchBackend = open_backend(settings)
    try:
        return backend.search(SearchRequest(query=query)).total
    finally:
        backend.close()


def test_stored_record_round_trips() -> None:
    article = BY_ID["ru-bridge"]
    assert Article.from_json(article.to_json()) == article


def test_a_stored_record_orjson_refuses_still_reads() -> None:
    # A lone surrogate, escaped: the standard library reads it, orjson does not.
    raw = b'{"id": "odd", "title": "\\ud800 broken", "body": "text"}'
    assert read_record(raw) == {"id": "odd", "title": "\ud800 broken", "body": "text"}
    assert read_record(b'{"id": "plain", "n": 3}') == {"id": "plain", "n": 3}


def test_reindex_from_stored_records(settings: Settings) -> None:
    report = _run(settings)
    assert (report.read, report.indexed, report.failed) == (len(ARTICLES), len(ARTICLES), 0)
    assert _search(settings) == len(ARTICLES)
    assert _search(settings, "harbour") == 3
    backend = open_backend(settings)
    assert backend.get("ru-key-rate").entities[0].canonical == "Эльвира Набиуллина"
    backend.close()


def test_reindex_from_source_files(settings: Settings, tmp_path: Path) -> None:
    feed = tmp_path / "lake.jsonl"
    feed.write_text("\n".join(json.dumps(item) for item in FEED) + "\n", encoding="utf-8")
    report = _run(settings, [feed])
    assert (report.indexed, report.failed) == (2, 0)
    assert _search(settings) == 2  # the new index holds what the sources hold, nothing else
    assert _search(settings, "pier") == 2
    assert _search(settings, "harbour") == 1


def _segments(index: Path) -> int:
    return len(json.loads((index / "meta.json").read_text(encoding="utf-8"))["segments"])


def _merging_settings(tmp_path: Path) -> Settings:
    """An embedded index's settings, where the native core (which merges) is built."""
    if native_module() is None:
        missing("the native core (which merges) is not built")
    return Settings(data_dir=tmp_path / "data", index_path=tmp_path / "index", ner=False)


def test_an_embedded_rebuild_is_merged_into_a_segment_per_search_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _merging_settings(tmp_path)
    backend = open_backend(settings)
    backend.create_index()
    for start in range(0, len(ARTICLES), 3):  # one commit, one segment, per call
        backend.index(ARTICLES[start : start + 3])
    before = backend.search(SearchRequest(query="harbour"))
    threads = os.cpu_count() or 1  # the backend's search threads by default
    backend.close()
    assert _segments(settings.index_path) > threads

    monkeypatch.setattr(embedded, "COMMIT_EVERY", 3)  # 6 segments (8 would merge anyway)
    _run(settings)
    assert _segments(settings.index_path) <= threads
    backend = open_backend(settings)
    after = backend.search(SearchRequest(query="harbour"))
    backend.close()
    assert (after.total, after.facets) == (before.total, before.facets)
    assert {h.id for h in after.hits} == {h.id for h in before.hits}


def test_an_embedded_ingest_merges_the_small_segments_it_leaves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _merging_settings(tmp_path)
    backend = embedded.EmbeddedBackend(settings.index_path, count_threads=2)
    backend.index(ARTICLES[:12])
    monkeypatch.setattr(embedded, "COMMIT_EVERY", 1)  # one segment per article
    backend.index(ARTICLES[12:])
    # The four one-article segments are small (under 16 / 2 threads / 4), and hold no more
    # than twice what the ingest wrote: merged into one.
    assert _segments(settings.index_path) == 2
    assert backend.search(SearchRequest()).total == len(ARTICLES)
    # A small ingest never rewrites more than twice what it wrote: one article leaves the
    # small segments (two of them now, five articles) as they are.
    backend.index([replace(ARTICLES[0], id="again", url="https://example.org/again")])
    assert _segments(settings.index_path) == 3
    backend.close()


# The embedded swap is two renames, not atomic: only the alias swap promises this.
@pytest.mark.parametrize("settings", BACKENDS[1:], indirect=True)
def test_searches_keep_working_during_reindex(settings: Settings) -> None:
    finished = threading.Event()
    totals: list[int] = []

    def rebuild() -> None:
        try:
            _run(settings)
        finally:
            finished.set()

    worker = threading.Thread(target=rebuild)
    worker.start()
    while not finished.is_set():
        totals.append(_search(settings))
    worker.join()
    totals.append(_search(settings))
    assert set(totals) == {len(ARTICLES)}  # every search saw the whole corpus, no gap
    assert len(totals) > 1


def _made_by_an_older_version(settings: Settings) -> None:
    """Turn the filled index into one an older version made: without the ranked field."""
    if settings.backend != "elasticsearch":
        # The stamp is how a version knows its index (a real older one wrote its own).
        (settings.index_path / embedded_schema.SCHEMA_STAMP).write_text("older\n")
        return
    assert settings.elasticsearch_url
    old = ElasticBackend(settings.elasticsearch_url, settings.index_name)
    client, name = old.indices._client, old.indices.aliased()[0]
    older = settings.index_name + "-older"
    definition = index_definition()
    properties = {
        field: {key: value for key, value in mapped.items() if key != "copy_to"}
        for field, mapped in definition["mappings"]["properties"].items()
        if field != RANKED_FIELD
    }
    mappings = {**definition["mappings"], "properties": properties}
    client.indices.create(index=older, settings=definition["settings"], mappings=mappings)
    old.index_into(older, ARTICLES)
    old.indices.refresh(older)
    client.indices.update_aliases(
        actions=[
            {"add": {"index": older, "alias": settings.index_name}},
            {"remove_index": {"index": name}},
        ]
    )
    old.close()


def test_reindex_rebuilds_an_index_of_an_older_version(settings: Settings) -> None:
    _made_by_an_older_version(settings)
    with pytest.raises(SearchUnavailable, match="reindex"):
        _search(settings, "harbour")
    report = _run(settings)
    assert (report.read, report.indexed, report.failed) == (len(ARTICLES), len(ARTICLES), 0)
    assert _search(settings) == len(ARTICLES)
    assert _search(settings, "harbour") == 3
