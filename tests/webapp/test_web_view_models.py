"""The page-building pieces on their own: entity markup, timeline bars, links, params."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask

from indexer.errors import BadQuery
from indexer.search.base import Bucket, SearchRequest
from webapp import article_view, links
from webapp.filters import display_time
from webapp.params import EXPANDED_FACET_SIZE, export_request, page_state
from webapp.timeline import build_timeline


def _entity(body: str, text: str, type_: str = "person", canonical: str | None = None) -> dict:  # type: ignore[type-arg]
    start = body.index(text)
    return {"text": text, "start": start, "end": start + len(text), "type": type_,
            "canonical": canonical or text}  # fmt: skip


def test_entities_are_marked_and_everything_else_escaped(app: Flask) -> None:
    body = "Ann <b>met</b> Bob & Co in Rome.\nRome was sunny."
    record = {
        "body": body,
        "entities": [
            _entity(body, "Ann"),
            _entity(body, "Bob & Co", "organization"),
            _entity(body, "Rome", "location"),
        ],
    }
    with app.test_request_context():
        html = str(article_view.body_html(record))
    assert html.startswith(
        '<p dir="auto"><a class="ent ent-person" href="/?person=Ann" title="People: Ann">'
    )
    assert "&lt;b&gt;met&lt;/b&gt;" in html
    assert ">Bob &amp; Co</a>" in html
    assert html.count('<p dir="auto">') == 2
    assert html.count("ent-location") == 1  # the second Rome has no entity


@pytest.mark.parametrize(
    "bad",
    [
        {"text": "Ann", "start": 5, "end": 8, "type": "person", "canonical": "Ann"},  # wrong text
        {"text": "Ann", "start": -1, "end": 2, "type": "person", "canonical": "Ann"},
        {"text": "Ann", "start": 0, "end": 999, "type": "person", "canonical": "Ann"},
        {"text": "Ann", "start": "0", "end": 3, "type": "person", "canonical": "Ann"},
        {"text": "Ann", "start": 3, "end": 3, "type": "person", "canonical": "Ann"},
    ],
)
def test_entities_with_bad_offsets_are_left_unmarked(app: Flask, bad: dict) -> None:  # type: ignore[type-arg]
    record = {"body": "Ann went home.", "entities": [bad]}
    with app.test_request_context():
        assert str(article_view.body_html(record)) == '<p dir="auto">Ann went home.</p>'


def test_overlapping_and_cross_paragraph_spans_do_not_break_markup(app: Flask) -> None:
    body = "New York City\nends here"
    record = {
        "body": body,
        "entities": [
            {
                "text": "New York City",
                "start": 0,
                "end": 13,
                "type": "location",
                "canonical": "NYC",
            },
            {"text": "York", "start": 4, "end": 8, "type": "person", "canonical": "York"},
            {"text": "City\nends", "start": 9, "end": 18, "type": "misc", "canonical": "x"},
        ],
    }
    with app.test_request_context():
        html = str(article_view.body_html(record))
    assert html.count("<a ") == html.count("</a>") == 1
    assert html.endswith('<p dir="auto">ends here</p>')


def test_entity_groups_count_mentions_and_link_misc_as_phrase(app: Flask) -> None:
    body = "Ann and Ann met at Expo 2030."
    record = {
        "body": body,
        "entities": [
            {"text": "Ann", "start": 0, "end": 3, "type": "person", "canonical": "Ann Lee"},
            {"text": "Ann", "start": 8, "end": 11, "type": "person", "canonical": "Ann Lee"},
            _entity(body, "Expo 2030", "misc"),
        ],
    }
    with app.test_request_context():
        groups = article_view.entity_groups(record)
    assert [g.type for g in groups] == ["person", "misc"]
    assert groups[0].entries[0].mentions == 2
    assert parse_qs(urlsplit(groups[1].entries[0].url or "").query) == {"q": ['"Expo 2030"']}


def test_timeline_bars_link_to_their_ranges(app: Flask) -> None:
    buckets = [Bucket("2024-01-01", 3), Bucket("2024-02-01", 0), Bucket("2024-03-01", 6)]
    req = SearchRequest(query="x", date_from=date(2024, 1, 10), page=3)
    with app.test_request_context():
        timeline = build_timeline(buckets, "month", req)
    first, empty, last = timeline.bars
    assert (first.date_from, first.date_to) == (date(2024, 1, 10), date(2024, 1, 31))
    assert (last.date_from, last.date_to) == (date(2024, 3, 1), date(2024, 3, 31))
    assert last.height == timeline.height and empty.height == 0 and 0 < first.height < last.height
    assert parse_qs(urlsplit(last.url).query) == {
        "q": ["x"], "from": ["2024-03-01"], "to": ["2024-03-31"]
    }  # fmt: skip
    assert "from" not in parse_qs(urlsplit(timeline.base_url).query)


def test_timeline_never_links_an_inverted_range(app: Flask) -> None:
    # A bucket keyed by local date can sit one day past a UTC date filter.
    req = SearchRequest(date_from=date(2024, 2, 1), date_to=date(2024, 2, 29))
    with app.test_request_context():
        bar = build_timeline([Bucket("2024-03-01", 1)], "month", req).bars[0]
    assert bar.date_from <= bar.date_to


def test_links_reset_paging_and_toggle_values() -> None:
    req = SearchRequest(query="q", filters={"person": ("A",)}, page=4)
    added = links.toggled(req, "person", "B")
    assert added.filters == {"person": ("A", "B")} and added.page == 1
    assert links.toggled(added, "person", "A").filters == {"person": ("B",)}
    assert links.toggled(req, "person", "A").filters == {}
    excluded = links.excluded(req, "person", "A")
    assert excluded.filters == {} and excluded.excludes == {"person": ("A",)}
    assert links.excluded(excluded, "person", "A", on=False).excludes == {}
    assert links.cleared(excluded) == SearchRequest(query="q")


@pytest.mark.parametrize(
    "req",
    [
        SearchRequest(),
        SearchRequest(query="oil & gas", page=3),
        SearchRequest(
            query="Путин",
            filters={"person": ("A B", "C"), "language": ("ru",)},
            excludes={"location": ("X",), "person": ("D",)},
            date_from=date(2024, 1, 1),
            date_to=date(2024, 2, 1),
            sort="newest",
            page=2,
            page_size=20,
            facet_size=30,
            exact=True,
        ),
    ],
)
def test_row_and_bar_urls_equal_the_links_built_one_by_one(app: Flask, req: SearchRequest) -> None:
    # The factories encode the unchanged parts once; every URL must equal the slow path's.
    with app.test_request_context():
        for expand in (None, "person"):
            urls = links.facet_urls_factory(req, expand)
            for facet in ("person", "location", "language", "source"):
                for value in ("A B", "C", "D", "X", "ru", "a&b=c"):
                    assert urls(facet, value) == (
                        links.search_url(links.toggled(req, facet, value), expand),
                        links.search_url(links.excluded(req, facet, value), expand),
                    )
        over = links.search_url_factory(req)
        first, last = date(2023, 5, 1), date(2023, 5, 31)
        bar_url, dated_url = over(first, last), links.search_url(links.dated(req, first, last))
        assert urlsplit(bar_url).path == urlsplit(dated_url).path
        assert parse_qs(urlsplit(bar_url).query) == parse_qs(urlsplit(dated_url).query)


def test_page_state_expands_one_facet() -> None:
    state = page_state({"expand": ["person"], "q": ["x"]})
    assert state.backend_request().facet_size == EXPANDED_FACET_SIZE
    assert state.shown("person") == EXPANDED_FACET_SIZE and state.shown("source") == 10
    with pytest.raises(BadQuery):
        page_state({"expand": ["nonsense"]})


def test_export_request_reads_format_and_ignores_view_params() -> None:
    req, fmt = export_request({"format": ["JSONL"], "expand": ["person"], "q": ["x"]})
    assert (req.query, fmt) == ("x", "jsonl")
    with pytest.raises(BadQuery):
        export_request({"format": ["xlsx"]})


@pytest.mark.parametrize(
    ("stamp", "shown"),
    [
        ("2024-03-08T10:15:00+00:00", "8 Mar 2024, 10:15 UTC"),
        ("2024-03-08T10:15:00+03:00", "8 Mar 2024, 10:15 UTC+03:00"),
        ("2024-03-08", "8 Mar 2024"),
        ("2024-03-08T10:15:00", "8 Mar 2024, 10:15"),
        ("not a date", ""),
    ],
)
def test_display_time(stamp: str, shown: str) -> None:
    assert display_time(stamp) == shown
