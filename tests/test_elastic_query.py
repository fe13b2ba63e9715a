"""The Elasticsearch query builder, checked on its output: a pure function of the request."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from indexer.errors import BadQuery
from indexer.search.base import SearchRequest
from indexer.search.elastic_query import (
    ALL_WORDS,
    SEARCH_FIELDS,
    build_body,
    compile_node,
    feedback_body,
    histogram_body,
    scan_body,
    search_fields,
    sort_clause,
)
from indexer.search.fields import FACETS, RANKED_HEADLINE_WEIGHT, RANKED_LEAD_WEIGHT
from indexer.search.plan import plan
from indexer.search.query_syntax import MAX_QUERY_CHARS, parse_query
from tests.test_mappings import PROPERTIES


def _walk(node: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _mapped(field: str) -> bool:
    name, _, sub = field.partition("^")[0].partition(".")
    return name in PROPERTIES and (not sub or sub in PROPERTIES[name].get("fields", {}))


@pytest.mark.parametrize(
    ("query", "stemmed"),
    [("harbour", ["en"]), ("гавань", ["ru"]), ("2024", ["en", "ru"])],
)
def test_words_search_title_and_body_through_the_stemmer_of_their_letters(
    query: str, stemmed: list[str]
) -> None:
    fields = compile_node(parse_query(query))["multi_match"]["fields"]
    assert fields == [
        *("title^0.5", *(f"title.{lang}" for lang in stemmed)),
        *("body^0.5", *(f"body.{lang}" for lang in stemmed)),
    ]


def test_boilerplate_is_never_searched() -> None:
    assert not any(field.startswith("boilerplate") for field in SEARCH_FIELDS)


def test_phrase_exclusion_or_prefix() -> None:
    node = compile_node(parse_query('"key rate" -bank OR infla*'))
    left, right = node["bool"]["should"]
    assert left["bool"]["must"][0]["multi_match"]["query"] == "key rate"
    assert left["bool"]["must_not"][0]["multi_match"]["query"] == "bank"
    assert right == {
        "bool": {
            "should": [
                {"prefix": {"title": {"value": "infla", "boost": 1.0}}},
                {"prefix": {"body": {"value": "infla", "boost": 1.0}}},
            ],
            "minimum_should_match": 1,
        }
    }
    assert node["bool"]["minimum_should_match"] == 1


@pytest.mark.parametrize(
    "query", ["title:secret", "body:x AND y~2", "a\\ b", "title:(a OR b)", "fo?o"]
)
def test_user_text_never_reaches_a_query_parser(query: str) -> None:
    body = build_body(plan(SearchRequest(query=query)))
    keys = {key for key, _ in _walk(body)}
    assert not keys & {"query_string", "simple_query_string", "regexp", "wildcard"}
    assert all(_mapped(field) for field in SEARCH_FIELDS)


def test_selections_filter_hits_but_each_facet_ignores_its_own() -> None:
    req = SearchRequest(filters={"source": ("Wire",), "location": ("Oslo", "Bergen")})
    body = build_body(plan(req))
    assert body["post_filter"] == {
        "bool": {
            "filter": [{"terms": {"source": ["Wire"]}}, {"terms": {"location": ["Oslo", "Bergen"]}}]
        }
    }
    assert body["aggs"]["without_source"]["filter"] == {
        "bool": {"filter": [{"terms": {"location": ["Oslo", "Bergen"]}}]}
    }
    assert body["aggs"]["without_location"]["filter"] == {
        "bool": {"filter": [{"terms": {"source": ["Wire"]}}]}
    }
    assert body["aggs"]["counts"]["filter"] == body["post_filter"]
    assert body["aggs"]["counts"]["aggs"]["language"] == {
        "terms": {"field": "language", "size": 10}
    }
    counted = [name for group in body["aggs"].values() for name in group["aggs"]]
    assert sorted(counted) == sorted([*FACETS, "first_published", "last_published", "histogram"])


def test_exclusions_and_dates_apply_to_hits_and_counts() -> None:
    req = SearchRequest(
        excludes={"person": ("Ann",)}, date_from=date(2024, 3, 1), date_to=date(2024, 3, 8)
    )
    query = build_body(plan(req))["query"]["bool"]
    assert query["must_not"] == [{"terms": {"person": ["Ann"]}}]
    assert query["filter"] == [
        {"range": {"published_at": {"gte": "2024-03-01T00:00:00Z", "lt": "2024-03-09T00:00:00Z"}}}
    ]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("relevance", ["_score", {"id": "asc"}]),
        ("newest", [{"published_at": {"order": "desc", "missing": "_last"}}, {"id": "asc"}]),
        ("oldest", [{"published_at": {"order": "asc", "missing": "_last"}}, {"id": "asc"}]),
    ],
)
def test_sort(sort: str, expected: list[Any]) -> None:
    assert build_body(plan(SearchRequest(sort=sort)))["sort"] == expected  # type: ignore[arg-type]


def test_paging_totals_and_highlight() -> None:
    body = build_body(plan(SearchRequest(page=3, page_size=20)))
    assert (body["from"], body["size"], body["track_total_hits"]) == (40, 20, True)
    highlight = body["highlight"]
    assert highlight["encoder"] == "html"
    assert (highlight["pre_tags"], highlight["post_tags"]) == (["<mark>"], ["</mark>"])
    assert highlight["fields"]["body"]["matched_fields"] == ["body", "body.en", "body.ru"]


def test_histogram_and_scan_bodies() -> None:
    req = SearchRequest(query="rain", filters={"language": ("en",)})
    histogram = histogram_body(plan(req), "week")
    assert histogram["size"] == 0
    assert histogram["aggs"]["histogram"]["terms"]["field"] == "published_week"
    assert {"terms": {"language": ["en"]}} in histogram["query"]["bool"]["filter"][0]["bool"][
        "filter"
    ]
    scan = scan_body(plan(req), 500)
    assert scan["sort"][0] == {"published_at": {"order": "desc", "missing": "_last"}}
    assert (scan["size"], scan["_source"]) == (500, ["article"])


def test_pure_and_serialisable() -> None:
    req = SearchRequest(query='"a b" -c OR do*', filters={"source": ("S",)})
    assert build_body(plan(req)) == build_body(plan(req))
    json.dumps(build_body(plan(req)))


def test_bad_syntax_raises_before_any_request() -> None:
    with pytest.raises(BadQuery):
        build_body(plan(SearchRequest(query="x" * (MAX_QUERY_CHARS + 1))))


def test_three_bare_words_rank_with_a_bonus_per_word() -> None:
    body = build_body(plan(SearchRequest(query="harbour strike Rotterdam -museum")))
    text = body["query"]["bool"]["must"][0]["bool"]
    assert text["minimum_should_match"] == 1 and not text["must"]
    assert text["must_not"][0]["multi_match"]["query"] == "museum"
    words = [clause["bool"]["should"] for clause in text["should"]]
    assert [w[0]["multi_match"]["query"] for w in words] == ["harbour", "strike", "Rotterdam"]
    assert all(w[1]["constant_score"]["filter"] == w[0] for w in words)
    # Whether any article has every word: the same words, all required, over the selections.
    strict = body["aggs"][ALL_WORDS]["filter"]["bool"]["filter"][0]["bool"]
    assert [w["multi_match"]["query"] for w in strict["must"]] == ["harbour", "strike", "Rotterdam"]


def test_strict_and_short_queries_require_every_word() -> None:
    for req in (
        SearchRequest(query="harbour strike Rotterdam", strict=True),
        SearchRequest(query="harbour strike"),
    ):
        body = build_body(plan(req))
        text = body["query"]["bool"]["must"][0]["bool"]
        assert "should" not in text and len(text["must"]) == len(req.query.split())
        assert ALL_WORDS not in body["aggs"]


# Where a ranked word's headline match is scored: a real headline and a made one (the lead).
_HEADLINES = {
    language: [
        f"title.{language}^{RANKED_HEADLINE_WEIGHT:g}",
        f"lead.{language}^{RANKED_LEAD_WEIGHT:g}",
    ]
    for language in ("en", "ru")
}


def test_ranked_words_leave_function_words_out_but_never_all() -> None:
    body = build_body(plan(SearchRequest(query="the effects of Rotterdam strikes")))
    text = body["query"]["bool"]["must"][0]["bool"]
    words = [clause["bool"]["should"][0]["multi_match"] for clause in text["should"]]
    assert [w["query"] for w in words] == ["effects", "Rotterdam", "strikes"]
    # Headline and body as one text, through the stemmer of the word's letters only, as plain
    # BM25 scores a word; a real headline's own match adds a little, and so does a made one's
    # (the lead, which the title field does not hold).
    assert words[0]["fields"] == ["all_text.en", *_HEADLINES["en"]]
    # The strict check still asks for every word as typed.
    strict = body["aggs"][ALL_WORDS]["filter"]["bool"]["filter"][0]["bool"]
    assert len(strict["must"]) == 5
    only = build_body(plan(SearchRequest(query="to be or not")))["query"]["bool"]["must"][0]
    assert len(only["bool"]["should"]) == 4


def test_a_ranked_compound_scores_its_parts_and_earns_the_bonus_with_them_all() -> None:
    body = build_body(plan(SearchRequest(query="kuchemann's shock-sound x-15 waves")))
    text = body["query"]["bool"]["must"][0]["bool"]
    scored = [clause["bool"]["should"][0] for clause in text["should"]]
    bonus = [clause["bool"]["should"][1]["constant_score"]["filter"] for clause in text["should"]]
    # A possessive's "s" and the "x" of "x-15" are one letter: left out, as plain BM25 does.
    assert scored[0]["multi_match"]["query"] == "kuchemann"
    parts = [clause["multi_match"]["query"] for clause in scored[1]["bool"]["should"]]
    assert parts == ["shock", "sound"]
    assert bonus[1] == {"bool": {"must": scored[1]["bool"]["should"]}}
    assert scored[1]["bool"]["should"][0]["multi_match"]["fields"] == [
        "all_text.en",
        *_HEADLINES["en"],
    ]
    assert scored[2]["multi_match"]["query"] == "15"


@pytest.mark.parametrize(
    ("word", "looked_for_in"),
    [
        ("strikes", ["all_text.en", *_HEADLINES["en"]]),
        ("забастовка", ["all_text.ru", *_HEADLINES["ru"]]),
        ("1987", ["all_text.en", *_HEADLINES["en"]]),
        # Two tokens make a phrase, which the ranked field (word counts only) cannot answer.
        ("dock-workers", ["title.en", "body.en"]),
        ("2020-21", ["title", "body"]),
    ],
)
def test_where_a_ranked_word_is_looked_for(word: str, looked_for_in: list[str]) -> None:
    assert search_fields(word, "ranked") == looked_for_in


def test_feedback_words_only_reorder() -> None:
    planned = replace(
        plan(SearchRequest(query="harbour strike Rotterdam")), feedback=(("dock", 0.5),)
    )
    clause = build_body(planned)["query"]["bool"]
    assert clause["must"][0] == compile_node(planned.query)  # the match set as typed
    (word,) = clause["should"]
    assert word["multi_match"]["query"] == "dock" and word["multi_match"]["boost"] == 0.5
    first = feedback_body(planned, 10)
    assert first["size"] == 10 and first["_source"] == ["title", "body"]
    assert first["sort"] == sort_clause("relevance")
