"""Articles carrying script payloads in every field: nothing may run, nothing may be blocked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

Shot = Callable[[Page, str], Path]
HOSTILE_IDS = ("hostile0000000001", "hostile0000000002", "hostile0000000003")


def _assert_inert(page: Page, dialogs: list[str]) -> None:
    assert dialogs == [], f"a payload opened a dialog: {dialogs}"
    assert page.evaluate("window.__pwned") is None, "a payload ran"
    # Escaping alone must stop the payloads; the CSP is only a second line.
    assert page.evaluate("window.__cspViolations") == []


def test_payloads_in_results_and_facets_stay_text(
    page: Page, live_server: str, dialogs: list[str], screenshot: Shot
) -> None:
    page.goto(live_server + "/?q=payload")
    expect(page.locator(".hit")).to_have_count(3)
    expect(page.locator(".hit h3").first).to_contain_text("<")
    for title in page.locator(".hit h3 a, .hit .source").all():
        title.hover()
    screenshot(page, "hostile-search")
    _assert_inert(page, dialogs)
    rows = page.locator(".facet-toggle")
    values = [rows.nth(i).get_attribute("data-value") or "" for i in range(rows.count())]
    hostile_values = [v for v in values if "<" in v or "javascript" in v]
    assert len(hostile_values) >= 4
    for value in hostile_values:
        page.goto(live_server + "/?q=payload")
        page.locator(".facet-toggle").filter(has_text=value[:12]).first.click()
        page.wait_for_load_state()
        expect(page.locator(".chip-filter")).to_have_count(1)
        _assert_inert(page, dialogs)


@pytest.mark.parametrize("article_id", HOSTILE_IDS)
def test_payloads_on_article_pages_stay_text(
    page: Page, live_server: str, dialogs: list[str], screenshot: Shot, article_id: str
) -> None:
    page.goto(f"{live_server}/articles/{article_id}")
    details = page.locator("details.boilerplate summary")
    if details.count():
        details.click()
    page.locator("h1").hover()
    assert page.locator('a[href^="javascript:" i], a[href^="data:" i]').count() == 0
    assert page.locator("script:not([src])").count() == 0
    screenshot(page, f"hostile-article-{article_id[-1]}")
    for link in page.locator(".entity-link").all():
        page.goto(f"{live_server}/articles/{article_id}")
        link = page.locator(".entity-link").filter(has_text=link.inner_text()).first
        link.click()
        page.wait_for_load_state()
        _assert_inert(page, dialogs)
    _assert_inert(page, dialogs)
