"""Plan -> Elasticsearch request bodies: pure functions, no client, no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from indexer.search import fields
from indexer.search.aggregations import date_range_aggs, facet_aggs, histogram_aggs
from indexer.search.base import Sort
from indexer.search.fields import CUT_FIELD, HIT_FIELDS, QUERY_FIELDS, STEMMED_LANGUAGES
from indexer.search.highlight import SNIPPET_CHARS
from indexer.search.letters import fold_letters
from indexer.search.name_forms import name_forms
from indexer.search.plan import (
    COORDINATION_BONUS,
    CountGroup,
    Plan,
    ranked_parts,
    ranked_plain,
    ranks_words,
)
from indexer.search.query_syntax import And, MatchAll, Name, Node, Or, Phrase, Prefix, Term
from indexer.search.word_weights import word_weight

SNIPPET_FIELD = "body"
# The highlighter re-analyses stored text; past this many characters it stops instead of failing
# the whole search on one huge article.
MAX_ANALYZED_OFFSET = 1_000_000
# Hit fields a result row shows; the full record (`article`) is only fetched by get() and scan().
# A made title is not in the `title` field (document.py): it comes from the stored record.
HIT_SOURCE = [*HIT_FIELDS, "article.title"]
ALL_WORDS = "all_words"  # the aggregation counting articles that have every ranked word


def sub_field(field: str, language: str) -> str:
    """Elasticsearch name of a text field's stemmed variant: `body.en`."""
    return f"{field}.{language}"


def _boosted(field: str, boost: float) -> str:
    return field if boost == 1.0 else f"{field}^{boost:g}"


# Every field a word may be looked for in: each text field as written and through each
# language's stemmer (search_fields picks a word's own); tie_breaker 1 in _words adds the
# fields' scores up like tantivy's boolean SHOULD.
SEARCH_FIELDS = [
    _boosted(name, spec.boost)
    for spec in QUERY_FIELDS
    for name in (spec.name, *(sub_field(spec.name, lang) for lang in STEMMED_LANGUAGES))
]


def search_fields(text: str, use: fields.WordUse = "typed") -> list[str]:
    """The Elasticsearch fields, boosted, to look for `text` in (fields.search_fields, as
    typed, in a phrase, as a ranked or feedback word)."""
    chosen = fields.search_fields(text, use)
    return [
        _boosted(name if language is None else sub_field(name, language), weight)
        for name, language, weight in chosen
    ]


def _words(words: tuple[str, ...], use: fields.WordUse = "typed") -> dict[str, Any]:
    # One word or several, matched as a phrase after each field's analysis: the embedded
    # backend quotes words the same way, so a word the analyser splits stays one unit.
    text = " ".join(words)
    return {
        "multi_match": {
            "query": text,
            "type": "phrase",
            "fields": search_fields(text, use),
            "tie_breaker": 1.0,
        }
    }


def _ranked(node: Node, bonus: float) -> dict[str, Any]:
    """One ranked word: its own score, plus the same bonus for every article that has it.

    A compound scores the sum of its parts (plan.ranked_parts) and earns the bonus where it
    has them all, as embedded_query._ranked.
    """
    parts = ranked_parts(node)
    if parts is None:
        scored = present = compile_node(node)
    else:
        words = [_words((part,), "ranked") for part in parts]
        scored = words[0] if len(words) == 1 else {"bool": {"should": words}}
        present = words[0] if len(words) == 1 else {"bool": {"must": words}}
    if not bonus:
        return scored
    constant = {"constant_score": {"filter": present, "boost": bonus}}
    return {"bool": {"should": [scored, constant], "minimum_should_match": 1}}


def _weighed(clause: dict[str, Any], node: Node, weights: Mapping[str, float]) -> dict[str, Any]:
    """A ranked word's clause times its weight (word_weights.py), when it has one."""
    weight = word_weight(node, weights)
    return clause if weight == 1.0 else {"bool": {"must": [clause], "boost": weight}}


