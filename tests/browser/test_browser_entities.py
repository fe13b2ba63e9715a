"""Entities in a real browser: an English name finds the Russian articles, filtered or typed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.serving import served, webapp_corpus

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def entity_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of an app over Russian and English articles about one person."""
    corpus = webapp_corpus("entitycorpus")
    settings = corpus.build_entity_index(Path(tmp_path_factory.mktemp("entities")))
    with served(settings) as url:
        yield url


def _titles(page: Page) -> set[str]:
    return set(page.locator(".hit h2, .hit h3").all_inner_texts())


def test_filtering_by_an_english_name_lists_the_russian_articles(
    page: Page, entity_server: str
) -> None:
    page.goto(entity_server + "/")
    row = page.locator('.facet[data-facet="person"] .facet-toggle[data-value="vladimir-putin"]')
    expect(row.locator(".facet-value")).to_have_text("Vladimir Putin")
    row.click()
    page.wait_for_url(re.compile(r"person=vladimir-putin"))
    expect(page.locator("#total")).to_have_attribute("data-total", "3")
    hits = page.locator(".hit")
    expect(hits.filter(has_text="Путина поддержали")).to_have_count(1)
    expect(hits.filter(has_text="Владимир Путин провёл")).to_have_count(1)
    expect(page.locator(".chip-value")).to_have_text("Vladimir Putin")


def test_typing_an_english_name_marks_the_russian_forms(page: Page, entity_server: str) -> None:
    page.goto(entity_server + "/")
    page.fill("input[name=q]", "Putin")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"q=Putin"))
    expect(page.locator("#total")).to_have_attribute("data-total", "3")
    expect(page.locator(".hit mark", has_text="Путина")).to_have_count(1)
    page.check("#exact")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"exact=1"))
    expect(page.locator("#total")).to_have_attribute("data-total", "1")
    expect(page.locator("#exact")).to_be_checked()


def test_the_entity_page_links_back_to_filters(page: Page, entity_server: str) -> None:
    page.goto(entity_server + "/entities/vladimir-putin")
    expect(page.locator("#entity-name")).to_have_text("Vladimir Putin")
    page.locator("#companions a.companion").first.click()
    page.wait_for_url(re.compile(r"location=russia"))
    expect(page.locator("#total")).to_have_attribute("data-total", "3")
