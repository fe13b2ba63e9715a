"""Worker processes give the same articles, in the same order, as one process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer import pipeline
from indexer.config import Settings
from indexer.ingest import Runner, open_runner, processed
from indexer.model import Article, IndexReport

Row = tuple[object, ...]
# Each article names its own people, places and organisations, so that the order in which
# the shared entity table learns them cannot change any canonical name.
FEED = [
    (
        "en",
        "The mayor of Leeds, Judith Blake, opened the new library on Friday. "
        "Blake said the city council had paid for the building.",
    ),
    ("ru", "Губернатор Новосибирской области Андрей Травников открыл новый мост через Обь."),
    ("en", "Airbus delivered twelve aircraft to Lufthansa in March, the company said in Toulouse."),
    ("ru", "В Казани прошёл фестиваль, который организовало министерство культуры Татарстана."),
    ("en", "Kenya's athletics federation named Eliud Kipchoge captain for the Nairobi meeting."),
    ("en", "Volunteers in Cornwall restored the lighthouse near Falmouth over three summers."),
]


@pytest.fixture
def feed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # One article, then two per chunk: six articles make four chunks for two workers to share.
    monkeypatch.setattr(pipeline, "FIRST_CHUNK", 1)
    monkeypatch.setattr(pipeline, "CHUNK", 2)
    path = tmp_path / "feed.jsonl"
    records = [
        {"url": f"https://desk.example/{i}", "title": f"Story {i}", "text": text, "lang": lang}
        for i, (lang, text) in enumerate(FEED)
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def _articles(feed: Path, settings: Settings, runner: Runner | None = None) -> list[Row]:
    report = IndexReport()
    rows: list[Row] = [
        (a.id, a.body, a.language, a.entities, a.dates_mentioned)
        for a in processed([feed], settings, report, runner=runner)
    ]
    assert (report.read, report.failed, report.skipped) == (len(FEED), 0, 0)
    return rows


def test_two_workers_give_what_one_process_gives(feed: Path, tmp_path: Path) -> None:
    one = _articles(feed, Settings(data_dir=tmp_path / "one", workers=1))
    assert [row[2] for row in one] == [lang for lang, _ in FEED]
    assert all(row[3] for row in one)  # NER ran: the comparison below covers entities
    settings = Settings(data_dir=tmp_path / "two", workers=2)
    with open_runner(settings) as pool:
        pool.wait_ready()
        two = _articles(feed, settings, pool)
        again = _articles(feed, settings, pool)  # the loaded workers serve another run
    assert two == one  # ids, bodies, languages, entities and dates, in input order
    assert again == one


def test_the_first_chunk_is_smaller() -> None:
    articles = [Article(id=str(i), path="feed.jsonl", body="text") for i in range(50)]
    sizes = [len(chunk) for chunk in pipeline.chunks(articles, IndexReport())]
    assert pipeline.FIRST_CHUNK < pipeline.CHUNK
    assert sizes == [
        pipeline.FIRST_CHUNK,
        pipeline.CHUNK,
        50 - pipeline.FIRST_CHUNK - pipeline.CHUNK,
    ]
