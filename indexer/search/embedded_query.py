"""Plan -> the engine query tree: the embedded backend's only query builder.

Both embedded paths run what this builds: tantivy_compile.py compiles it with tantivy-py,
the native core compiles its JSON form itself.
"""

from __future__ import annotations

from datetime import datetime

from indexer.search import query_syntax as syntax
from indexer.search.fields import QUERY_FIELDS, STEMMED_LANGUAGES, stemmed_name
from indexer.search.plan import Plan
from indexer.search.query_tree import (
    All,
    Bool,
    DateRange,
    EngineQuery,
    Node,
    Regex,
    Terms,
    Text,
)

# Each text field is searched as written and through each language's stemmer, with its boost.
SEARCH_FIELDS: tuple[tuple[str, float], ...] = tuple(
    (name, spec.boost)
    for spec in QUERY_FIELDS
    for name in (spec.name, *(stemmed_name(spec.name, lang) for lang in STEMMED_LANGUAGES))
)
DATE_FIELD = "published_at"
INDEXED_FIELD = "indexed_at"  # when the article was written to the index


def tree_of(node: syntax.Node) -> Node:
    """The engine tree of a parsed user query over title and body."""
    match node:
        case syntax.MatchAll():
            return All()
        case syntax.Term(text):
            return Text(text, SEARCH_FIELDS)
        case syntax.Phrase(words):
            # Words hold only letters and digits (query_syntax.WORD): the engine analyses
            # them as each field was analysed, and several tokens make a phrase.
            return Text(" ".join(words), SEARCH_FIELDS)
        case syntax.Prefix(text):
            # Prefixes match the unstemmed fields only: a stem is not a prefix of its words.
            return Bool(should=tuple(Regex(spec.name, text + ".*") for spec in QUERY_FIELDS))
        case syntax.And(must, must_not, plain):
            # Bare words are required like `must` (ranking them is a separate rule).
            return Bool(
                must=tuple(tree_of(child) for child in (*must, *plain)),
                must_not=tuple(tree_of(child) for child in must_not),
            )
        case syntax.Or(alternatives):
            return Bool(should=tuple(tree_of(child) for child in alternatives))
    raise TypeError(f"unknown query node {node!r}")


def _seconds(moment: datetime | None, shift: int = 0) -> int | None:
    return None if moment is None else int(moment.timestamp()) + shift


def build_tree(planned: Plan) -> EngineQuery:
    """The whole plan for the engine: text, exclusions and dates; facet selections apart."""
    text = tree_of(planned.query)
    must_not = tuple(
        Terms(facet, values) for facet, values in planned.request.excludes.items() if values
    )
    dates: tuple[Node, ...] = ()
    if planned.published_from or planned.published_before:
        # The engine keeps dates to the second: [from, before) is [from, before - 1 s].
        dates = (
            DateRange(
                DATE_FIELD,
                _seconds(planned.published_from),
                _seconds(planned.published_before, -1),
            ),
        )
    since = planned.request.indexed_since_second
    if since:
        dates += (DateRange(INDEXED_FIELD, _seconds(since), None),)
    query: Node = text
    if must_not or dates:
        query = Bool(must=(text,), must_not=must_not, filter=dates)
    return EngineQuery(query, planned.selected)
