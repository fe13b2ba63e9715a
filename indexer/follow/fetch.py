"""Polite HTTP GET: robots.txt, a per-host pace, conditional requests, timeouts, retries, caps."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from indexer.errors import NewsdeskError
from indexer.follow.robots import MAX_ROBOTS_BYTES, RobotsAnswer, RobotsRules
from indexer.readers.files import MAX_PAGE_BYTES

USER_AGENT = "NewsdeskBot/0.1 (news search; respects robots.txt)"
CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 20.0  # silence between two packets: a hanging server fails after this
TOTAL_TIMEOUT_S = 60.0  # a whole response: a server trickling bytes fails after about this
HOST_INTERVAL_S = 1.0  # at most one request per second to a host unless robots.txt asks slower
MAX_CRAWL_DELAY_S = 60.0  # a Crawl-delay larger than this is capped, not obeyed to the letter
RETRIES = 3  # after the first try, for timeouts, dropped connections, 429 and 5xx only
BACKOFF_S = 1.0  # first wait before a retry; doubles each time
MAX_RETRY_AFTER_S = 120.0  # a Retry-After beyond this is not waited for within one poll
MAX_REDIRECTS = 5
TRANSIENT_STATUS = {408, 425, 429, 500, 502, 503, 504}
# Headers that describe the transfer, not the content: the body we keep is already decoded.
_TRANSFER_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


class FetchError(NewsdeskError):
    """A URL could not be fetched: refused, unreachable, too big or an HTTP error."""

    status = 502

    def __init__(self, url: str, reason: str, transient: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.transient = transient


@dataclass(frozen=True)
class Fetched:
    """One answered request: where it ended up (after redirects), status, headers and body."""

    url: str
    final_url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def not_modified(self) -> bool:
        """The server said our copy is current (304)."""
        return self.status == 304

    def header(self, name: str) -> str | None:
        """The first value of header `name`, if present."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


class Fetcher:
    """One polite HTTP client; `sleep` and `clock` can be replaced by tests."""

    def __init__(
        self,
        host_interval: float = HOST_INTERVAL_S,
        backoff: float = BACKOFF_S,
        timeout: httpx.Timeout | None = None,
        total_timeout: float = TOTAL_TIMEOUT_S,
        max_bytes: int = MAX_PAGE_BYTES,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.host_interval = host_interval
        self.backoff = backoff
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.requests = 0  # every request sent, robots.txt included
        self._sleep = sleep
        self._clock = clock
        self._next_at: dict[str, float] = {}
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=timeout or httpx.Timeout(READ_TIMEOUT_S, connect=CONNECT_TIMEOUT_S),
            follow_redirects=False,  # each hop is checked against robots.txt and paced
            trust_env=False,  # no proxies or .netrc from the environment
        )
        self.robots = RobotsRules(USER_AGENT, self._robots_file, clock)

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def _pace(self, url: str, robots_delay: float | None = None) -> None:
        host = urlsplit(url).netloc.lower()
        interval = max(self.host_interval, min(robots_delay or 0.0, MAX_CRAWL_DELAY_S))
        wait = self._next_at.get(host, 0.0) - self._clock()
        if wait > 0:
            self._sleep(wait)
        self._next_at[host] = self._clock() + interval

    def _robots_file(self, url: str) -> RobotsAnswer:
        self._pace(url)
        try:
            status, _, _, body = self._once(url, {}, MAX_ROBOTS_BYTES)
        except FetchError as error:
            raise OSError(error.reason) from error
        return RobotsAnswer(status, body.decode("utf-8", "replace") if status < 300 else "")

    def _once(
        self, url: str, headers: dict[str, str], max_bytes: int
    ) -> tuple[int, str, list[tuple[str, str]], bytes]:
        """One request, body read under the size and time caps."""
        self.requests += 1
        started = self._clock()
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(url, f"larger than {max_bytes} bytes ({declared} declared)")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        raise FetchError(url, f"larger than {max_bytes} bytes")
                    if self._clock() - started > self.total_timeout:
                        raise FetchError(url, "too slow: timed out reading", transient=True)
                kept = [
                    (k, v)
                    for k, v in response.headers.multi_items()
                    if k.lower() not in _TRANSFER_HEADERS
                ]
                return response.status_code, response.reason_phrase, kept, bytes(body)
        except httpx.TimeoutException as error:
            raise FetchError(url, f"timed out ({type(error).__name__})", transient=True) from error
        except httpx.DecodingError as error:
            raise FetchError(url, f"undecodable body: {error}") from error
        except (httpx.TransportError, httpx.InvalidURL) as error:
            transient = isinstance(error, httpx.TransportError)
            raise FetchError(url, f"cannot connect: {error}", transient=transient) from error

    def _with_retries(self, url: str, headers: dict[str, str]) -> Fetched:
        for attempt in range(RETRIES + 1):
            self._pace(url, self.robots.crawl_delay(url))
            try:
                status, reason, kept, body = self._once(url, headers, self.max_bytes)
            except FetchError as error:
                if not error.transient or attempt == RETRIES:
                    raise
                self._sleep(self.backoff * 2**attempt)
                continue
            if status in TRANSIENT_STATUS and attempt < RETRIES:
                answer = Fetched(url, url, status, reason, kept, b"")
                wait = _retry_after(answer.header("retry-after"))
                if wait is not None and wait > MAX_RETRY_AFTER_S:
                    raise FetchError(url, f"HTTP {status}, retry after {wait:.0f} s", True)
                self._sleep(wait if wait is not None else self.backoff * 2**attempt)
                continue
            return Fetched(url, url, status, reason, kept, body)
        raise AssertionError("unreachable")  # the loop returns or raises

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET `url`, following redirects; a 304 comes back as `not_modified`, errors raise."""
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            if urlsplit(current).scheme not in ("http", "https"):
                raise FetchError(url, f"not an http(s) address: {current[:200]}")
            if not self.robots.allowed(current):
                raise FetchError(url, f"disallowed by robots.txt: {current}")
            fetched = self._with_retries(current, conditional)
            location = fetched.header("location")
            if fetched.status in (301, 302, 303, 307, 308) and location:
                current = urljoin(current, location)
                continue
            result = Fetched(
                url,
                current,
                fetched.status,
                fetched.reason,
                fetched.headers,
                fetched.body,
                fetched.fetched_at,
            )
            if fetched.status >= 400:
                raise FetchError(
                    url,
                    f"HTTP {fetched.status} {fetched.reason}".strip(),
                    transient=fetched.status in TRANSIENT_STATUS,
                )
            return result
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")
