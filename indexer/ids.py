"""Stable article ids, so that re-ingesting the same input updates instead of duplicating."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit, urlunsplit

ID_HEX_CHARS = 16  # 64 bits: collisions stay negligible far past a billion articles


def normalize_url(url: str) -> str:
    """Drop the fragment, lowercase scheme and host, so trivial variants share an id."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


def stable_id(*parts: str) -> str:
    """A short hex id derived only from `parts`."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:ID_HEX_CHARS]


def article_id(url: str | None, content: str) -> str:
    """Id from the URL when there is one (the same story re-scraped), else from the content."""
    if url:
        return stable_id("url", normalize_url(url))
    return stable_id("content", content)
