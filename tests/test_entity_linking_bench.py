"""The entity-linking benchmark's own parts: its dumped items carry more than its figures read."""

from __future__ import annotations

import pytest

from bench.entity_linking_bench import ITEM_FIELDS, bcubed, summary, values_per_entity


def _item(gold: str, value: str, text: str) -> list[str]:
    return [gold, value, text, text, "person", text.title(), "topic/file_1"]


def test_items_are_read_by_their_first_two_fields_whatever_else_they_carry() -> None:
    items = [
        _item("PER-Ann-Lee", "ann-lee", "Энн Ли"),
        _item("PER-Ann-Lee", "ann-lee", "Энн Ли"),
        _item("PER-Ann-Lee", "ann", "Энн"),
        _item("PER-Bo-Ray", "ann-lee", "Бо Рэй"),
    ]
    assert len(items[0]) == len(ITEM_FIELDS)
    part = {"items": items, "found_mentions": 4, "gold_mentions": 5, "searches": [], "articles": 1}
    figures = summary(part)
    pairs = [(item[0], item[1]) for item in items]
    assert figures["b3"] == bcubed(pairs)
    assert figures["values"] == values_per_entity(pairs) == 2.0  # Bo Ray's one item: not counted
    precision, recall, _ = figures["b3"]
    assert precision == pytest.approx((2 * 2 / 3 + 1 + 1 / 3) / 4)
    assert recall == pytest.approx((2 * 2 / 3 + 1 / 3 + 1) / 4)
