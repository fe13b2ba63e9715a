"""Writers of good and bad input files for fault tests and bench/fault_folder.py.

Every text here is our own; nothing is copied from real articles. Files are generated into
the folder a test gives, so no fixture is stored in the repository.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import socket
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024

STORY = (
    "The harbour authority in {town} reopened the western locks on Monday after engineers "
    "replaced two damaged gates, officials said. Shipping companies had diverted more than "
    "forty vessels during the closure, which lasted eleven days. The port director told "
    "reporters that the new gates would withstand the stronger storms forecast for the "
    "coming decades, and the dock workers' union called for an inquiry into the inspections."
)
TOWNS = ("Rotterdam", "Antwerp", "Hamburg", "Gdansk", "Bremen", "Aarhus", "Tallinn", "Riga")


def letters(number: int) -> str:
    """A number spelled in letters (0 -> "a"): tags differ in letters, as the line model
    counts lines that differ only in digits as the same line."""
    return "".join(chr(ord("a") + int(digit)) for digit in str(number))


def story(tag: str) -> str:
    """A short English news text that carries a unique searchable word `tag`."""
    town = TOWNS[sum(map(ord, tag)) % len(TOWNS)]
    return STORY.format(town=town) + f" Reference {tag}."


def record(tag: str) -> str:
    """One JSON Lines record (with its newline) whose text carries `tag`."""
    url = f"https://port.example/{tag}"
    return json.dumps({"url": url, "title": f"Locks reopen {tag}", "text": story(tag)}) + "\n"


def html_page(tag: str, body: str | None = None) -> str:
    """A small news page; `body` replaces the usual <article> markup."""
    paragraphs = "".join(f"<p>{sentence}.</p>" for sentence in story(tag).split(". "))
    inner = body if body is not None else f"<article><h1>Locks reopen</h1>{paragraphs}</article>"
    return (
        "<html><head><title>Locks reopen | Port News</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"{inner}<footer>Port News</footer></body></html>"
    )


@dataclass(frozen=True)
class Bad:
    """A bad input: its file name, the words its reason must hold, and the good tags inside."""

    name: str
    reason: str
    good: tuple[str, ...] = ()
    skip: bool = False


def deep_json(folder: Path) -> Bad:
    """A JSON Lines line nested 100,000 levels deep between two good lines."""
    deep = "[" * 100_000 + "]" * 100_000 + "\n"
    (folder / "deep.jsonl").write_text(record("deepbefore") + deep + record("deepafter"))
    return Bad("deep.jsonl", "nested deeper than", ("deepbefore", "deepafter"))


def _gzip_lines(tags: list[str], noise: bool = False) -> bytes:
    """Records gzipped; with `noise`, each carries 512 hex digits that barely compress."""
    lines = []
    for tag in tags:
        line = record(tag)
        if noise:
            digits = "".join(hashlib.sha256(f"{tag}{n}".encode()).hexdigest() for n in range(8))
            line = line[:-2] + f', "noise": "{digits}"}}\n'
        lines.append(line)
    return gzip.compress("".join(lines).encode(), mtime=0)


def truncated_gzip(folder: Path) -> Bad:
    """A .jsonl.gz cut in half: the lines before the cut are kept."""
    data = _gzip_lines(["trunc" + letters(i) for i in range(20)], noise=True)
    (folder / "truncated.jsonl.gz").write_bytes(data[: len(data) // 2])
    return Bad("truncated.jsonl.gz", "truncated", ("trunca", "truncb"))


def corrupt_gzip(folder: Path) -> Bad:
    """A .jsonl.gz whose checksum is wrong: every line is read, then the file is reported."""
    data = bytearray(_gzip_lines(["crca", "crcb", "crcc"]))
    data[-8] ^= 0xFF  # the CRC-32 of the trailer
    (folder / "corrupt.jsonl.gz").write_bytes(bytes(data))
    return Bad("corrupt.jsonl.gz", "corrupt gzip data", ("crca", "crcc"))


def garbled_gzip(folder: Path) -> Bad:
    """A .jsonl.gz with garbage in the middle of its compressed stream (at ~6 KB)."""
    data = bytearray(_gzip_lines(["garble" + letters(i) for i in range(40)], noise=True))
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(range(64))
    (folder / "garbled.jsonl.gz").write_bytes(bytes(data))
    return Bad("garbled.jsonl.gz", "gzip", ("garblea",))


def warc_record(url: str | None, payload: bytes) -> bytes:
    """One WARC response record; `url` None leaves out WARC-Target-URI."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + payload
    target = f"WARC-Target-URI: {url}\r\n" if url else ""
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"{target}WARC-Date: 2024-01-02T03:04:05Z\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def warc_without_uri(folder: Path) -> Bad:
    """A web archive whose second response has no WARC-Target-URI."""
    good = warc_record("https://port.example/warcgood", html_page("warcgood").encode())
    bad = warc_record(None, html_page("warcbad").encode())
    (folder / "crawl.warc.gz").write_bytes(gzip.compress(good) + gzip.compress(bad))
    return Bad("crawl.warc.gz", "WARC-Target-URI", ("warcgood",))


