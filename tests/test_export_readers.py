"""Readers for the exports people have: Telegram, CSV tables, saved feeds and sitemaps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shared_data import SHARED, require

from indexer.errors import ReadError
from indexer.model import Article, Failure
from indexer.readers import read_paths, reader_for
from indexer.readers.csv_table import guess_columns, parse_columns, read_csv_table

DESKTOP_EXPORT = {
    "name": "Harbour Wire",
    "type": "public_channel",
    "id": 1234567,
    "messages": [
        {"id": 1, "type": "service", "date": "2024-03-01T09:00:00", "action": "create_channel"},
        {
            "id": 2,
            "type": "message",
            "date": "2024-03-01T12:30:00",
            "date_unixtime": "1709296200",
            "text": [
                "Ferry service to Norden resumes ",
                {"type": "bold", "text": "on Monday"},
                ", the port said: ",
                {"type": "text_link", "text": "details", "href": "https://wire.example/ferry"},
            ],
            "text_entities": [
                {"type": "plain", "text": "Ferry service to Norden resumes "},
                {"type": "bold", "text": "on Monday"},
                {"type": "plain", "text": ", the port said: "},
                {"type": "text_link", "text": "details", "href": "https://wire.example/ferry"},
            ],
        },
        {"id": 3, "type": "message", "date": "2024-03-02T08:00:00", "text": "", "photo": "a.jpg"},
        {"id": 4, "type": "message", "date": "2024-03-02T10:15:00", "text": "Bridge closed."},
    ],
}
MESSAGE_ARRAY = [
    {
        "message_id": 77,
        "sender_id": -100555,
        "text": "Мост через Обь открыли после ремонта\n\nhttps://example.ru/most",
        "date": "2024-11-07T18:09:50+00:00",
        "channel": "Сибирь сегодня",
        "category": "society",
    }
]


def _articles(items: list[Article | Failure]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def test_telegram_desktop_export(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(json.dumps(DESKTOP_EXPORT), encoding="utf-8")
    articles = _articles(list(read_paths([path])))
    assert [a.metadata["telegram_message_id"] for a in articles] == [2, 4], "no service, no photo"
    ferry = articles[0]
    assert ferry.text == "Ferry service to Norden resumes on Monday, the port said: details"
    assert ferry.metadata["links"] == ["https://wire.example/ferry"]
    assert ferry.published_at == "2024-03-01T12:30:00+00:00", "date_unixtime is UTC"
    assert ferry.source == "Harbour Wire"
    assert articles[1].published_at == "2024-03-02T10:15:00", "local time kept without a zone"
    again = _articles(list(read_paths([path])))
    assert [a.id for a in again] == [a.id for a in articles], "re-reading updates, never adds"


def test_telegram_message_array(tmp_path: Path) -> None:
    path = tmp_path / "555_messages.json"
    path.write_text(json.dumps(MESSAGE_ARRAY, ensure_ascii=False), encoding="utf-8")
    (article,) = _articles(list(read_paths([path])))
    assert article.title == "Мост через Обь открыли после ремонта"
    assert article.text == "Мост через Обь открыли после ремонта", "a bare link is not prose"
    assert article.metadata["links"] == ["https://example.ru/most"]
    assert article.source == "Сибирь сегодня"
    assert article.metadata["category"] == "society"
    assert article.published_at == "2024-11-07T18:09:50+00:00"


def test_json_that_is_no_export_fails_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    path.write_text('{"debug": true}', encoding="utf-8")
    (failure,) = list(read_paths([path]))
    assert isinstance(failure, Failure) and "not a Telegram export" in failure.reason
    assert failure.skip, "other JSON is passed over, as an unsupported file is"


def test_csv_columns_guessed_from_the_header() -> None:
    assert guess_columns(["textid", "textname", "full_text"]) == {
        "title": "textname",
        "text": "full_text",
    }
    assert guess_columns(["Headline", "Body", "Link", "Date", "Site"]) == {
        "title": "Headline",
        "text": "Body",
        "url": "Link",
        "published_at": "Date",
        "source": "Site",
    }


def test_csv_with_a_mapping_and_a_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "stories.csv"
    path.write_text(
        "key;head;story;when\n"
        'a1;Tide tables;"High water at noon; low at six.";2024-05-01\n'
        "a2;Empty;;2024-05-02\n",
        encoding="utf-8",
    )
    columns = parse_columns("title=head,text=story,published_at=when")
    items = list(read_csv_table(path, columns))
    article, failure = items
    assert isinstance(article, Article) and article.title == "Tide tables"
    assert article.text == "High water at noon; low at six."
    assert article.published_at == "2024-05-01" and article.metadata["key"] == "a1"
    assert isinstance(failure, Failure) and failure.path.endswith("#3")
    assert "no text" in failure.reason


def test_csv_without_a_text_column_says_how_to_name_it(tmp_path: Path) -> None:
    path = tmp_path / "numbers.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ReadError, match="--csv-columns text="):
        list(read_csv_table(path))
    with pytest.raises(ValueError, match="unknown field"):
        parse_columns("body=b")


RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Harbour Wire</title><link>https://wire.example/</link>
<item><title>Ferry resumes</title><link>https://wire.example/ferry</link>
<guid>https://wire.example/ferry</guid><pubDate>Fri, 01 Mar 2024 12:30:00 +0100</pubDate>
<content:encoded><![CDATA[<p>The ferry to Norden resumes on Monday.</p>]]></content:encoded></item>
<item><title>Bridge closed</title><link>/bridge</link>
<description>Closed for repairs.</description></item>
</channel></rss>"""


