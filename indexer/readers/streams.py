"""Opening an input file for a reader: plain or gzip, every byte counted against its budget."""

from __future__ import annotations

import gzip
import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from indexer.errors import ReadError
from indexer.readers.limits import MB, Budget, current_budget

_GZIP_MAGIC = b"\x1f\x8b"
# Bytes a reader pulls from the file at a time: large enough that counting costs nothing,
# small enough that a budget is noticed within a fraction of a millisecond of work.
BUFFER_BYTES = 256 * 1024
# Bytes read at a time while passing over a line that is too long to keep.
_SKIP_BYTES = 1 * MB
# Compressed bytes fed to the decompressor at a time. The ratio is judged at this grain (a
# 1000:1 bomb stops after a few MB of output), and a corrupt step loses its own output only:
# the records before it in earlier steps are kept. Costs ~1 s more per GB compressed.
COMPRESSED_STEP = 4 * 1024
_EOL = b"\r\n"


class _Disk(io.RawIOBase):
    """The file's own bytes, counted: for a .gz, what the decompressed bytes are weighed against."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        n = int(self._handle.readinto(memoryview(buffer)[:COMPRESSED_STEP]) or 0)  # type: ignore[attr-defined]
        self.count += n
        return n

    def close(self) -> None:
        self._handle.close()
        super().close()


class _Counted(io.RawIOBase):
    """The bytes a reader sees, each read checked against the file's byte, ratio and time budget."""

    def __init__(self, source: BinaryIO, budget: Budget, disk: _Disk | None) -> None:
        self._source = source
        self._budget = budget
        self._disk = disk

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if isinstance(self._source, gzip.GzipFile):
            # One step of decompression at a time: what came out before a corrupt or
            # truncated part reaches the reader before the error does.
            data = self._source.read1(len(buffer))
            n = len(data)
            buffer[:n] = data
        else:
            n = int(self._source.readinto(buffer) or 0)  # type: ignore[attr-defined]
        if n:
            self._budget.add(n, self._disk.count if self._disk else None)
        else:
            self._budget.check_time()
        return n

    def close(self) -> None:
        self._source.close()
        super().close()


def check_regular(path: Path) -> None:
    """Refuse, without opening it, anything but a regular file (a FIFO would block forever)."""
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise ReadError(f"{special_kind(mode)}, not a regular file; not opened")


def special_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def open_input(path: Path, budget: Budget | None = None) -> io.BufferedReader:
    """The file's bytes (decompressed when it is gzip), counted against the file's budget."""
    check_regular(path)
    budget = budget or current_budget()
    handle = open(path, "rb")  # noqa: SIM115 - closed with the stream returned
    try:
        compressed = path.name.lower().endswith(".gz") or handle.read(2) == _GZIP_MAGIC
        handle.seek(0)
    except BaseException:
        handle.close()
        raise
    if not compressed:
        return io.BufferedReader(_Counted(handle, budget, None), BUFFER_BYTES)
    disk = _Disk(handle)
    unpacked = gzip.GzipFile(fileobj=disk, mode="rb")
    counted = _Counted(unpacked, budget, disk)  # type: ignore[arg-type]
    return io.BufferedReader(counted, BUFFER_BYTES)


def read_capped(path: Path, limit: int, what: str) -> bytes:
    """The whole (decompressed) file, refused when it holds more than `limit` bytes."""
    with open_input(path) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ReadError(f"larger than {limit // MB} MB; {what}")
    return data


def numbered_lines(handle: io.BufferedReader, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Non-blank lines numbered from 1; None for a line over `limit` bytes (not kept).

    Runs of empty lines are passed over a buffer at a time, not line by line: a small
    compressed file can hold hundreds of millions of them.
    """
    number = 0
    while True:
        ahead = handle.peek(1)
        blank = len(ahead) - len(ahead.lstrip(_EOL))
        if blank:
            number += ahead.count(b"\n", 0, blank)
            handle.read(blank)
            continue
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) <= limit or line.endswith(b"\n"):
            yield number, line
            continue
        while (rest := handle.readline(_SKIP_BYTES)) and not rest.endswith(b"\n"):
            pass
        yield number, None
