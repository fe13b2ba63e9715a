"""The search page in a real browser: query, facets, exclusions, timeline, dates, export."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

Shot = Callable[[Page, str], Path]


def _params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def _total(page: Page) -> int:
    return int(page.locator("#total").get_attribute("data-total") or "-1")


def _facet_row(page: Page, facet: str, value: str):  # type: ignore[no-untyped-def]
    panel = page.locator(f'.facet[data-facet="{facet}"]')
    return panel.locator(".facet-row").filter(has=page.locator(f'[data-value="{value}"]'))


def _count_of(page: Page, facet: str, value: str) -> int:
    return int(_facet_row(page, facet, value).locator(".count").inner_text().replace(",", ""))


def test_search_shows_highlighted_results(
    page: Page, live_server: str, dialogs: list[str], screenshot: Shot
) -> None:
    page.goto(live_server + "/")
    page.fill("input[name=q]", "ferry")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"q=ferry"))
    assert _params(page) == {"q": ["ferry"]}, "empty fields stay out of the URL"
    assert _total(page) >= 3
    first = page.locator(".hit").first
    expect(first.locator("mark").first).to_have_text(re.compile("ferr", re.I))
    expect(first.locator(".meta .lang")).to_have_text(re.compile(r"^(en|ru|de)$"))
    expect(first.locator(".meta time")).to_be_visible()
    screenshot(page, "search-desktop")
    assert dialogs == []


def test_facet_click_filters_and_updates_counts(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    everything = _total(page)
    keller = _count_of(page, "person", "Marta Keller")
    berg = _count_of(page, "person", "Jonas Berg")
    _facet_row(page, "person", "Marta Keller").locator(".facet-toggle").click()
    page.wait_for_url(re.compile(r"person=Marta\+Keller"))
    assert _params(page)["person"] == ["Marta Keller"]
    assert _total(page) == keller < everything
    toggle = _facet_row(page, "person", "Marta Keller").locator(".facet-toggle")
    expect(toggle).to_have_attribute("aria-checked", "true")
    expect(page.locator(".chip-filter")).to_contain_text("Marta Keller")
    # Another person in the same facet widens the search (OR); counts of the facet
    # itself are not narrowed by its own selection.
    assert _count_of(page, "person", "Jonas Berg") == berg
    _facet_row(page, "person", "Jonas Berg").locator(".facet-toggle").click()
    page.wait_for_url(re.compile(r"person=Jonas\+Berg"))
    assert sorted(_params(page)["person"]) == ["Jonas Berg", "Marta Keller"]
    assert _total(page) == keller + berg  # they never appear in the same test article
    # A second facet narrows (AND).
    language_count = _count_of(page, "language", "ru")
    _facet_row(page, "language", "ru").locator(".facet-toggle").click()
    page.wait_for_url(re.compile(r"language=ru"))
    assert _total(page) == language_count < keller + berg


def test_exclude_a_value(page: Page, live_server: str) -> None:
    page.goto(live_server + "/?q=ferry")
    before = _total(page)
    row = _facet_row(page, "location", "Eastvale")
    eastvale = int(row.locator(".count").inner_text())
    row.hover()
    row.locator(".facet-exclude").click()
    page.wait_for_url(re.compile(r"not_location=Eastvale"))
    assert _total(page) == before - eastvale
    expect(page.locator(".chip-exclude")).to_contain_text("Eastvale")
    expect(_facet_row(page, "location", "Eastvale")).to_have_count(0)
    page.locator(".chip-exclude .chip-remove").click()
    page.wait_for_url(lambda url: "not_location" not in url)
    assert _total(page) == before


def _bar_counts(page: Page) -> list[int]:
    labels = page.locator(".chart a.bar").evaluate_all(
        "bars => bars.map(b => b.getAttribute('aria-label'))"
    )
    return [int(label.rsplit(":", 1)[1]) for label in labels]


def test_brushing_the_timeline_narrows_dates(
    page: Page, live_server: str, screenshot: Shot
) -> None:
    page.goto(live_server + "/")
    bars = page.locator(".chart a.bar")
    counts = _bar_counts(page)
    assert len(counts) >= 6 and sum(counts) > 0
    first, last = 1, len(counts) - 2
    start = bars.nth(first).locator(".slot").bounding_box()
    end = bars.nth(last).locator(".slot").bounding_box()
    assert start and end
    y = start["y"] + start["height"] / 2
    page.mouse.move(start["x"] + start["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, y, steps=8)
    screenshot(page, "timeline-brushing")
    expected_from = bars.nth(first).get_attribute("data-from")
    expected_to = bars.nth(last).get_attribute("data-to")
    page.mouse.up()
    page.wait_for_url(re.compile(r"from="))
    assert _params(page)["from"] == [expected_from]
    assert _params(page)["to"] == [expected_to]
    assert _total(page) == sum(counts[first : last + 1])
    expect(page.locator(".chip-date")).to_be_visible()
    expect(page.locator("input[name=from]")).to_have_value(expected_from or "")


def test_clicking_a_bar_narrows_to_its_range(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    counts = _bar_counts(page)
    busiest = counts.index(max(counts))
    bar = page.locator(".chart a.bar").nth(busiest)
    expected = (bar.get_attribute("data-from"), bar.get_attribute("data-to"))
    bar.locator(".slot").click()
    page.wait_for_url(re.compile(r"from="))
    assert (_params(page)["from"][0], _params(page)["to"][0]) == expected
    assert _total(page) == counts[busiest]


def test_date_inputs_keep_query_and_filters(page: Page, live_server: str) -> None:
    page.goto(live_server + "/?q=ferry&source=harbour-gazette.example")
    page.fill("input[name=from]", "2022-01-01")
    page.fill("input[name=to]", "2023-12-31")
    page.click("text=Apply dates")
    page.wait_for_url(re.compile(r"from=2022-01-01"))
    params = _params(page)
    assert params["q"] == ["ferry"]
    assert params["source"] == ["harbour-gazette.example"]
    assert params["to"] == ["2023-12-31"]
    for stamp in page.locator(".hit time").evaluate_all("ts => ts.map(t => t.dateTime)"):
        assert "2022-01-01" <= stamp[:10] <= "2023-12-31"


def test_back_button_restores_state(page: Page, live_server: str) -> None:
    page.goto(live_server + "/?q=ferry")
    total = _total(page)
    _facet_row(page, "person", "Marta Keller").locator(".facet-toggle").click()
    page.wait_for_url(re.compile(r"person="))
    page.click(".sort >> text=Newest")
    page.wait_for_url(re.compile(r"sort=newest"))
    page.go_back()
    page.wait_for_url(lambda url: "sort=" not in url and "person=" in url)
    toggle = _facet_row(page, "person", "Marta Keller").locator(".facet-toggle")
    expect(toggle).to_have_attribute("aria-checked", "true")
    page.go_back()
    page.wait_for_url(lambda url: "person=" not in url)
    assert _total(page) == total
    expect(page.locator("input[name=q]")).to_have_value("ferry")
    # A page restored from the back/forward cache still submits every field.
    page.fill("input[name=q]", "train")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"q=train"))
    page.go_back()
    page.wait_for_url(re.compile(r"q=ferry"))
    page.fill("input[name=from]", "2022-01-01")
    page.click("text=Apply dates")
    page.wait_for_url(re.compile(r"from=2022-01-01"))


def test_csv_download_holds_every_match(page: Page, live_server: str) -> None:
    page.goto(live_server + "/?q=ferry OR train")
    total = _total(page)
    with page.expect_download() as info:
        page.click("#export-csv")
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    path = download.path()
    assert path is not None
    rows = list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8"))))
    assert len(rows) == total > 10  # more than one page of results
    assert all(row["id"] and row["title"] for row in rows)


def test_phone_layout_hides_filters_behind_a_toggle(
    phone_page: Page, live_server: str, screenshot: Shot
) -> None:
    phone_page.goto(live_server + "/?q=ferry&person=Marta+Keller")
    facets = phone_page.locator(".facets")
    expect(facets).to_be_hidden()
    expect(phone_page.locator(".hit").first).to_be_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "nothing may overflow sideways on a phone"
    screenshot(phone_page, "search-phone")
    phone_page.click("text=Filters")
    expect(facets).to_be_visible()
    screenshot(phone_page, "search-phone-filters")


def test_basics_work_without_javascript(browser: Browser, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server + "/")
        page.fill("input[name=q]", "ferry")
        page.click(".searchbox button")
        page.wait_for_url(re.compile(r"q=ferry"))
        _facet_row(page, "person", "Marta Keller").locator(".facet-toggle").click()
        page.wait_for_url(re.compile(r"person=Marta\+Keller"))
        page.locator(".chart a.bar .slot").first.click()
        page.wait_for_url(re.compile(r"from=\d{4}-\d\d-\d\d&to="))
        assert _params(page)["person"] == ["Marta Keller"]
        assert _total(page) >= 1
        page.locator(".hit h3 a").first.click()
        page.wait_for_url(re.compile(r"/articles/"))
        page.locator("details.boilerplate summary, .entity-link").first.click()
    finally:
        context.close()
