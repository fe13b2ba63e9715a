"""Feed items and fetched pages as raw articles, and the keys that say "seen before"."""

from __future__ import annotations

from urllib.parse import urlsplit

import courlan

from indexer.encoding import decode_bytes
from indexer.feeds.items import FeedItem
from indexer.follow.fetch import Fetched
from indexer.ids import article_id, normalize_url
from indexer.model import Article
from indexer.readers.html import declared_charset

HTML_TYPES = ("text/html", "application/xhtml+xml")


def canonical_url(url: str) -> str:
    """One spelling per article: tracking parameters, fragment and case variants removed."""
    return normalize_url(courlan.normalize_url(url.strip()))


def item_keys(item: FeedItem, source_id: int) -> list[str]:
    """Keys of a feed item: its guid (within its feed) and its link; re-dating changes neither."""
    keys = []
    if item.guid:
        keys.append(f"guid:{source_id}:{item.guid}")
    if item.url:
        keys.append(f"url:{canonical_url(item.url)}")
    return keys


def url_key(url: str) -> str:
    """The seen-key of a page address."""
    return f"url:{canonical_url(url)}"


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ").lower()
    return None


def is_html(fetched: Fetched) -> bool:
    """Whether the response is a web page."""
    content_type = (fetched.header("content-type") or "").lower()
    if content_type:
        return content_type.startswith(HTML_TYPES)
    return fetched.body.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html"))


def page_article(fetched: Fetched, item: FeedItem | None, followed_from: str) -> Article:
    """A fetched page as a raw article; the feed's title and date ride along as hints."""
    content_type = fetched.header("content-type") or ""
    html = decode_bytes(fetched.body, _charset(content_type) or declared_charset(fetched.body))
    url = canonical_url(fetched.final_url)
    published = item.published_at if item else None
    return Article(
        id=article_id(url, html),
        path=url,
        url=url,
        html=html,
        published_at=published,
        published_at_source="input" if published else None,
        metadata={
            "group": urlsplit(url).netloc,
            "followed_from": followed_from,
            "crawled_at": fetched.fetched_at.isoformat(),
            **({"feed_title": item.title} if item and item.title else {}),
        },
    )
