"""The query tree (query_tree.py) as tantivy-py objects: the embedded engine's pure-Python path.

It compiles the same tree the native core compiles, to the same tantivy queries: text goes
through the engine's own query parser as a quoted string over the tree's fields and boosts,
which analyses it with each field's analyzer exactly as the native core does.
"""

from __future__ import annotations

from datetime import UTC, datetime

import tantivy

from indexer.search.query_tree import (
    All,
    Bool,
    Boost,
    Const,
    DateRange,
    Node,
    Nothing,
    Prefix,
    Terms,
    Text,
    U64Range,
)

_QUOTE_BREAKERS = ('"', "\\")  # characters that would end or escape the quoted string


def _text(index: tantivy.Index, node: Text) -> tantivy.Query:
    if any(char in node.text for char in _QUOTE_BREAKERS):
        raise ValueError(f"text to match cannot hold quotes or backslashes: {node.text!r}")
    names = [name for name, _ in node.fields]
    boosts = dict(node.fields)
    return index.parse_query(f'"{node.text}"', names, boosts)


def _instant(seconds: int | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


def compile_tree(node: Node, index: tantivy.Index) -> tantivy.Query:
    """The tantivy-py query for `node` over `index`'s schema and analyzers."""
    schema = index.schema
    match node:
        case All():
            return tantivy.Query.all_query()
        case Nothing():
            return tantivy.Query.empty_query()
        case Text():
            return _text(index, node)
        case Prefix(field, prefix):
            # tantivy-py has no prefix query; a prefix holds only letters and digits, so it
            # is a pattern as it stands.
            return tantivy.Query.regex_query(schema, field, prefix + ".*")
        case Terms(field, values):
            return tantivy.Query.term_set_query(schema, field, list(values))
        case DateRange(field, gte, lte):
            return tantivy.Query.range_query(
                schema, field, tantivy.FieldType.Date, _instant(gte), _instant(lte)
            )
        case U64Range(field, gte, lte):
            return tantivy.Query.range_query(schema, field, tantivy.FieldType.Unsigned, gte, lte)
        case Bool(must, should, must_not, filter_, minimum):
            clauses = [(tantivy.Occur.Must, compile_tree(child, index)) for child in must]
            clauses += [(tantivy.Occur.Should, compile_tree(child, index)) for child in should]
            clauses += [(tantivy.Occur.MustNot, compile_tree(child, index)) for child in must_not]
            clauses += [
                # A filter must match and scores nothing: the score stays the text's own.
                (tantivy.Occur.Must, tantivy.Query.const_score_query(compile_tree(c, index), 0.0))
                for c in filter_
            ]
            return tantivy.Query.boolean_query(clauses, minimum)
        case Boost(query, boost):
            return tantivy.Query.boost_query(compile_tree(query, index), boost)
        case Const(query, score):
            return tantivy.Query.const_score_query(compile_tree(query, index), score)
    raise TypeError(f"unknown query tree node {node!r}")
