"""Hostile article text, titles, URLs and entity names must come out as inert text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from flask.testing import FlaskClient

from webapp.filters import http_url, snippet_html

HOSTILE_IDS = ("hostile0000000001", "hostile0000000002", "hostile0000000003")
# Every tag our templates write; anything else in a page came from data.
OUR_TAGS = {
    "html", "head", "meta", "title", "link", "script", "body", "header", "a", "form", "input",
    "button", "p", "span", "code", "main", "label", "aside", "section", "h1", "h2", "h3", "ul",
    "li", "ol", "div", "strong", "q", "nav", "figure", "figcaption", "svg", "rect", "time",
    "mark", "footer", "article", "details", "summary", "pre", "dl", "dt", "dd", "br", "em",
}  # fmt: skip


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _assert_inert(html: str) -> None:
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag in OUR_TAGS, f"unexpected <{tag}> reached the page"
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler attribute {name}={value!r}"
            if name in ("href", "src", "action"):
                scheme = (value or "").strip().lower()
                assert not scheme.startswith(("javascript:", "data:", "vbscript:")), value
        if tag == "script":
            assert dict(attrs).get("src", "").startswith("/static/"), "inline script"


@pytest.mark.parametrize(
    "url",
    [
        "/?q=payload",
        "/?q=payload&sort=newest",
        "/?organization=<img src=x onerror=alert('facet')>",
        "/?location=javascript:alert('location')",
        "/?q=<script>alert(1)</script>",
        '/?q="><svg onload=alert(1)>&page=-1',
        "/?language=\"><script>alert('lang')</script>",
        *(f"/articles/{article_id}" for article_id in HOSTILE_IDS),
        # The query's words marked in hostile text, and a hostile query on the article page.
        *(f"/articles/{article_id}?q=script+img+harbour" for article_id in HOSTILE_IDS),
        '/articles/hostile0000000001?q="><script>alert(1)</script>',
        "/?q=<img src=x onerror=alert(1)> harbur",  # a suggestion built from hostile text
    ],
)
def test_pages_with_hostile_data_hold_only_our_markup(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (200, 400)
    _assert_inert(response.get_data(as_text=True))


def test_hostile_title_is_shown_as_text(client: FlaskClient) -> None:
    html = client.get("/articles/hostile0000000001").get_data(as_text=True)
    assert "Harbour &lt;script&gt;window.__pwned=1;alert(&#39;title&#39;)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html  # data is never evaluated as a template


def test_unsafe_urls_are_not_links(client: FlaskClient) -> None:
    for article_id in HOSTILE_IDS:
        html = client.get(f"/articles/{article_id}").get_data(as_text=True)
        assert 'class="unsafe-url"' in html


def test_api_returns_hostile_text_verbatim_as_json(client: FlaskClient) -> None:
    response = client.get("/api/articles/hostile0000000001")
    assert response.content_type == "application/json"
    assert "<script>" in response.json["title"]  # type: ignore[index]


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a?b=c", "https://example.org/a?b=c"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        (" JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//example.org/protocol-relative", None),
        ("https:///no-host", None),
        ("http://[broken", None),
        ("", None),
        (None, None),
    ],
)
def test_only_http_urls_become_links(url: str | None, safe: str | None) -> None:
    assert http_url(url) == safe


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("a <mark>b</mark> c", "a <mark>b</mark> c"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)>"),
        ("<mark onclick=x>b</mark>", "&lt;mark onclick=x>b</mark>"),
        ("&lt;script&gt;", "&lt;script&gt;"),
    ],
)
def test_snippets_can_hold_nothing_but_mark(snippet: str, expected: str) -> None:
    assert str(snippet_html(snippet)) == expected
