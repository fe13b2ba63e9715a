"""Verbose questions: each ranked word weighed by its rarity against the question's other words.

A question pasted in full (a paragraph of twenty words and more) ranks by every one of its
words, and the common ones ("information", "systems", "use") add up to outweigh the few that
name its topic. BM25 counts a word's rarity once (its idf); key-concept studies of verbose
queries (Bendersky and Croft, SIGIR 2008) find that rarity is the strongest sign of a word
that matters. So from VERBOSE_MIN_WORDS ranked words on, each ranked word's clause is
multiplied by (its idf / the question's mean idf) ** IDF_POWER: rare words count more,
common ones less, and the question's weight as a whole stays about what it was.

The backends read the document frequencies from their own index (tantivy's term dictionary,
Elasticsearch's term statistics) and `with_weights` turns them into `Plan.word_weights`,
before the feedback pass, so both passes rank by the same weights.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace

from indexer.search.plan import Plan, ranked_parts, ranked_plain, ranks_words
from indexer.search.query_syntax import And, Node

# Tuned on CRAN, MED and CISI half A (bench/relevance_sweep.py --verbose-min-words
# --idf-power; Lenta's headlines have at most 13 words and never reach it), nDCG@10 CRAN /
# MED / CISI A, off 0.422 / 0.736 / 0.326: power 1 from 15 words 0.419 / 0.741 / 0.342, from
# 20 0.421 / 0.743 / 0.345, 25 0.422 / 0.738 / 0.346, 30 0.422 / 0.733 / 0.354, 40 0.422 /
# 0.733 / 0.331; from 9 words 0.411 / 0.734 / 0.338 (CRAN's questions of 9-19 words lose);
# at 20, power 0.75 0.422 / 0.746 / 0.346, 1.5 0.421 / 0.742 / 0.343, 2 0.421 / 0.742 / 0.335.
VERBOSE_MIN_WORDS = 20
IDF_POWER = 1.0

Weights = tuple[tuple[str, float], ...]  # (weight_key of a ranked word, its weight)


def weight_key(node: Node) -> str | None:
    """The key a ranked word's weight is kept under: its parts, lower-cased; None for a node
    that is not a word (its weight stays 1)."""
    parts = ranked_parts(node)
    return None if parts is None else " ".join(parts).casefold()


def word_weight(node: Node, weights: Mapping[str, float]) -> float:
    """A ranked word's weight in `weights` (Plan.word_weights as a mapping); 1 when unlisted."""
    return weights.get(weight_key(node) or "", 1.0)


def _verbose_words(planned: Plan) -> tuple[Node, ...]:
    """The ranked words of a verbose question; none for anything else."""
    query = planned.query
    if IDF_POWER == 0 or planned.request.sort != "relevance" or not isinstance(query, And):
        return ()
    if not ranks_words(query, planned.request.strict):
        return ()
    ranked = ranked_plain(query)
    return ranked if len(ranked) >= VERBOSE_MIN_WORDS else ()


def weighed_words(planned: Plan) -> tuple[str, ...]:
    """The words whose document frequencies `with_weights` needs (none: no weights)."""
    words = {part for node in _verbose_words(planned) for part in ranked_parts(node) or ()}
    return tuple(sorted(words))


def idf(doc_freq: int, num_docs: int) -> float:
    """BM25's idf, as tantivy and Lucene compute it."""
    return math.log(1 + (num_docs - doc_freq + 0.5) / (doc_freq + 0.5))


def with_weights(planned: Plan, doc_freqs: Mapping[str, int], num_docs: int) -> Plan:
    """The plan with a weight for each ranked word of a verbose question.

    `doc_freqs` maps each of `weighed_words(planned)` to the number of articles whose ranked
    text has it (a word missing counts as in none). A compound weighs as its rarest part.
    """
    rarity: dict[str, float] = {}
    for node in _verbose_words(planned):
        key, parts = weight_key(node), ranked_parts(node)
        if key is not None and parts:
            rarity[key] = max(idf(doc_freqs.get(part, 0), num_docs) for part in parts)
    if not rarity or num_docs <= 0:
        return planned
    keys = [weight_key(node) for node in _verbose_words(planned)]
    counted = [rarity[key] for key in keys if key in rarity]  # a repeated word counts again
    mean = sum(counted) / len(counted)
    if mean <= 0:
        return planned
    weights = tuple((key, (value / mean) ** IDF_POWER) for key, value in rarity.items())
    return replace(planned, word_weights=weights)
