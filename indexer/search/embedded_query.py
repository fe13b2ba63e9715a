"""Plan -> tantivy Query: the embedded backend's only query builder."""

from __future__ import annotations

import tantivy

from indexer.search.fields import QUERY_FIELDS, STEMMED_LANGUAGES, stemmed_name
from indexer.search.plan import Plan
from indexer.search.query_syntax import And, MatchAll, Node, Or, Phrase, Prefix, Term

# Each text field is searched as written and through each language's stemmer.
SEARCH_FIELDS = tuple(
    name
    for spec in QUERY_FIELDS
    for name in (spec.name, *(stemmed_name(spec.name, lang) for lang in STEMMED_LANGUAGES))
)
FIELD_BOOSTS = {
    name: spec.boost
    for spec in QUERY_FIELDS
    for name in (spec.name, *(stemmed_name(spec.name, lang) for lang in STEMMED_LANGUAGES))
}


def _words(index: tantivy.Index, words: tuple[str, ...]) -> tantivy.Query:
    # Words hold only letters and digits (query_syntax.WORD), so quoting is safe, and
    # the engine's own parser analyses them exactly as each field was analysed.
    return index.parse_query(f'"{" ".join(words)}"', list(SEARCH_FIELDS), FIELD_BOOSTS)


def compile_node(node: Node, index: tantivy.Index) -> tantivy.Query:
    """Translate a parsed user query into a tantivy query over title and body."""
    match node:
        case MatchAll():
            return tantivy.Query.all_query()
        case Term(text):
            return _words(index, (text,))
        case Phrase(words):
            return _words(index, words)
        case Prefix(text):
            schema = index.schema
            return tantivy.Query.boolean_query(
                [
                    (
                        tantivy.Occur.Should,
                        tantivy.Query.regex_query(schema, spec.name, text + ".*"),
                    )
                    for spec in QUERY_FIELDS
                ]
            )
        case And(must, must_not):
            clauses = [(tantivy.Occur.Must, compile_node(child, index)) for child in must]
            clauses += [(tantivy.Occur.MustNot, compile_node(child, index)) for child in must_not]
            return tantivy.Query.boolean_query(clauses)
        case Or(alternatives):
            return tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, compile_node(child, index)) for child in alternatives]
            )
    raise TypeError(f"unknown query node {node!r}")


def filter_clauses(
    plan: Plan, schema: tantivy.Schema, without: str | None = None
) -> list[tuple[tantivy.Occur, tantivy.Query]]:
    """Facet and date filters; `without`'s own selection is left out (disjunctive counts)."""
    clauses = []
    for facet, values in plan.selected_without(without).items():
        query = tantivy.Query.term_set_query(schema, facet, list(values))
        clauses.append((tantivy.Occur.Must, query))
    for facet, values in plan.request.excludes.items():
        if values:
            query = tantivy.Query.term_set_query(schema, facet, list(values))
            clauses.append((tantivy.Occur.MustNot, query))
    if plan.published_from or plan.published_before:
        query = tantivy.Query.range_query(
            schema,
            "published_at",
            tantivy.FieldType.Date,
            plan.published_from,
            plan.published_before,
            include_upper=plan.published_before is None,  # [from, before): whole UTC days
        )
        clauses.append((tantivy.Occur.Must, query))
    second = plan.request.indexed_since_second
    if second:
        since = tantivy.Query.range_query(
            schema, "indexed_at", tantivy.FieldType.Date, second, None
        )
        clauses.append((tantivy.Occur.Must, since))
    return clauses


def build_query(plan: Plan, index: tantivy.Index, without: str | None = None) -> tantivy.Query:
    """The whole plan as one query: text AND filters (minus `without`'s selection)."""
    text = compile_node(plan.query, index)
    clauses = filter_clauses(plan, index.schema, without)
    if not clauses:
        return text
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, text), *clauses])
