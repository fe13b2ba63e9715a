"""Did you mean, one click away; an article opened from a hit scrolls to the query's word."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from indexer.config import Settings
from indexer.model import Article
from indexer.search import open_backend
from tests.browser.serving import served

pytestmark = pytest.mark.browser

# A long article of our own: the one query word sits far below the first screen.
FILLER = (
    "Paragraph {n}. The port board met again on Monday to go through the budget line by line, "
    "and the members agreed to meet once more before the end of the month."
)
WORD_AT = 30


def _long_articles() -> list[Article]:
    paragraphs = [FILLER.format(n=n) for n in range(40)]
    paragraphs[WORD_AT] += " The old lighthouse on the breakwater will be repaired first."
    return [
        Article(
            id=f"long{n:013d}",
            path=f"long/{n}.txt",
            title=title,
            body="\n".join(paragraphs),
            language="en",
            source="long-reads.example",
            published_at="2024-05-01T08:00:00+00:00",
        )
        for n, title in enumerate(["Port board budget, line by line", "Port board meets again"])
    ]


@pytest.fixture(scope="module")
def long_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An app over two long articles (the shared corpus's are all short)."""
    settings = Settings(data_dir=Path(tmp_path_factory.mktemp("long-data")), ner=False, workers=1)
    backend = open_backend(settings)
    backend.create_index()
    assert backend.index(_long_articles()).indexed == 2
    backend.close()
    with served(settings) as url:
        yield url


def test_clicking_a_suggestion_runs_it_with_the_same_filters(page: Page, live_server: str) -> None:
    page.goto(live_server + "/?q=Lindenprot&source=harbour-gazette.example")
    expect(page.locator("#total")).to_have_attribute("data-total", "0")
    suggestion = page.locator("#did-you-mean a.suggestion").first
    expect(suggestion).to_have_text("Lindenport")
    suggestion.click()
    page.wait_for_url(re.compile(r"q=Lindenport"))
    params = parse_qs(urlsplit(page.url).query)
    assert params == {"q": ["Lindenport"], "source": ["harbour-gazette.example"]}
    assert page.locator(".hit").count() > 0
    expect(page.locator("#did-you-mean")).to_have_count(0)
    assert page.evaluate("window.__cspViolations") == []


def test_an_article_opens_scrolled_to_the_first_query_word(page: Page, long_server: str) -> None:
    page.goto(long_server + "/?q=lighthouse")
    page.locator(".hit h3 a").first.click()
    page.wait_for_url(re.compile(r"/articles/.+\?q=lighthouse#first-match$"))
    first = page.locator("mark.hit#first-match")
    expect(first).to_have_text("lighthouse")
    expect(first).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 500, "the page scrolled down to the word"
    expect(page.locator("h1 mark")).to_have_count(0)
    assert page.evaluate("window.__cspViolations") == []