def compile_node(
    node: Node, strict: bool = False, weights: Mapping[str, float] | None = None
) -> dict[str, Any]:
    """Translate a parsed user query into Elasticsearch query DSL over title and body.

    Bare words rank as the embedded backend ranks them (embedded_query.tree_of), `weights`
    weighing this node's ranked words.
    """
    match node:
        case MatchAll():
            return {"match_all": {}}
        case Term(text):
            return _words((text,))
        case Phrase(words):
            return _words(words, "phrase")
        case Name(text):
            # A name in another script: its own forms on the unstemmed fields (name_forms.py),
            # one term query each, as the embedded backend matches them.
            clauses = [
                {"term": {spec.name: {"value": fold_letters(form), "boost": spec.boost}}}
                for form in name_forms(text)
                for spec in QUERY_FIELDS
            ]
            return {"bool": {"should": clauses, "minimum_should_match": 1}}
        case Prefix(text):
            # Unstemmed fields only: "infla*" must not depend on what a stemmer made of a word.
            clauses = [
                {"prefix": {spec.name: {"value": fold_letters(text), "boost": spec.boost}}}
                for spec in QUERY_FIELDS
            ]
            return {"bool": {"should": clauses, "minimum_should_match": 1}}
        case And(must, must_not, plain):
            required = [compile_node(child, strict) for child in must]
            # Exclusions keep every word required: ranking inside them would widen them.
            excluded = [compile_node(child, strict=True) for child in must_not]
            if not ranks_words(node, strict):
                bare = [compile_node(child, strict) for child in plain]
                return {"bool": {"must": required + bare, "must_not": excluded}}
            ranked = ranked_plain(node)
            bonus = COORDINATION_BONUS / len(ranked)
            return {
                "bool": {
                    "must": required,
                    "should": [
                        _weighed(_ranked(word, bonus), word, weights or {}) for word in ranked
                    ],
                    "must_not": excluded,
                    "minimum_should_match": 1,
                }
            }
        case Or(alternatives):
            return {
                "bool": {
                    "should": [compile_node(child, strict) for child in alternatives],
                    "minimum_should_match": 1,
                }
            }
    raise TypeError(f"unknown query node {node!r}")


