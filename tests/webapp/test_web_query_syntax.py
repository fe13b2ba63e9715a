"""Whatever a person types in the search box gets a page, not an error: page, API and export."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from flask.testing import FlaskClient

from tests.query_cases import PARSES, SLIPS

TYPED = [
    "(unclosed",
    ") ferry (",
    'ferry -"half',
    "OR",
    "ferry NOT",
    "a*",
    "+-ferry",
    "covid-19 e-mail",
    '"war OR peace"',
    "THE FERRY OR THE HARBOUR",
    "паром ИЛИ НЕ гавань",
    "((ferry OR (harbour AND -storm)) NOT delay",
    " ".join(["w"] * 200),  # a long paste: its distinct words are searched
    " ".join(f"word{i}" for i in range(150)),
]


@pytest.mark.parametrize("query", TYPED)
def test_typed_queries_get_a_page(client: FlaskClient, query: str) -> None:
    q = quote(query)
    for url in (f"/?q={q}", f"/api/search?q={q}", f"/export?q={q}&format=jsonl"):
        with client.get(url) as response:
            assert response.status_code == 200, url
            response.get_data()


def test_every_parser_case_gets_an_answer(client: FlaskClient) -> None:
    # The API runs the page's search; the page itself is checked with the slips above.
    for query, _ in PARSES + SLIPS:
        response = client.get(f"/api/search?q={quote(query)}&page_size=1")
        assert response.status_code == 200, query


def test_the_syntax_hint_names_the_operators(client: FlaskClient) -> None:
    hint = client.get("/").get_data(as_text=True).split('id="syntax-hint"')[1].split("</p>")[0]
    for part in ('"exact phrase"', "-exclude", "+required", "a OR b", "NOT", "prefix*"):
        assert part in hint.replace("&#34;", '"'), part


def test_capitals_find_what_the_words_find(client: FlaskClient) -> None:
    shouted = client.get("/api/search?q=" + quote("FERRY OR HARBOUR")).json
    typed = client.get("/api/search?q=" + quote("ferry or harbour")).json
    assert shouted is not None and typed is not None
    assert shouted["total"] == typed["total"]
    assert [h["id"] for h in shouted["hits"]] == [h["id"] for h in typed["hits"]]


def test_not_excludes_like_a_dash(client: FlaskClient) -> None:
    with_not = client.get("/api/search?q=" + quote("ferry NOT harbour")).json
    with_dash = client.get("/api/search?q=" + quote("ferry -harbour")).json
    alone = client.get("/api/search?q=ferry").json
    assert with_not is not None and with_dash is not None and alone is not None
    assert with_not["total"] == with_dash["total"] < alone["total"]
