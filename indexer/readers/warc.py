"""Web archives (.warc, .warc.gz): every archived HTML response becomes an article."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from indexer.encoding import decode_bytes
from indexer.errors import ReadError
from indexer.ids import article_id
from indexer.model import Article, Failure
from indexer.readers.files import MAX_PAGE_BYTES
from indexer.readers.html import declared_charset

_MAGIC = b"WARC/"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ").lower()
    return None


def _check_header(path: Path) -> None:
    # warcio reads almost anything as an old-style ARC record; refuse what is not a WARC.
    try:
        with gzip.open(path, "rb") if _is_gzip(path) else open(path, "rb") as handle:
            head = handle.read(len(_MAGIC))
    except (OSError, EOFError) as error:
        raise ReadError(f"not a readable web archive: {error}") from error
    if head != _MAGIC:
        raise ReadError("not a web archive: it does not start with a WARC header")


def _is_gzip(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(2) == b"\x1f\x8b"


def read_warc(path: Path) -> Iterator[Article | Failure]:
    """HTML responses in archive order; requests, images and metadata are passed over."""
    _check_header(path)
    try:
        with open(path, "rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{path}#{url}"
                content_type = record.http_headers.get_header("Content-Type") or ""
                if not content_type.lower().startswith(_HTML_TYPES):
                    continue
                status = record.http_headers.get_statuscode()
                if status and not status.startswith("2"):
                    yield Failure(where, f"archived response has HTTP status {status}")
                    continue
                data = record.content_stream().read(MAX_PAGE_BYTES + 1)
                if len(data) > MAX_PAGE_BYTES:
                    yield Failure(where, "archived page larger than the page size limit")
                    continue
                html = decode_bytes(data, _charset(content_type) or declared_charset(data))
                yield Article(
                    id=article_id(url, html),
                    path=where,
                    url=url,
                    html=html,
                    metadata={
                        "group": url.split("/")[2] if url and "//" in url else str(path),
                        "crawled_at": record.rec_headers.get_header("WARC-Date"),
                    },
                )
    except ArchiveLoadFailed as error:
        raise ReadError(f"not a readable web archive: {error}") from error
