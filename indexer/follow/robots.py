"""robots.txt rules per host, fetched once an hour through the caller's polite client."""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

ROBOTS_TTL_S = 3600.0  # rules change rarely; an hour keeps a long-running poller current
MAX_ROBOTS_BYTES = 512 * 1024  # Google reads the first 500 KiB of a robots.txt


@dataclass(frozen=True)
class RobotsAnswer:
    """What fetching /robots.txt gave: its status and its text (empty when there was none)."""

    status: int
    text: str = ""


def robots_url(url: str) -> str:
    """The robots.txt address for `url`'s scheme and host."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


class RobotsRules:
    """Parsed robots.txt per host; `fetch(url)` gets a file (status and text) or raises OSError."""

    def __init__(
        self,
        user_agent: str,
        fetch: Callable[[str], RobotsAnswer],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.user_agent = user_agent
        self._fetch = fetch
        self._clock = clock
        self._cache: dict[str, tuple[float, urllib.robotparser.RobotFileParser]] = {}

    def _parser(self, url: str) -> urllib.robotparser.RobotFileParser:
        key = robots_url(url)
        cached = self._cache.get(key)
        if cached and self._clock() - cached[0] < ROBOTS_TTL_S:
            return cached[1]
        parser = urllib.robotparser.RobotFileParser(key)
        try:
            answer = self._fetch(key)
        except OSError:
            answer = RobotsAnswer(503)
        # RFC 9309: a missing file (4xx) allows everything; an unreachable one (5xx) nothing.
        if answer.status >= 500:
            lines = ["User-agent: *", "Disallow: /"]
        elif answer.status >= 400:
            lines = []
        else:
            lines = answer.text.splitlines()
        parser.parse(lines)
        parser.modified()  # can_fetch refuses everything until the rules are dated
        self._cache[key] = (self._clock(), parser)
        return parser

    def allowed(self, url: str) -> bool:
        """May our user agent fetch `url`?"""
        return self._parser(url).can_fetch(self.user_agent, url)

    def crawl_delay(self, url: str) -> float | None:
        """The host's Crawl-delay for us, in seconds, if it sets one."""
        delay = self._parser(url).crawl_delay(self.user_agent)
        return float(delay) if delay is not None else None
