"""RSS and Atom through feedparser, JSON Feed by its spec (feedparser 6.0 does not read it)."""

from __future__ import annotations

import calendar
import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from indexer.feeds.items import FeedItem, ParsedFeed
from indexer.feeds.sitemap import looks_like_sitemap, parse_sitemap


def _iso(parsed: Any) -> str | None:
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()


def _entry(entry: Any, base: str | None) -> FeedItem:
    link = entry.get("link") or None
    contents = entry.get("content") or []
    html_content = next((c.get("value") for c in contents if c.get("value")), None)
    return FeedItem(
        url=urljoin(base, link) if base and link else link,
        guid=entry.get("id") or None,
        title=(entry.get("title") or "").strip() or None,
        html=html_content or entry.get("summary") or None,
        published_at=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
        is_full_text=bool(html_content),
    )


def _json_feed(data: dict[str, Any], base: str | None) -> ParsedFeed:
    items = []
    for raw in data.get("items") or []:
        if not isinstance(raw, dict):
            continue
        url = raw.get("url") or raw.get("external_url")
        url = urljoin(base, url) if base and isinstance(url, str) else url
        content = raw.get("content_html") or raw.get("content_text")
        published = raw.get("date_published") or raw.get("date_modified")
        items.append(
            FeedItem(
                url=url if isinstance(url, str) else None,
                guid=str(raw["id"]) if raw.get("id") is not None else None,
                title=raw.get("title") if isinstance(raw.get("title"), str) else None,
                html=content if isinstance(content, str) else raw.get("summary"),
                published_at=published if isinstance(published, str) else None,
                is_full_text=bool(content),
            )
        )
    title = data.get("title")
    return ParsedFeed("json", title if isinstance(title, str) else None, items)


def _is_json(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def parse_feed(data: bytes, url: str | None = None) -> ParsedFeed:
    """Items of an RSS/Atom/JSON feed or a sitemap; ValueError when `data` is none of these."""
    if _is_json(data):
        try:
            decoded = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
            raise ValueError(f"invalid JSON Feed: {error}") from error
        if not isinstance(decoded, dict) or "jsonfeed.org" not in str(decoded.get("version")):
            raise ValueError("JSON, but not a JSON Feed (no jsonfeed.org version)")
        return _json_feed(decoded, url)
    if looks_like_sitemap(data):
        return parse_sitemap(data, url)
    headers = {"content-location": url} if url else {}
    # Bytes only: given a string, feedparser would fetch it as a URL itself.
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.version and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no RSS, Atom or JSON Feed markup"
        raise ValueError(f"not a feed: {reason}")
    problem = None
    if parsed.bozo and not isinstance(
        parsed.get("bozo_exception"), feedparser.CharacterEncodingOverride
    ):
        problem = f"malformed feed, read leniently: {parsed.get('bozo_exception')}"
    title = parsed.feed.get("title") or None
    kind = "atom" if str(parsed.version).startswith("atom") else "rss"
    # A saved file has no address of its own: its channel link is the base for relative links.
    base = url or parsed.feed.get("link") or None
    return ParsedFeed(kind, title, [_entry(e, base) for e in parsed.entries], problem)
