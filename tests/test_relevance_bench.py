"""The relevance benchmark reads every collection whole and scores rankings correctly."""

from __future__ import annotations

import pytest

from bench.relevance import half_of, ndcg, query_half, score
from bench.relevance_data import COLLECTIONS, RELEVANCE, Collection, Doc, keywords
from bench.relevance_split import causes, quarters
from tests.shared_data import require


@pytest.mark.parametrize(
    ("name", "docs", "queries", "judged"),
    [
        ("cisi", 1460, 112, 76),
        ("cran", 1400, 225, 225),
        ("med", 1033, 30, 30),
        ("npl", 11429, 93, 93),
        ("lenta-keywords", 676, 676, 676),
    ],
)
def test_collections_read_whole(name: str, docs: int, queries: int, judged: int) -> None:
    require(RELEVANCE)
    collection = COLLECTIONS[name]()
    assert len(collection.docs) == docs and len(collection.queries) == queries
    assert sum(1 for q in collection.queries if collection.qrels.get(q)) == judged
    assert all(doc.text for doc in collection.docs[:50])
    ids = {doc.id for doc in collection.docs}
    assert all(set(relevant) <= ids for relevant in collection.qrels.values())


def test_scores_follow_the_judgments() -> None:
    assert ndcg(["a", "b"], {"a": 1}) == 1.0
    assert ndcg(["b", "a"], {"a": 1}) == pytest.approx(1 / 1.5849625)
    assert ndcg(["b", "a"], {"a": 3, "b": 1}) < ndcg(["a", "b"], {"a": 3, "b": 1})
    collection = Collection(
        "t", [Doc("a", None, "x"), Doc("b", None, "y")], {"1": "x", "2": "z"}, {"1": {"a": 1}}
    )
    scores = score({"1": ["b", "a"], "2": []}, collection)
    assert scores.mrr10 == 0.5 and scores.recall100 == 1.0
    assert scores.zero_hits == 1 and scores.queries == 1  # query 2 is unjudged, yet counted


def test_keywords_are_the_longest_words_in_their_order() -> None:
    assert keywords("В Перми задержали преподавателя техникума") == (
        "задержали преподавателя техникума"
    )


def test_halves_split_the_queries_by_a_stable_rule() -> None:
    collection = Collection(
        "lenta-keywords",
        [Doc(f"2014080{i}", None, "текст") for i in range(8)],
        {f"2014080{i}": "запрос" for i in range(8)},
        {f"2014080{i}": {f"2014080{i}": 1} for i in range(8)},
    )
    a, b = half_of(collection, "A"), half_of(collection, "B")
    assert set(a.queries) | set(b.queries) == set(collection.queries)
    assert not set(a.queries) & set(b.queries)
    assert a.docs == b.docs == collection.docs  # every article stays indexed
    assert all(query_half(q) == "A" for q in a.queries)
    assert query_half("20140801") == query_half("20140801")


def test_quarters_split_by_the_signal_in_nearly_equal_groups() -> None:
    signal = {str(i): float(10 - i) for i in range(10)}
    groups = quarters(list(signal), signal)
    assert [len(g) for g in groups] == [2, 3, 3, 2]
    assert groups[0] == ["9", "8"] and sum(groups, []) == sorted(signal, key=signal.__getitem__)


@pytest.mark.parametrize(
    ("switched_off", "words", "expected"),
    [
        ({"no-headline": 0.9}, 12, ("headline",)),
        ({"no-lead": 0.7, "no-feedback": 0.8}, 12, ("lead", "feedback")),
        ({"no-bonus": 0.6}, 12, ("base score",)),  # less than half the gap won back
        ({}, 2, ("two words",)),
    ],
)
def test_a_loss_is_put_down_to_the_components_that_win_it_back(
    switched_off: dict[str, float], words: int, expected: tuple[str, ...]
) -> None:
    row = {"ours": 0.5, "bm25s": 0.8, "words": float(words)}
    row |= {f"no-{c}": 0.5 for c in ("headline", "lead", "bonus", "feedback")} | switched_off
    assert causes(row) == expected
