"""What a URL is (feed, sitemap or page), and the feeds an HTML page advertises."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from indexer.feeds.parse import parse_feed
from indexer.follow.fetch import Fetcher
from indexer.follow.items import is_html

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
)


@dataclass(frozen=True)
class Discovered:
    """How to follow a URL: its kind, the address to poll, a title and advertised feeds."""

    url: str
    kind: str
    title: str | None = None
    feeds: tuple[str, ...] = ()


def advertised_feeds(page: bytes, base: str) -> list[str]:
    """Feed addresses in the page's `<link rel="alternate" type="…">` tags, in page order."""
    try:
        tree = lxml_html.fromstring(page)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    found: list[str] = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().strip()
        href = link.get("href")
        if "alternate" in rel and kind in FEED_TYPES and href:
            address = urljoin(base, href.strip())
            if address not in found:
                found.append(address)
    return found


def discover(fetcher: Fetcher, url: str, kind: str | None = None) -> Discovered:
    """Fetch `url` once and decide how to follow it; a site's front page leads to its feed.

    Raises FetchError when the URL cannot be fetched and ValueError when it is neither a
    page nor a feed.
    """
    fetched = fetcher.get(url)
    if kind == "page" or (kind is None and is_html(fetched)):
        feeds = advertised_feeds(fetched.body, fetched.final_url)
        front_page = urlsplit(fetched.final_url).path in ("", "/")
        if kind is None and front_page and feeds:
            return discover(fetcher, feeds[0])  # a front page changes; its feed lists the news
        return Discovered(fetched.final_url, "page", None, tuple(feeds))
    feed = parse_feed(fetched.body, fetched.final_url)
    found = "sitemap" if feed.kind.startswith("sitemap") else "feed"
    if kind is not None and kind != found:
        raise ValueError(f"{url} is a {found}, not a {kind}")
    return Discovered(fetched.final_url, found, feed.title)
