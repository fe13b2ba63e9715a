"""The article page in a real browser: entities, one click to a filtered search, boilerplate."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

Shot = Callable[[Page, str], Path]


def test_open_article_and_filter_by_an_entity(
    page: Page, live_server: str, screenshot: Shot
) -> None:
    page.goto(live_server + '/?q="harbour library"')
    page.locator(".hit h3 a").first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    expect(page.locator("h1")).to_have_text("Mayor Keller opens the harbour library")
    expect(page.locator(".body a.ent-person")).to_have_text("Marta Keller")
    expect(page.locator(".body time")).to_have_attribute("datetime", "2023-01-16")
    screenshot(page, "article-desktop")
    back = page.locator("#back-to-search")
    assert "harbour" in (back.get_attribute("href") or ""), "back link returns to the search"
    page.locator('.entity-link[data-type="organization"]', has_text="Baltic Energy Agency").click()
    page.wait_for_url(re.compile(r"organization="))
    assert parse_qs(urlsplit(page.url).query) == {"organization": ["Baltic Energy Agency"]}
    expect(page.locator(".chip-filter")).to_contain_text("Baltic Energy Agency")
    assert page.locator(".hit").count() == 2


def test_boilerplate_and_other_languages(
    phone_page: Page, live_server: str, screenshot: Shot
) -> None:
    phone_page.goto(live_server + "/?q=Сорокин")
    phone_page.locator(".hit h3 a").first.click()
    phone_page.wait_for_url(re.compile(r"/articles/"))
    expect(phone_page.locator(".segments li")).to_contain_text("The agency also published")
    expect(phone_page.locator('.body p[lang="en"]')).to_have_count(1)
    screenshot(phone_page, "article-phone")
    phone_page.goto(live_server + '/?q="new ferry timetable"')
    phone_page.locator(".hit h3 a").first.click()
    details = phone_page.locator("details.boilerplate")
    expect(details.locator("pre")).to_be_hidden()
    details.locator("summary").click()
    expect(details.locator("pre")).to_contain_text("Subscribe now")
