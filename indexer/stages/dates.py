"""Stage: publication date with the evidence it came from, and the dates the text mentions."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from indexer.context import Context
from indexer.dates.mentions import find_date_mentions
from indexer.dates.parse import parse_datetime, to_iso
from indexer.dates.published import choose_published
from indexer.model import Article


def _ingestion_time(article: Article) -> datetime:
    """Now, unless the caller fixed the ingestion time in metadata["ingested_at"]."""
    fixed = article.metadata.get("ingested_at")
    return (parse_datetime(fixed) if isinstance(fixed, str) else None) or datetime.now(UTC)


def extract_dates(article: Article, ctx: Context) -> Article:
    """Set `published_at`, `published_at_source` and `dates_mentioned`."""
    published = choose_published(article, _ingestion_time(article))
    mentions = find_date_mentions(article.body, published.moment.date() if published else None)
    return dataclasses.replace(
        article,
        published_at=to_iso(published.moment) if published else None,
        published_at_source=published.source if published else None,
        dates_mentioned=mentions,
    )
