"""The Elasticsearch backend: versioned indices behind an alias, bulk writes, the same searches.

The only product module that imports the client; every engine error becomes a
`SearchUnavailable` naming the URL, a `BadQuery`, or a `NotFound` before it leaves.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from elasticsearch import (
    ApiError,
    BadRequestError,
    Elasticsearch,
    NotFoundError,
    TransportError,
    helpers,
)

from indexer.errors import BadQuery, NotFound, SearchUnavailable
from indexer.model import Article, IndexReport
from indexer.search.aggregations import counts_from_months, read_counts, read_date, read_facet
from indexer.search.base import Hit, SearchRequest, SearchResult
from indexer.search.document import hit_fields, to_document
from indexer.search.elastic_query import SNIPPET_FIELD, build_body, histogram_body, scan_body
from indexer.search.fields import FACETS
from indexer.search.histogram import choose_interval, fill_buckets

MAPPINGS_PATH = Path(__file__).resolve().parents[2] / "mappings" / "articles.json"
MERGE_TIMEOUT_S = 6 * 3600  # merging millions of articles on 2 cores takes minutes
REQUEST_TIMEOUT_S = 30.0  # a search answers in milliseconds; this is for a node under load
BULK_TIMEOUT_S = 120.0  # one bulk request of BULK_CHUNK_BYTES on a busy node
HEALTH_TIMEOUT_S = 5.0  # a status page must answer quickly even when the node does not
# Elastic's sizing advice is a few MB per bulk request; 5 MB is ~500-1000 news articles.
BULK_CHUNK_BYTES = 5_000_000
BULK_CHUNK_DOCS = 1000
# Transient failures (connection, 429, 502-504) are retried with exponential backoff:
# 0.5 + 1 + 2 + 4 s rides out a node restart or a GC pause before giving up.
RETRIES = 4
BACKOFF_BASE_S = 0.5
BACKOFF_CAP_S = 8.0
TRANSIENT_STATUS = (429, 502, 503, 504)
SCAN_BATCH = 500  # records per search_after step of an export
PIT_KEEP_ALIVE = "2m"  # between two batches of an export, not for the whole export
MILLIS_PER_SECOND = 1000.0  # Elasticsearch reports dates in epoch milliseconds
# Rejections quote the offending value at length; a report line needs what failed and why.
MAX_REASON_CHARS = 400
OUTER_REASON_CHARS = 120
_VERSION = re.compile(r"-v(\d+)$")
# How a node without the analysis-common module refuses the mapping's analysers.
_MISSING_ANALYSIS = re.compile(r"(tokenizer|filter).*\[(pattern|snowball|length)\]", re.I)


@lru_cache(maxsize=1)
def index_definition() -> dict[str, Any]:
    """Settings and mappings from mappings/articles.json."""
    try:
        return json.loads(MAPPINGS_PATH.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except OSError as error:
        raise SearchUnavailable(f"cannot read the mapping {MAPPINGS_PATH}: {error}") from error


def _reason(error: ApiError) -> str:
    body = error.body if isinstance(error.body, dict) else {}
    detail = body.get("error")
    if isinstance(detail, dict):
        causes = detail.get("root_cause") or [detail]
        reason = causes[0].get("reason") or detail.get("reason") or detail.get("type")
        caused_by = detail.get("caused_by", {}).get("reason")
        if caused_by and caused_by not in str(reason):
            reason = f"{reason} ({caused_by})"
        return str(reason)
    return str(detail or error.message)


def _item_reason(info: dict[str, Any]) -> str:
    error = info.get("error")
    reason = str(error or f"status {info.get('status')}")
    if isinstance(error, dict):
        reason = f"{error.get('type')}: {_shorten(str(error.get('reason')), OUTER_REASON_CHARS)}"
        caused_by = error.get("caused_by")
        if isinstance(caused_by, dict) and caused_by.get("reason"):
            reason += f" – {caused_by['reason']}"
    return _shorten(reason, MAX_REASON_CHARS)


def _version(index: str) -> int:
    match = _VERSION.search(index)
    return int(match.group(1)) if match else 0


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


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
        self.url = url.rstrip("/")
        self.alias = alias
        self.retries = retries
        self.chunk_bytes = chunk_bytes
        try:
            self._client = Elasticsearch(
                self.url,
                request_timeout=REQUEST_TIMEOUT_S,
                max_retries=retries,
                retry_on_timeout=True,
                retry_on_status=TRANSIENT_STATUS,
                retry_backoff_base=backoff,
                retry_backoff_cap=BACKOFF_CAP_S,
            )
        except ValueError as error:
            raise SearchUnavailable(f"bad Elasticsearch URL {url!r}: {error}") from error
        self._ready = False

    # -- errors ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def _errors(self, doing: str, bad_request_is_user_error: bool = False) -> Iterator[None]:
        """Translate engine errors raised inside the block; the client has already retried."""
        try:
            yield
        except ApiError as error:
            status = error.meta.status
            if status == 400 and bad_request_is_user_error:
                raise BadQuery(f"cannot search for that: {_reason(error)}") from error
            if status in TRANSIENT_STATUS:
                raise SearchUnavailable(
                    f"Elasticsearch at {self.url} is overloaded or restarting (HTTP {status}) "
                    f"after {self.retries} retries while trying to {doing}; try again later"
                ) from error
            raise SearchUnavailable(
                f"Elasticsearch at {self.url} failed to {doing}: HTTP {status} {_reason(error)}"
            ) from error
        except TransportError as error:
            raise SearchUnavailable(
                f"Elasticsearch at {self.url} is unreachable after {self.retries} retries "
                f"while trying to {doing}: {error.message}"
            ) from error

    # -- indices and the alias ------------------------------------------------------------

    def create_index(self) -> None:
        """Create `alias`-v1 and point the alias at it, unless the alias exists already."""
        with self._errors("create the index"):
            if self._client.indices.exists_alias(name=self.alias):
                self._ready = True
                return
            if self._client.indices.exists(index=self.alias):
                raise SearchUnavailable(
                    f"{self.alias!r} at {self.url} is an index, not an alias; "
                    "remove it or choose another NEWSDESK_INDEX_NAME"
                )
            name = self.create_version()
            self._client.indices.update_aliases(
                actions=[{"add": {"index": name, "alias": self.alias}}]
            )
        self._ready = True

    def _ensure(self) -> None:
        if not self._ready:
            self.create_index()

    def versions(self) -> list[str]:
        """Every `alias`-v<N> index, oldest first."""
        with self._errors("list the indices"):
            found = self._client.indices.get(
                index=f"{self.alias}-v*", allow_no_indices=True, expand_wildcards="open"
            )
        return sorted((name for name in found if _VERSION.search(name)), key=_version)

    def aliased(self) -> list[str]:
        """The indices the alias points to now (one, except mid-swap by another client)."""
        with self._errors("read the alias"):
            try:
                return sorted(self._client.indices.get_alias(name=self.alias).body)
            except NotFoundError:
                return []

    def create_version(self) -> str:
        """Create the next `alias`-v<N> index with the current mappings; not yet aliased."""
        existing = self.versions()
        name = f"{self.alias}-v{_version(existing[-1]) + 1 if existing else 1}"
        definition = index_definition()
        with self._errors(f"create the index {name}"):
            try:
                self._client.indices.create(
                    index=name, settings=definition["settings"], mappings=definition["mappings"]
                )
            except BadRequestError as error:
                if "resource_already_exists" in str(error.body):
                    pass  # another process created it a moment ago: use theirs
                elif _MISSING_ANALYSIS.search(_reason(error)):
                    raise SearchUnavailable(
                        f"Elasticsearch at {self.url} lacks the analysis-common module that "
                        f"mappings/articles.json needs ({_reason(error)}); on a test "
                        "distribution run scripts/install-es-analysis-plugin ES_HOME"
                    ) from error
                else:
                    raise
            self._client.cluster.health(index=name, wait_for_status="yellow", timeout="30s")
        return name

    def swap_alias(self, new: str) -> list[str]:
        """Point the alias at `new` in one atomic step; returns the indices it left."""
        old = [name for name in self.aliased() if name != new]
        actions: list[dict[str, Any]] = [{"add": {"index": new, "alias": self.alias}}]
        actions += [{"remove": {"index": name, "alias": self.alias}} for name in old]
        with self._errors(f"point {self.alias} at {new}"):
            self._client.indices.update_aliases(actions=actions)
        return old

    def set_read_only(self, name: str, read_only: bool) -> None:
        """Block (or allow again) writes to one index, so a reindex loses no late write."""
        with self._errors(f"change the write block of {name}"):
            self._client.indices.put_settings(
                index=name, settings={"index.blocks.write": read_only or None}
            )

    def drop_index(self, name: str) -> None:
        """Delete one concrete index (never the alias)."""
        with self._errors(f"delete the index {name}"):
            self._client.indices.delete(index=name, ignore_unavailable=True)

    # -- writes ---------------------------------------------------------------------------

    def index(self, articles: Iterable[Article]) -> IndexReport:
        """Add or replace articles by id through the alias, then make them searchable."""
        self._ensure()
        report = self.index_into(self.alias, articles)
        self.refresh()  # as the embedded index commits: an ingest is searchable when it returns
        return report

    def index_into(self, target: str, articles: Iterable[Article]) -> IndexReport:
        """Bulk-write articles into `target` (an index or the alias), chunked by bytes."""
        report = IndexReport()
        paths: dict[str, list[str]] = {}  # id -> paths of the actions still in flight

        def actions() -> Iterator[dict[str, Any]]:
            for article in articles:
                try:
                    document = to_document(article)
                except (ValueError, TypeError) as error:
                    report.fail(article.path, f"index: {error}")
                    continue
                paths.setdefault(article.id, []).append(article.path)
                yield {"_index": target, "_id": article.id, "_source": document}

        results = helpers.streaming_bulk(
            self._client.options(request_timeout=BULK_TIMEOUT_S),
            actions(),
            chunk_size=BULK_CHUNK_DOCS,
            max_chunk_bytes=self.chunk_bytes,
            raise_on_error=False,
            raise_on_exception=False,
            max_retries=self.retries,
            initial_backoff=BACKOFF_BASE_S * 2,
            max_backoff=BACKOFF_CAP_S,
        )
        with self._errors("index articles"):
            for ok, item in results:
                ((_, info),) = item.items()
                queue = paths.get(str(info.get("_id")), [])
                path = queue.pop(0) if queue else str(info.get("_id"))
                if ok:
                    report.indexed += 1
                    continue
                request_error = info.get("exception")
                if isinstance(request_error, ApiError) and info.get("status") in TRANSIENT_STATUS:
                    raise request_error  # the node is down or overloaded: stop, resume later
                report.fail(path, f"elasticsearch: {_item_reason(info)}")
        return report

    def refresh(self) -> None:
        """Make everything indexed so far visible to searches."""
        self._ensure()
        self.refresh_index(self.alias)

    def refresh_index(self, name: str) -> None:
        """Make one index (or the alias) show everything written to it so far."""
        with self._errors("refresh the index"):
            self._client.indices.refresh(index=name)

    def merge_segments(self, name: str) -> None:
        """Merge a finished, no longer written index into one segment.

        Facet counts then read each segment's own term ordinals instead of mapping them
        through global ordinals (the query mix ran 1.45x faster at 100k articles,
        `python -m bench.es_segments`). Only for an index nothing writes to any more: merged
        segments of a growing index are rewritten again and again.
        """
        with self._errors("merge the index segments"):
            self._client.options(request_timeout=MERGE_TIMEOUT_S).indices.forcemerge(
                index=name, max_num_segments=1
            )

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
        body = build_body(req)  # raises BadQuery before anything is sent
        self._ensure()
        answer = self._search(body, index=self.alias)
        hits = []
        for hit in answer["hits"]["hits"]:
            fragments = hit.get("highlight", {}).get(SNIPPET_FIELD) or [""]
            snippet = " ".join(fragments[0].split())  # one line, as the embedded snippets are
            score = hit.get("_score") if req.sort == "relevance" else None
            hits.append(Hit(**hit_fields(hit["_source"]), snippet=snippet, score=score))
        aggregations = answer["aggregations"]
        facets = {name: read_facet(aggregations[name][name]) for name in FACETS}
        dates = aggregations["dates"]
        first = read_date(dates["first_published"], MILLIS_PER_SECOND)
        last = read_date(dates["last_published"], MILLIS_PER_SECOND)
        histogram, interval = [], "month"
        if first and last:
            interval = choose_interval(first, last)
            counts = counts_from_months(dates["histogram"], interval)
            if counts is None:
                counted = self._search(histogram_body(req, interval), index=self.alias)
                counts = read_counts(counted["aggregations"]["histogram"])
            histogram = fill_buckets(counts, interval)
        return SearchResult(
            total=int(answer["hits"]["total"]["value"]),
            hits=hits,
            facets=facets,
            histogram=histogram,
            interval=interval,
        )

    def scan(self, req: SearchRequest) -> Iterator[dict[str, Any]]:
        """Every matching record, newest (or oldest) first, via a point in time + search_after."""
        body = scan_body(req, SCAN_BATCH)
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
                    yield hit["_source"]["article"]
                after = found[-1]["sort"]
        finally:
            with contextlib.suppress(ApiError, TransportError):
                self._client.close_point_in_time(id=pit)

    def get(self, article_id: str) -> dict[str, Any]:
        """The stored record of one article."""
        self._ensure()
        with self._errors("read an article"):
            try:
                found = self._client.get(
                    index=self.alias, id=article_id, source_includes=["article"]
                )
            except NotFoundError:
                raise NotFound(f"no article with id {article_id!r}") from None
        return found["_source"]["article"]  # type: ignore[no-any-return]

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
            facts["indices"] = self.aliased()
            if facts["indices"]:
                facts["articles"] = int(quick.count(index=self.alias)["count"])
        except (ApiError, TransportError, SearchUnavailable) as error:
            message = error.message if isinstance(error, SearchUnavailable) else str(error)
            return {**facts, "ok": False, "error": f"Elasticsearch at {self.url}: {message}"}
        return {**facts, "ok": facts["status"] != "red"}

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()


# Request body keys whose Python client parameter is spelled differently.
_PARAMETER = {"from": "from_", "_source": "source"}
