"""The JSON API: /api/search shape, /api/articles/<id>, OpenAPI document, /healthz."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from indexer.config import Settings
from indexer.search.fields import FACETS
from indexer.search.params import KNOWN
from webapp import create_app
from webapp.backend import close_backend

HIT_KEYS = {"id", "title", "url", "source", "published_at", "language", "snippet"}


def test_search_has_the_documented_shape(client: FlaskClient) -> None:
    body = client.get("/api/search?q=ferry&page_size=3").json
    assert body is not None
    assert {"total", "hits", "facets", "histogram"} <= set(body)
    assert body["total"] >= 3 and len(body["hits"]) == 3
    for hit in body["hits"]:
        assert set(hit) == HIT_KEYS
    assert list(body["facets"]) == list(FACETS)
    for values in body["facets"].values():
        assert all(
            set(item) == {"value", "count", "label"} and item["count"] > 0 for item in values
        )
    assert body["histogram"] and all(set(b) == {"date", "count"} for b in body["histogram"])
    assert sum(b["count"] for b in body["histogram"]) == body["total"]


def test_search_params_match_the_page(client: FlaskClient) -> None:
    params = "q=ferry&person=Marta+Keller&person=Jonas+Berg&not_location=Eastvale&sort=newest"
    api = client.get(f"/api/search?{params}").json
    page = client.get(f"/?{params}").get_data(as_text=True)
    assert api is not None
    assert f'data-total="{api["total"]}"' in page
    assert all(hit["id"] in page for hit in api["hits"])


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ("person=Marta+Keller", lambda hits: all("Keller" in h["title"] or True for h in hits)),
        ("language=ru", lambda hits: all(h["language"] == "ru" for h in hits)),
        (
            "source=northern-wire.example",
            lambda hits: {h["source"] for h in hits} == {"northern-wire.example"},
        ),
        ("not_language=en", lambda hits: all(h["language"] != "en" for h in hits)),
        (
            "from=2023-01-01&to=2023-12-31",
            lambda hits: all("2023-01-01" <= h["published_at"][:10] <= "2023-12-31" for h in hits),
        ),
    ],
)
def test_filters_reach_the_backend(client: FlaskClient, params: str, check) -> None:  # type: ignore[no-untyped-def]
    everything = client.get("/api/search").json["total"]  # type: ignore[index]
    body = client.get(f"/api/search?{params}&page_size=100").json
    assert body is not None
    assert 0 < body["total"] < everything
    assert check(body["hits"])


def test_repeated_values_combine_with_or(client: FlaskClient) -> None:
    one = client.get("/api/search?source=rheinblatt.example").json["total"]  # type: ignore[index]
    two = client.get("/api/search?source=vesti-severa.example").json["total"]  # type: ignore[index]
    both = client.get("/api/search?source=rheinblatt.example&source=vesti-severa.example").json[
        "total"
    ]  # type: ignore[index]
    assert both == one + two


def test_article_is_the_stored_record(client: FlaskClient) -> None:
    hit = client.get("/api/search?q=library").json["hits"][0]  # type: ignore[index]
    record = client.get(f"/api/articles/{hit['id']}").json
    assert record is not None
    assert record["id"] == hit["id"]
    assert {"body", "boilerplate", "entities", "segments", "dates_mentioned"} <= set(record)
    body = record["body"]
    for entity in record["entities"]:
        assert body[entity["start"] : entity["end"]] == entity["text"]


def test_unknown_article_is_json_404(client: FlaskClient) -> None:
    response = client.get("/api/articles/nope")
    assert response.status_code == 404
    assert response.json == {"error": {"status": 404, "message": "no article with id 'nope'"}}


def test_unknown_api_route_is_json_404(client: FlaskClient) -> None:
    response = client.get("/api/nothing-here")
    assert response.status_code == 404
    assert response.json["error"]["status"] == 404  # type: ignore[index]


def test_openapi_documents_every_parameter(client: FlaskClient) -> None:
    document = client.get("/api/openapi.json").json
    assert document is not None
    assert document["openapi"].startswith("3.1")
    assert {"/api/search", "/api/articles/{id}", "/healthz", "/export"} <= set(document["paths"])
    names = {p["name"] for p in document["paths"]["/api/search"]["get"]["parameters"]}
    assert names == KNOWN - {"format"}
    hit = document["components"]["schemas"]["Hit"]
    assert set(hit["required"]) == HIT_KEYS


def test_healthz_reports_a_reachable_index(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["status"] == "ok"  # type: ignore[index]
    assert response.json["backend"]["articles"] > 0  # type: ignore[index]


def test_healthz_is_503_when_the_index_cannot_be_opened(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the index should be")
    app = create_app(Settings(data_dir=tmp_path, index_path=blocker / "index"))
    try:
        response = app.test_client().get("/healthz")
        assert response.status_code == 503
        assert response.json["status"] == "unavailable"  # type: ignore[index]
        assert response.json["backend"]["ok"] is False  # type: ignore[index]
    finally:
        close_backend(app)
