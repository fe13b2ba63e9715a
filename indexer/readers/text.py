"""Plain-text pages: the body with whatever boilerplate the scraper kept around it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from indexer.ids import article_id
from indexer.model import Article
from indexer.readers.files import decode_page, read_page_bytes


def read_text(path: Path) -> Iterator[Article]:
    """One article per text file."""
    text = decode_page(read_page_bytes(path))
    yield Article(
        id=article_id(None, text),
        path=str(path),
        text=text,
        metadata={"group": str(path.parent)},
    )
