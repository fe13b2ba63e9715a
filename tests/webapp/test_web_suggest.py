"""Did you mean, zero-hit hints, the relaxed notice and the query marked on the article page."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from flask import Flask, render_template
from flask.testing import FlaskClient

from indexer.search.base import SearchRequest, SearchResult, Suggestion
from webapp import article_view
from webapp.params import PageState
from webapp.search_page import build_page

HREF = re.compile(r'href="([^"]+)"')


def _links(html: str, css_class: str) -> list[dict[str, list[str]]]:
    """Query parameters of every link with `css_class`."""
    found = re.findall(rf'<a href="([^"]+)" class="{css_class}"', html)
    return [parse_qs(urlsplit(unquote(href.replace("&amp;", "&"))).query) for href in found]


def test_a_typo_gets_a_did_you_mean_link(client: FlaskClient) -> None:
    html = client.get("/?q=Lindenprot").get_data(as_text=True)
    assert "Did you mean" in html
    assert "<em>Lindenport</em>" in html
    assert _links(html, "suggestion")[0] == {"q": ["Lindenport"]}


def test_the_link_keeps_every_filter(client: FlaskClient) -> None:
    html = client.get("/?q=Lindenprot&source=harbour-gazette.example&sort=newest").get_data(
        as_text=True
    )
    (params, *_) = _links(html, "suggestion")
    assert params == {
        "q": ["Lindenport"],
        "source": ["harbour-gazette.example"],
        "sort": ["newest"],
    }


def test_cyrillic_typo(client: FlaskClient) -> None:
    html = client.get("/?q=Петрва").get_data(as_text=True)
    assert "<em>Петрова</em>" in html


def test_a_word_that_finds_plenty_gets_no_suggestion(client: FlaskClient) -> None:
    html = client.get("/?q=Lindenport").get_data(as_text=True)
    assert "did-you-mean" not in html


def test_zero_hits_under_a_filter_offers_the_search_without_it(client: FlaskClient) -> None:
    html = client.get("/?q=Keller&source=northern-wire.example").get_data(as_text=True)
    assert 'id="no-match"' in html
    (params,) = _links(html, "hint")
    assert params == {"q": ["Keller"]}
    assert "Search without the filters" in html


def test_zero_hits_for_a_phrase_offers_the_words_without_quotes(client: FlaskClient) -> None:
    html = client.get('/?q="ferry Lindenport"').get_data(as_text=True)
    assert "Search without quotes: ferry Lindenport" in html
    assert _links(html, "hint") == [{"q": ["ferry Lindenport"]}]


def test_zero_hits_with_nothing_to_offer_still_says_what_to_try(client: FlaskClient) -> None:
    html = client.get("/?q=zqxjvw").get_data(as_text=True)
    assert "No articles match" in html
    assert "Try fewer words" in html


def test_the_api_returns_suggestions_with_their_totals(client: FlaskClient) -> None:
    body = client.get("/api/search?q=Lindenprot").json
    assert body is not None and body["total"] == 0
    (first, *_) = body["suggestions"]
    assert first["query"] == "Lindenport"
    assert first["corrections"] == [{"typed": "lindenprot", "suggested": "lindenport"}]
    assert first["total"] > 0
    assert client.get("/api/search?q=Lindenport").json["suggestions"] == []  # type: ignore[index]


def test_strict_is_a_known_parameter(client: FlaskClient) -> None:
    assert client.get("/?q=ferry+Lindenport+council&strict=1").status_code == 200
    assert client.get("/?q=ferry&strict=maybe").status_code == 400


def test_relaxed_page_says_so_and_links_the_strict_search(app: Flask) -> None:
    req = SearchRequest(
        query="ferry mayor storm rail", filters={"source": ("northern-wire.example",)}
    )
    result = SearchResult(total=2, hits=[], facets={}, histogram=[], relaxed=True, all_words=4)
    with app.test_request_context("/"):
        page = build_page(PageState(req), result)
        html = render_template("search.html", page=page, max_query_chars=1000, saved_query="")
    assert "No article has all 4 words; showing those that match most." in html
    (href,) = re.findall(r'<a href="([^"]+)" id="strict-search"', html)
    params = parse_qs(urlsplit(href.replace("&amp;", "&")).query)
    assert params == {
        "q": ["ferry mayor storm rail"],
        "source": ["northern-wire.example"],
        "strict": ["1"],
    }


def test_suggested_queries_are_escaped(app: Flask) -> None:
    typed = "<img src=x onerror=alert(1)> Lindenprot"
    suggestion = Suggestion(
        "<img src=x onerror=alert(1)> Lindenport", (("lindenprot", "lindenport"),), 3
    )
    result = SearchResult(total=0, hits=[], facets={}, histogram=[], suggestions=[suggestion])
    with app.test_request_context("/"):
        page = build_page(PageState(SearchRequest(query=typed)), result)
        html = render_template("search.html", page=page, max_query_chars=1000, saved_query="")
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; <em>Lindenport</em>" in html


def test_hit_links_carry_the_query_to_the_first_match(client: FlaskClient) -> None:
    html = client.get("/?q=ferry").get_data(as_text=True)
    hrefs = [h for h in HREF.findall(html) if h.startswith("/articles/")]
    assert hrefs and all(h.endswith("?q=ferry#first-match") for h in hrefs)


def _article_id(client: FlaskClient, query: str) -> str:
    body = client.get(f"/api/search?q={query}").json
    assert body is not None
    return str(body["hits"][0]["id"])


def test_the_article_page_marks_the_query_words(client: FlaskClient) -> None:
    article_id = _article_id(client, '"new ferry timetable"')
    html = client.get(f"/articles/{article_id}?q=ferries+Lindenport").get_data(as_text=True)
    body = html.split('<div class="body">', 1)[1]
    assert body.count('id="first-match"') == 1
    first = re.search(r'<mark class="hit" id="first-match">([^<]+)</mark>', body)
    assert first and first.group(1) == "ferries"  # the stemmed form of the query word
    # Inside an entity's link too, and in the title; the anchor is in the body only.
    assert '<mark class="hit">Lindenport</mark></a>' in body
    assert '<h1 dir="auto">Harbour Council approves new <mark class="hit">ferry</mark>' in html
    assert 'href="/?q=ferries+Lindenport" id="back-to-search"' in html


def test_the_article_page_without_a_query_marks_nothing(client: FlaskClient) -> None:
    article_id = _article_id(client, '"new ferry timetable"')
    for url in (f"/articles/{article_id}", f'/articles/{article_id}?q="unclosed'):
        html = client.get(url).get_data(as_text=True)
        assert 'class="hit"' not in html


@pytest.mark.parametrize("query", ["script harbour", "<script>alert(1)</script>", "img onerror"])
def test_marks_on_hostile_articles_stay_escaped(client: FlaskClient, query: str) -> None:
    html = client.get("/articles/hostile0000000001", query_string={"q": query}).get_data(
        as_text=True
    )
    assert "<script>window" not in html and "<img" not in html
    assert '<mark class="hit" id="first-match">' in html


def test_body_marks_around_entities_are_escaped(app: Flask) -> None:
    body = "Ann <b>met</b> Bob & Co.\nBob met Ann."
    start = body.index("Bob & Co")
    entity = {"text": "Bob & Co", "start": start, "end": start + 8, "type": "organization",
              "canonical": "Bob & Co"}  # fmt: skip
    with app.test_request_context():
        html = str(article_view.body_html({"body": body, "entities": [entity]}, ["bob", "b"]))
    assert html.startswith(
        '<p dir="auto">Ann &lt;<mark class="hit" id="first-match">b</mark>&gt;met'
        '&lt;/<mark class="hit">b</mark>&gt; '
    )
    assert '><mark class="hit">Bob</mark> &amp; Co</a>' in html


def test_a_typo_under_a_filter_offers_the_corrected_words_without_it(
    client: FlaskClient,
) -> None:
    html = client.get("/?q=Lindenprot+ferri&source=northern-wire.example").get_data(as_text=True)
    assert "Search Lindenport ferri without the filters" in html
    assert {"q": ["Lindenport ferri"]} in _links(html, "hint")
