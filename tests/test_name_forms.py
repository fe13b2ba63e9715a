"""A name in another script is matched by its own forms, as written, never by its stem."""

from __future__ import annotations

import pytest

from indexer.search.name_forms import name_forms


@pytest.mark.parametrize(
    ("name", "present", "absent"),
    [
        ("Дания", {"дания", "дании", "данию", "данией"}, {"дан", "данные", "данным"}),
        ("Мерен", {"мерен", "мерена", "мереном"}, {"мер", "меры"}),
        ("Скрипалей", {"скрипаль", "скрипаля", "скрипалем", "скрипалей"}, set()),
        ("Бюхеле", {"бюхеле", "бюхель", "бюхеля"}, set()),
        ("Ли", {"ли"}, {"ля", "лу"}),
        ("Putin", {"putin"}, {"put"}),
        ("Королёв", {"королёв", "королева", "королевым"}, set()),
    ],
)
def test_forms(name: str, present: set[str], absent: set[str]) -> None:
    forms = set(name_forms(name))
    assert name.casefold() in forms
    assert present <= forms
    assert not absent & forms
