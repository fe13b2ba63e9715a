"""A name typed in Latin finds the people it reads as in Cyrillic, not every name near it."""

from __future__ import annotations

import pytest

from indexer.naming.keys import first_name_only
from indexer.naming.pinyin import palladius
from indexer.search import SearchBackend, SearchRequest, open_backend
from indexer.search.entity_lookup import _Found, _lookup_keys, _names_for
from tests.ingested import ingested

ARTICLES = {
    "gas-chief": "Глава газовой компании Алексей Миллер заявил о росте поставок в Европу.\n"
    "Миллер добавил, что новый контракт подпишут весной.",
    "pipe-director": "Финансовый директор трубопроводной компании Йенс Мюллер рассказал о "
    "ходе строительства.\nМюллер уточнил, что работы завершат к осени.",
    "short-surname": "Председатель районной комиссии Гук заявил журналистам, что проверка "
    "закончена.\nГук добавил, что отчёт опубликуют в понедельник.",
}


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> SearchBackend:
    return open_backend(ingested(tmp_path_factory.mktemp("heard"), ARTICLES))


def _slugs(backend: SearchBackend, query: str) -> set[str]:
    return {hit.url.rsplit("/", 1)[-1] for hit in backend.search(SearchRequest(query=query)).hits}


@pytest.mark.parametrize(("typed", "slug"), [("Miller", "gas-chief"), ("Muller", "pipe-director")])
def test_a_surname_finds_the_man_it_reads_as_not_his_near_namesake(
    backend: SearchBackend, typed: str, slug: str
) -> None:
    # Миллер and Мюллер are both near "Miller" by sound; only one reads as typed.
    assert _slugs(backend, typed) == {slug}


def test_a_one_word_surname_too_short_for_a_sound_key_is_found_in_latin(
    backend: SearchBackend,
) -> None:
    # "Гук" alone, a person of one word: its surname's sound is its only cross-script key.
    assert _slugs(backend, "Guk") == {"short-surname"}


def test_a_first_name_alone_among_a_persons_names_is_not_searched() -> None:
    # An article that named the premier by her first name alone gave her entity "Тереза":
    # searched, it would find every Тереза.
    keys = _lookup_keys("May")
    premier = [("Тереза Мэй", False), ("Мэй", False), ("Тереза", False)]
    found = _Found({key: {"tereza-mey"} for key in keys}, {"tereza-mey"}, {"tereza-mey": premier})
    names = _names_for("May", keys, found)
    assert "Тереза Мэй" in names and "Тереза" not in names


def test_every_spelling_of_a_persons_surname_is_searched() -> None:
    # One person written three ways across articles: the index stems each its own way.
    keys = _lookup_keys("Tornell")
    person = [("Аарон Торнелл", False), ("Аарон Торнель", False), ("Аарон Торннел", False)]
    found = _Found(
        {key: {"aaron-tornell"} for key in keys}, {"aaron-tornell"}, {"aaron-tornell": person}
    )
    assert set(_names_for("Tornell", keys, found)) >= {"Торнелл", "Торнель", "Торннел"}


def _heard(typed: str, spelled: dict[str, str], sounded: dict[str, str]) -> tuple[str, ...]:
    """The names put in for `typed` when the store holds entities found by its spelling and
    entities that only sound like it (id -> name; ids of places start with "place-")."""
    keys = _lookup_keys(typed)
    spelled_key = next(key for key in keys if key.startswith(("place:", "form:")))
    sound_key = next(key for key in keys if key.startswith("sound-"))
    by_key = {spelled_key: set(spelled), sound_key: set(sounded)}
    names = {e: [(name, False)] for e, name in {**spelled, **sounded}.items()}
    placed = {e for e in names if e.startswith("place-")}
    types = {e: "location" if e in placed else "person" for e in names}
    found = _Found(by_key, {e for e in names if e not in placed}, names, placed, types)
    return _names_for(typed, keys, found)


def test_a_known_place_typed_is_not_another_place_that_sounds_like_it() -> None:
    names = _heard("Latvia", {"place-lv": "Латвия"}, {"place-lt": "Литва"})
    assert "Латвия" in names and "Литва" not in names


def test_a_name_typed_as_a_known_person_is_not_a_place_that_sounds_like_it() -> None:
    # "Chirac" read as Russian transcribes it sounds like "Ирак": a place, not the man.
    assert "Ирак" not in _heard("Chirac", {"chirac": "Chirac"}, {"place-iq": "Ирак"})


def test_a_place_known_by_another_english_name_is_still_heard() -> None:
    # The gazetteer writes Türkiye; "Turkey" is no known name, and sounds like Турция.
    assert "Турция" in _heard("Turkey", {}, {"place-tr": "Турция"})


def test_a_surname_that_is_also_a_first_names_plural_is_searched() -> None:
    # "Марков" is a surname, and Марк's plural genitive to the dictionary: not a first name.
    assert "Марков" in _heard("Markov", {}, {"markov": "Марков"})
    assert first_name_only("Тереза") and not first_name_only("Марков")


def test_one_man_heard_in_two_spellings_is_searched_in_both() -> None:
    # A surname transcribed two ways, with the same first name: one person, not a namesake.
    names = _heard(
        "Protasevich",
        {},
        {"roman-p1": "Роман Протасевич", "roman-p2": "Роман Пратасевич"},
    )
    assert "Роман Протасевич" in names and "Роман Пратасевич" in names
    # Another first name: another man, dropped when spelled further than the nearest.
    others = _heard("Miller", {}, {"a-miller": "Алексей Миллер", "j-muller": "Йенс Мюллер"})
    assert "Алексей Миллер" in others and "Йенс Мюллер" not in others


def test_a_two_letter_name_is_heard_only_where_it_reads_exactly() -> None:
    # "Ma" is one letter from a misspelt "Тереза Май" (a ratio of 80): too little to tell.
    keys = _lookup_keys("Ma")
    sound_key = next(key for key in keys if key.startswith("lastsound:"))
    for names, expected in (
        ({"premier": [("Тереза Май", False)]}, ()),
        ({"founder": [("Джек Ма", False)]}, ("Ма",)),
    ):
        people = set(names)
        found = _Found({sound_key: people}, people, names, set(), dict.fromkeys(names, "person"))
        assert _names_for("Ma", keys, found) == expected


def test_a_two_letter_name_reads_as_one_pinyin_syllable() -> None:
    assert palladius("Xi") == "си" and palladius("It") == ""


def test_a_common_word_is_not_heard_as_an_acronym() -> None:
    # "Union" sounds like the agency УНИАН; it is a word. "Unian" and "UNIAN" are the agency.
    def heard(typed: str) -> tuple[str, ...]:
        return _heard(typed, {}, {"unian": "УНИАН"})

    assert heard("Union") == ()
    assert heard("Unian") == heard("UNIAN") == ("УНИАН",)
