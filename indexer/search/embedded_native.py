"""The embedded search on the native path: one call into the Rust core per search.

The core ranks the page, counts the total, every facet (disjunctively for facets with a
selection), the months and the first and last date in one pass, and returns the page's
stored records; Python keeps query parsing and the result's shape, and has the core mark the
hits' snippets (highlight.py's excerpts, made natively).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from indexer.errors import BadQuery, SearchUnavailable
from indexer.search import embedded_schema
from indexer.search.aggregations import finish_histogram
from indexer.search.base import FacetValue, Hit, SearchRequest, SearchResult
from indexer.search.document import hit_fields, read_record
from indexer.search.embedded_query import DATE_FIELD, build_tree
from indexer.search.feedback import record_text
from indexer.search.fields import FACETS
from indexer.search.highlight import Snippets
from indexer.search.histogram import WEEK_MAX_SPAN, day_bucket_key
from indexer.search.native import native_module
from indexer.search.plan import Plan
from indexer.search.query_tree import EngineQuery, to_json

STORED_FIELD = "article"  # the whole record, returned with each hit
ALL_VALUES = 0  # facet size meaning "every value" (the months of the timeline)
# Days are counted in the main pass and answered when the span is short enough for days or
# weeks (histogram.py), so a short timeline needs no second pass.
DAY_FACET = "published_day"
MONTH_FACET = "published_month"
SHORT_SPAN = [(DAY_FACET, WEEK_MAX_SPAN)]


def _day(seconds: int | None) -> date | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC).date()


def _terms_answer(values: Sequence[tuple[str, int]]) -> dict[str, Any]:
    """(value, count) pairs in the shape of a `terms` aggregation answer."""
    return {"buckets": [{"key": value, "doc_count": count} for value, count in values]}


class NativeSearch:
    """Searches through the native core over the index at `path`."""

    def __init__(self, path: Path, count_threads: int) -> None:
        module = native_module()
        if module is None:
            raise SearchUnavailable("the native search core is not built")
        analyzers = [(name, *spec) for name, spec in embedded_schema.ANALYZERS.items()]
        try:
            self._core = module.NativeIndex(str(path), analyzers, count_threads)
            # highlight.snippet's excerpts, made natively (the same text, a few times faster).
            self._snippet = getattr(module, "snippet", None)
        except (OSError, ValueError) as error:
            raise SearchUnavailable(f"cannot open the index at {path}: {error}") from error

    def _run(
        self,
        engine_query: EngineQuery,
        facets: list[tuple[str, int]],
        req: SearchRequest,
        limit: int | None = None,
    ) -> dict[str, Any]:
        try:
            return self._core.search(  # type: ignore[no-any-return]
                to_json(engine_query.query),
                list(engine_query.selections.items()),
                facets,
                SHORT_SPAN if limit is None else [],
                req.sort,
                req.page_size if limit is None else limit,
                req.offset,
                DATE_FIELD,
                STORED_FIELD,
                # The UTC day of each article's date (document.py): when counted, the core
                # reads the first and last date from it instead of a date column, and sums
                # the months from it instead of counting them per match.
                DAY_FACET,
                MONTH_FACET,
            )
        except ValueError as error:
            raise BadQuery(f"cannot search for that: {error}") from error
        except OSError as error:
            raise SearchUnavailable(f"the embedded index failed: {error}") from error

    def top(self, planned: Plan, limit: int) -> list[tuple[float, str]]:
        """The first `limit` matches in relevance order as (score, text read by feedback)."""
        req = replace(planned.request, page=1, sort="relevance")
        answer = self._run(build_tree(planned), [], req, limit)
        return [(score, record_text(read_record(stored))) for score, stored in answer["hits"]]

    def search(self, planned: Plan) -> SearchResult:
        """One page of hits, disjunctive facet counts and the date histogram."""
        req = planned.request
        engine_query = build_tree(planned)
        facets = [(name, req.facet_size) for name in FACETS]
        answer = self._run(engine_query, [*facets, (MONTH_FACET, ALL_VALUES)], req)
        snippet = Snippets(list(planned.words), self._snippet)
        hits = []
        for score, stored in answer["hits"]:
            record = read_record(stored)
            hits.append(Hit(**hit_fields(record), snippet=snippet(record["body"]), score=score))
        histogram = finish_histogram(
            _day(answer["first"]),
            _day(answer["last"]),
            _terms_answer(answer["facets"][MONTH_FACET]),
            lambda interval: self._count_at(engine_query, req, interval, answer["facets"]),
        )
        return SearchResult(
            total=answer["total"],
            hits=hits,
            facets={
                name: [FacetValue(value, count) for value, count in answer["facets"][name]]
                for name in FACETS
            },
            histogram=histogram[0],
            interval=histogram[1],
            all_words=planned.ranked_words or None,
            relaxed=bool(planned.ranked_words and answer["total"])
            and self._run(build_tree(planned, strict=True), [], req, 0)["total"] == 0,
        )

    def _count_at(
        self,
        engine_query: EngineQuery,
        req: SearchRequest,
        interval: str,
        counted: dict[str, list[tuple[str, int]]],
    ) -> Any:
        """Counts per `interval` over the match set: from the days counted with the facets,
        else from a second pass."""
        days = counted.get("published_day")
        if days is not None and interval in ("day", "week"):
            keyed: dict[str, int] = {}
            for day, count in days:
                key = day_bucket_key(day, interval)
                keyed[key] = keyed.get(key, 0) + count
            return _terms_answer(list(keyed.items()))
        field = f"published_{interval}"
        return _terms_answer(
            self._run(engine_query, [(field, ALL_VALUES)], req, 0)["facets"][field]
        )

    def num_docs(self) -> int:
        """Live articles in the latest commit."""
        return int(self._core.num_docs())
