"""Plan -> the engine query tree: the embedded backend's only query builder.

Both embedded paths run what this builds: tantivy_compile.py compiles it with tantivy-py,
the native core compiles its JSON form itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from indexer.search import fields
from indexer.search import query_syntax as syntax
from indexer.search.fields import QUERY_FIELDS, stemmed_name
from indexer.search.name_forms import name_forms
from indexer.search.plan import COORDINATION_BONUS, Plan, ranked_parts, ranked_plain, ranks_words
from indexer.search.query_tree import (
    All,
    Bool,
    Boost,
    Const,
    DateRange,
    EngineQuery,
    Node,
    Prefix,
    Terms,
    Text,
)
from indexer.search.word_weights import word_weight


def search_fields(text: str, use: fields.WordUse = "typed") -> tuple[tuple[str, float], ...]:
    """The tantivy fields and weights to look for `text` in (fields.search_fields, as typed,
    in a phrase, as a ranked or feedback word)."""
    chosen = fields.search_fields(text, use)
    return tuple(
        (name if language is None else stemmed_name(name, language), weight)
        for name, language, weight in chosen
    )


DATE_FIELD = "published_at"
INDEXED_FIELD = "indexed_at"  # when the article was written to the index


def _ranked(node: syntax.Node, bonus: float) -> Node:
    """One ranked word: its own score, plus the same bonus for every article that has it.

    A compound scores the sum of its parts (plan.ranked_parts) and earns the bonus where it
    has them all.
    """
    parts = ranked_parts(node)
    if parts is None:
        scored: Node = tree_of(node)
        present = scored
    else:
        words = tuple(Text(part, search_fields(part, "ranked")) for part in parts)
        scored = words[0] if len(words) == 1 else Bool(should=words)
        present = words[0] if len(words) == 1 else Bool(must=words)
    return Bool(should=(scored, Const(present, bonus))) if bonus else scored


def _feedback_word(word: str, weight: float) -> Node:
    """A word of pseudo-relevance feedback: optional, scored as a ranked word times `weight`."""
    return Boost(Text(word, search_fields(word, "feedback")), weight)


def _weighed(clause: Node, node: syntax.Node, weights: Mapping[str, float]) -> Node:
    """A ranked word's clause times its weight (word_weights.py), when it has one."""
    weight = word_weight(node, weights)
    return clause if weight == 1.0 else Boost(clause, weight)


def tree_of(
    node: syntax.Node, strict: bool = False, weights: Mapping[str, float] | None = None
) -> Node:
    """The engine tree of a parsed user query over title and body.

    Bare words rank (plan.ranks_words) unless `strict`: an article needs one of them, and
    each one it has adds the coordination bonus on top of its BM25 score. `weights` weigh
    the ranked words of this node (a verbose question's: Plan.word_weights), not of its
    children.
    """
    match node:
        case syntax.MatchAll():
            return All()
        case syntax.Term(text):
            return Text(text, search_fields(text))
        case syntax.Phrase(words):
            # Words hold only letters and digits (query_syntax.WORD): the engine analyses
            # them as each field was analysed, and several tokens make a phrase.
            return Text(" ".join(words), search_fields(" ".join(words), "phrase"))
        case syntax.Name(text):
            # A name in another script: its own forms on the unstemmed fields (name_forms.py).
            unstemmed = tuple((spec.name, spec.boost) for spec in QUERY_FIELDS)
            return Bool(should=tuple(Text(form, unstemmed) for form in name_forms(text)))
        case syntax.Prefix(text):
            # Prefixes match the unstemmed fields only: a stem is not a prefix of its words.
            return Bool(should=tuple(Prefix(spec.name, text) for spec in QUERY_FIELDS))
        case syntax.And(must, must_not, plain):
            required = tuple(tree_of(child, strict) for child in must)
            # Exclusions keep every word required: ranking inside them would widen them.
            excluded = tuple(tree_of(child, strict=True) for child in must_not)
            if not ranks_words(node, strict):
                bare = tuple(tree_of(child, strict) for child in plain)
                return Bool(must=required + bare, must_not=excluded)
            ranked = ranked_plain(node)
            bonus = COORDINATION_BONUS / len(ranked)
            scored = tuple(_weighed(_ranked(word, bonus), word, weights or {}) for word in ranked)
            return Bool(
                must=required,
                should=scored,
                must_not=excluded,
                minimum_should_match=1,
            )
        case syntax.Or(alternatives):
            return Bool(should=_union(tree_of(child, strict) for child in alternatives))
    raise TypeError(f"unknown query node {node!r}")


def _is_union(node: Node) -> bool:
    """Whether `node` matches where any of its `should` clauses does, scoring their sum."""
    return (
        isinstance(node, Bool)
        and not (node.must or node.must_not or node.filter)
        and node.minimum_should_match in (None, 1)
    )


def _union(alternatives: Iterable[Node]) -> tuple[Node, ...]:
    """The clauses of a union of `alternatives`, nested unions spliced in.

    A word over several fields is a union of one clause per field, and an alternative (a
    name's other spellings and scripts, an OR typed) a union of those: the same matches and
    the same sum of scores as one flat union, but the engine merged every match of the inner
    union a second time in the outer one ('will' with its one variant: a fifth of the search).
    Flat, every clause is a posting list, and the engine merges them all in one pass.
    """
    flat: list[Node] = []
    for node in alternatives:
        if isinstance(node, Text) and len(node.fields) > 1:
            flat.extend(Text(node.text, (field,)) for field in node.fields)
        elif isinstance(node, Bool) and _is_union(node):
            flat.extend(_union(node.should))
        else:
            flat.append(node)
    return tuple(flat)


def _seconds(moment: datetime | None, shift: int = 0) -> int | None:
    return None if moment is None else int(moment.timestamp()) + shift


def build_tree(planned: Plan, strict: bool = False) -> EngineQuery:
    """The whole plan for the engine: text, exclusions and dates; facet selections apart.

    `strict` requires every bare word whatever the request says (to learn whether any
    article has them all).
    """
    text = tree_of(planned.query, strict or planned.request.strict, dict(planned.word_weights))
    if (planned.optional_words or planned.cuts) and not strict:
        optional = tuple(_feedback_word(w, b) for w, b in planned.optional_words)
        cuts = tuple(Boost(Text(w, search_fields(w, "cut")), b) for w, b in planned.cuts)
        text = Bool(must=(text,), should=optional + cuts)
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
