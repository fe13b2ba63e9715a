"""Export of a whole result set as CSV or JSON Lines, streamed row by row from backend.scan."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import chain
from typing import Any

from flask import Blueprint, Response, request

from indexer.model import Article
from indexer.search.fields import ENTITY_FACETS
from webapp.backend import get_backend
from webapp.params import export_request

bp = Blueprint("export", __name__)

CSV_COLUMNS = (
    "id", "published_at", "published_at_source", "source", "language", "title", "url",
    *ENTITY_FACETS, "body",
)  # fmt: skip
LIST_SEPARATOR = "; "  # between names in one CSV cell; names themselves rarely hold ";"
ROWS_PER_CHUNK = 200  # rows joined into one write: fewer, larger chunks stream faster
# Spreadsheets run cells starting with these as formulas; a leading apostrophe stops that
# (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_row(article: Article) -> list[str]:
    """One article as CSV cells, in CSV_COLUMNS order."""
    values: dict[str, Any] = {name: getattr(article, name, None) for name in CSV_COLUMNS}
    for entity_type in ENTITY_FACETS:
        values[entity_type] = LIST_SEPARATOR.join(article.entity_names(entity_type))
    return [_cell(values[name]) for name in CSV_COLUMNS]


def csv_chunks(articles: Iterable[Article]) -> Iterator[str]:
    """The header, then rows in chunks; memory stays flat however many records come."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    pending = 0
    for article in articles:
        writer.writerow(csv_row(article))
        pending += 1
        if pending >= ROWS_PER_CHUNK:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue()


def jsonl_chunks(articles: Iterable[Article]) -> Iterator[str]:
    """One extract record per line, in chunks."""
    lines: list[str] = []
    for article in articles:
        lines.append(json.dumps(article.to_json(), ensure_ascii=False) + "\n")
        if len(lines) >= ROWS_PER_CHUNK:
            yield "".join(lines)
            lines.clear()
    yield "".join(lines)


@bp.get("/export")
def download() -> Response:
    """Every article the search matches, as an attachment (format=csv or format=jsonl)."""
    req, fmt = export_request(request.args)
    articles = get_backend().scan(req)
    # Fetch the first article before answering, so a bad query still gets its 4xx page
    # rather than a broken download.
    first = next(articles, None)
    everything = chain([first], articles) if first is not None else iter(())
    chunks = csv_chunks(everything) if fmt == "csv" else jsonl_chunks(everything)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    response = Response(chunks, content_type=_MEDIA_TYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="newsdesk-{stamp}.{fmt}"'
    response.headers["Cache-Control"] = "no-store"
    return response
