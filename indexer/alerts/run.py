"""`alerts run`: each saved search's new matches, queued, sent, and recorded as sent."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from indexer.alerts.deliver import SNIPPET_CHARS, AlertMessage, DeliveryError, Sender
from indexer.alerts.store import AlertStore, Pending, SavedSearch
from indexer.errors import NotFound
from indexer.search.base import SearchBackend

# Index times are stamped before a commit makes the article visible: look this far behind
# the last check, so an article committed late is not missed (the sent log drops repeats).
LOOKBACK_S = 600.0
MAX_PER_MESSAGE = 50  # more new matches go out in the next run's message


@dataclass
class AlertReport:
    """What one `alerts run` did."""

    searches: int = 0
    messages: int = 0
    articles: int = 0
    resent: int = 0  # queued by an interrupted run and delivered now
    errors: list[str] = field(default_factory=list)


def search_link(public_url: str, saved: SavedSearch) -> str:
    """The saved search on the web page."""
    return f"{public_url}/?{urlencode(saved.params, doseq=True)}"


def _article(backend: SearchBackend, article_id: str, public_url: str) -> dict[str, Any] | None:
    try:
        article = backend.get(article_id)
    except NotFound:
        return None  # deleted since it matched
    return {
        "id": article_id,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "published_at": article.published_at,
        "link": f"{public_url}/articles/{article_id}",
        "snippet": article.body[:SNIPPET_CHARS],
    }


def new_matches(backend: SearchBackend, saved: SavedSearch, store: AlertStore) -> list[str]:
    """Ids matching the search, written to the index since its last check, never sent."""
    since = max(saved.created_at, saved.alerted_at - LOOKBACK_S)
    req = replace(saved.since(since), sort="newest")
    ids = [article.id for article in backend.scan(req)]
    return store.unsent(saved.id, ids)


class AlertRun:
    """Delivers queued messages, then each saved search's new matches, to every sender."""

    def __init__(
        self,
        backend: SearchBackend,
        store: AlertStore,
        senders: Sequence[Sender],
        public_url: str,
    ) -> None:
        self.backend = backend
        self.store = store
        self.senders = senders
        self.public_url = public_url

    def _deliver(self, pending: Pending, saved: SavedSearch, report: AlertReport) -> bool:
        found = [_article(self.backend, a, self.public_url) for a in pending.article_ids]
        articles = [a for a in found if a is not None]
        message = AlertMessage(
            pending.message_id, saved.name, search_link(self.public_url, saved), articles
        )
        try:
            if articles:
                for sender in self.senders:
                    sender.send(message)
        except DeliveryError as error:
            report.errors.append(f"{saved.name}: {error.message}")
            return False
        self.store.delivered(pending)  # right after the send: a crash between repeats it
        report.messages += 1 if articles else 0
        report.articles += len(articles)
        return True

    def run(self) -> AlertReport:
        """One pass over every saved search; a failing destination leaves messages queued."""
        report = AlertReport()
        searches = {saved.id: saved for saved in self.store.all()}
        for pending in self.store.pending():
            saved = searches.get(pending.search_id)
            if saved is not None and self._deliver(pending, saved, report):
                report.resent += 1
        for saved in searches.values():
            report.searches += 1
            if self.store.pending(saved.id):
                continue  # its destination is failing: do not pile up more messages
            checked_at = time.time()
            fresh = new_matches(self.backend, saved, self.store)
            if not fresh:
                self.store.checked(saved.id, checked_at)
                continue
            # Oldest first into messages; a backlog beyond one message keeps the old watermark.
            batch = list(reversed(fresh))[:MAX_PER_MESSAGE]
            watermark = checked_at if len(fresh) <= MAX_PER_MESSAGE else saved.alerted_at
            self._deliver(self.store.queue(saved.id, batch, watermark), saved, report)
        return report
