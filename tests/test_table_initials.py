"""The entity table reads a person's initialled name ("H. Calloway", "В.В. Сомов") by its
surname, and keeps it apart from a known person whose first name starts otherwise."""

from __future__ import annotations

from pathlib import Path

from indexer.entities.aliases import Cluster
from indexer.entities.table import EntityTable


def _person(table: EntityTable, name: str) -> str:
    (resolved,) = table.resolve([Cluster([], "person", name, [name])])
    return resolved.entity_id


def test_an_initial_joins_the_one_person_whose_first_name_it_starts(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    harold = _person(table, "Harold Calloway")
    assert _person(table, "H. Calloway") == harold
    table.close()


def test_an_initial_of_another_first_name_is_another_person(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    harold = _person(table, "Harold Calloway")
    other = _person(table, "M. Calloway")
    assert other != harold
    assert _person(table, "M. Calloway") == other  # and stays that person
    table.close()


def test_initials_in_the_other_script_or_without_a_capital_say_no_letter(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    harold = _person(table, "Harold Calloway")
    assert _person(table, "Mr Calloway") == harold
    table.close()


def test_a_patronymic_s_initial_glued_to_the_first_is_an_initialled_name(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    viktor = _person(table, "Виктор Сомов")
    assert _person(table, "В.В. Сомов") == viktor
    assert _person(table, "А.В. Сомов") != viktor
    table.close()
