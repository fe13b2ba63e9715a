"""Entities on the web: facet names, the "only what I typed" switch, the entity page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from entitycorpus import build_entity_index
from flask.testing import FlaskClient

from indexer.config import Settings
from webapp import create_app
from webapp.backend import close_backend


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """An embedded index of the four articles and their entity store."""
    return build_entity_index(Path(tmp_path_factory.mktemp("entity-web")))


@pytest.fixture
def client(settings: Settings) -> Iterator[FlaskClient]:
    """A client of an app over that index."""
    app = create_app(settings)
    app.config["TESTING"] = True
    yield app.test_client()
    close_backend(app)


def _urls(client: FlaskClient, query: str) -> set[str]:
    data = client.get(f"/api/search?{query}").get_json()
    return {hit["url"].rsplit("/", 1)[-1] for hit in data["hits"]}


def test_the_api_finds_every_script_unless_exact(client: FlaskClient) -> None:
    assert _urls(client, "q=Putin") == {"kreml", "post", "grain"}
    assert _urls(client, "q=Putin&exact=1") == {"grain"}
    assert _urls(client, "q=Путин&exact=1") == {"kreml", "post"}


def test_facet_values_are_ids_with_display_names(client: FlaskClient) -> None:
    facets = client.get("/api/search").get_json()["facets"]
    people = {f["value"]: (f["label"], f["count"]) for f in facets["person"]}
    assert people == {"vladimir-putin": (people["vladimir-putin"][0], 3)}
    places = {f["value"]: f["count"] for f in facets["location"]}
    assert places["russia"] == 3


def test_the_page_has_the_switch_and_keeps_it(client: FlaskClient) -> None:
    page = client.get("/?q=Putin&exact=1").get_data(as_text=True)
    assert 'name="exact"' in page and "Only what I typed" in page
    assert 'id="exact" checked' in page
    assert 'id="exact">' in client.get("/?q=Putin").get_data(as_text=True)


def test_a_facet_row_shows_the_name_and_filters_by_id(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    assert 'data-value="vladimir-putin"' in page
    assert "Vladimir Putin" in page or "Владимир Путин" in page


def test_the_entity_page_lists_names_timeline_and_companions(client: FlaskClient) -> None:
    response = client.get("/entities/vladimir-putin", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<h1 dir="auto" id="entity-name">Vladimir Putin</h1>' in page
    for name in ("Vladimir Putin", "Владимир Путин", "Путин"):
        assert name in page
    assert "English" in page and "Russian" in page
    assert 'id="timeline"' in page
    companions = page[page.index('id="companions"') :]
    assert "person=vladimir-putin" in companions and "location=russia" in companions


def test_an_unknown_entity_is_a_404(client: FlaskClient) -> None:
    assert client.get("/entities/nobody-at-all").status_code == 404
