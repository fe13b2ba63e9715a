"""Reading one file's bytes safely: size caps, gzip, binary and emptiness checks."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

from indexer.encoding import decode_bytes
from indexer.errors import ReadError

# One page is an article, not a dump: 20 MB is above any real news page with inline
# images, and far below what would stall the cleaner.
MAX_PAGE_BYTES = 20 * 1024 * 1024
_SNIFF_BYTES = 8192
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def read_page_bytes(path: Path) -> bytes:
    """The whole (decompressed) file, refused when empty, binary or too large."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            data = handle.read(MAX_PAGE_BYTES + 1)
    except (gzip.BadGzipFile, zlib.error, EOFError) as error:
        raise ReadError(f"broken gzip data: {error}") from error
    if len(data) > MAX_PAGE_BYTES:
        raise ReadError(f"larger than {MAX_PAGE_BYTES // (1024 * 1024)} MB; not a single page")
    if not data.strip():
        raise ReadError("empty file")
    if b"\x00" in data[:_SNIFF_BYTES] and not data.startswith(_BOMS):
        raise ReadError("binary file (NUL bytes), not text")
    return data


def decode_page(data: bytes, declared: str | None = None) -> str:
    """Bytes to text; refuse what decodes only to junk."""
    text = decode_bytes(data, declared)
    sample = text[:_SNIFF_BYTES]
    junk = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f"))
    if sample and junk / len(sample) > 0.05:  # a few odd bytes are common; a twentieth is not text
        raise ReadError("undecodable bytes: not text in any known encoding")
    return text
