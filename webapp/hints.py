"""What the search page offers when a search finds little: corrected spellings, fewer
filters, no quotes, a name's words one by one, or the strict search when the list shows
articles matching most words."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from indexer.errors import BadQuery
from indexer.search.base import SearchBackend, SearchRequest, SearchResult, Suggestion
from indexer.search.plan import typed_as_name
from indexer.search.query_syntax import WORD, parse_query
from webapp import links

_QUOTE = re.compile(r'"')


@dataclass(frozen=True)
class Part:
    """A piece of a suggested query; `changed` marks a corrected word."""

    text: str
    changed: bool


@dataclass(frozen=True)
class DidYouMean:
    """One corrected query as the page links it: its words, the corrected ones marked."""

    parts: list[Part]
    url: str
    total: int | None


@dataclass(frozen=True)
class Hint:
    """Another search the page proposes on a zero-hit page, with how many it finds."""

    text: str
    url: str
    total: int


@dataclass(frozen=True)
class Relaxed:
    """The notice over a list of articles holding most (not all) of the query's words."""

    all_words: int | None
    strict_url: str


def _parts(suggestion: Suggestion) -> list[Part]:
    corrected = {suggested for _, suggested in suggestion.corrections}
    parts, cursor = [], 0
    for match in WORD.finditer(suggestion.query):
        if match.group().lower() in corrected:
            parts.append(Part(suggestion.query[cursor : match.start()], False))
            parts.append(Part(match.group(), True))
            cursor = match.end()
    parts.append(Part(suggestion.query[cursor:], False))
    return [part for part in parts if part.text]


def did_you_mean(req: SearchRequest, result: SearchResult) -> list[DidYouMean]:
    """The result's suggestions as links that keep every filter."""
    return [
        DidYouMean(_parts(s), links.search_url(replace(req, query=s.query, page=1)), s.total)
        for s in result.suggestions
    ]


def relaxed(req: SearchRequest, result: SearchResult) -> Relaxed | None:
    """The notice and the strict search's link, when the result was relaxed."""
    if not result.relaxed:
        return None
    return Relaxed(result.all_words, links.search_url(replace(req, strict=True, page=1)))


def _typed_as_name(query: str) -> bool:
    try:
        return typed_as_name(parse_query(query))
    except BadQuery:
        return False


def _has_filters(req: SearchRequest) -> bool:
    return bool(req.filters or req.excludes or req.date_from or req.date_to)


def zero_hit_hints(backend: SearchBackend, req: SearchRequest) -> list[Hint]:
    """Searches that do find something: without the filters (as typed, then corrected),
    without the quotes, without `strict`."""
    tries: list[tuple[str, SearchRequest]] = []
    if _has_filters(req):
        tries.append(("Search without the filters", links.cleared(req)))
        # A misspelling and a filter at once: the corrected words over every article.
        for suggestion in backend.suggest(req)[:1]:
            corrected = links.cleared(replace(req, query=suggestion.query))
            tries.append((f"Search {suggestion.query} without the filters", corrected))
    if '"' in req.query and req.query.replace('"', "").strip():
        unquoted = " ".join(_QUOTE.sub(" ", req.query).split())
        tries.append((f"Search without quotes: {unquoted}", replace(req, query=unquoted, page=1)))
    if req.strict:
        tries.append(("List articles with most of the words", replace(req, strict=False, page=1)))
    elif _typed_as_name(req.query):
        # A name no article has: its words in lower case rank as a question's do, so the page
        # still offers the articles with most of them (a place it names alone included).
        words = req.query.casefold()
        tries.append((f"Search the words: {words}", replace(req, query=words, page=1)))
    hints = []
    for text, other in tries:
        probe = replace(other, page=1, page_size=1, facet_size=1)
        total = backend.search(probe).total
        if total:
            hints.append(Hint(text, links.search_url(other), total))
    return hints
