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

from webapp.backend import get_backend
from webapp.params import export_request

bp = Blueprint("export", __name__)

CSV_COLUMNS = (
    "id", "published_at", "published_at_source", "source", "language", "title", "url",
    "person", "organization", "location", "body",
)  # fmt: skip
ENTITY_COLUMNS = ("person", "organization", "location")
LIST_SEPARATOR = "; "  # between names in one CSV cell; names themselves rarely hold ";"
ROWS_PER_CHUNK = 200  # rows joined into one write: fewer, larger chunks stream faster
# Spreadsheets run cells starting with these as formulas; a leading apostrophe stops that
# (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}


def _names(record: dict[str, Any], entity_type: str) -> str:
    seen: dict[str, None] = {}
    for entity in record.get("entities") or ():
        if entity.get("type") == entity_type and entity.get("canonical"):
            seen.setdefault(str(entity["canonical"]), None)
    return LIST_SEPARATOR.join(seen)


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_row(record: dict[str, Any]) -> list[str]:
    """One article as CSV cells, in CSV_COLUMNS order."""
    values = {name: record.get(name) for name in CSV_COLUMNS}
    for entity_type in ENTITY_COLUMNS:
        values[entity_type] = _names(record, entity_type)
    return [_cell(values[name]) for name in CSV_COLUMNS]


def csv_chunks(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The header, then rows in chunks; memory stays flat however many records come."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    pending = 0
    for record in records:
        writer.writerow(csv_row(record))
        pending += 1
        if pending >= ROWS_PER_CHUNK:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue()


def jsonl_chunks(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One stored record per line, in chunks."""
    lines: list[str] = []
    for record in records:
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
        if len(lines) >= ROWS_PER_CHUNK:
            yield "".join(lines)
            lines.clear()
    yield "".join(lines)


@bp.get("/export")
def download() -> Response:
    """Every article the search matches, as an attachment (format=csv or format=jsonl)."""
    req, fmt = export_request(request.args)
    records = get_backend().scan(req)
    # Fetch the first record before answering, so a bad query still gets its 4xx page
    # rather than a broken download.
    first = next(records, None)
    everything = chain([first], records) if first is not None else iter(())
    chunks = csv_chunks(everything) if fmt == "csv" else jsonl_chunks(everything)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    response = Response(chunks, content_type=_MEDIA_TYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="newsdesk-{stamp}.{fmt}"'
    response.headers["Cache-Control"] = "no-store"
    return response