def _utc(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def date_filter(planned: Plan) -> dict[str, Any] | None:
    """The plan's UTC day bounds as a range query, or None when it has none."""
    bounds: dict[str, str] = {}
    if planned.published_from:
        bounds["gte"] = _utc(planned.published_from)
    if planned.published_before:
        bounds["lt"] = _utc(planned.published_before)
    return {"range": {"published_at": bounds}} if bounds else None


def selection_filter(planned: Plan, without: str | None = None) -> dict[str, Any]:
    """The facet values the user picked (OR within a facet, AND across), minus `without`'s."""
    clauses = [
        {"terms": {facet: list(values)}}
        for facet, values in planned.selected_without(without).items()
    ]
    return {"bool": {"filter": clauses}} if clauses else {"match_all": {}}


def _feedback_word(word: str, weight: float) -> dict[str, Any]:
    """A word of pseudo-relevance feedback: optional, scored as a ranked word times `weight`."""
    clause = _words((word,), "feedback")
    clause["multi_match"]["boost"] = weight
    return clause


def _cut_word(word: str, weight: float) -> dict[str, Any]:
    """A ranked Russian word's cut (cut_words.py): optional, in the field of cut words."""
    return {"match": {CUT_FIELD: {"query": word, "boost": weight}}}


def base_query(planned: Plan) -> dict[str, Any]:
    """Text, exclusions and dates: what every count and every hit must satisfy.

    Feedback words (feedback.py) and places that adjectives name (place_adjectives.py) are
    optional clauses: they reorder, never add a match.
    """
    query = compile_node(planned.query, planned.request.strict, dict(planned.word_weights))
    clause: dict[str, Any] = {"must": [query]}
    if planned.optional_words or planned.cuts:
        clause["should"] = [_feedback_word(w, weight) for w, weight in planned.optional_words]
        clause["should"] += [_cut_word(w, weight) for w, weight in planned.cuts]
    dates = date_filter(planned)
    if dates:
        clause["filter"] = [dates]
    second = planned.request.indexed_since_second
    if second:
        since = {"range": {"indexed_at": {"gte": _utc(second)}}}
        clause["filter"] = [*clause.get("filter", []), since]
    excluded = [
        {"terms": {name: list(values)}}
        for name, values in planned.request.excludes.items()
        if values
    ]
    if excluded:
        clause["must_not"] = excluded
    return {"bool": clause}


def full_query(planned: Plan) -> dict[str, Any]:
    """The base query with the facet selections applied too (histogram, export)."""
    return {"bool": {"must": [base_query(planned)], "filter": [selection_filter(planned)]}}


def sort_clause(sort: Sort) -> list[Any]:
    """Relevance or publication date (undated articles last), then id so ties stay put."""
    if sort == "relevance":
        return ["_score", {"id": "asc"}]
    order = "desc" if sort == "newest" else "asc"
    return [{"published_at": {"order": order, "missing": "_last"}}, {"id": "asc"}]


def group_name(group: CountGroup) -> str:
    """The aggregation holding one count group: the plain counts, or a facet counted without
    its own selection."""
    return f"without_{group.without}" if group.without else "counts"


def _count_aggregations(planned: Plan) -> dict[str, Any]:
    # One filter aggregation per selection the counts share: the plan's groups that differ
    # only in how the embedded engine splits its passes land in the same one here.
    aggs: dict[str, Any] = {}
    for group in planned.groups:
        name = group_name(group)
        inner = aggs.setdefault(name, {"filter": selection_filter(planned, group.without)})
        inner.setdefault("aggs", {}).update(facet_aggs(group.facets, planned.request.facet_size))
        if group.timeline:
            inner["aggs"] |= date_range_aggs() | histogram_aggs("month")
    if planned.ranked_words:
        # Whether any article shown would match with every ranked word required.
        strict = [compile_node(planned.query, strict=True), selection_filter(planned)]
        aggs[ALL_WORDS] = {"filter": {"bool": {"filter": strict}}}
    return aggs


def _highlight() -> dict[str, Any]:
    return {
        "encoder": "html",
        "pre_tags": ["<mark>"],
        "post_tags": ["</mark>"],
        "fields": {
            SNIPPET_FIELD: {
                "type": "unified",
                # Matches on the stemmed sub-fields ("markets" finding "market") mark the
                # plain text too.
                "matched_fields": [
                    SNIPPET_FIELD,
                    *(sub_field(SNIPPET_FIELD, lang) for lang in STEMMED_LANGUAGES),
                ],
                "fragment_size": SNIPPET_CHARS,
                "number_of_fragments": 1,
                "no_match_size": SNIPPET_CHARS,
                "max_analyzed_offset": MAX_ANALYZED_OFFSET,
            }
        },
    }


def build_body(planned: Plan) -> dict[str, Any]:
    """One page of hits with exact total, disjunctive facet counts, date bounds and snippets."""
    req = planned.request
    return {
        "query": base_query(planned),
        "post_filter": selection_filter(planned),
        "aggs": _count_aggregations(planned),
        "sort": sort_clause(req.sort),
        "from": req.offset,
        "size": req.page_size,
        "track_total_hits": True,
        "_source": HIT_SOURCE,
        "highlight": _highlight(),
    }


def feedback_body(planned: Plan, size: int) -> dict[str, Any]:
    """The first `size` matches by relevance, with the text feedback reads (feedback.py)."""
    return {
        "query": full_query(planned),
        "sort": sort_clause("relevance"),
        "size": size,
        "track_total_hits": False,
        "_source": ["title", "body"],
    }


def histogram_body(planned: Plan, interval: str) -> dict[str, Any]:
    """Counts per calendar bucket (published_day/week/month/year) of the whole match set."""
    return {
        "query": full_query(planned),
        "size": 0,
        "track_total_hits": False,
        "aggs": histogram_aggs(interval),
    }


def scan_body(planned: Plan, batch: int) -> dict[str, Any]:
    """Every match in date order (relevance exports newest first), one batch at a time."""
    return {
        "query": full_query(planned),
        "sort": sort_clause("oldest" if planned.request.sort == "oldest" else "newest"),
        "size": batch,
        "track_total_hits": False,
        "_source": ["article"],
    }
