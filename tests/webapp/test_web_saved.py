"""Saved searches in the web app: save (POST + CSRF), list with new counts, open, Atom feed."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from flask import Flask
from flask.testing import FlaskClient

from indexer.config import Settings
from webapp import create_app
from webapp.backend import close_backend

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from live_articles import BRIDGE, CHESS, FERRY, FERRY_FARES, add  # noqa: E402

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def live_settings(tmp_path: Path) -> Settings:
    settings = Settings(data_dir=tmp_path / "data", ner=False, workers=1)
    add(settings, FERRY, BRIDGE, CHESS)
    time.sleep(1.1)  # index times have whole seconds: what is new starts after these
    return settings


@pytest.fixture
def live_app(live_settings: Settings) -> Iterator[Flask]:
    app = create_app(live_settings)
    app.config["TESTING"] = True
    yield app
    close_backend(app)


@pytest.fixture
def web(live_app: Flask) -> FlaskClient:
    return live_app.test_client()


def _token(client: FlaskClient, url: str = "/") -> str:
    page = client.get(url).get_data(as_text=True)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "every state-changing form carries the token"
    return found.group(1)


def _save(client: FlaskClient, name: str, **params: str) -> int:
    token = _token(client, "/?" + "&".join(f"{k}={v}" for k, v in params.items()))
    search = "&".join(f"{k}={v}" for k, v in params.items())
    answer = client.post("/saved", data={"csrf_token": token, "name": name, "search": search})
    assert answer.status_code == 303
    return int(answer.headers["Location"].rsplit("=", 1)[1])


def test_save_needs_the_csrf_token_and_post(web: FlaskClient) -> None:
    assert web.post("/saved", data={"search": "q=ferry", "name": "x"}).status_code == 403
    forged = {"search": "q=ferry", "csrf_token": "forged"}
    assert web.post("/saved", data=forged).status_code == 403
    assert web.get("/saved/1/delete").status_code == 405
    assert "No saved searches" in web.get("/saved").get_data(as_text=True)


def test_saved_search_keeps_every_filter(web: FlaskClient) -> None:
    search_id = _save(web, "Norden ferries", q="ferry", language="en", source="wire.example")
    listing = web.get("/saved").get_data(as_text=True)
    assert "Norden ferries" in listing and "nothing new" in listing
    token = _token(web, "/saved")
    opened = web.post(f"/saved/{search_id}/open", data={"csrf_token": token})
    assert opened.status_code == 303
    assert opened.headers["Location"] == "/?language=en&q=ferry&source=wire.example"


def test_new_count_and_atom_feed(web: FlaskClient, live_settings: Settings) -> None:
    search_id = _save(web, "ferry", q="ferry")
    time.sleep(1.1)  # index times have whole seconds
    add(live_settings, FERRY_FARES)
    listing = web.get("/saved").get_data(as_text=True)
    assert 'data-new="1"' in listing and "1 new" in listing
    feed = web.get(f"/saved/{search_id}/feed.atom")
    assert feed.mimetype == "application/atom+xml"
    root = ElementTree.fromstring(feed.data)
    titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
    assert sorted(titles) == ["Ferry fares rise", "Ferry to Norden resumes"]
    token = _token(web, "/saved")
    web.post(f"/saved/{search_id}/open", data={"csrf_token": token})
    assert 'data-new="0"' in web.get("/saved").get_data(as_text=True), "opened: nothing new"
    web.post(f"/saved/{search_id}/delete", data={"csrf_token": token})
    assert web.get(f"/saved/{search_id}/feed.atom").status_code == 404
