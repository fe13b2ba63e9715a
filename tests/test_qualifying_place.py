"""A body's last word qualifies it with a place only when that word reads as a place."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.entities.aliases import Cluster
from indexer.entities.article_country import bare_body
from indexer.entities.mention import Mention
from indexer.entities.table import EntityTable
from indexer.naming.places import qualifying_place


@pytest.mark.parametrize("word", ["Дума", "Думы", "Рада", "Марк"])
def test_a_common_word_that_shares_a_towns_name_is_no_place(word: str) -> None:
    assert qualifying_place(word) is None


@pytest.mark.parametrize("word", ["Москвы", "Грузии", "Орла", "Калуги"])
def test_places_still_qualify(word: str) -> None:
    assert qualifying_place(word) is not None


def test_a_body_named_with_a_common_word_is_bare() -> None:
    assert bare_body("Городская Дума")
    assert not bare_body("Городская Дума Калуги")


def test_a_chamber_and_the_same_chamber_with_its_country_are_one(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    spelled = ["Государственная Дума", "Госдума"]
    (bare,) = table.resolve([Cluster([], "organization", spelled[0], spelled)])
    # The spelled-out name gave no place of its own that keeps a country's body from it.
    both = ["Госдума России", "Госдума"]
    (qualified,) = table.resolve([Cluster([], "organization", both[0], both)])
    assert qualified.entity_id == bare.entity_id
    table.close()


def _article(body: str, city: str) -> list[Cluster]:
    """A body and a city named twice: news from that city's country."""
    twice = [Mention(0, len(city), "location", city, "ru")] * 2
    return [
        Cluster([], "organization", body, [body]),
        Cluster(twice, "location", city, [city]),
    ]


def test_a_body_named_bare_first_joins_it_named_with_the_news_country(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    bare, _ = table.resolve(_article("Метеоцентр", "Москва"))
    qualified, _ = table.resolve(_article("Метеоцентр России", "Москва"))
    assert "Метеоцентр" in table.aliases_of("Метеоцентр России", "organization")
    (later,) = table.resolve([Cluster([], "organization", "Метеоцентр", ["Метеоцентр"])])
    assert later.entity_id == qualified.entity_id != bare.entity_id
    table.close()


def test_a_bare_name_from_another_countrys_news_stays_apart(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    table.resolve(_article("Метеоцентр", "Копенгаген"))
    table.resolve(_article("Метеоцентр России", "Москва"))
    assert "Метеоцентр" not in table.aliases_of("Метеоцентр России", "organization")
    table.close()
