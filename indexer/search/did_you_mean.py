"""When a search finds little, ask the backend for corrected spellings and count each one."""

from __future__ import annotations

from dataclasses import replace

from indexer.search.base import SearchBackend, SearchRequest, SearchResult, Suggestion

# "Very few": a query finding this many articles or fewer may well be misspelled (a typo
# that happens to be in a few articles); more, and the reader has something to read.
FEW_HITS = 3


def wants_suggestions(req: SearchRequest, result: SearchResult) -> bool:
    """Whether `result` found so little (or only part of the words) that a hint is due."""
    return bool(req.query.strip()) and (result.total <= FEW_HITS or result.relaxed)


def counted(backend: SearchBackend, req: SearchRequest, suggestion: Suggestion) -> Suggestion:
    """The suggestion with the number of articles it finds under the same filters."""
    probe = replace(req, query=suggestion.query, page=1, page_size=1, facet_size=1)
    return replace(suggestion, total=backend.search(probe).total)


def with_suggestions(
    backend: SearchBackend, req: SearchRequest, result: SearchResult
) -> SearchResult:
    """`result` with the corrected queries that find more than it did, when it found little."""
    if not wants_suggestions(req, result):
        return result
    offered = [counted(backend, req, s) for s in backend.suggest(req)]
    floor = 0 if result.relaxed else result.total
    result.suggestions = [s for s in offered if (s.total or 0) > floor]
    return result
