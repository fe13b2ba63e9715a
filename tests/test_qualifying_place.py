"""A body's last word qualifies it with a place only when that word reads as a place."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.entities.aliases import Cluster
from indexer.entities.article_country import bare_body
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
