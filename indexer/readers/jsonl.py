"""JSON Lines feeds: one article per line.

Each line: {"url", "title", "text" or "html", "published_at", "source"}; other keys are kept
as metadata.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from io import BufferedReader
from pathlib import Path
from typing import Any

from indexer.ids import article_id
from indexer.model import Article, Failure

KNOWN_KEYS = {"url", "title", "text", "html", "published_at", "source"}


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f'"{key}" must be a string, not {type(value).__name__}')
    return value.strip() or None


def parse_record(record: Any, where: str) -> Article:
    """One JSON object as a raw article; ValueError says what is wrong with it."""
    if not isinstance(record, dict):
        raise ValueError("each line must be a JSON object")
    text, html = _optional_str(record, "text"), _optional_str(record, "html")
    if text is None and html is None:
        raise ValueError('no "text" or "html" field')
    url = _optional_str(record, "url")
    published_at = _optional_str(record, "published_at")
    return Article(
        id=article_id(url, html or text or ""),
        path=where,
        url=url,
        source=_optional_str(record, "source"),
        title=_optional_str(record, "title"),
        html=html,
        text=None if html else text,
        published_at=published_at,
        published_at_source="input" if published_at else None,
        metadata={k: v for k, v in record.items() if k not in KNOWN_KEYS},
    )


def _lines(path: Path) -> gzip.GzipFile | BufferedReader:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def read_jsonl(path: Path) -> Iterator[Article | Failure]:
    """Articles line by line; a bad line is a Failure naming file and line, the rest go on."""
    with _lines(path) as handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{path}#{number}"
            if not raw.strip():
                continue
            try:
                yield parse_record(json.loads(raw.decode("utf-8-sig")), where)
            except UnicodeDecodeError as error:
                yield Failure(where, f"line is not UTF-8: {error.reason}")
            except json.JSONDecodeError as error:
                yield Failure(where, f"invalid JSON: {error.msg} at column {error.colno}")
            except ValueError as error:
                yield Failure(where, str(error))