def test_saved_rss_file(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_bytes(RSS)
    ferry, bridge = _articles(list(read_paths([path])))
    assert ferry.url == "https://wire.example/ferry" and ferry.title == "Ferry resumes"
    assert ferry.html == "<p>The ferry to Norden resumes on Monday.</p>"
    assert ferry.published_at == "2024-03-01T11:30:00+00:00"
    assert ferry.metadata["feed_full_text"] is True
    assert bridge.url == "https://wire.example/bridge", "relative links resolve against the feed"


def test_xml_that_is_a_sitemap_or_nothing(tmp_path: Path) -> None:
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_bytes(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://wire.example/a</loc></url></urlset>"
    )
    junk = tmp_path / "notes.xml"
    junk.write_bytes(b"<notes><note>hello</note></notes>")
    reasons = [item.reason for item in read_paths([sitemap, junk]) if isinstance(item, Failure)]
    assert "follow add" in reasons[0]
    assert "not a feed" in reasons[1]


def test_registered_suffixes() -> None:
    for name in ("result.json", "a.csv", "a.tsv", "a.rss", "a.atom", "a.xml"):
        assert reader_for(Path(name)) is not None, name


def test_shared_lenta_csv_and_telegram_channels() -> None:
    lenta = require(SHARED / "data" / "news-ru" / "lenta-crime" / "Lenta_Crime.csv")
    items = list(read_paths([lenta]))
    articles = _articles(items)
    assert len(articles) == len(items) == 989
    assert all(a.title and a.text and len(a.text) > 200 for a in articles)
    assert len({a.id for a in articles}) == len({a.text for a in articles}), "repeated rows: one id"
    telegram = require(SHARED / "data" / "news-ru" / "telegram" / "raw")
    items = list(read_paths([telegram]))
    posts = _articles(items)
    assert not [i for i in items if isinstance(i, Failure) and not i.skip]
    assert len(posts) > 20_000
    assert all(p.published_at and p.source for p in posts)


def test_ingest_with_csv_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from indexer.config import Settings
    from indexer.search import SearchRequest, open_backend
    from newsdesk.cli import main

    table = tmp_path / "stories.csv"
    table.write_text(
        "key,head,story\n"
        'k1,Lock gates ordered,"The harbour authority ordered new lock gates from a yard in '
        'Papenburg on Friday, after the old gates leaked at every high tide this winter."\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("NEWSDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NEWSDESK_NER", "0")
    monkeypatch.setenv("NEWSDESK_WORKERS", "1")
    assert main(["ingest", str(table), "--quiet", "--csv-columns", "title=head,text=story"]) == 0
    backend = open_backend(Settings(data_dir=tmp_path / "data"))
    try:
        (hit,) = backend.search(SearchRequest(query="Papenburg")).hits
        assert hit.title == "Lock gates ordered"
    finally:
        backend.close()
    with pytest.raises(SystemExit):
        main(["ingest", str(table), "--csv-columns", "headline=head"])  # not a field