def gzip_bomb(folder: Path) -> Bad:
    """About 200 KB of .jsonl.gz holding one good line and 200 MiB of empty lines."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(record("bombgood").encode())]
    blank = b"\n" * MB
    parts += [packer.compress(blank) for _ in range(200)]
    parts.append(packer.flush())
    (folder / "bomb.jsonl.gz").write_bytes(b"".join(parts))
    return Bad("bomb.jsonl.gz", "NEWSDESK_MAX_COMPRESSION_RATIO", ("bombgood",))


def long_line(folder: Path, size: int = 48 * MB) -> Bad:
    """A JSON line of `size` bytes (over the 20 MB record budget) between two good lines."""
    with open(folder / "long.jsonl", "w", encoding="utf-8") as out:
        out.write(record("longbefore"))
        out.write('{"text": "')
        chunk = "x" * MB
        for _ in range(size // MB):
            out.write(chunk)
        out.write('"}\n')
        out.write(record("longafter"))
    return Bad("long.jsonl", "NEWSDESK_MAX_RECORD_MB", ("longbefore", "longafter"))


def many_bad_lines(folder: Path) -> Bad:
    """50,000 broken JSON lines and one good one: one failure with a count, not 50,000."""
    with open(folder / "noisy.jsonl", "w", encoding="utf-8") as out:
        out.write(record("noisygood"))
        out.write("{not json}\n" * 50_000)
    return Bad("noisy.jsonl", "50000 bad lines", ("noisygood",))


def many_bad_stories(folder: Path) -> Bad:
    """A ~450 KB SGML file of 50,000 stories without NEWID: one failure with a count."""
    (folder / "reut2-999.sgm").write_bytes(b"<REUTERS>x</REUTERS>\n" * 50_000)
    return Bad("reut2-999.sgm", "50000 bad stories")


def bad_utf8_line(folder: Path) -> Bad:
    """A line that is not UTF-8 beside a good one."""
    (folder / "latin.jsonl").write_bytes(record("latingood").encode() + b'{"text": "caf\xe9"}\n')
    return Bad("latin.jsonl", "not UTF-8", ("latingood",))


def binary_page(folder: Path) -> Bad:
    """An image saved under a page's name."""
    (folder / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(256) * 8)
    return Bad("photo.html", "binary")


def empty_page(folder: Path) -> Bad:
    """An empty text file."""
    (folder / "empty.txt").write_bytes(b"")
    return Bad("empty.txt", "empty")


def fifo(folder: Path) -> Bad:
    """A named pipe with a reader's name: opening it would block for ever."""
    os.mkfifo(folder / "pipe.jsonl")
    return Bad("pipe.jsonl", "FIFO", skip=True)


def unix_socket(folder: Path) -> Bad:
    """A socket file in the folder (bound, then closed; the file stays)."""
    path = folder / "s.txt"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
    return Bad("s.txt", "socket", skip=True)


def link_out(folder: Path) -> Bad:
    """A link to a file outside the input folder (as in/passwd.txt -> /etc/passwd)."""
    outside = folder.parent / f"{folder.name}-outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text(story("secretleak"), encoding="utf-8")
    (folder / "passwd.txt").symlink_to(outside / "secret.txt")
    return Bad("passwd.txt", "symbolic link out of the input folders", skip=True)


BAD_KINDS: tuple[Callable[[Path], Bad], ...] = (
    deep_json,
    truncated_gzip,
    corrupt_gzip,
    garbled_gzip,
    warc_without_uri,
    gzip_bomb,
    long_line,
    many_bad_lines,
    many_bad_stories,
    bad_utf8_line,
    binary_page,
    empty_page,
    fifo,
    unix_socket,
    link_out,
)


def odd_but_good(folder: Path) -> list[str]:
    """Files that look odd and are fine: each holds one article; returns their tags."""
    (folder / "utf16le.txt").write_bytes(story("widele").encode("utf-16-le"))
    (folder / "utf16be.txt").write_bytes(story("widebe").encode("utf-16-be"))
    (folder / "utf32.txt").write_bytes(story("widethirtytwo").encode("utf-32-le"))
    late_nul = story("latenul") + " " + "More of the same story. " * 500 + "\x00tail"
    (folder / "nul.txt").write_bytes(late_nul.encode())
    name = os.fsencode(folder) + b"/caf\xe9-story.txt"
    with open(name, "wb") as out:
        out.write(story("latinname").encode())
    (folder / "page.html").write_text(html_page("plainpage"), encoding="utf-8")
    return ["widele", "widebe", "widethirtytwo", "latenul", "latinname", "plainpage"]
