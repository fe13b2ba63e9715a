"""The stages in order, and running them over a stream of raw articles."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from itertools import islice, repeat

from indexer.context import Context
from indexer.errors import Skip
from indexer.model import Article, Failure, IndexReport
from indexer.stages.clean import clean_article
from indexer.stages.dates import extract_dates
from indexer.stages.entities import extract_entities, extract_entities_batch
from indexer.stages.entities import warm_up as warm_up_entities
from indexer.stages.language import detect_language
from indexer.stages.language import warm_up as warm_up_language

log = logging.getLogger(__name__)

Stage = Callable[[Article, Context], Article]
STAGES: tuple[Stage, ...] = (clean_article, detect_language, extract_dates, extract_entities)
# Stages with a batched form: NER models work best on many texts at once.
BATCHED: dict[Stage, Callable[[list[Article], Context], list[Article]]] = {
    extract_entities: extract_entities_batch,
}
# Articles per step: enough for batched stages (NER decodes 16 texts at a time) to amortise
# model calls, few enough that two workers finish a short run together rather than one
# waiting on the other's last chunk.
CHUNK = 32
# The first chunk is one article: it comes out (and the progress line moves) as soon as one
# article's work is done after the models load (0.3 s sooner than a chunk of 8), while the
# other workers take full chunks.
FIRST_CHUNK = 1
# Short texts in our own words that make each language's models load.
WARM_UP_TEXTS = {
    "en": "The harbour in Rotterdam reopened on Monday after the storm, port officials said.",
    "ru": "Мост через Обь в Новосибирске открыли после ремонта, сообщили в мэрии.",
}
# Short lines of names only (a title, a caption): no word list narrows them, so they are
# weighed against every language of their script, which loads lingua's models for each
# (full models for 23 languages, 0.3 s of one core apiece; trigrams for the rest, 0.4 s in
# all). Loaded here, before the workers fork, all at once on every core, the wait shows as
# "loading models" and the models are shared instead of loaded again in each worker.
WARM_UP_SHORT_LINES = ("Story Rotterdam", "Новосибирск Обь")


def warm_up(ctx: Context) -> None:
    """Load the stages' models now (seconds each), so that the first chunk does not wait.

    Nothing is learned or saved. A model that fails to load is left for the articles to
    report, one failure each, as it would be without warming up.
    """
    try:
        warm_up_language(ctx, WARM_UP_SHORT_LINES)
        for text in (*WARM_UP_TEXTS.values(), *WARM_UP_SHORT_LINES):
            detect_language(Article(id="warm-up", path="warm-up", body=text), ctx)
        warm_up_entities(ctx, WARM_UP_TEXTS)
    except Exception:  # noqa: BLE001 - reported per article when the stage runs
        log.warning("warming up the pipeline failed", exc_info=True)


def _run_stage(
    stage: Stage, articles: list[Article], ctx: Context, report: IndexReport
) -> list[Article]:
    """One stage over a chunk: batched when the stage can be, else article by article."""
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


def process_chunk(
    articles: list[Article], ctx: Context, cpu: MutableMapping[str, float] | None = None
) -> tuple[list[Article], IndexReport]:
    """Run all stages over a chunk; skips and failures are counted, never raised.

    With `cpu`, each stage's CPU seconds in this process are added under its name.
    """
    report = IndexReport(read=len(articles))
    for stage in STAGES:
        started = time.process_time()
        articles = _run_stage(stage, articles, ctx, report)
        if cpu is not None:
            cpu[stage.__name__] = cpu.get(stage.__name__, 0.0) + time.process_time() - started
    return articles, report


def chunk_sizes() -> Iterator[int]:
    """Articles per chunk, in order: FIRST_CHUNK, then CHUNK for good."""
    yield FIRST_CHUNK
    yield from repeat(CHUNK)


def chunks(items: Iterable[Article | Failure], report: IndexReport) -> Iterator[list[Article]]:
    """Group raw articles into chunks; read failures go straight into `report`."""
    iterator = iter(items)
    for size in chunk_sizes():
        batch = list(islice(iterator, size))
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
