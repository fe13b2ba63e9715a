"""A lone surname in a woman's form is a woman, never the man of that surname."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.entities.aliases import Cluster, resolve
from indexer.entities.genders import lone_gender, may_shorten
from indexer.entities.mention import Mention
from indexer.entities.table import EntityTable
from indexer.naming.keys import name_genders


@pytest.mark.parametrize(
    ("word", "genders"),
    [
        ("Громыхалова", {"femn", "masc"}),  # a woman, or a man in the genitive
        ("Зеленская", {"femn"}),
        ("Зеленской", {"femn"}),
        ("Зеленскому", {"masc"}),
        ("Владимир", {"masc"}),
        ("Мария", {"femn"}),
        ("Шойгу", {"femn", "masc"}),  # does not change
        ("Рютте", set()),  # a foreign name the dictionary only guesses
        ("Smith", set()),
    ],
)
def test_a_names_form_says_its_genders(word: str, genders: set[str]) -> None:
    assert name_genders(word) == genders


def test_only_forms_sure_of_a_gender_say_one() -> None:
    assert lone_gender(["Зеленская", "Тихановская"]) == {"femn"}
    assert lone_gender(["Мулюковой"]) == set()  # not a nominative: the model's slip
    assert lone_gender(["Зеленский"]) == {"masc"}
    assert lone_gender(["Громыхалов"]) == set()  # the model may have put a woman's name so
    assert not may_shorten("Зеленская", "Владимир Зеленский")
    assert may_shorten("Зеленская", "Елена Зеленская")
    assert not may_shorten("Зеленский", "Елена Зеленская")
    assert may_shorten("Громыхалов", "Елена Громыхалова")


def _person(*names: str) -> Cluster:
    return Cluster([], "person", names[0], list(names))


def test_a_lone_feminine_surname_does_not_find_the_man(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    (man,) = table.resolve([_person("Олег Зеленский")])
    (woman,) = table.resolve([_person("Зеленская")])
    (again,) = table.resolve([_person("Зеленский")])  # found both by the surname's form
    assert woman.entity_id != man.entity_id
    assert again.entity_id == man.entity_id
    assert table.resolve([_person("Зеленская")])[0].entity_id == woman.entity_id
    table.close()


def test_a_lone_feminine_surname_finds_the_woman(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    (woman,) = table.resolve([_person("Ольга Зеленская")])
    (lone,) = table.resolve([_person("Зеленская")])
    assert lone.entity_id == woman.entity_id
    table.close()


def test_within_an_article_the_wife_stays_apart() -> None:
    body = "Жена Олега Зеленского Ольга приехала в Вену. Зеленская открыла выставку."
    spans = [("Олега Зеленского", "Олег Зеленский"), ("Зеленская", "Зеленская")]
    mentions = [
        Mention(body.index(text), body.index(text) + len(text), "person", normal, "ru")
        for text, normal in spans
    ]
    clusters = resolve(body, mentions)
    assert len([c for c in clusters if c.type == "person"]) == 2
