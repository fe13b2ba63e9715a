"""The embedded search on the pure-Python path: tantivy-py queries and aggregations.

Used when the native core is not built (no Rust toolchain at install) or is switched off
(NEWSDESK_NATIVE=0). It answers exactly what the native core answers; the contract suite
runs on both.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import tantivy

from indexer.errors import BadQuery
from indexer.search.aggregations import (
    date_range_aggs,
    facet_aggs,
    finish_histogram,
    histogram_aggs,
    read_date,
    read_facet,
)
from indexer.search.base import Bucket, FacetValue, Hit, SearchResult
from indexer.search.document import hit_fields, read_record
from indexer.search.embedded_query import build_tree
from indexer.search.feedback import record_text
from indexer.search.fields import FACETS
from indexer.search.highlight import snippet
from indexer.search.plan import CountGroup, Plan
from indexer.search.query_tree import EngineQuery
from indexer.search.tantivy_compile import compile_tree

NANOS_PER_SECOND = 1e9  # tantivy reports dates in nanoseconds since the epoch


@functools.cache
def _aggregation_pool(threads: int) -> ThreadPoolExecutor:
    """Threads that count facets, shared by every search in the process."""
    return ThreadPoolExecutor(max_workers=threads, thread_name_prefix="aggregate")


def compile_query(
    engine_query: EngineQuery, index: tantivy.Index, without: str | None = None
) -> tantivy.Query:
    """The tantivy-py query of the whole request, minus `without`'s facet selection."""
    try:
        return compile_tree(engine_query.filtered(without), index)
    except ValueError as error:  # tantivy's parser refusing what ours let through
        raise BadQuery(f"cannot search for that: {error}") from error


def stored_record(searcher: tantivy.Searcher, address: tantivy.DocAddress) -> dict[str, Any]:
    """The stored article record of one hit."""
    stored = searcher.doc(address).to_dict()
    return read_record(bytes(stored["article"][0]))


class PureSearch:
    """Searches through tantivy-py: a ranking pass, and the plan's counting passes on a pool."""

    def __init__(self, count_threads: int) -> None:
        self.count_threads = count_threads

    def top(
        self, index: tantivy.Index, searcher: tantivy.Searcher, planned: Plan, limit: int
    ) -> list[tuple[float, str]]:
        """The first `limit` matches in relevance order as (score, text read by feedback)."""
        query = compile_query(build_tree(planned), index)
        found = searcher.search(query, limit=limit, count=False)
        return [
            (float(score), record_text(stored_record(searcher, address)))
            for score, address in found.hits
        ]

    def search(
        self, index: tantivy.Index, searcher: tantivy.Searcher, planned: Plan
    ) -> SearchResult:
        """One page of hits, disjunctive facet counts and the date histogram."""
        req = planned.request
        engine_query = build_tree(planned)
        query = compile_query(engine_query, index)
        # Counting runs on the pool while this thread ranks the page.
        counted = self._start_counting(index, searcher, planned, engine_query, query)
        order = {"newest": tantivy.Order.Desc, "oldest": tantivy.Order.Asc}.get(req.sort)
        found = searcher.search(
            query,
            limit=req.page_size,
            offset=req.offset,
            count=True,
            order_by_field="published_at" if order is not None else None,
            order=order or tantivy.Order.Desc,
        )
        words = list(planned.words)
        hits = []
        for key, address in found.hits:
            record = stored_record(searcher, address)
            score = float(key) if order is None and key is not None else None
            hits.append(
                Hit(**hit_fields(record), snippet=snippet(record["body"], words), score=score)
            )

        facets, (histogram, interval) = counted()
        total = int(getattr(found, "count", 0) or 0)  # the type stub lacks `count`
        relaxed = bool(planned.ranked_words and total) and _none_has_all(index, searcher, planned)
        return SearchResult(
            total=total,
            hits=hits,
            facets=facets,
            histogram=histogram,
            interval=interval,
            all_words=planned.ranked_words or None,
            relaxed=relaxed,
        )

    def _start_counting(
        self,
        index: tantivy.Index,
        searcher: tantivy.Searcher,
        planned: Plan,
        engine_query: EngineQuery,
        query: tantivy.Query,
    ) -> Callable[[], tuple[dict[str, list[FacetValue]], tuple[list[Bucket], str]]]:
        """Start the plan's counting passes in parallel; call the result to collect them.

        Counting is nearly all of a broad search's time, and tantivy releases the GIL while
        it counts, so each pass runs on a pool of threads. Every pass re-runs the query,
        which is why the plan groups facets as it does.
        """
        pool = _aggregation_pool(self.count_threads)
        futures = [
            pool.submit(
                _count,
                searcher,
                query
                if group.without is None
                else compile_query(engine_query, index, group.without),
                group,
                planned.request.facet_size,
            )
            for group in planned.groups
        ]

        def collect() -> tuple[dict[str, list[FacetValue]], tuple[list[Bucket], str]]:
            answers: dict[str, Any] = {}
            for future in futures:
                answers.update(future.result())
            facets = {name: read_facet(answers[name]) for name in FACETS}
            histogram = finish_histogram(
                read_date(answers["first_published"], NANOS_PER_SECOND),
                read_date(answers["last_published"], NANOS_PER_SECOND),
                answers["histogram"],
                lambda interval: searcher.aggregate(query, histogram_aggs(interval))["histogram"],
            )
            return facets, histogram

        return collect


def _none_has_all(index: tantivy.Index, searcher: tantivy.Searcher, planned: Plan) -> bool:
    """Whether no article matches with every ranked word required."""
    query = compile_query(build_tree(planned, strict=True), index)
    return not getattr(searcher.search(query, limit=1, count=True), "count", 0)


def _count(
    searcher: tantivy.Searcher, query: tantivy.Query, group: CountGroup, size: int
) -> dict[str, Any]:
    aggs = facet_aggs(group.facets, size)
    if group.timeline:
        aggs |= date_range_aggs() | histogram_aggs("month")
    return searcher.aggregate(query, aggs)
