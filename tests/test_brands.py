"""A company and the first word of its name, when the words after it only say its business."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.entities.aliases import Cluster
from indexer.entities.table import EntityTable
from indexer.naming.brands import brand_of


@pytest.mark.parametrize(
    ("name", "brand"),
    [
        ("Zentaviq Biotech", "Zentaviq"),
        ("Zentaviq Airways Inc", "Zentaviq"),  # a legal form as well
        ("ZenTaviq Pharmaceuticals", "ZenTaviq"),
        ("Royal Harbour", ""),  # a common word is no company's own
        ("Zentaviq Quorvex", ""),  # a rare word after it is a name of its own
        ("Qatar Airways", ""),  # a place
        ("ZQX Council", ""),  # an acronym's unit
        ("Zentaviq VI", ""),  # one of a series
        ("Zentaviq and Partners", ""),
        ("Zentaviq", ""),
    ],
)
def test_the_first_word_a_company_is_known_by(name: str, brand: str) -> None:
    assert brand_of(name) == brand


def _resolve(table: EntityTable, name: str) -> str:
    (found,) = table.resolve([Cluster([], "organization", name, [name])])
    return found.entity_id


@pytest.mark.parametrize("first", ["Zentaviq Biotech", "Zentaviq"])
def test_a_company_meets_its_first_word_either_way(tmp_path: Path, first: str) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    known = _resolve(table, first)
    other = "Zentaviq" if first != "Zentaviq" else "Zentaviq Biotech"
    assert _resolve(table, other) == known
    table.close()


def test_a_first_word_that_two_companies_share_joins_no_second(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    lone = _resolve(table, "Zentaviq")
    assert _resolve(table, "Zentaviq Bank") == lone
    assert _resolve(table, "Zentaviq Motors") != lone
    table.close()
