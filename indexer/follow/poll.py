"""One poll of one source: fetch it (conditionally), find new items, fetch their pages, index."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from indexer.feeds.items import FeedItem, ParsedFeed
from indexer.feeds.parse import parse_feed
from indexer.follow.archive import ResponseArchive
from indexer.follow.fetch import Fetched, Fetcher, FetchError
from indexer.follow.items import is_html, item_keys, page_article, url_key
from indexer.follow.store import FollowStore, Source
from indexer.model import Article, Failure, IndexReport
from indexer.readers.feed import item_article

# New items fetched per poll: a first poll of a long sitemap takes the rest in later polls.
MAX_NEW_PER_POLL = 50
MAX_CHILD_SITEMAPS = 3  # of a sitemap index, the most recently modified children only

IndexFn = Callable[[list[Article | Failure]], IndexReport]


@dataclass
class PollResult:
    """What one poll of one source did."""

    source: Source
    status: str
    new: int = 0
    report: IndexReport = field(default_factory=IndexReport)
    postponed: int = 0  # new items whose page failed for now; tried again next poll


@dataclass
class _Batch:
    items: list[Article | Failure] = field(default_factory=list)
    keys: list[tuple[list[str], str | None]] = field(default_factory=list)
    postponed: int = 0


class Poller:
    """Polls followed sources with one polite fetcher; `index` runs the ingest pipeline."""

    def __init__(
        self, store: FollowStore, fetcher: Fetcher, archive: ResponseArchive, index: IndexFn
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.archive = archive
        self.index = index

    def run_due(self, now: float | None = None, force: bool = False) -> list[PollResult]:
        """Poll every source that is due (every source with `force`)."""
        now = time.time() if now is None else now
        sources = self.store.sources() if force else self.store.due(now)
        return [self.poll(source) for source in sources]

    def poll(self, source: Source) -> PollResult:
        """Fetch one source; index what it lists that was never seen; schedule the next poll."""
        conditional = (source.etag, source.last_modified)
        try:
            fetched = self.fetcher.get(source.url, *conditional)
        except FetchError as error:
            self.store.polled(source, error.reason, ok=False)
            return PollResult(source, error.reason)
        if fetched.not_modified:
            self.store.polled(source, "not modified", ok=True)
            return PollResult(source, "not modified")
        self.archive.add(fetched)
        etag, modified = fetched.header("etag"), fetched.header("last-modified")
        if source.kind == "page":
            batch = self._page(source, fetched)
            title = None
        else:
            try:
                feed = self._feed(fetched)
            except ValueError as error:
                self.store.polled(source, f"unreadable: {error}", ok=False)
                return PollResult(source, f"unreadable: {error}")
            batch = self._new_items(source, feed.items)
            title = feed.title
        report = self.index(batch.items) if batch.items else IndexReport()
        for keys, article_id in batch.keys:
            self.store.mark_seen(keys, source.id, article_id)
        status = f"{len(batch.keys)} new" if batch.keys else "nothing new"
        self.store.polled(source, status, True, etag, modified, title, report.indexed)
        return PollResult(source, status, len(batch.keys), report, batch.postponed)

    def _feed(self, fetched: Fetched) -> ParsedFeed:
        feed = parse_feed(fetched.body, fetched.final_url)
        if feed.kind != "sitemapindex":
            return feed
        children = sorted(feed.items, key=lambda i: i.published_at or "", reverse=True)
        items: list[FeedItem] = []
        for child in children[:MAX_CHILD_SITEMAPS]:
            if not child.url:
                continue
            try:
                answer = self.fetcher.get(child.url)
                self.archive.add(answer)
                items += parse_feed(answer.body, answer.final_url).items
            except (FetchError, ValueError):
                continue  # the other children still count; this one is tried next poll
        return ParsedFeed("sitemap", feed.title, items)

    def _page(self, source: Source, fetched: Fetched) -> _Batch:
        if not is_html(fetched):
            failure = Failure(source.url, f"not a web page ({fetched.header('content-type')})")
            return _Batch([failure], [])
        article = page_article(fetched, None, source.url)
        return _Batch([article], [([url_key(fetched.final_url)], article.id)])

    def _new_items(self, source: Source, items: list[FeedItem]) -> _Batch:
        batch = _Batch()
        taken: set[str] = set()  # keys of this batch: an item listed twice is fetched once
        fresh = [i for i in items if self.store.unseen(item_keys(i, source.id))]
        for item in fresh[:MAX_NEW_PER_POLL]:
            keys = item_keys(item, source.id)
            if not keys or taken.intersection(keys):
                continue
            taken.update(keys)
            article = self._item_article(item, source)
            if article is None:
                batch.postponed += 1
                continue
            if isinstance(article, Article) and article.url:
                page_key = url_key(article.url)
                if page_key not in keys:  # redirected: the page may be known by another link
                    if page_key in taken or not self.store.unseen([page_key]):
                        batch.keys.append((keys, None))
                        continue
                    taken.add(page_key)
                    keys.append(page_key)
            batch.items.append(article)
            batch.keys.append((keys, article.id if isinstance(article, Article) else None))
        return batch

    def _item_article(self, item: FeedItem, source: Source) -> Article | Failure | None:
        """The item's page, else the feed's own text; None when worth trying again later."""
        where = item.url or f"{source.url}#{item.guid}"
        fallback = item_article(item, where)
        if not item.url:
            return fallback or Failure(where, "feed item without a link or text")
        try:
            fetched = self.fetcher.get(item.url)
        except FetchError as error:
            if error.transient:
                return None
            return fallback or Failure(where, error.reason)
        self.archive.add(fetched)
        if not is_html(fetched):
            return fallback or Failure(where, "the item's link is not a web page")
        return page_article(fetched, item, source.url)
