"""Reading one file's bytes safely: size caps, gzip, binary and emptiness checks."""

from __future__ import annotations

from pathlib import Path

from indexer.encoding import bomless_wide_charset, decode_bytes
from indexer.errors import ReadError
from indexer.readers.limits import MB, current_budget
from indexer.readers.streams import read_capped

# One page is an article, not a dump: 20 MB is above any real news page with inline
# images, and far below what would stall the cleaner (NEWSDESK_MAX_RECORD_MB sets it per run).
MAX_PAGE_BYTES = 20 * MB
_SNIFF_BYTES = 8192
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# NUL bytes per byte of the sniffed start above which a file that is not UTF-16/32 is
# binary: a stray NUL in a scraped page is removed, a PDF or image has thousands.
MAX_TEXT_NUL_SHARE = 0.001


def read_page_bytes(path: Path) -> bytes:
    """The whole (decompressed) file, refused when empty, binary or too large."""
    limit = current_budget().limits.record_bytes
    data = read_capped(path, limit, "not a single page (NEWSDESK_MAX_RECORD_MB)")
    if not data.strip():
        raise ReadError("empty file")
    head = data[:_SNIFF_BYTES]
    nuls = head.count(0)
    if nuls > MAX_TEXT_NUL_SHARE * len(head) and not head.startswith(_BOMS):
        if bomless_wide_charset(head) is None:
            raise ReadError("binary file (NUL bytes), not text")
    return data


def decode_page(data: bytes, declared: str | None = None) -> str:
    """Bytes to text without NUL bytes; refuse what decodes only to junk."""
    text = decode_bytes(data, declared).replace("\x00", "")
    sample = text[:_SNIFF_BYTES]
    junk = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f"))
    if sample and junk / len(sample) > 0.05:  # a few odd bytes are common; a twentieth is not text
        raise ReadError("undecodable bytes: not text in any known encoding")
    return text
