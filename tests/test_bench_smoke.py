"""Smoke test of the benchmark harness on 50 tiny articles: no timings asserted, only that
the baseline does the same work as the engine and the report renders."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bench import report, scaled_index
from bench.query_bench import Engine, measure, query_mix, totals
from bench.sqlite_baseline import SqliteBaseline, fts_match
from indexer.model import Article, Entity
from indexer.search.base import SearchRequest
from indexer.search.query_syntax import parse_query
from tests.shared_data import PROJECT, SHARED, require

ARTICLES = 50
# One distinct word per article (no shared stems), so the medium and low terms are unique.
UNIQUE = [
    "amber", "basalt", "cobalt", "dune", "ember", "fjord", "glacier", "heron", "iris", "jade",
    "kelp", "lagoon", "marble", "nectar", "onyx", "pebble", "quartz", "reef", "saffron", "tundra",
    "umber", "velvet", "walnut", "xylem", "yarrow", "zephyr", "acorn", "birch", "cedar", "delta",
    "egret", "fern", "garnet", "hazel", "ivory", "juniper", "kestrel", "lichen", "maple", "nimbus",
    "orchid", "pine", "quill", "raven", "spruce", "thistle", "urchin", "violet", "willow", "yew",
]  # fmt: skip
CYRILLIC_UNIQUE = ["берёза", "гавань", "дождь", "жёлудь", "заря"]


def _entity(text: str, kind: str, body: str) -> Entity:
    start = body.index(text)
    return Entity(text, start, start + len(text), kind, text)  # type: ignore[arg-type]


def _article(number: int) -> Article:
    words = [UNIQUE[number], "ferry" if number % 2 else "tide"]
    if number % 5 == 0:
        words.append("harbor")  # in a fifth of the articles: the "high frequency" term
    places = {0: "Oslo", 1: "Bergen"}.get(number % 3)
    if places:
        words.append(places)
    if number % 4 == 0:
        words.append("Ada Lovelace")
    if number < len(CYRILLIC_UNIQUE):
        words.append(CYRILLIC_UNIQUE[number])
    body = " ".join(words) + " shipping news."
    entities = [_entity(places, "location", body)] if places else []
    if number % 4 == 0:
        entities.append(_entity("Ada Lovelace", "person", body))
    return Article(
        id=f"a{number:03d}",
        path=f"smoke#{number}",
        title=f"Story {number}",
        source="Smoke Wire" if number % 2 else "Test Post",
        body=body,
        language="en",
        published_at=f"{2015 + number % 10}-0{1 + number % 9}-1{number % 10}T08:00:00+00:00",
        entities=tuple(entities),
    )


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [_article(n) for n in range(ARTICLES)]


@pytest.fixture(scope="module")
def engines(articles: list[Article], tmp_path_factory: pytest.TempPathFactory) -> list[Engine]:
    folder = tmp_path_factory.mktemp("bench")
    built = [
        Engine("sqlite", "sqlite", str(folder / "smoke.db")),
        Engine("embedded", "embedded", str(folder / "embedded")),
    ]
    for engine in built:
        assert scaled_index.build(engine, articles)["articles"] == ARTICLES
    return built


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("harbor", '"harbor"'),
        ('"shipping news"', '"shipping news"'),
        ("harbor -tide", '("harbor") NOT "tide"'),
        ("harbor OR ferry", '("harbor" OR "ferry")'),
        ("harb*", '"harb"*'),
        ("", None),
    ],
)
def test_fts_match_translates_the_query_language(query: str, expected: str | None) -> None:
    assert fts_match(parse_query(query)) == expected


def test_query_mix_picks_terms_by_document_frequency(articles: list[Article]) -> None:
    mix = dict(query_mix(articles))
    assert mix["term high"].query == "harbor"  # 10 of 50 articles: the 1/5 share
    assert mix["one facet"].filters == {"location": ("Oslo",)}
    assert mix["two facets"].filters == {"location": ("Oslo",), "person": ("Ada Lovelace",)}
    assert mix["cyrillic"].query in CYRILLIC_UNIQUE
    assert mix["match all"] == SearchRequest()


def test_baseline_counts_matches_facets_and_histogram(engines: list[Engine]) -> None:
    baseline = SqliteBaseline(Path(engines[0].location))
    answer = baseline.search(SearchRequest(query="harbor", filters={"location": ("Oslo",)}))
    assert answer["total"] == 4  # articles 0, 15, 30, 45
    assert len(answer["hits"]) == 4
    # A filtered facet is counted without its own filter, as the engines count it.
    assert dict(answer["facets"]["location"]) == {"Oslo": 4, "Bergen": 3}
    assert sum(count for _, count in answer["histogram"]) == 4
    dated = baseline.search(SearchRequest(date_from=date(2019, 1, 1), date_to=date(2019, 12, 31)))
    assert dated["total"] == ARTICLES // 10
    baseline.close()


def test_baseline_and_embedded_match_the_same_articles(
    articles: list[Article], engines: list[Engine]
) -> None:
    mix = query_mix(articles)
    found = {engine.name: totals(engine, mix) for engine in engines}
    assert found["sqlite"] == found["embedded"]
    assert found["sqlite"]["match all"] == ARTICLES


def test_report_renders_tables_targets_and_plot(
    articles: list[Article], engines: list[Engine], tmp_path: Path
) -> None:
    mix = query_mix(articles)
    runs = [measure(engine, mix, clients=1, budget_s=0, min_rounds=1) for engine in engines]
    assert all(run["queries"] == len(mix) for run in runs)
    size = {
        "articles": ARTICLES,
        "loads": [{"engine": e.name, "articles": ARTICLES, "load_seconds": 0.1,
                   "load_per_s": 500.0, "index_mb": 0.1} for e in engines],
        "mix": {label: req.query for label, req in mix},
        "totals": {engine.name: totals(engine, mix) for engine in engines},
        "queries": runs,
    }  # fmt: skip
    results = {
        "command": "python -m bench --quick",
        "started": "now",
        "duration_s": 60.0,
        "machine": {"description": "a test machine", "load_average": "0.0"},
        "corpus": {"base_articles": ARTICLES, "ingest_articles": 0, "pipeline": "test",
                   "languages": "en: 50"},
        "sizes": [size],
        "ingest": [{"backend": "embedded", "ner": True, "workers": 1, "articles": 10,
                    "seconds": 1.0, "articles_per_s": 10.0, "steady_per_s": 45.0,
                    "startup_seconds": 0.5, "peak_rss_mb": 100.0, "index_mb": 0.1,
                    "load_average": 1.0}],
        "notes": ["a note"],
    }  # fmt: skip
    text = report.render_markdown(results, "plot.png")
    for block in text.split("\n\n"):
        rows = [line for line in block.splitlines() if line.startswith("|")]
        assert len({row.count(" | ") for row in rows}) <= 1, block  # header and rows agree
    assert "| embedded | 1 |" in text
    assert "embedded vs SQLite" in text
    assert "embedded p99 ≤ 30 ms at 50" in text
    assert "| ingest with NER ≥ 40/s (steady) | 45/s" in text
    assert "- a note" in text
    pytest.importorskip("matplotlib", reason="matplotlib comes with the `bench` extra")
    report.plot_latencies(results, tmp_path / "plot.png")
    assert (tmp_path / "plot.png").stat().st_size > 1000


def test_the_whole_harness_runs_from_an_empty_cache(tmp_path: Path) -> None:
    """`python -m bench` on a fresh machine: every folder it writes is made on the way."""
    require(SHARED / "data" / "news-en" / "reuters21578")
    cache = tmp_path / "fresh" / "cache"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--cache", str(cache), "--no-elasticsearch"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NEWSDESK_DATA_DIR": str(tmp_path / "data")},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert (cache / "results-smoke.json").exists()
    assert (cache / "report-smoke" / "benchmarks.md").exists()
