"""Two organisations written as one name are two mentions when each is known on its own."""

from __future__ import annotations

import pytest

from indexer.entities.mention import Mention
from indexer.entities.pairs import split_pairs


def _orgs(body: str, names: list[str]) -> list[Mention]:
    found, at = [], 0
    for name in names:
        at = body.index(name, at)
        found.append(Mention(at, at + len(name), "organization", name, "ru"))
        at += len(name)
    return found


def _spans(body: str, mentions: list[Mention]) -> list[str]:
    return [body[m.start : m.end] for m in mentions]


@pytest.mark.parametrize("pair", ["Zentaviq/Quorvex", "Zentaviq / Quorvex", "Zentaviq-Quorvex"])
def test_a_pair_of_companies_the_article_names_alone_is_two(pair: str) -> None:
    body = f"Препарат {pair} одобрен. Zentaviq и Quorvex довольны."
    mentions = _orgs(body, [pair, "Zentaviq", "Quorvex"])
    split = split_pairs(body, mentions)
    assert _spans(body, split) == ["Zentaviq", "Quorvex", "Zentaviq", "Quorvex"]
    assert [m.type for m in split] == ["organization"] * 4


def test_a_pair_the_store_knows_is_two() -> None:
    body = "Препарат Zentaviq/Quorvex одобрен."
    mentions = _orgs(body, ["Zentaviq/Quorvex"])
    split = split_pairs(body, mentions, lambda name: name in {"Zentaviq", "Quorvex"})
    assert _spans(body, split) == ["Zentaviq", "Quorvex"]


@pytest.mark.parametrize(
    ("pair", "known"),
    [
        ("Zentaviq-Quorvex", {"Zentaviq"}),  # one side known alone only
        ("Zentaviq-Bank", {"Zentaviq", "Bank"}),  # a common word is part of one name
        ("Альфа-Банк", {"Альфа", "Банк"}),
    ],
)
def test_one_name_with_a_hyphen_stays_whole(pair: str, known: set[str]) -> None:
    body = f"Компания {pair} выросла."
    mentions = _orgs(body, [pair])
    assert split_pairs(body, mentions, lambda name: name in known) == mentions
