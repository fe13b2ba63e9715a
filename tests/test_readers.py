"""Readers: each input format becomes raw articles; problems become per-file failures."""

from __future__ import annotations

import gzip
from pathlib import Path

from indexer.model import Article, Failure
from indexer.readers import read_paths, reader_for

PAGE = "<html><head><title>Tide tables</title></head><body><p>High water at noon.</p></body></html>"


def _warc(path: Path, records: list[tuple[str, str, bytes, str]]) -> None:
    """Write a small WARC by hand (warcio's writer leaks temporary files)."""
    out = bytearray()
    for url, content_type, payload, status in records:
        http = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n".encode() + payload
        head = (
            "WARC/1.0\r\nWARC-Type: response\r\n"
            f"WARC-Target-URI: {url}\r\nWARC-Date: 2024-01-02T03:04:05Z\r\n"
            "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n"
        ).encode()
        record = head + http + b"\r\n\r\n"
        out += gzip.compress(record) if path.name.endswith(".gz") else record
    path.write_bytes(bytes(out))


def test_reader_is_chosen_by_the_full_suffix() -> None:
    assert reader_for(Path("a.html.gz")).__name__ == "read_html"
    assert reader_for(Path("a.WARC.GZ")).__name__ == "read_warc"
    assert reader_for(Path("a.gz")) is None


def test_web_archive_yields_html_responses_only(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc.gz"
    _warc(
        archive,
        [
            ("https://tides.example/today", "text/html; charset=utf-8", PAGE.encode(), "200 OK"),
            ("https://tides.example/logo.png", "image/png", b"\x89PNG", "200 OK"),
            ("https://tides.example/gone", "text/html", b"<p>gone</p>", "404 Not Found"),
        ],
    )
    items = list(read_paths([archive]))
    articles = [item for item in items if isinstance(item, Article)]
    failures = [item for item in items if isinstance(item, Failure)]
    assert [a.url for a in articles] == ["https://tides.example/today"]
    assert "High water" in (articles[0].html or "")
    assert len(failures) == 1 and "404" in failures[0].reason


def test_broken_archive_is_one_failure(tmp_path: Path) -> None:
    archive = tmp_path / "broken.warc"
    archive.write_bytes(b"this is not a web archive\n" * 10)
    [failure] = list(read_paths([archive]))
    assert isinstance(failure, Failure) and "web archive" in failure.reason


def test_gzipped_page_and_broken_gzip(tmp_path: Path) -> None:
    (tmp_path / "ok.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "bad.html.gz").write_bytes(b"\x1f\x8b\x08\x00broken")
    items = {Path(i.path).name: i for i in read_paths([tmp_path])}
    assert isinstance(items["ok.html.gz"], Article)
    assert isinstance(items["bad.html.gz"], Failure) and "gzip" in items["bad.html.gz"].reason


def test_missing_path_is_reported(tmp_path: Path) -> None:
    [failure] = list(read_paths([tmp_path / "nowhere.txt"]))
    assert isinstance(failure, Failure) and "no such file" in failure.reason


def test_hidden_files_in_folders_are_passed_over(tmp_path: Path) -> None:
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "x.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "visible.txt").write_text("Visible text of an article.", encoding="utf-8")
    assert [Path(i.path).name for i in read_paths([tmp_path])] == ["visible.txt"]


def test_ids_are_stable_and_follow_the_canonical_url(tmp_path: Path) -> None:
    page = (
        '<html><head><link rel="canonical" href="https://x.example/a"></head><body>x</body></html>'
    )
    (tmp_path / "one.html").write_text(page, encoding="utf-8")
    (tmp_path / "two.html").write_text(page.replace("x</body>", "y</body>"), encoding="utf-8")
    first, second = read_paths([tmp_path])
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == second.id  # same story scraped twice
    assert [a.id for a in read_paths([tmp_path]) if isinstance(a, Article)] == [first.id] * 2
