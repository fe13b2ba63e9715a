"""English organisation names read in Russian through the English-Russian dictionary."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.naming import dictionary
from indexer.naming.adjectives import genitive
from indexer.naming.translated_names import coordinated, russian_names
from tests.shared_data import missing


@pytest.fixture(autouse=True)
def installed() -> None:
    if not dictionary.available():
        missing(f"no English-Russian dictionary in {dictionary.DICTIONARY_DIR} (mueller7-dict)")


def test_a_word_is_read_by_its_senses_in_the_dictionarys_order() -> None:
    assert dictionary.senses("court")[:2] == ("двор", "суд")
    assert dictionary.senses("affairs")[0] == "дело"  # a plural through its singular


def test_a_set_phrase_is_read_whole() -> None:
    assert dictionary.phrase(("House", "of", "Commons")) == "палата общин"
    assert dictionary.phrase(("Foreign", "Office")) == "министерство иностранных дел"


def test_a_body_is_also_the_initials_of_its_likeliest_reading_with_its_places() -> None:
    ministry = russian_names("Ministry of Foreign Affairs Germany")
    assert "министерство иностранный дело Германия" in ministry.full
    assert (ministry.initials, ministry.places) == ("мид", ("DE",))
    office = russian_names("Foreign Office")
    assert (office.initials, office.places) == ("мид", ())


def test_a_place_also_goes_after_the_body_as_russian_names_it() -> None:
    assert "торговая палата Стокгольм" in russian_names("Stockholm Chamber of Commerce").full


def test_a_place_after_the_body_is_in_the_genitive_too() -> None:
    # The stemmer cuts "Амстердам" and "Амстердама" to two stems: the nominative missed it.
    assert "окружной суд Амстердама" in russian_names("Amsterdam District Court").full
    assert "министерство обороны" in russian_names("Defence Ministry").full
    assert genitive("Южная Корея") == "Южной Кореи"
    assert genitive("Соединённые Штаты Америки") == "Соединённых Штатов Америки"


def test_only_a_name_of_set_phrases_and_places_is_searched_as_written() -> None:
    assert russian_names("House of Commons").as_written == ("палата общин",)
    court = russian_names("Amsterdam District Court").as_written
    assert court == ("окружной суд Амстердама",)
    # Read word by word, a name may be another phrase of the news: never searched as text.
    assert russian_names("West Germany").as_written == ()
    assert russian_names("Bank of Japan").as_written == ()


def test_a_city_is_written_by_its_most_used_russian_name() -> None:
    assert russian_names("Moscow Chamber of Commerce").as_written == ("торговая палата Москвы",)


def test_a_noun_before_its_head_also_goes_after_it_as_russian_names_it() -> None:
    assert "министерство оборона" in russian_names("Defence Ministry").full
    assert "комиссия европейский" not in russian_names("European Commission").full  # adjective


def test_a_european_body_is_also_its_one_word_name() -> None:
    names = set(russian_names("European Commission").full)
    assert {"европейский комиссия", "еврокомиссия"} <= names


def test_one_word_is_read_only_when_the_dictionary_writes_it_as_a_name() -> None:
    assert russian_names("Kremlin").full == ("Кремль",)
    assert russian_names("Apple").full == ()  # a fruit to the dictionary, a company in news
    assert russian_names("The Guardian").full == ()  # one word all the same
    assert russian_names("Caesars").full == ()  # a name's plural is no name


def test_a_name_with_a_word_the_dictionary_lacks_is_not_read() -> None:
    assert russian_names("Theresa May").full == ()  # half a translation names nothing


@pytest.fixture
def uninstalled(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setattr(dictionary, "DICTIONARY_DIR", tmp_path)
    dictionary._dictionary.cache_clear()
    russian_names.cache_clear()
    yield
    dictionary._dictionary.cache_clear()
    russian_names.cache_clear()


def test_without_the_dictionary_nothing_is_read(uninstalled: None) -> None:
    assert not dictionary.available()
    assert russian_names("Foreign Office").full == ()


def test_a_broken_dictionary_is_read_as_none(uninstalled: None) -> None:
    (dictionary.DICTIONARY_DIR / dictionary.INDEX_FILE).write_text("house\tA\tB\n")
    (dictionary.DICTIONARY_DIR / dictionary.TEXT_FILE).write_bytes(b"not gzip")
    assert not dictionary.available()  # logged, not raised: search goes on without it


def test_a_body_of_one_place_read_word_by_word_keeps_its_body_apart() -> None:
    # Not searched as text by itself (entity_lookup checks its body's words in the store).
    government = russian_names("Norway Government")
    assert government.as_written == ()
    assert government.placed == ("правительство Норвегии",)
    assert (government.body, government.body_place) == ("правительство", "NO")
    assert russian_names("House of Commons").placed == ()  # set phrases: as written already
    assert russian_names("Government").placed == ()  # no place


def test_a_word_is_also_read_by_its_sense_before_a_noun() -> None:
    # Müller lists "лейбористский" as the sixth sense of "labour", the one a name uses.
    assert dictionary.senses("labour")[0] == "труд"
    assert "лейбористский" in dictionary.senses("labour")
    assert "лейбористский партия" in russian_names("Labour Party of Norway").bodies


def test_one_word_is_read_when_the_dictionary_writes_its_set_phrase_as_a_name() -> None:
    assert russian_names("The Commonwealth").full == ("Содружество",)
    assert russian_names("The Times").full == ()  # no phrase of its own


def test_a_of_b_is_read_as_the_set_phrase_b_a_where_the_name_ends_or_its_place_follows() -> None:
    assert russian_names("Department of State").full == ("государственный департамент",)
    assert russian_names("Department of State Norway").reading == "государственный департамент"
    # Mid-name, "Office of Foreign" is not "Foreign Office" (министерство иностранных дел).
    assert "министерство" not in russian_names("Office of Foreign Affairs").reading


def test_a_word_joined_by_and_is_read_apart_before_the_rest() -> None:
    assert coordinated("Trade and Industry Ministry") == ["Industry Ministry", "Trade Ministry"]
    assert coordinated("Bosnia and Herzegovina") == []  # nothing after the pair


def test_a_countrys_adjective_before_set_phrases_names_the_country() -> None:
    ministry = russian_names("German Foreign Office")
    assert ministry.as_written == ("министерство иностранных дел Германии",)
    assert ministry.body_place == "DE"
    # Before words read one by one, a brand: "нефть Великобритании" is no body.
    assert russian_names("British Petroleum").body_place == ""


def test_a_set_phrase_ending_in_a_places_name_is_a_body_of_that_place() -> None:
    assembly = russian_names("United Nations General Assembly")
    assert (assembly.reading, assembly.body_place) == ("Генеральная Ассамблея", "UN")
    assert russian_names("House of Commons").body_place == ""
