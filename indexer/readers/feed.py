"""Saved feed files (.rss, .atom, .xml, .json feeds): each item becomes an article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from indexer.errors import ReadError
from indexer.feeds.items import FeedItem
from indexer.feeds.parse import parse_feed
from indexer.ids import article_id
from indexer.model import Article, Failure
from indexer.readers.limits import current_budget
from indexer.readers.streams import read_capped


def item_article(item: FeedItem, where: str, source: str | None = None) -> Article | None:
    """An item as a raw article, or None when it carries no text to index."""
    content = item.html or item.title
    if not content:
        return None
    markup = bool(item.html) and "<" in content  # many feeds put plain text in <description>
    return Article(
        id=article_id(item.url, content),
        path=where,
        url=item.url,
        source=source,
        title=item.title,
        html=content if markup else None,
        text=None if markup else content,
        published_at=item.published_at,
        published_at_source="input" if item.published_at else None,
        metadata={"feed_guid": item.guid, "feed_full_text": item.is_full_text},
    )


def read_feed(path: Path) -> Iterator[Article | Failure]:
    """One article per feed item that has text; a sitemap is refused with what to do instead."""
    limit = current_budget().limits.record_bytes
    data = read_capped(path, limit, "not a feed file (NEWSDESK_MAX_RECORD_MB)")
    try:
        feed = parse_feed(data)
    except ValueError as error:
        raise ReadError(str(error)) from error
    if feed.kind.startswith("sitemap"):
        raise ReadError("a sitemap lists pages without their text; use `newsdesk follow add URL`")
    if feed.problem:
        yield Failure(str(path), feed.problem, skip=True)
    for number, item in enumerate(feed.items, start=1):
        article = item_article(item, f"{path}#{item.guid or item.url or number}")
        if article is not None:
            yield article
