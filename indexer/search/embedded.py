"""The embedded backend: a tantivy index in a local directory, nothing to run or install."""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import tantivy

from indexer.errors import NotFound, SearchUnavailable
from indexer.model import Article, IndexReport
from indexer.search import embedded_schema, feedback
from indexer.search.base import Checkpoint, SearchRequest, SearchResult, Suggestion
from indexer.search.document import to_document
from indexer.search.embedded_native import NativeSearch
from indexer.search.embedded_pure import PureSearch, compile_query, stored_record
from indexer.search.embedded_query import build_tree
from indexer.search.embedded_vocabulary import SpellingCounts
from indexer.search.embedded_weights import weighed
from indexer.search.native import NATIVE, choose_path, merge_segments, merge_small_segments
from indexer.search.plan import plan
from indexer.search.spelling import checked_words, suggestions

WRITER_HEAP_BYTES = 128_000_000  # tantivy's default; more only delays flushes on small machines
NEW_SUFFIX = ".new"  # an index being rebuilt, beside the live one
OLD_SUFFIX = ".old"  # the previous index, removed once a rebuild has swapped it out
COMMIT_EVERY = 10_000  # bounds the writer's memory between two timed checkpoints
SCAN_BATCH = 500  # documents fetched per step of an export
# An ingest merges the small segments it leaves when they hold at most this many times the
# articles it wrote: a bulk load ends with a few segments (a search pays a fixed cost in each,
# and its threads split the work by segment), while a small ingest into a large index leaves
# the merging to tantivy's own policy instead of rewriting a large segment every time.
SMALL_MERGE_BUDGET = 2

log = logging.getLogger(__name__)


