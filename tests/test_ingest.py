"""The spine end to end: files in, pipeline, embedded index, search out; bad files reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.config import Settings
from indexer.ingest import ingest, processed
from indexer.model import IndexReport
from indexer.search import SearchRequest, open_backend
from tests.shared_data import SEED_PAGE, require

ENGLISH_TEXT_PAGE = """\
Harbour officials in Rotterdam said on Tuesday that container traffic rose for the third month.
The Port of Rotterdam Authority reported that volumes were lifted by new shipping routes.
Analysts at the port expect the growth to slow once the winter season begins in earnest.

Weather: rain expected tomorrow
Football: local club signs striker
All news
Войдите, чтобы оставить комментарий
"""

ENGLISH_HTML_PAGE = """\
<html><head><title>Lighthouse restored | Coastal Daily</title>
<link rel="canonical" href="https://coastal.example/2023/05/14/lighthouse">
<meta property="og:site_name" content="Coastal Daily">
<meta property="article:published_time" content="2023-05-14T09:30:00+00:00">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Lighthouse restored</h1>
<p>Volunteers in Cornwall finished restoring the old lighthouse on the northern cliff this week.</p>
<p>The restoration took three years and was paid for by donations from residents of the county.</p>
<p>Visitors will be able to climb the tower from June, the organisers said in a statement.</p>
</article><footer>Copyright Coastal Daily</footer></body></html>
"""

FEED = [
    {
        "url": "https://river.example/a",
        "title": "Bridge reopens in Novosibirsk",
        "text": "The bridge across the Ob river in Novosibirsk reopened after repairs.\n"
        "City engineers replaced the deck and the lighting over two summers.",
        "published_at": "2022-09-01T08:00:00+07:00",
        "source": "River Post",
    },
    {
        "url": "https://river.example/b",
        "title": "Мост открыт после ремонта",
        "text": "Мост через Обь в Новосибирске открыли после ремонта.\n"
        "Инженеры города заменили настил и освещение за два лета.",
        "published_at": "2022-09-02T08:00:00+07:00",
        "source": "River Post",
    },
]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", ner=False, workers=1)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "site").mkdir(parents=True)
    (folder / "site" / "harbour.txt").write_text(ENGLISH_TEXT_PAGE, encoding="utf-8")
    (folder / "site" / "lighthouse.html").write_text(ENGLISH_HTML_PAGE, encoding="utf-8")
    lines = [json.dumps(record, ensure_ascii=False) for record in FEED]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _ingest(paths: list[Path], settings: Settings) -> IndexReport:
    backend = open_backend(settings)
    try:
        return ingest(paths, settings, backend)
    finally:
        backend.close()


def _search(settings: Settings, **kwargs: object):
    backend = open_backend(settings)
    try:
        return backend.search(SearchRequest(**kwargs))  # type: ignore[arg-type]
    finally:
        backend.close()


def test_seed_page_keeps_the_article_and_drops_the_frame(settings: Settings) -> None:
    seed = require(SEED_PAGE)
    lines = seed.read_text(encoding="utf-8").splitlines()
    paragraphs, frame = lines[:11], [line for line in lines[11:] if line.strip()]
    report = IndexReport()
    [article] = processed([seed], settings, report)
    for paragraph in paragraphs:
        assert paragraph in article.body
    for line in frame:
        assert line not in article.body
        assert line in article.boilerplate
    assert article.language == "en"


def test_round_trip_finds_every_format(settings: Settings, corpus: Path) -> None:
    report = _ingest([corpus], settings)
    assert (report.read, report.indexed, report.failed) == (4, 4, 0)
    assert _search(settings, query="lighthouse").total == 1
    assert _search(settings, query="Rotterdam").total == 1
    assert _search(settings, query="Новосибирск").total == 1  # stemmed: "Новосибирске"
    bridge = _search(settings, query="bridge Novosibirsk")
    assert [hit.title for hit in bridge.hits] == ["Bridge reopens in Novosibirsk"]
    assert "<mark>" in bridge.hits[0].snippet


def test_facets_count_the_match_set(settings: Settings, corpus: Path) -> None:
    _ingest([corpus], settings)
    result = _search(settings)
    sources = {value.value: value.count for value in result.facets["source"]}
    assert sources["River Post"] == 2
    assert _search(settings, filters={"source": ("River Post",)}).total == 2
    assert _search(settings, excludes={"source": ("River Post",)}).total == 2


def test_reingesting_creates_no_duplicates(settings: Settings, corpus: Path) -> None:
    _ingest([corpus], settings)
    first = _search(settings).total
    _ingest([corpus], settings)
    _ingest([corpus / "feed.jsonl"], settings)
    assert _search(settings).total == first == 4


def test_bad_files_are_reported_and_the_batch_goes_on(settings: Settings, corpus: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (corpus / "notes.docx").write_bytes(b"PK\x03\x04")
    with open(corpus / "feed.jsonl", "ab") as feed:
        feed.write(b'{"url": "https://river.example/c", "text": "caf\xe9 au lait"}\n')
        feed.write(b"{not json}\n")
        feed.write(b'{"url": "https://river.example/d", "title": "no text"}\n')
    report = _ingest([corpus], settings)
    reasons = {
        Path(f.path.split("#")[0]).name + f.path.partition("#")[2]: f.reason
        for f in report.failures
    }
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["photo.html"]
    assert {Path(s.path).name: s.reason for s in report.skips} == {
        "notes.docx": "unsupported file type .docx"
    }
    # One line per file: the bad lines counted, the first few named.
    assert reasons["feed.jsonl"].startswith("3 bad lines: line 3: not UTF-8")
    assert "line 4: invalid JSON" in reasons["feed.jsonl"]
    assert 'line 5: no "text"' in reasons["feed.jsonl"]
    assert report.indexed == 4
    assert _search(settings).total == 4


class _Loading:
    """A run watcher that only notes whether the models started loading."""

    def __init__(self) -> None:
        self.loaded = False

    def loading(self) -> None:
        self.loaded = True

    def started(self, files: object, unchanged: int) -> None: ...

    def read_through(self, files: int, size: int) -> None: ...

    def taken(self, articles: int) -> None: ...

    def committed(self, indexed: int, new: int) -> None: ...


def test_an_empty_folder_loads_no_models(settings: Settings, tmp_path: Path) -> None:
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    (tmp_path / "out.txt").write_text(ENGLISH_TEXT_PAGE, encoding="utf-8")
    watcher = _Loading()
    backend = open_backend(settings)
    try:
        report = ingest([tmp_path / "empty"], settings, backend, watcher=watcher)
        assert (report.read, report.failed, watcher.loaded) == (0, 0, False)
        # A folder holding only a link out of it is not empty: the link gets its report line.
        (tmp_path / "empty" / "sub" / "link.txt").symlink_to(tmp_path / "out.txt")
        report = ingest([tmp_path / "empty"], settings, backend, watcher=watcher)
    finally:
        backend.close()
    assert report.read == 0 and len(report.failures) + len(report.skips) == 1
