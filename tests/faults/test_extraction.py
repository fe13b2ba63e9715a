"""No article lost to our extractor: the maintained ones read what it misses, and say so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from devtools.bad_inputs import html_page as page_with
from devtools.bad_inputs import story
from indexer.cleaning import html_page
from indexer.config import Settings
from indexer.context import Context
from indexer.model import Article
from indexer.search import open_backend
from indexer.stages.clean import clean_article
from webapp import create_app
from webapp.backend import close_backend

# The article sits in a container our rules take for furniture: a block hidden until a
# script shows it ("read more"), as some sites ship their whole story.
UNUSUAL = (
    "<div class='story-collapsed' style='display:none'>"
    + "".join(f"<p>{sentence}.</p>" for sentence in story("hiddenstory").split(". "))
    + "</div>"
)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    with Context(Settings(data_dir=tmp_path, ner=False, workers=1)) as context:
        yield context  # the default evidence mode: "doubtful"


def test_text_in_an_unusual_container_comes_from_trafilatura(ctx: Context) -> None:
    page = page_with("hiddenstory", body=UNUSUAL)
    assert html_page.clean_html(page, evidence="never").body == [], "our rules alone miss it"
    article = clean_article(Article(id="u", path="u.html", html=page), ctx)
    assert article.extracted_by == "trafilatura"
    assert "hiddenstory" in article.body and "harbour authority" in article.body


def test_our_extractor_failing_is_not_the_article_lost(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No page we know of breaks our extractor; this stands in for a bug in it.
    def broken(html: str) -> html_page.OwnReading:
        raise RuntimeError("a bug in our extractor")

    monkeypatch.setattr(html_page, "read_page", broken)
    article = clean_article(Article(id="b", path="b.html", html=page_with("bugstory")), ctx)
    assert article.extracted_by in ("trafilatura", "readability")
    assert "bugstory" in article.body


def test_the_extractor_is_shown_in_the_api_and_on_the_article_page(
    tmp_path: Path, ctx: Context
) -> None:
    settings = Settings(data_dir=tmp_path / "web", ner=False, workers=1)
    article = clean_article(Article(id="shown", path="s.html", html=page_with("x", UNUSUAL)), ctx)
    backend = open_backend(settings)
    try:
        backend.create_index()
        assert backend.index([article]).indexed == 1
    finally:
        backend.close()
    app = create_app(settings)
    try:
        client: FlaskClient = app.test_client()
        record = client.get("/api/articles/shown").json
        assert record is not None and record["extracted_by"] == "trafilatura"
        page = client.get("/articles/shown").get_data(as_text=True)
        assert "Text extracted by" in page and "trafilatura" in page
    finally:
        close_backend(app)