class EmbeddedBackend:
    """Articles in a tantivy index at `path`; one writer at a time, any number of readers.

    `count_threads` bounds the threads one search counts facets on (default: one per core).
    `native` False searches on the pure-Python path even when the native core is built.
    """

    def __init__(self, path: Path, count_threads: int | None = None, native: bool = True) -> None:
        self.path = Path(path)
        self.count_threads = count_threads or os.cpu_count() or 1
        self.native = native
        self.path_in_use = choose_path(native)
        self._index: tantivy.Index | None = None
        self._pure = PureSearch(self.count_threads)
        self._native: NativeSearch | None = None
        self._spelling = SpellingCounts(self.path)

    @property
    def _idx(self) -> tantivy.Index:
        if self._index is None:
            self.create_index()
        assert self._index is not None
        return self._index

    def create_index(self) -> None:
        """Open the index at `path`, creating it (and the directory) when absent."""
        try:
            self._index = embedded_schema.open_index(self.path)
        except (OSError, ValueError) as error:
            raise SearchUnavailable(f"cannot open the index at {self.path}: {error}") from error

    def index(
        self, articles: Iterable[Article], checkpoint: Checkpoint | None = None
    ) -> IndexReport:
        """Add or replace articles by id, committing every few seconds and at the end."""
        checkpoint = checkpoint or Checkpoint()
        report = self._write(articles, checkpoint)
        self._merge_small(report.indexed)
        checkpoint.committed(report)
        self.refresh()
        return report

    def _write(self, articles: Iterable[Article], checkpoint: Checkpoint) -> IndexReport:
        """Write `articles`, committing as `index` says; the write lock is released after."""
        report = IndexReport()
        try:
            writer = self._idx.writer(WRITER_HEAP_BYTES, 1)
        except ValueError as error:
            raise SearchUnavailable(
                f"cannot write to the index at {self.path}: {error} (is another ingest running?)"
            ) from error
        seen = _KnownIds(self._idx)
        pending = 0
        last_commit = time.monotonic()
        try:
            for article in articles:
                try:
                    document = embedded_schema.to_tantivy(to_document(article))
                    existed = seen.existed(article.id)
                    writer.delete_documents_by_term("id", article.id)
                    writer.add_document(document)
                except (ValueError, TypeError) as error:
                    report.fail(article.path, f"index: {error}")
                    continue
                report.indexed += 1
                report.updated += existed
                pending += 1
                if pending >= COMMIT_EVERY or time.monotonic() - last_commit >= checkpoint.every_s:
                    writer.commit()
                    seen.committed()
                    checkpoint.committed(report)
                    pending, last_commit = 0, time.monotonic()
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise
        return report

    def _merge_small(self, written: int) -> None:
        """Merge the small segments left behind, in proportion to what was written."""
        try:
            merge_small_segments(self.path, self.count_threads, SMALL_MERGE_BUDGET * written)
        except (OSError, ValueError) as error:  # the articles are in; searches only slower
            log.warning("could not merge the small segments of %s: %s", self.path, error)

    def rebuild(self, articles: Iterable[Article]) -> IndexReport:
        """Build a new index from `articles` beside this one, then swap the two by rename.

        The articles may come from this index's own `scan`: it stays open and unchanged
        until the new one is complete, merged into one segment per search thread (when the
        native core is built) as Elasticsearch's rebuild merges its new version. The swap is
        two renames, not atomic: a search between them finds no index for a moment.
        """
        live = self.path
        new, old = live.with_name(live.name + NEW_SUFFIX), live.with_name(live.name + OLD_SUFFIX)
        shutil.rmtree(new, ignore_errors=True)  # left by an interrupted run
        fresh = EmbeddedBackend(new, self.count_threads, self.native)
        try:
            # Written only: merged below in one go, not its small segments first.
            report = fresh._write(articles, Checkpoint())
        except BaseException:
            fresh.close()
            shutil.rmtree(new, ignore_errors=True)
            raise
        fresh.close()
        try:
            merge_segments(new, self.count_threads)  # complete before it goes live
        except (OSError, ValueError) as error:
            shutil.rmtree(new, ignore_errors=True)
            raise SearchUnavailable(f"cannot merge the rebuilt index at {new}: {error}") from error
        self.close()
        shutil.rmtree(old, ignore_errors=True)
        if live.exists():
            live.rename(old)
        new.rename(live)
        shutil.rmtree(old, ignore_errors=True)
        return report

    def _stale(self) -> bool:
        try:
            return embedded_schema.built_by_another_version(self.path)
        except (OSError, ValueError) as error:
            raise SearchUnavailable(f"cannot open the index at {self.path}: {error}") from error

    def drop(self) -> None:
        """Remove the index directory."""
        self.close()
        shutil.rmtree(self.path, ignore_errors=True)

    def refresh(self) -> None:
        """Point searches at the latest commit."""
        self._idx.reload()

    def _searcher(self) -> tantivy.Searcher:
        self._idx.reload()  # cheap when nothing changed; picks up other processes' commits
        return self._idx.searcher()

    def search(self, req: SearchRequest) -> SearchResult:
        """One page of hits, disjunctive facet counts and the date histogram."""
        planned = plan(req)
        if self.path_in_use == NATIVE:
            if self._native is None:
                self._idx  # noqa: B018 - creates the index directory when absent
                self._native = NativeSearch(self.path, self.count_threads)
            planned = weighed(planned, self._searcher)
            if feedback.wants_feedback(planned):
                top = self._native.top(planned, feedback.FEEDBACK_DOCS)
                planned = feedback.with_feedback(planned, top)
            return self._native.search(planned)
        searcher = self._searcher()
        planned = weighed(planned, lambda: searcher)
        if feedback.wants_feedback(planned):
            top = self._pure.top(self._idx, searcher, planned, feedback.FEEDBACK_DOCS)
            planned = feedback.with_feedback(planned, top)
        return self._pure.search(self._idx, searcher, planned)

    def suggest(self, req: SearchRequest) -> list[Suggestion]:
        """Corrected spellings of the query from the index's own words (its term dictionary)."""
        words = checked_words(req.query)
        if not words:
            return []
        return suggestions(req.query, self._spelling.count(self._searcher(), words))

    def scan(self, req: SearchRequest) -> Iterator[Article]:
        """Every match, newest (or oldest) first and undated last, by keyset paging.

        Every article of an index built by another version is readable too (no query): that
        is what `newsdesk reindex` rebuilds it from.
        """
        if not req.query and self._index is None and self._stale():
            self._index = embedded_schema.open_stored(self.path)
        searcher = self._searcher()
        base = compile_query(build_tree(plan(req)), self._idx)
        if req.sort != "oldest":
            yield from self._keyset(searcher, base, descending=True)
            return
        # Undated articles hold the smallest keys; oldest-first still lists them last.
        first_dated = 1 << embedded_schema.ID_BITS
        for low, high in ((first_dated, None), (None, first_dated - 1)):
            yield from self._keyset(searcher, self._within(base, low, high), descending=False)

    def _within(self, base: tantivy.Query, low: int | None, high: int | None) -> tantivy.Query:
        bound = tantivy.Query.range_query(
            self._idx.schema, embedded_schema.ORDER_KEY, tantivy.FieldType.Unsigned, low, high
        )
        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, base), (tantivy.Occur.Must, bound)]
        )

    def _keyset(
        self, searcher: tantivy.Searcher, base: tantivy.Query, descending: bool
    ) -> Iterator[Article]:
        last: int | None = None
        seen_at_last: set[str] = set()  # ids already sent whose key equals `last`
        while True:
            query = base
            if last is not None:
                query = self._within(
                    base, None if descending else last, last if descending else None
                )
            found = searcher.search(
                query,
                limit=SCAN_BATCH + len(seen_at_last),
                count=False,
                order_by_field=embedded_schema.ORDER_KEY,
                order=tantivy.Order.Desc if descending else tantivy.Order.Asc,
            )
            fresh = 0
            for key, address in found.hits:
                record = stored_record(searcher, address)
                if key == last and record["id"] in seen_at_last:
                    continue
                if key != last:
                    last, seen_at_last = int(key), set()
                seen_at_last.add(record["id"])
                fresh += 1
                yield Article.from_json(record)
            if fresh == 0:
                return

    def get(self, article_id: str) -> Article:
        """The stored article."""
        searcher = self._searcher()
        query = tantivy.Query.term_query(self._idx.schema, "id", article_id)
        found = searcher.search(query, limit=1)
        if not found.hits:
            raise NotFound(f"no article with id {article_id!r}")
        return Article.from_json(stored_record(searcher, found.hits[0][1]))

    def delete(self, article_id: str) -> None:
        """Remove one article by id."""
        writer = self._idx.writer(WRITER_HEAP_BYTES, 1)
        writer.delete_documents_by_term("id", article_id)
        writer.commit()
        writer.wait_merging_threads()
        self.refresh()

    def count(self) -> int:
        """Number of live articles."""
        return int(self._searcher().num_docs)

    def health(self) -> dict[str, Any]:
        """The index answers, where it lives, how many articles it holds."""
        try:
            return {
                "backend": "embedded",
                "search_path": self.path_in_use,
                "ok": True,
                "path": str(self.path),
                "articles": self.count(),
            }
        except (OSError, ValueError) as error:
            return {"backend": "embedded", "ok": False, "path": str(self.path), "error": str(error)}

    def close(self) -> None:
        """Drop the index handles (tantivy closes files when they are collected)."""
        self._index = None
        self._native = None


class _KnownIds:
    """Whether an id is in the index already: its last commit, or written since."""

    def __init__(self, index: tantivy.Index) -> None:
        self._index = index
        self._searcher = index.searcher()
        self._since: set[str] = set()  # ids written since that commit

    def existed(self, article_id: str) -> bool:
        """True when `article_id` was indexed before (this call then remembers it too)."""
        if article_id in self._since:
            return True
        self._since.add(article_id)
        query = tantivy.Query.term_query(self._index.schema, "id", article_id)
        return bool(self._searcher.search(query, limit=1, count=False).hits)

    def committed(self) -> None:
        """The writer committed: look at the new commit from now on."""
        self._index.reload()
        self._searcher = self._index.searcher()
        self._since.clear()
