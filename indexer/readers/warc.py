"""Web archives (.warc, .warc.gz): every archived HTML response becomes an article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from indexer.encoding import decode_bytes
from indexer.errors import ReadError
from indexer.ids import article_id
from indexer.model import Article, Failure
from indexer.readers.html import declared_charset
from indexer.readers.limits import current_budget
from indexer.readers.streams import open_input

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
        with open_input(path) as handle:
            head = handle.read(len(_MAGIC))
    except (OSError, EOFError) as error:
        raise ReadError(f"not a readable web archive: {error}") from error
    if head != _MAGIC:
        raise ReadError("not a web archive: it does not start with a WARC header")


def read_warc(path: Path) -> Iterator[Article | Failure]:
    """HTML responses in archive order; requests, images and metadata are passed over."""
    _check_header(path)
    limit = current_budget().limits.record_bytes
    # Decompressed here, not by warcio, so that the file's byte and ratio budgets see it.
    with open_input(path) as handle:
        records = iter(ArchiveIterator(handle))
        while True:
            try:
                record = next(records, None)
            except ArchiveLoadFailed as error:
                raise ReadError(f"not a readable web archive: {error}") from error
            except AttributeError as error:  # warcio on a response without WARC-Target-URI
                raise ReadError(
                    "malformed record (a response without WARC-Target-URI?); the rest not read"
                ) from error
            if record is None:
                return
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
            data = record.content_stream().read(limit + 1)
            if len(data) > limit:
                yield Failure(where, "archived page larger than NEWSDESK_MAX_RECORD_MB")
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
