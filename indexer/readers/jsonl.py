"""JSON Lines feeds: one article per line.

Each line: {"url", "title", "text" or "html", "published_at", "source"}; other keys are kept
as metadata.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from indexer.ids import article_id
from indexer.model import Article, Failure
from indexer.readers.json_depth import depth_reason, too_deep
from indexer.readers.limits import MB, current_budget
from indexer.readers.streams import numbered_lines, open_input

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


def read_jsonl(path: Path) -> Iterator[Article | Failure]:
    """Articles line by line; a bad line is a Failure naming file and line, the rest go on."""
    limits = current_budget().limits
    with open_input(path) as handle:
        for number, raw in numbered_lines(handle, limits.record_bytes):
            where = f"{path}#{number}"
            if raw is None:
                mb = limits.record_bytes // MB
                yield Failure(where, f"longer than {mb} MB (NEWSDESK_MAX_RECORD_MB)")
                continue
            if not raw.strip():
                continue
            if too_deep(raw, limits.json_depth):
                yield Failure(where, depth_reason(limits.json_depth))
                continue
            try:
                yield parse_record(json.loads(raw.decode("utf-8-sig")), where)
            except UnicodeDecodeError as error:
                yield Failure(where, f"not UTF-8: {error.reason}")
            except json.JSONDecodeError as error:
                yield Failure(where, f"invalid JSON: {error.msg} at column {error.colno}")
            except RecursionError:
                yield Failure(where, depth_reason(limits.json_depth))
            except ValueError as error:
                yield Failure(where, str(error))
