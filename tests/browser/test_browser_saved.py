"""Save a search in the browser, ingest a match, see it counted as new and in the feed."""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from indexer.config import Settings
from indexer.ingest import ingest
from indexer.search import open_backend
from webapp import create_app
from webapp.backend import close_backend

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from live_articles import BRIDGE, FERRY, add  # noqa: E402

pytestmark = pytest.mark.browser

NEW_STORY = {
    "url": "https://wire.example/ferry-timetable",
    "title": "Winter ferry timetable for Norden published",
    "text": (
        "The ferry operator published the winter timetable for the Norden crossing on Tuesday. "
        "From November the first boat leaves at seven and the last returns at eight in the "
        "evening, with an extra crossing on Saturdays for the market.\n\n"
        "Season tickets go on sale next week at the harbour office and on the ferry itself."
    ),
    "published_at": "2024-10-01T08:00:00+00:00",
}


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[tuple[str, Settings]]:
    """A server of its own: saving searches changes state the other browser tests share."""
    settings = Settings(data_dir=tmp_path / "data", ner=False, workers=1)
    add(settings, FERRY, BRIDGE)
    time.sleep(1.1)  # index times have whole seconds: these were here before the search
    app = create_app(settings)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", settings
    server.shutdown()
    thread.join()
    close_backend(app)


def test_save_search_then_new_article_is_counted_and_in_the_feed(
    page: Page, fresh_server: tuple[str, Settings], tmp_path: Path, screenshot
) -> None:  # type: ignore[no-untyped-def]
    base, settings = fresh_server
    page.goto(base + "/?q=ferry&language=en")
    page.fill(".save-search input[name=name]", "Norden ferry")
    page.click(".save-search button[type=submit]")
    page.wait_for_url("**/saved?saved=*")
    row = page.locator(".saved-search").filter(has_text="Norden ferry")
    expect(row.locator(".saved-new")).to_have_text("nothing new")

    time.sleep(1.1)
    feed_file = tmp_path / "new.jsonl"
    feed_file.write_text(json.dumps(NEW_STORY) + "\n", encoding="utf-8")
    backend = open_backend(settings)
    try:
        report = ingest([feed_file], settings, backend)
    finally:
        backend.close()
    assert report.indexed == 1, report.failures

    page.reload()
    expect(row.locator(".saved-new")).to_have_text("1 new")
    screenshot(page, "saved-searches")
    href = row.locator(".saved-feed").get_attribute("href")
    atom = page.request.get(base + (href or ""))
    assert atom.headers["content-type"].startswith("application/atom+xml")
    assert "Winter ferry timetable for Norden published" in atom.text()

    row.locator(".saved-name").click()  # opening it: the search page, and nothing new after
    page.wait_for_url("**/?*q=ferry*")
    expect(page.locator(".hit").first).to_be_visible()
    page.goto(base + "/saved")
    expect(page.locator(".saved-new").first).to_have_text("nothing new")
