"""A body's syllabic short form with its place meets the name spelled out with that place."""

from __future__ import annotations

from pathlib import Path

from indexer.entities.aliases import Cluster
from indexer.entities.table import EntityTable


def _resolve(table: EntityTable, name: str) -> str:
    (found,) = table.resolve([Cluster([], "organization", name, [name])])
    return found.entity_id


def test_a_syllabic_compound_with_its_place_is_the_spelled_out_body(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    full = _resolve(table, "Министерство просвещения Франции")
    assert _resolve(table, "Минпрос Франции") == full
    assert _resolve(table, "Минпрос Франции") == full
    table.close()


def test_the_spelled_out_body_finds_a_known_compound_of_its_place(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    short = _resolve(table, "Минпрос Франции")
    assert _resolve(table, "Министерство просвещения Франции") == short
    assert _resolve(table, "Министерство просвещения Германии") != short
    table.close()
