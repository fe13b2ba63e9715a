"""The stages in order, and running them over a stream of raw articles."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from indexer.context import Context
from indexer.errors import Skip
from indexer.model import Article, Failure, IndexReport
from indexer.stages.clean import clean_article
from indexer.stages.dates import extract_dates
from indexer.stages.entities import extract_entities, extract_entities_batch
from indexer.stages.language import detect_language

log = logging.getLogger(__name__)

Stage = Callable[[Article, Context], Article]
STAGES: tuple[Stage, ...] = (clean_article, detect_language, extract_dates, extract_entities)
# Stages with a batched form: NER models work best on many texts at once.
BATCHED: dict[Stage, Callable[[list[Article], Context], list[Article]]] = {
    extract_entities: extract_entities_batch,
}
CHUNK = 64  # articles per step: lets batched stages (NER) amortise model calls


def process(article: Article, ctx: Context) -> Article:
    """Run every stage on one article; raises Skip when it has nothing to index."""
    for stage in STAGES:
        article = stage(article, ctx)
    return article


def _run_stage(
    stage: Stage, articles: list[Article], ctx: Context, report: IndexReport
) -> list[Article]:
    batch = BATCHED.get(stage)
    if batch is not None and len(articles) > 1:
        try:
            return list(batch(articles, ctx))
        except Exception:  # noqa: BLE001 - find the one article at fault, one by one
            log.debug("batched %s failed; retrying one by one", stage.__name__, exc_info=True)
    kept = []
    for article in articles:
        try:
            kept.append(stage(article, ctx))
        except Skip as skip:
            report.skip(article.path, skip.message)
        except Exception as error:  # noqa: BLE001 - one bad article must not stop the batch
            log.debug("stage %s failed on %s", stage.__name__, article.path, exc_info=True)
            report.fail(article.path, f"{stage.__name__}: {type(error).__name__}: {error}")
    return kept


def process_chunk(articles: list[Article], ctx: Context) -> tuple[list[Article], IndexReport]:
    """Run all stages over a chunk; skips and failures are counted, never raised."""
    report = IndexReport(read=len(articles))
    for stage in STAGES:
        articles = _run_stage(stage, articles, ctx, report)
    return articles, report


def chunks(items: Iterable[Article | Failure], report: IndexReport) -> Iterator[list[Article]]:
    """Group raw articles into chunks; read failures go straight into `report`."""
    iterator = iter(items)
    while True:
        batch = list(islice(iterator, CHUNK))
        if not batch:
            return
        articles = []
        for item in batch:
            if isinstance(item, Failure) and item.skip:
                report.skip(item.path, item.reason)
            elif isinstance(item, Failure):
                report.fail(item.path, item.reason)
            else:
                articles.append(item)
        if articles:
            yield articles
