"""A Russian person addressed by first name and patronymic ("Светлана Николаевна") is the one
person of the article with that first name ("Светлана Леонтьева")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Protocol

from indexer.entities.mention import Mention
from indexer.naming.keys import given_name, name_key, patronymic

# Russian news addresses people so; English has no patronymics.
PATRONYMIC_LANGUAGE = "ru"


class Groups(Protocol):
    """The article's union-find of mentions (`aliases._UnionFind`)."""

    def find(self, i: int) -> int: ...

    def union(self, a: int, b: int) -> None: ...


def addressed(name: str) -> bool:
    """Whether a name is a first name and a patronymic alone ("Алла Николаевна")."""
    words = name.split()
    return len(words) == 2 and given_name(words[0]) and patronymic(words[1])


def link_patronymics(mentions: Sequence[Mention], groups: Groups) -> set[int]:
    """Link each "first name and patronymic" to the one person of the article whose full
    name has that first name; return those linked, which name no one elsewhere."""
    # The first name compares whole: "Александр" and "Александра" are two people.
    by_first: dict[str, set[int]] = defaultdict(set)
    for i, mention in enumerate(mentions):
        words = name_key(mention.normal).split()
        if mention.type == "person" and len(words) >= 2 and not addressed(mention.normal):
            by_first[words[0]].add(groups.find(i))
    called = [
        i
        for i, mention in enumerate(mentions)
        if mention.type == "person"
        and mention.language == PATRONYMIC_LANGUAGE
        and addressed(mention.normal)
    ]
    for i in called:
        roots = {groups.find(r) for r in by_first.get(name_key(mentions[i].normal).split()[0], ())}
        if len(roots) == 1:
            groups.union(roots.pop(), i)
    # Every such mention of a person with a full name is short, repeats too, so that the
    # person keeps the full name as canonical however often the article addresses them.
    named = {groups.find(r) for roots in by_first.values() for r in roots}
    return {i for i in called if groups.find(i) in named}
