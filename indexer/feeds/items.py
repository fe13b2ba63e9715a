"""What a feed or a sitemap lists: items with a link and whatever else the source gave."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FeedItem:
    """One entry: its link, and the title, content and date the feed gave (if any)."""

    url: str | None
    guid: str | None = None
    title: str | None = None
    html: str | None = None  # full content, else the summary
    published_at: str | None = None  # ISO 8601
    is_full_text: bool = False  # content:encoded / content_html, not only a summary


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed or sitemap: its kind ("rss", "atom", "json", "sitemap", "sitemapindex")."""

    kind: str
    title: str | None = None
    items: list[FeedItem] = field(default_factory=list)
    problem: str | None = None  # set when the source was malformed but partly readable
