"""The HTML pages through the Flask test client: search, facets, timeline, article."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from flask.testing import FlaskClient

from indexer.search.fields import FACETS
from webapp.security import CONTENT_SECURITY_POLICY


def _html(client: FlaskClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.data[:500]
    return response.get_data(as_text=True)


def _hrefs(html: str, css_class: str) -> list[str]:
    pattern = rf'class="{css_class}"[^>]*href="([^"]*)"|href="([^"]*)"[^>]*class="{css_class}"'
    return [unescape(a or b) for a, b in re.findall(pattern, html)]


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_search_page_lists_hits_with_highlights(client: FlaskClient) -> None:
    html = _html(client, "/?q=ferry+OR+train")
    assert 'value="ferry OR train"' in html
    assert html.count('<li class="hit"') == 10  # a full first page
    assert "<mark>ferry</mark>" in html.lower() or "<mark>ferries</mark>" in html.lower()
    assert 'rel="next"' in html
    for facet in FACETS:
        assert f'data-facet="{facet}"' in html


def test_empty_query_lists_everything_and_says_so(client: FlaskClient) -> None:
    html = _html(client, "/")
    total = int(re.search(r'data-total="(\d+)"', html).group(1))  # type: ignore[union-attr]
    assert total == client.get("/api/search").json["total"]  # type: ignore[index]
    assert _html(client, "/?q=zzzznothing").count("No articles match") == 1


def test_facet_links_toggle_and_exclude(client: FlaskClient) -> None:
    html = _html(client, "/?q=ferry&person=Marta+Keller")
    toggles = _hrefs(html, "facet-toggle")
    selected = [href for href in toggles if "person" not in _query(href)]
    assert selected, "the selected value's link unselects it"
    widened = [href for href in toggles if _query(href).get("person", []) == ["Marta Keller"]]
    assert any("location" in _query(href) for href in widened)
    excludes = _hrefs(html, "facet-exclude")
    assert any(_query(href).get("not_location") == ["Eastvale"] for href in excludes)
    assert all(_query(href).get("q") == ["ferry"] for href in toggles + excludes)


def test_selected_value_outside_the_top_values_is_still_shown(client: FlaskClient) -> None:
    html = _html(client, "/?facet_size=1&person=Jonas+Berg")
    assert 'data-value="Jonas Berg"' in html
    assert 'aria-checked="true"' in html


def test_chips_remove_one_filter_each(client: FlaskClient) -> None:
    url = "/?q=ferry&person=Marta+Keller&not_location=Eastvale&from=2021-01-01&to=2023-12-31"
    html = _html(client, url)
    removes = _hrefs(html, "chip-remove")
    assert len(removes) == 3
    assert {frozenset(_query(href)) for href in removes} == {
        frozenset({"q", "not_location", "from", "to"}),
        frozenset({"q", "person", "from", "to"}),
        frozenset({"q", "person", "not_location"}),
    }
    assert "Clear all" in html


def test_more_expands_one_facet(client: FlaskClient) -> None:
    html = _html(client, "/?facet_size=2")
    more = _hrefs(html, "facet-more")
    assert any(_query(href).get("expand") == ["person"] for href in more)
    expanded = _html(client, "/?facet_size=2&expand=person")
    people = expanded.split('data-facet="person"')[1].split("</section>")[0]
    places = expanded.split('data-facet="location"')[1].split("</section>")[0]
    assert people.count('class="facet-row') > 2
    assert places.count('class="facet-row') == 2
    assert "Fewer" in people


@pytest.mark.parametrize("query", ["ferry", '"ferry" <&>'])
def test_timeline_is_svg_with_links_to_date_ranges(client: FlaskClient, query: str) -> None:
    html = _html(client, "/?" + urlencode({"q": query}))
    assert "<svg" in html and "<&>" not in html
    bars = re.findall(r'<a href="([^"]*)" class="bar" data-from="([^"]*)" data-to="([^"]*)"', html)
    assert len(bars) > 3
    for href, date_from, date_to in bars:
        params = _query(unescape(href))
        assert params["from"] == [date_from] and params["to"] == [date_to]
        assert params["q"] == [query]
        assert date_from <= date_to
    assert 'name="from"' in html and 'form="search-form"' in html


def test_paging_and_sort_links(client: FlaskClient) -> None:
    html = _html(client, "/?page=2")
    assert 'aria-current="page">2<' in html
    assert 'start="11"' in html
    newest = _html(client, "/?sort=newest")
    dates = re.findall(r'<time datetime="([^"]*)"', newest)
    assert dates == sorted(dates, reverse=True)


def test_page_past_the_end_is_friendly(client: FlaskClient) -> None:
    html = _html(client, "/?q=ferry&page=50")
    assert "past the last result" in html


def test_article_page_marks_entities_and_links_them(client: FlaskClient) -> None:
    hit = client.get('/api/search?q="harbour library"').json["hits"][0]  # type: ignore[index]
    html = _html(client, f"/articles/{hit['id']}")
    assert re.search(
        r'<a class="ent ent-person" href="/\?person=Marta\+Keller"[^>]*>Marta Keller</a>', html
    )
    assert '<time datetime="2023-01-16"' in html
    assert 'class="entity-link" data-type="organization">Baltic Energy Agency<' in html
    assert 'href="https://harbour-gazette.example/story/6"' in html
    assert "date from html:meta" in html


def test_article_page_shows_boilerplate_behind_a_toggle(client: FlaskClient) -> None:
    hit = client.get('/api/search?q="ferry timetable"').json["hits"][0]  # type: ignore[index]
    html = _html(client, f"/articles/{hit['id']}")
    details = html.split('<details class="boilerplate">')[1].split("</details>")[0]
    assert "Subscribe now" in details
    assert "Subscribe now" not in html.split('<div class="body">')[1].split("</div>")[0]


def test_article_page_lists_other_language_segments(client: FlaskClient) -> None:
    hit = client.get("/api/search?q=Сорокин").json["hits"][0]  # type: ignore[index]
    html = _html(client, f"/articles/{hit['id']}")
    assert "Passages in other languages" in html
    assert '<p lang="en" dir="auto">The agency also published' in html


def test_unknown_article_is_a_friendly_404(client: FlaskClient) -> None:
    html = _html(client, "/articles/doesnotexist", status=404)
    assert "no article with id" in html


def test_every_response_carries_the_security_headers(client: FlaskClient) -> None:
    for url in ("/", "/articles/nope", "/?page=-1", "/api/search", "/healthz", "/static/app.js"):
        with client.get(url) as response:
            assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
            assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY


def test_serve_binds_loopback_by_default() -> None:
    from newsdesk.cli import build_parser

    for command in ("serve", "demo"):
        assert build_parser().parse_args([command]).host == "127.0.0.1"
