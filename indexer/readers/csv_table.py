"""CSV tables of articles: one row each, columns named by a mapping or guessed from the header.

`--csv-columns title=textname,text=full_text` names the columns; without it, a header's last
word says what a column holds ("full_text" is text, "textname" a name, so a title,
"article_url" a URL). Columns that are not mapped are kept as metadata.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from pathlib import Path

from indexer.errors import ReadError
from indexer.ids import article_id
from indexer.model import Article, Failure
from indexer.readers.files import decode_page
from indexer.readers.streams import read_capped

FIELDS = ("title", "text", "html", "url", "published_at", "source")
# What a header's last word says it holds; checked against the end of the header, so that
# the head noun of a compound decides ("textname" is the name of a text, a title).
HEAD_WORDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "heading", "subject", "name"),
    "text": ("text", "body", "content", "article", "fulltext", "message"),
    "html": ("html",),
    "url": ("url", "link", "href", "permalink", "uri"),
    "published_at": ("published_at", "published", "pubdate", "date", "datetime", "timestamp"),
    "source": ("source", "site", "publisher", "outlet", "domain", "channel"),
}
# A table of articles is far larger than one page, but must still fit in memory parsed.
MAX_TABLE_BYTES = 512 * 1024 * 1024
MAX_FIELD_CHARS = 20 * 1024 * 1024  # one cell: the page size limit
DELIMITERS = ",;\t|"
# The command line's `--csv-columns` for this run: files are read in the main process, and the
# reader registry calls readers with a path only.
CSV_COLUMNS: ContextVar[Mapping[str, str] | None] = ContextVar("csv_columns", default=None)
_LEADING_DATE = re.compile(r"^(\d{8})(?=\D|$)")  # "20150302police_…": a compact date prefix


def parse_columns(spec: str) -> dict[str, str]:
    """`title=textname,text=full_text` -> {"title": "textname", "text": "full_text"}."""
    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        field, sep, column = part.partition("=")
        field, column = field.strip(), column.strip()
        if not sep or not column:
            raise ValueError(f"expected FIELD=COLUMN, not {part!r}")
        if field not in FIELDS:
            raise ValueError(f"unknown field {field!r}; fields are {', '.join(FIELDS)}")
        mapping[field] = column
    return mapping


def _normal(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")


def guess_columns(header: list[str]) -> dict[str, str]:
    """Each field's column, guessed from the header's words; an exact name wins."""
    guessed: dict[str, str] = {}
    for field, words in HEAD_WORDS.items():
        exact = [h for h in header if _normal(h) in (field, *words[:1])]
        ending = [h for h in header if _normal(h).endswith(words) and h not in guessed.values()]
        for column in exact + ending:
            if column not in guessed.values():
                guessed[field] = column
                break
    return guessed


def _published(value: str) -> str | None:
    value = value.strip()
    leading = _LEADING_DATE.match(value)
    if leading and len(value) > 8:
        return leading.group(1)
    return value or None


def _open_rows(path: Path) -> Iterator[list[str]]:
    data = read_capped(path, MAX_TABLE_BYTES, "split the table")
    text = decode_page(data)
    # The header line names the delimiter: it has no quoted prose to mislead a sniffer.
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first.count)
    csv.field_size_limit(MAX_FIELD_CHARS)
    yield from csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)


def read_csv_table(
    path: Path, columns: Mapping[str, str] | None = None
) -> Iterator[Article | Failure]:
    """One article per row; a row without text is a Failure naming its line, the rest go on."""
    rows = _open_rows(path)
    try:
        header = next(rows)
    except StopIteration:
        raise ReadError("empty table") from None
    except csv.Error as error:
        raise ReadError(f"not a CSV table: {error}") from error
    columns = columns or CSV_COLUMNS.get()
    mapping = dict(columns) if columns else guess_columns(header)
    missing = sorted(set(mapping.values()) - set(header))
    if missing:
        raise ReadError(f"no column {missing[0]!r}; columns are {', '.join(header)}")
    if "text" not in mapping and "html" not in mapping:
        raise ReadError(
            "cannot tell which column holds the text; name it with --csv-columns text=COLUMN "
            f"(columns: {', '.join(header)})"
        )
    position = {field: header.index(column) for field, column in mapping.items()}
    others = [(i, name) for i, name in enumerate(header) if i not in position.values()]
    group = str(path)
    number = 1
    try:
        for number, row in enumerate(rows, start=2):
            where = f"{path}#{number}"
            if not any(cell.strip() for cell in row):
                continue
            values = {f: row[i].strip() if i < len(row) else "" for f, i in position.items()}
            content = values.get("html") or values.get("text")
            if not content:
                column = mapping.get("text") or mapping["html"]
                yield Failure(where, f"row has no text in column {column!r}")
                continue
            url = values.get("url") or None
            published = _published(values.get("published_at", ""))
            yield Article(
                id=article_id(url, content),
                path=where,
                url=url,
                source=values.get("source") or None,
                title=values.get("title") or None,
                html=values.get("html") or None,
                text=None if values.get("html") else content,
                published_at=published,
                published_at_source="input" if published else None,
                metadata={"group": group, **{name: row[i] for i, name in others if i < len(row)}},
            )
    except csv.Error as error:
        raise ReadError(f"broken CSV near line {number + 1}: {error}") from error
