"""Raw responses kept as web archives, one gzipped WARC per day, so `reindex` can rebuild."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from indexer.follow.fetch import Fetched

ARCHIVE_DIR = "archive"  # under the follow state folder


class ResponseArchive:
    """Appends each fetched response to `folder/YYYY-MM-DD.warc.gz` (one gzip member each)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, fetched: Fetched) -> Path:
        """The day's archive file for this response."""
        return self.folder / f"{fetched.fetched_at:%Y-%m-%d}.warc.gz"

    def add(self, fetched: Fetched) -> Path:
        """Write one response record (status, headers, decoded body) and return the file."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.path_for(fetched)
        status = f"{fetched.status} {fetched.reason}".strip()
        headers = [*fetched.headers, ("Content-Length", str(len(fetched.body)))]
        with open(path, "ab") as handle:
            writer = WARCWriter(handle, gzip=True)
            record = writer.create_warc_record(
                fetched.final_url,
                "response",
                payload=io.BytesIO(fetched.body),
                length=len(fetched.body),  # known: warcio then needs no temporary file
                http_headers=StatusAndHeaders(status, headers, protocol="HTTP/1.1"),
                warc_headers_dict={"WARC-Date": fetched.fetched_at.strftime("%Y-%m-%dT%H:%M:%SZ")},
            )
            writer.write_record(record)
        return path
