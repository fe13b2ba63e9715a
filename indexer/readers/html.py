"""HTML pages (.html, .htm, gzipped too): one article per file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from indexer.ids import article_id
from indexer.model import Article
from indexer.readers.files import decode_page, read_page_bytes

_HEAD_BYTES = 4096
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_CANONICAL = re.compile(
    r"""<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)["']"""
    r"""|<link[^>]+href=["']([^"']+)["'][^>]*rel=["']canonical["']""",
    re.IGNORECASE,
)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes, if any (often wrong; a hint only)."""
    match = _CHARSET.search(data[:_HEAD_BYTES])
    return match.group(1).decode("ascii").lower() if match else None


def read_html(path: Path) -> Iterator[Article]:
    """One article per HTML file; the id follows its canonical URL when it has one."""
    data = read_page_bytes(path)
    html = decode_page(data, declared_charset(data))
    match = _CANONICAL.search(html[:200_000])
    url = (match.group(1) or match.group(2)).strip() if match else None
    yield Article(
        id=article_id(url, html),
        path=str(path),
        html=html,
        metadata={"group": str(path.parent)},
    )
