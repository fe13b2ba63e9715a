"""The Elasticsearch backend: bulk writes and searches through the alias.

With elastic_client.py (the connection) and elastic_admin.py (the versioned indices behind
the alias), the only product modules that import the client; every engine error becomes a
`SearchUnavailable` naming the URL, a `BadQuery`, or a `NotFound` before it leaves.
"""

from __future__ import annotations

import contextlib
import functools
import json
import time
from collections.abc import Iterable, Iterator
from typing import Any

from elasticsearch import ApiError, NotFoundError, TransportError, helpers

from indexer.errors import NotFound, SearchUnavailable
from indexer.model import Article, IndexReport
from indexer.search import feedback
from indexer.search.aggregations import finish_histogram, read_date, read_facet
from indexer.search.base import Checkpoint, Hit, SearchRequest, SearchResult, Suggestion
from indexer.search.document import hit_fields, to_document
from indexer.search.elastic_admin import Indices
from indexer.search.elastic_client import (
    BACKOFF_BASE_S,
    BACKOFF_CAP_S,
    RETRIES,
    TRANSIENT_STATUS,
    Connection,
    item_reason,
)
from indexer.search.elastic_query import (
    ALL_WORDS,
    SNIPPET_FIELD,
    build_body,
    feedback_body,
    group_name,
    histogram_body,
    scan_body,
)
from indexer.search.elastic_suggest import read_counts, suggest_body
from indexer.search.elastic_weights import doc_freq_docs, read_doc_freqs
from indexer.search.fields import FACETS
from indexer.search.plan import Plan, plan
from indexer.search.spelling import checked_words, suggestions
from indexer.search.word_weights import weighed_words, with_weights

BULK_TIMEOUT_S = 120.0  # one bulk request of BULK_CHUNK_BYTES on a busy node
HEALTH_TIMEOUT_S = 5.0  # a status page must answer quickly even when the node does not
# Elastic's sizing advice is a few MB per bulk request; 5 MB is ~500-1000 news articles.
BULK_CHUNK_BYTES = 5_000_000
BULK_CHUNK_DOCS = 1000
SCAN_BATCH = 500  # records per search_after step of an export
PIT_KEEP_ALIVE = "2m"  # between two batches of an export, not for the whole export
MILLIS_PER_SECOND = 1000.0  # Elasticsearch reports dates in epoch milliseconds


def _feedback_text(source: dict[str, Any]) -> str:
    """What feedback reads of a hit: `title` holds real headlines only (document.py)."""
    return feedback.feedback_text(source.get("title"), source.get("body"))


