"""The engine-level query tree: what a search asks of the embedded engine, in plain data.

One function (embedded_query.build_tree) builds it from a SearchRequest; two compilers turn
it into an engine query: tantivy_compile.py into tantivy-py objects (the pure-Python path)
and the native core (native/src/tree.rs), which reads its JSON form. Text is analysed by
the engine with each field's own analyzer, so the tree holds words as the user typed them,
but for the letter the embedded index is written without (letters.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from indexer.search.letters import fold_letters


@dataclass(frozen=True)
class All:
    """Every document."""


@dataclass(frozen=True)
class Nothing:
    """No document."""


@dataclass(frozen=True)
class Text:
    """Words analysed per field: one token matches as a term, several as a phrase.

    `fields` are (name, boost) pairs; a document matches through any of them and its score
    is the sum over the fields it matches, each times its boost.
    """

    text: str
    fields: tuple[tuple[str, float], ...]

    def __post_init__(self) -> None:
        if (folded := fold_letters(self.text)) is not self.text:
            object.__setattr__(self, "text", folded)


@dataclass(frozen=True)
class Prefix:
    """Terms of one field beginning with `prefix` (letters and digits, lower case), unanalysed."""

    field: str
    prefix: str

    def __post_init__(self) -> None:
        if (folded := fold_letters(self.prefix)) is not self.prefix:
            object.__setattr__(self, "prefix", folded)


@dataclass(frozen=True)
class Terms:
    """Any of these exact values of a keyword field."""

    field: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class DateRange:
    """A date field between two instants (seconds since the epoch, inclusive; None: open)."""

    field: str
    gte: int | None = None
    lte: int | None = None


@dataclass(frozen=True)
class U64Range:
    """An unsigned field between two values (inclusive; None: open)."""

    field: str
    gte: int | None = None
    lte: int | None = None


@dataclass(frozen=True)
class Bool:
    """Boolean combination; `filter` clauses must match but add nothing to the score.

    `minimum_should_match` None keeps the engine's default: 1 when there are only
    `should` clauses, else 0 (as Elasticsearch).
    """

    must: tuple[Node, ...] = ()
    should: tuple[Node, ...] = ()
    must_not: tuple[Node, ...] = ()
    filter: tuple[Node, ...] = ()
    minimum_should_match: int | None = None


@dataclass(frozen=True)
class Boost:
    """The child's score times `boost`."""

    query: Node
    boost: float


@dataclass(frozen=True)
class Const:
    """Matches where the child matches, with the same `score` for every document."""

    query: Node
    score: float


Node = All | Nothing | Text | Prefix | Terms | DateRange | U64Range | Bool | Boost | Const


@dataclass(frozen=True)
class EngineQuery:
    """A whole search for the engine: the query, and facet selections counted disjunctively.

    A document matches when it matches `query` and has one of the selected values of every
    facet in `selections`. A facet with a selection is counted without its own selection.
    """

    query: Node
    selections: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def filtered(self, skip_facet: str | None = None) -> Node:
        """The query with every selection but `skip_facet`'s as a filter."""
        filters = tuple(
            Terms(facet, values)
            for facet, values in self.selections.items()
            if values and facet != skip_facet
        )
        if not filters:
            return self.query
        return Bool((self.query,), filter=filters)


def to_plain(node: Node) -> dict[str, Any]:
    """The JSON-ready form the native core reads (`type` names the node)."""
    match node:
        case All():
            return {"type": "all"}
        case Nothing():
            return {"type": "nothing"}
        case Text(text, fields):
            return {"type": "text", "text": text, "fields": [list(f) for f in fields]}
        case Prefix(name, prefix):
            return {"type": "prefix", "field": name, "prefix": prefix}
        case Terms(name, values):
            return {"type": "terms", "field": name, "values": list(values)}
        case DateRange(name, gte, lte):
            return {"type": "date_range", "field": name, "gte": gte, "lte": lte}
        case U64Range(name, gte, lte):
            return {"type": "u64_range", "field": name, "gte": gte, "lte": lte}
        case Bool(must, should, must_not, filter_, minimum):
            return {
                "type": "bool",
                "must": [to_plain(child) for child in must],
                "should": [to_plain(child) for child in should],
                "must_not": [to_plain(child) for child in must_not],
                "filter": [to_plain(child) for child in filter_],
                "minimum_should_match": minimum,
            }
        case Boost(query, boost):
            return {"type": "boost", "query": to_plain(query), "boost": boost}
        case Const(query, score):
            return {"type": "const", "query": to_plain(query), "score": score}
    raise TypeError(f"unknown query tree node {node!r}")


def to_json(node: Node) -> str:
    """The tree as the JSON text the native core parses."""
    return json.dumps(to_plain(node), ensure_ascii=False, separators=(",", ":"))
