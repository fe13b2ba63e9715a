"""One person however Russian writes the name: with a patronymic, surname first."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.entities.aliases import Cluster
from indexer.entities.table import EntityTable
from indexer.naming.person_order import first_and_surname
from indexer.naming.store import FILENAME


@pytest.mark.parametrize(
    ("name", "plain"),
    [
        ("Олег Петрович Коваль", "Олег Коваль"),
        ("Олега Петровича Коваля", "Олег Коваля"),  # the first name back in the nominative
        ("Коваль Олег Петрович", "Олег Коваль"),
        ("Коваль Олег", "Олег Коваль"),
        ("Нина Сергеевна Ладова", "Нина Ладова"),
        ("Олег Коваль", ""),  # already so
        ("Олег Хармон Коваль", "Олег Коваль"),  # a middle name
        ("Анна Мария Ладова", ""),  # two first names, no patronymic
        ("Сергей Роман", ""),  # a first name first is no surname
        ("О. П. Коваль", ""),  # initials: other keys
    ],
)
def test_a_name_as_first_name_and_surname(name: str, plain: str) -> None:
    assert first_and_surname(name) == plain


def _person(table: EntityTable, name: str) -> str:
    (resolved,) = table.resolve([Cluster([], "person", name, [name])])  # type: ignore[arg-type]
    return resolved.entity_id


def test_a_patronymic_or_the_surname_first_names_the_same_person(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / FILENAME)
    person = _person(table, "Олег Коваль")
    assert _person(table, "Олег Петрович Коваль") == person
    assert _person(table, "Коваль Олег") == person
    assert _person(table, "Коваль Олег Петрович") == person
    table.close()


def test_two_patronymics_are_two_people_under_one_name(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / FILENAME)
    father = _person(table, "Олег Петрович Коваль")
    assert _person(table, "Олег Олегович Коваль") != father
    table.close()
