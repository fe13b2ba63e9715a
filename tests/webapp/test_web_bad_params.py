"""Bad parameters get a friendly message and a 4xx, never a 500: page, API and export."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

BAD = [
    ("page=-1", "page"),
    ("page=0", "page"),
    ("page=1000000000", "beyond"),
    ("page=abc", "whole number"),
    ("page=1.5", "whole number"),
    ("page_size=0", "page_size"),
    ("page_size=100000", "page_size"),
    ("facet_size=-3", "facet_size"),
    ("from=2024-13-01", "date"),
    ("from=yesterday", "date"),
    ("to=2024-02-30", "date"),
    ("from=2024-05-01&to=2024-01-01", "after"),
    ("sort=sideways", "sort"),
    ("colour=red", "unknown parameter"),
    ("not_colour=red", "unknown parameter"),
    ("q=" + "x" * 10_240, "longer"),
    ("q=(unclosed", "parenthesis"),
    ("q=closed)", "parenthesis"),
    ('q="half quoted', "quotation"),
    ("q=OR", "OR"),
    ("q=a*", "prefix"),
    ("q=" + "+".join(["w"] * 500), "terms"),  # more than query_syntax.MAX_CLAUSES
]


@pytest.mark.parametrize(("params", "reason"), BAD)
def test_page_answers_400_with_the_reason(client: FlaskClient, params: str, reason: str) -> None:
    response = client.get(f"/?{params}")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert reason.lower() in html.lower()
    assert 'class="error-message"' in html
    assert 'id="search-form"' in html  # the user can correct the search right there


@pytest.mark.parametrize(("params", "reason"), BAD)
def test_api_answers_400_json(client: FlaskClient, params: str, reason: str) -> None:
    response = client.get(f"/api/search?{params}")
    assert response.status_code == 400
    error = response.json["error"]  # type: ignore[index]
    assert error["status"] == 400
    assert reason.lower() in error["message"].lower()


@pytest.mark.parametrize(
    "params", ["format=xml", "format=csv&page=-1", "format=jsonl&from=soon", "expand=person&x=1"]
)
def test_export_answers_400(client: FlaskClient, params: str) -> None:
    response = client.get(f"/export?{params}")
    assert response.status_code == 400
    assert "text/html" in response.content_type


def test_unknown_expand_facet_is_400(client: FlaskClient) -> None:
    assert client.get("/?expand=colour").status_code == 400


def test_query_is_kept_in_the_box_after_an_error(client: FlaskClient) -> None:
    html = client.get("/?q=(ferry&page=-1").get_data(as_text=True)
    assert 'value="(ferry"' in html


@pytest.mark.parametrize(
    "params",
    [
        "from=0001-01-01",
        "to=9999-12-31",
        "from=1800-01-01&to=2300-12-31",
        "q=%00%01%02",
        "q=\u202e\u200b",
        "person=" + "x" * 5000,
        "q=-",
        'q=""',
        "q=()",
        "q=AND",
        "q=-ferry",
        "page=100&page_size=100",
        "facet_size=200",
    ],
)
def test_odd_but_valid_params_never_500(client: FlaskClient, params: str) -> None:
    for url in (f"/?{params}", f"/api/search?{params}", f"/export?{params}"):
        with client.get(url) as response:
            assert response.status_code in (200, 400), url
            response.get_data()


def test_unsupported_method_is_405(client: FlaskClient) -> None:
    assert client.post("/").status_code == 405
    assert client.post("/api/search").json["error"]["status"] == 405  # type: ignore[index]


def test_internal_errors_are_friendly_and_say_nothing(client: FlaskClient, app) -> None:  # type: ignore[no-untyped-def]
    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("secret internals")

    response = client.get("/boom")
    assert response.status_code == 500
    assert "secret internals" not in response.get_data(as_text=True)
    assert "Something went wrong" in response.get_data(as_text=True)
