"""A place written with more or less than its name: the word for a city before it, a word
glued on, its first word cut to an initial; and a dateline's place."""

from __future__ import annotations

from pathlib import Path

from indexer.entities.aliases import Cluster
from indexer.entities.city_word import without_city_word
from indexer.entities.datelines import dateline_places
from indexer.entities.glued_words import without_glued_words
from indexer.entities.mention import Mention
from indexer.entities.table import EntityTable
from indexer.naming.places import place_of
from indexer.naming.store import FILENAME


def _place(text: str, written: str, normal: str) -> Mention:
    start = text.index(written)
    return Mention(start, start + len(written), "location", normal, "ru")


def test_a_city_after_the_word_for_a_city_is_the_city() -> None:
    text = "Пункт открыт по адресу: Город Казань, улица Садовая. Бригада работала в городе Самаре."
    mentions = [
        _place(text, "Город Казань", "Город Казань"),
        _place(text, "городе Самаре", "город Самара"),
    ]
    narrowed = without_city_word(text, mentions)
    assert [(text[m.start : m.end], m.normal) for m in narrowed] == [
        ("Казань", "Казань"),
        ("Самаре", "Самара"),
    ]


def test_another_kind_word_or_a_place_of_its_own_stays_whole() -> None:
    text = "Губернатор штата Нью-Йорк и власти Республики Коми договорились."
    mentions = [
        _place(text, "штата Нью-Йорк", "штат Нью-Йорк"),  # the state, not the city
        _place(text, "Республики Коми", "Республика Коми"),  # the gazetteer's own name
    ]
    assert without_city_word(text, mentions) == mentions


def test_a_place_with_a_word_glued_on_by_a_dash_is_the_place() -> None:
    text = "Сказал, что в Эстонии-желающих мало, а Oslo-based банки молчат."
    mentions = [
        _place(text, "Эстонии-желающих", "Эстонии-желающих"),
        _place(text, "Oslo-based", "Oslo-based"),
    ]
    narrowed = without_glued_words(text, mentions)
    assert [text[m.start : m.end] for m in narrowed] == ["Эстонии", "Oslo"]


def test_a_name_written_with_a_dash_stays_whole() -> None:
    text = "Рейсы из Ростова-на-Дону и Улан-Удэ отменили."
    mentions = [
        _place(text, "Ростова-на-Дону", "Ростов-на-Дону"),
        _place(text, "Улан-Удэ", "Улан-Удэ"),
    ]
    assert without_glued_words(text, mentions) == mentions


def test_a_place_with_its_first_word_cut_to_an_initial_is_that_place() -> None:
    saint_petersburg = place_of("Петербург")  # the city; "Санкт-Петербург" is the region too
    assert saint_petersburg is not None
    assert place_of("С.-Петербург") == saint_petersburg
    assert place_of("С. ПЕТЕРБУРГ") == saint_petersburg
    # Another initial starts no name of the place "Новгород" is: not Великий Новгород.
    assert place_of("Н. Новгород") is None


def test_a_dateline_s_place_is_a_place_whatever_the_model_said() -> None:
    text = "Итоги\nС.-ПЕТЕРБУРГ, 3 фев - Агентство. Открыт центр.\nНовости С.-ПЕТЕРБУРГ, 4 фев"
    first = text.index("С.-ПЕТЕРБУРГ")
    later = text.rindex("С.-ПЕТЕРБУРГ")
    mentions = [
        Mention(first, first + 12, "organization", "С.-ПЕТЕРБУРГ", "ru"),
        Mention(later, later + 12, "organization", "С.-ПЕТЕРБУРГ", "ru"),  # opens no line
    ]
    typed = dateline_places(text, mentions)
    assert [m.type for m in typed] == ["location", "organization"]
    assert typed[0].forced


def test_a_town_heard_like_a_country_is_another_place(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / FILENAME)

    def place(name: str) -> str:
        cluster = Cluster([], "location", name, [name])  # type: ignore[arg-type]
        return table.resolve([cluster])[0].entity_id

    austria, netherlands = place("Австрия"), place("Нидерланды")
    assert place("Истра") != austria  # sounds as "Austria" does, is spelled far from Австрия
    assert place("Нидрланды") == netherlands  # a slip of the place's own name
    table.close()
