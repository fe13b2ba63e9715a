"""CSV and JSON Lines export: every match, streamed, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterator

from flask.testing import FlaskClient

from indexer.model import Article, Entity
from webapp.export import CSV_COLUMNS, csv_chunks, csv_row, jsonl_chunks


def test_csv_holds_every_match_in_order(client: FlaskClient) -> None:
    total = client.get("/api/search?q=ferry+OR+train").json["total"]  # type: ignore[index]
    response = client.get("/export?format=csv&q=ferry+OR+train&sort=oldest&page=2")
    assert response.status_code == 200
    assert response.is_streamed
    assert response.content_type == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == total > 10  # paging does not limit an export
    assert list(rows[0]) == list(CSV_COLUMNS)
    dates = [row["published_at"] for row in rows if row["published_at"]]
    assert dates == sorted(dates)
    assert len({row["id"] for row in rows}) == total


def test_jsonl_lines_are_stored_records(client: FlaskClient) -> None:
    response = client.get("/export?format=jsonl&person=Marta+Keller")
    assert response.content_type.startswith("application/x-ndjson")
    records = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    total = client.get("/api/search?person=Marta+Keller").json["total"]  # type: ignore[index]
    assert len(records) == total
    for record in records:
        assert any(e["canonical"] == "Marta Keller" for e in record["entities"])
        assert "body" in record and "entities" in record


def test_export_of_nothing_is_a_header(client: FlaskClient) -> None:
    body = client.get("/export?format=csv&q=zzzznothing").get_data(as_text=True)
    assert body.strip() == ",".join(CSV_COLUMNS)
    assert client.get("/export?format=jsonl&q=zzzznothing").get_data(as_text=True) == ""


def test_entities_become_one_cell_per_type() -> None:
    names = [("person", "Ann"), ("person", "Bob"), ("person", "Ann"), ("location", "Rome")]
    article = Article(
        id="a",
        path="a",
        title="t",
        entities=tuple(Entity(name, 0, 1, kind, name) for kind, name in names),  # type: ignore[arg-type]
    )
    row = dict(zip(CSV_COLUMNS, csv_row(article), strict=True))
    assert row["person"] == "Ann; Bob"
    assert row["location"] == "Rome"
    assert row["organization"] == ""


def test_formula_cells_are_defused() -> None:
    article = Article(id="a", path="a", title='=HYPERLINK("http://x")', source="+1", body="@cmd")
    row = dict(zip(CSV_COLUMNS, csv_row(article), strict=True))
    assert row["title"].startswith("'=")
    assert row["source"] == "'+1"
    assert row["body"] == "'@cmd"


def _endless() -> Iterator[Article]:
    for number in itertools.count():
        yield Article(id=str(number), path="endless", title="t", body="b" * 100)


def test_streams_without_reading_everything_first() -> None:
    # An endless source: only a streaming writer can hand out its first chunks.
    for chunks in (csv_chunks(_endless()), jsonl_chunks(_endless())):
        first = list(itertools.islice(chunks, 3))
        assert len(first) == 3 and all(first)


def test_hundred_thousand_rows_stream_in_bounded_chunks() -> None:
    records = (Article(id=str(n), path="many", title=f"t{n}") for n in range(100_000))
    largest = lines = 0
    for chunk in csv_chunks(records):
        largest = max(largest, len(chunk))
        lines += chunk.count("\r\n")
    assert lines == 100_001
    assert largest < 20_000  # a few hundred rows at a time, never the whole file