class ElasticBackend:
    """Articles in `alias` (-> `alias`-v<N>) on the Elasticsearch node at `url`."""

    def __init__(
        self,
        url: str,
        alias: str = "articles",
        *,
        retries: int = RETRIES,
        backoff: float = BACKOFF_BASE_S,
        chunk_bytes: int = BULK_CHUNK_BYTES,
    ) -> None:
        self._connection = Connection(url, retries, backoff)
        self._client = self._connection.client
        self._errors = self._connection.errors
        self.indices = Indices(self._connection, alias)
        self.url = self._connection.url
        self.alias = alias
        self.retries = retries
        self.chunk_bytes = chunk_bytes
        self._ready = False
        self._fields_checked = False

    def create_index(self) -> None:
        """Create `alias`-v1 and point the alias at it, unless the alias exists already."""
        self.indices.ensure_alias()
        self._ready = True

    def _ensure(self) -> None:
        if not self._ready:
            self.create_index()

    # -- writes ---------------------------------------------------------------------------

    def index(
        self, articles: Iterable[Article], checkpoint: Checkpoint | None = None
    ) -> IndexReport:
        """Add or replace articles by id through the alias, then make them searchable.

        Each checkpoint sends what is buffered and refreshes: a bulk request the node has
        answered is in its translog (fsynced per request by default), so it survives a kill
        of this process, and the refresh lets a count see it.
        """
        self._ensure()
        checkpoint = checkpoint or Checkpoint()

        def committed(report: IndexReport) -> None:
            self.refresh()
            checkpoint.committed(report)

        # Refreshed at the end too, as the embedded index commits: searchable when it returns.
        return self.index_into(self.alias, articles, Checkpoint(checkpoint.every_s, committed))

    def index_into(
        self, target: str, articles: Iterable[Article], checkpoint: Checkpoint | None = None
    ) -> IndexReport:
        """Bulk-write articles into `target` (an index or the alias), chunked by bytes and time.

        A chunk is sent when it holds BULK_CHUNK_DOCS articles or `chunk_bytes`, or when
        `checkpoint.every_s` has passed since the last one; `checkpoint` hears of each.
        """
        report = IndexReport()
        actions: list[dict[str, Any]] = []
        paths: list[str] = []
        size = 0
        last = time.monotonic()
        for article in articles:
            try:
                document = to_document(article)
                size += len(json.dumps(document, ensure_ascii=False).encode())
            except (ValueError, TypeError) as error:
                report.fail(article.path, f"index: {error}")
                continue
            actions.append({"_index": target, "_id": article.id, "_source": document})
            paths.append(article.path)
            due = checkpoint is not None and time.monotonic() - last >= checkpoint.every_s
            if len(actions) >= BULK_CHUNK_DOCS or size >= self.chunk_bytes or due:
                self._bulk(actions, paths, report)
                if checkpoint is not None:
                    checkpoint.committed(report)
                actions, paths, size, last = [], [], 0, time.monotonic()
        if actions:
            self._bulk(actions, paths, report)
        if checkpoint is not None:
            checkpoint.committed(report)
        return report

    def _bulk(self, actions: list[dict[str, Any]], paths: list[str], report: IndexReport) -> None:
        """Send one chunk; count what was created, updated or refused (with its reason)."""
        waiting: dict[str, list[str]] = {}  # id -> paths: retried items answer out of order
        for action, path in zip(actions, paths, strict=True):
            waiting.setdefault(action["_id"], []).append(path)
        results = helpers.streaming_bulk(
            self._client.options(request_timeout=BULK_TIMEOUT_S),
            actions,
            chunk_size=len(actions),
            max_chunk_bytes=self.chunk_bytes * 2,  # the chunk was cut to size already
            raise_on_error=False,
            raise_on_exception=False,
            max_retries=self.retries,
            initial_backoff=BACKOFF_BASE_S * 2,
            max_backoff=BACKOFF_CAP_S,
        )
        with self._errors("index articles"):
            for ok, item in results:
                ((_, info),) = item.items()
                queue = waiting.get(str(info.get("_id")), [])
                path = queue.pop(0) if queue else str(info.get("_id"))
                if ok:
                    report.indexed += 1
                    report.updated += info.get("result") == "updated"
                    continue
                request_error = info.get("exception")
                if isinstance(request_error, ApiError) and info.get("status") in TRANSIENT_STATUS:
                    raise request_error  # the node is down or overloaded: stop, resume later
                report.fail(path, f"elasticsearch: {item_reason(info)}")

    def rebuild(self, articles: Iterable[Article]) -> IndexReport:
        """Fill the next index version from `articles`, then swap the alias to it."""
        self._ensure()
        return self.indices.rebuild(lambda name: self.index_into(name, articles))

    def refresh(self) -> None:
        """Make everything indexed so far visible to searches."""
        self._ensure()
        self.indices.refresh(self.alias)

    def delete(self, article_id: str) -> None:
        """Remove one article by id, visible to the next search."""
        self._ensure()
        with self._errors("delete an article"):
            try:
                self._client.delete(index=self.alias, id=article_id, refresh=True)
            except NotFoundError:
                return

    # -- reads ----------------------------------------------------------------------------

    def _search(self, body: dict[str, Any], **extra: Any) -> dict[str, Any]:
        arguments = {_PARAMETER.get(key, key): value for key, value in body.items()}
        with self._errors("search", bad_request_is_user_error=True):
            return self._client.search(**arguments, **extra).body  # type: ignore[no-any-return]

    def search(self, req: SearchRequest) -> SearchResult:
        """One page of hits, disjunctive facet counts and the date histogram."""
        planned = plan(req)  # raises BadQuery before anything is sent
        self._ensure()
        if not self._fields_checked:
            self.indices.check_fields()
            self._fields_checked = True
        words = weighed_words(planned)
        if words:
            with self._errors("read term statistics"):
                vectors = self._client.mtermvectors(index=self.alias, docs=doc_freq_docs(words))
            planned = with_weights(planned, *read_doc_freqs(vectors.body, words))
        if feedback.wants_feedback(planned):
            first = self._search(feedback_body(planned, feedback.FEEDBACK_DOCS), index=self.alias)
            top = [
                (float(hit["_score"] or 0.0), _feedback_text(hit["_source"]))
                for hit in first["hits"]["hits"]
            ]
            planned = feedback.with_feedback(planned, top)
        answer = self._search(build_body(planned), index=self.alias)
        hits = []
        for hit in answer["hits"]["hits"]:
            fragments = hit.get("highlight", {}).get(SNIPPET_FIELD) or [""]
            snippet = " ".join(fragments[0].split())  # one line, as the embedded snippets are
            score = hit.get("_score") if req.sort == "relevance" else None
            hits.append(Hit(**hit_fields(hit["_source"]), snippet=snippet, score=score))
        counted: dict[str, Any] = {}
        for group in planned.groups:
            counted.update(answer["aggregations"][group_name(group)])
        facets = {name: read_facet(counted[name]) for name in FACETS}
        histogram, interval = finish_histogram(
            read_date(counted["first_published"], MILLIS_PER_SECOND),
            read_date(counted["last_published"], MILLIS_PER_SECOND),
            counted["histogram"],
            functools.partial(self._count_at, planned),
        )
        total = int(answer["hits"]["total"]["value"])
        all_words = answer["aggregations"].get(ALL_WORDS, {}).get("doc_count")
        return SearchResult(
            total=total,
            hits=hits,
            facets=facets,
            histogram=histogram,
            interval=interval,
            all_words=planned.ranked_words or None,
            relaxed=bool(planned.ranked_words and total) and all_words == 0,
        )

    def _count_at(self, planned: Plan, interval: str) -> dict[str, Any]:
        """The histogram counted again at `interval` (a second request)."""
        answer = self._search(histogram_body(planned, interval), index=self.alias)
        return answer["aggregations"]["histogram"]  # type: ignore[no-any-return]

    def suggest(self, req: SearchRequest) -> list[Suggestion]:
        """Corrected spellings of the query from the index's own words (the term suggester)."""
        words = checked_words(req.query)
        if not words:
            return []
        self._ensure()
        answer = self._search(suggest_body(words), index=self.alias)
        return suggestions(req.query, read_counts(words, answer))

    def scan(self, req: SearchRequest) -> Iterator[Article]:
        """Every matching record, newest (or oldest) first, via a point in time + search_after."""
        body = scan_body(plan(req), SCAN_BATCH)
        self._ensure()
        with self._errors("open a point in time"):
            pit = self._client.open_point_in_time(index=self.alias, keep_alive=PIT_KEEP_ALIVE)["id"]
        try:
            after: list[Any] | None = None
            while True:
                page = dict(body, pit={"id": pit, "keep_alive": PIT_KEEP_ALIVE})
                if after is not None:
                    page["search_after"] = after
                answer = self._search(page)
                pit = answer.get("pit_id", pit)
                found = answer["hits"]["hits"]
                if not found:
                    return
                for hit in found:
                    yield Article.from_json(hit["_source"]["article"])
                after = found[-1]["sort"]
        finally:
            with contextlib.suppress(ApiError, TransportError):
                self._client.close_point_in_time(id=pit)

    def get(self, article_id: str) -> Article:
        """The stored article."""
        self._ensure()
        with self._errors("read an article"):
            try:
                found = self._client.get(
                    index=self.alias, id=article_id, source_includes=["article"]
                )
            except NotFoundError:
                raise NotFound(f"no article with id {article_id!r}") from None
        return Article.from_json(found["_source"]["article"])

    def count(self) -> int:
        """Number of articles behind the alias."""
        self._ensure()
        with self._errors("count the articles"):
            return int(self._client.count(index=self.alias)["count"])

    def analyze(self, field: str, text: str) -> list[str]:
        """The terms `field` (e.g. `body.en`) makes of `text`: why a query matches or not."""
        self._ensure()
        with self._errors("analyze text", bad_request_is_user_error=True):
            answer = self._client.indices.analyze(index=self.alias, field=field, text=text)
        return [token["token"] for token in answer["tokens"]]

    def health(self) -> dict[str, Any]:
        """Whether the node answers, its version and status, and how many articles it holds."""
        facts: dict[str, Any] = {"backend": "elasticsearch", "url": self.url, "index": self.alias}
        quick = self._client.options(request_timeout=HEALTH_TIMEOUT_S, max_retries=0)
        try:
            cluster = quick.cluster.health()
            nodes = quick.nodes.info(node_id="_local", filter_path="nodes.*.version")
            facts["version"] = next(iter(nodes["nodes"].values()))["version"]
            facts["status"] = cluster["status"]
            facts["indices"] = self.indices.aliased()
            if facts["indices"]:
                facts["articles"] = int(quick.count(index=self.alias)["count"])
        except (ApiError, TransportError, SearchUnavailable) as error:
            message = error.message if isinstance(error, SearchUnavailable) else str(error)
            return {**facts, "ok": False, "error": f"Elasticsearch at {self.url}: {message}"}
        return {**facts, "ok": facts["status"] != "red"}

    def drop(self) -> None:
        """Delete every index version and the alias."""
        self.indices.drop_all()
        self._ready = False

    def close(self) -> None:
        """Close the connection pool."""
        self._connection.close()


# Request body keys whose Python client parameter is spelled differently.
_PARAMETER = {"from": "from_", "_source": "source"}
