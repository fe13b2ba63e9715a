"""A body's English name typed with its place finds how Russian news names it."""

from __future__ import annotations

import sqlite3

import pytest

from indexer.config import Settings
from indexer.naming import dictionary
from indexer.naming.store import FILENAME
from indexer.search import SearchBackend, SearchRequest, open_backend
from indexer.search.entity_lookup import _Found, _head_places, _lookup_keys, _names_for
from tests.ingested import ingested
from tests.shared_data import missing

ARTICLES = {
    "mid-first": "МИД выступил с заявлением о переговорах.\nВ заявлении МИД говорится о пошлинах.",
    "fo-london": "МИД Великобритании вызвал посла для объяснений.\n"
    "Представитель МИД Великобритании заявил, что Лондон ждёт ответа.",
    "mid-moscow": "МИД России опроверг сообщения о встрече.\n"
    "В МИД России заявили, что Москва готова к диалогу.",
    "norway-cabinet": "Правительство Норвегии одобрило новый бюджет.\n"
    "Премьер-министр Норвегии выступила в парламенте.",
    "federal-cabinet": "Как сообщило Федеральное правительство, меры вступят в силу в марте.\n"
    "Федеральное правительство Австрии обсудит их в Вене.",
    "storm-west": "Шторм на западе Норвегии оставил без света тысячи домов.",
    "kabmin-oslo": "Кабмин одобрил план по газу.\nВ Осло Кабмин обсудил поставки в Европу.",
    "party-win": "Консервативная партия выиграла выборы.\n"
    "Лидер Консервативной партии выступил с речью в Осло.",
    "kyiv-cabinet": "Украинское правительство утвердило программу помощи.\n"
    "Решение украинского правительства вступит в силу в мае.",
    "house-vote": "Палата представителей одобрила законопроект о бюджете.\n"
    "Голосование в Палате представителей прошло в среду.",
}


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    if not dictionary.available():
        missing("no English-Russian dictionary (mueller7-dict)")
    return ingested(tmp_path_factory.mktemp("bodies"), ARTICLES)


@pytest.fixture
def backend(settings: Settings) -> SearchBackend:
    return open_backend(settings)


def _slugs(backend: SearchBackend, query: str) -> set[str]:
    return {hit.url.rsplit("/", 1)[-1] for hit in backend.search(SearchRequest(query=query)).hits}


@pytest.mark.parametrize("typed", ["Norway Government", "Government of Norway"])
def test_a_body_read_word_by_word_with_its_place_is_searched_as_russian_writes_it(
    backend: SearchBackend, typed: str
) -> None:
    # No entity is named so; "правительство" is a word of a body the store knows.
    assert _slugs(backend, typed) == {"norway-cabinet"}


def test_a_word_by_word_reading_that_names_no_body_is_not_searched(backend: SearchBackend) -> None:
    # "West Norway" reads as "запад Норвегии", a phrase of the news, and no body has "запад".
    assert _slugs(backend, "West Norway") == set()


def test_a_body_with_its_place_is_the_stores_body_of_that_name_alone(
    backend: SearchBackend,
) -> None:
    # No other place's Палата представителей is known: the bare name is the place's own.
    assert _slugs(backend, "House of Representatives USA") == {"house-vote"}


def test_a_bare_head_another_places_body_goes_by_is_not_searched(settings: Settings) -> None:
    # An entity known as МИД and МИД Великобритании: the bare МИД would find МИД России too.
    db = sqlite3.connect(settings.data_dir / FILENAME)
    assert set(_head_places(db, "мид")) == {"GB", "RU"}
    keys = _lookup_keys("Foreign Office", translate=True)
    names = [("МИД", False), ("МИД Великобритании", False)]
    ids = {"mid-velikobritanii"}
    found = _Found({key: ids for key in keys}, set(), {"mid-velikobritanii": names})
    found.types["mid-velikobritanii"] = "organization"
    typed = _names_for("Foreign Office", keys, found, head_places=lambda h: _head_places(db, h))
    assert "МИД Великобритании" in typed and "МИД" not in typed
    assert "МИД" in _names_for("Foreign Office", keys, found)  # no place's body known


def test_a_body_and_its_place_find_the_one_word_russian_shortens_it_to(
    backend: SearchBackend,
) -> None:
    # "Cabinet" reads as кабинет министров, which Russian shortens to Кабмин.
    assert _slugs(backend, "Cabinet of Norway") == {"kabmin-oslo"}


def test_a_word_joined_by_and_is_read_apart_before_the_rest(backend: SearchBackend) -> None:
    # A Conservative and Unionist Party is a Conservative Party: Консервативная партия.
    assert _slugs(backend, "Conservative and Unionist Party Norway") == {"party-win"}


def test_a_body_with_its_place_is_also_found_by_the_places_adjective(
    backend: SearchBackend,
) -> None:
    # Russian writes "украинское правительство" as often as "правительство Украины".
    assert _slugs(backend, "Government of Ukraine") == {"kyiv-cabinet"}


def test_of_one_names_cases_the_nominative_is_searched() -> None:
    # Searched in the instrumental, a name was matched by forms made as if that were its
    # dictionary form, and missed the nominative.
    keys = _lookup_keys("European Commission", translate=True)
    names = [("Еврокомиссией", False), ("Еврокомиссия", False)]
    found = _Found({key: {"ec"} for key in keys}, set(), {"ec": names})
    assert _names_for("European Commission", keys, found) == ("Еврокомиссия",)
