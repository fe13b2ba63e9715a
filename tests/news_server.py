"""A news site on 127.0.0.1 for tests: feeds and pages we wrote, and servers that misbehave."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What the server answers at one path."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # answer 304 when the client sends it back
    last_modified: str | None = None  # answer 304 when the client sends it back
    delay: float = 0.0  # seconds before answering (slow; longer than a timeout: hanging)
    trickle: float = 0.0  # seconds between 1 KiB pieces of the body
    chunked: bool = False  # no Content-Length: the size is only known by reading
    fail_first: int = 0  # answer 503 this many times before the real answer


@dataclass
class Seen:
    """One request the server received."""

    path: str
    headers: dict[str, str]


class NewsSite:
    """Routes by path (tests change them while the server runs) and a log of requests."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {"/robots.txt": Route(b"", status=404)}
        self.requests: list[Seen] = []
        self.base = ""
        self._lock = threading.Lock()

    def url(self, path: str) -> str:
        """Absolute URL of `path` on this server."""
        return self.base + path

    def hits(self, path: str) -> list[Seen]:
        """Requests received for `path`."""
        with self._lock:
            return [seen for seen in self.requests if seen.path == path]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass  # quiet: the request log is kept in `site.requests`

            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                with site._lock:
                    site.requests.append(Seen(self.path, dict(self.headers.items())))
                route = site.routes.get(self.path)
                if route is None:
                    self._answer(404, "text/plain", b"not found", {})
                    return
                if route.delay:
                    time.sleep(route.delay)
                if route.fail_first > 0:
                    route.fail_first -= 1
                    self._answer(503, "text/plain", b"busy", {"Retry-After": "0"})
                    return
                headers = dict(route.headers)
                if route.etag:
                    headers["ETag"] = route.etag
                if route.last_modified:
                    headers["Last-Modified"] = route.last_modified
                etag_ok = route.etag and self.headers.get("If-None-Match") == route.etag
                date_ok = (
                    route.last_modified
                    and self.headers.get("If-Modified-Since") == route.last_modified
                )
                if etag_ok or (date_ok and not route.etag):
                    self._answer(304, None, b"", headers)
                    return
                self._answer(route.status, route.content_type, route.body, headers, route)

            def _answer(
                self,
                status: int,
                content_type: str | None,
                body: bytes,
                headers: dict[str, str],
                route: Route | None = None,
            ) -> None:
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for name, value in headers.items():
                    self.send_header(name, value)
                chunked = route is not None and route.chunked
                if chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                else:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status == 304:
                    return
                try:
                    self._body(body, chunked, route.trickle if route else 0.0)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (size cap, timeout): that is the point

            def _body(self, body: bytes, chunked: bool, trickle: float) -> None:
                step = 1024 if trickle else 64 * 1024
                for start in range(0, len(body), step):
                    piece = body[start : start + step]
                    if chunked:
                        self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                    else:
                        self.wfile.write(piece)
                    if trickle:
                        self.wfile.flush()
                        time.sleep(trickle)
                if chunked:
                    self.wfile.write(b"0\r\n\r\n")

        return Handler


@contextmanager
def serve(site: NewsSite) -> Iterator[NewsSite]:
    """Run `site` on 127.0.0.1 (a free port) in a thread for the block's duration."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), site._handler())
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    site.base = f"http://127.0.0.1:{server.server_port}"
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def rss(items: list[tuple[str, ...]], title: str = "Harbour Wire") -> bytes:
    """An RSS 2.0 feed of (guid, link, title, pubDate[, description]) items."""
    body = "".join(
        f"<item><guid>{item[0]}</guid><link>{item[1]}</link><title>{item[2]}</title>"
        f"<pubDate>{item[3]}</pubDate><description>{item[4] if len(item) > 4 else item[2]}"
        "</description></item>"
        for item in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}'
        f"</title><link>http://127.0.0.1/</link>{body}</channel></rss>"
    ).encode()


def article_page(title: str, paragraphs: list[str], published: str = "2024-03-01") -> bytes:
    """A plain news page with a headline, a date and a few paragraphs."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="{published}T09:00:00Z"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Harbour Wire, all rights reserved.</footer></body></html>"
    ).encode()
