"""A verbose question's ranked words weighed by rarity: pure functions, checked on their output."""

from __future__ import annotations

import pytest

from indexer.search.base import SearchRequest
from indexer.search.elastic_query import base_query
from indexer.search.elastic_weights import doc_freq_docs, read_doc_freqs
from indexer.search.embedded_query import build_tree
from indexer.search.plan import plan
from indexer.search.query_tree import Boost
from indexer.search.word_weights import (
    VERBOSE_MIN_WORDS,
    idf,
    weighed_words,
    weight_key,
    with_weights,
)

EVERYDAY = [f"everyday{i}" for i in range(VERBOSE_MIN_WORDS - 2)]
# A question of exactly VERBOSE_MIN_WORDS ranked words: everyday ones, a rare word and a
# compound whose one part is rare, with function words that do not count.
QUESTION = "what about the " + " ".join(EVERYDAY) + " of the glacier and ice-shelf"
DOC_FREQS = {**dict.fromkeys(EVERYDAY, 900), "glacier": 3, "ice": 400, "shelf": 5}


def _weights(query: str, doc_freqs: dict[str, int] = DOC_FREQS) -> dict[str, float]:
    planned = plan(SearchRequest(query=query))
    return dict(with_weights(planned, doc_freqs, 1000).word_weights)


def test_idf_is_lucenes_bm25_idf() -> None:
    assert idf(0, 1000) > idf(5, 1000) > idf(900, 1000) > 0
    assert idf(500, 1000) == pytest.approx(0.6931, abs=1e-3)


def test_rare_words_weigh_more_and_the_mean_stays_one() -> None:
    weights = _weights(QUESTION)
    assert weights["glacier"] > 1 > weights["everyday0"]
    # A compound weighs as its rarest part ("shelf"), and counts once.
    assert weights["ice shelf"] == pytest.approx(idf(5, 1000) / idf(3, 1000) * weights["glacier"])
    counted = [weights[word] for word in [*EVERYDAY, "glacier", "ice shelf"]]
    assert sum(counted) / len(counted) == pytest.approx(1.0)


def test_a_word_the_index_lacks_is_the_rarest() -> None:
    weights = _weights(QUESTION, {word: n for word, n in DOC_FREQS.items() if word != "glacier"})
    assert weights["glacier"] == max(weights.values())


def test_only_a_verbose_relevance_search_asks_for_frequencies() -> None:
    words = weighed_words(plan(SearchRequest(query=QUESTION)))
    assert set(words) == {*EVERYDAY, "glacier", "ice", "shelf"}
    shorter = QUESTION.replace("everyday0 ", "")
    assert weighed_words(plan(SearchRequest(query=shorter))) == ()
    assert weighed_words(plan(SearchRequest(query=QUESTION, sort="newest"))) == ()
    assert weighed_words(plan(SearchRequest(query=QUESTION, strict=True))) == ()
    assert _weights(shorter) == {}


def test_both_backends_multiply_a_ranked_word_by_its_weight() -> None:
    planned = plan(SearchRequest(query=QUESTION))
    weighed = with_weights(planned, DOC_FREQS, 1000)
    weights = dict(weighed.word_weights)
    tree = build_tree(weighed).query
    boosts = sorted(clause.boost for clause in tree.should if isinstance(clause, Boost))
    assert boosts == sorted(weights.values())
    assert not any(isinstance(c, Boost) for c in build_tree(planned).query.should)
    should = base_query(weighed)["bool"]["must"][0]["bool"]["should"]
    assert sorted(clause["bool"]["boost"] for clause in should) == pytest.approx(boosts)


def test_weight_keys_are_a_words_parts_lower_cased() -> None:
    query = plan(SearchRequest(query="Glacier ice-shelf melting")).query
    assert [weight_key(node) for node in query.plain] == ["glacier", "ice shelf", "melting"]


def test_elasticsearch_term_statistics_are_read_per_word() -> None:
    docs = doc_freq_docs(["glacier", "ледник"])
    assert [doc["fields"] for doc in docs] == [["all_text.en"], ["all_text.ru"]]
    answer = {
        "docs": [
            {
                "term_vectors": {
                    "all_text.en": {
                        "field_statistics": {"doc_count": 1000},
                        "terms": {"glacier": {"doc_freq": 3}},
                    }
                }
            },
            {"term_vectors": {}},  # a word no article has: no statistics at all
        ]
    }
    assert read_doc_freqs(answer, ["glacier", "ледник"]) == ({"glacier": 3, "ледник": 0}, 1000)
