"""Russian rules: an organisation named with its country or city ("МИД России")."""

from __future__ import annotations

import re

from indexer.entities.mention import Mention
from indexer.naming.keys import morphology

# Only a space between the organisation and the place that qualifies it.
JOINER = re.compile(r"^ $")


def russian_rules(text: str, mentions: list[Mention]) -> list[Mention]:
    """Add "Конгресс США" over "Конгресса" + "США"; the place stays a mention of its own.

    natasha cuts "Конгресса США" or "Верховный суд Бангладеша" into an organisation
    and a place; the organisation's name includes the place, and an analyst filtering
    by the place still finds it.
    """
    added, replaced = [], set()
    for org, place in zip(mentions, mentions[1:], strict=False):
        if org.type != "organization" or place.type != "location":
            continue
        if not JOINER.match(text[org.end : place.start]):
            continue
        surface = text[place.start : place.end]
        if surface == place.normal and not surface.isupper():
            continue  # "ЕС Болгария": a place in the nominative starts a list, it qualifies nothing
        if not _may_be_genitive(surface):
            continue  # "в составе ЕС Ирландской Республикой": the place is another phrase's
        replaced.add((org.start, org.end))
        added.append(
            Mention(
                org.start,
                place.end,
                "organization",
                f"{org.normal} {surface}",
                org.language,
                org.weight,
            )
        )
    kept = [m for m in mentions if (m.start, m.end) not in replaced]
    return sorted(kept + added, key=lambda m: (m.start, -m.end))


def _may_be_genitive(place: str) -> bool:
    """Whether the place's last word can be in the genitive, the case of a place that
    qualifies a body ("МИДа России", "Конгресса США"); words with no case in Russian's
    dictionary ("London") may."""
    cases = {parse.tag.case for parse in morphology().parse(place.split()[-1].casefold())}
    return "gent" in cases or cases <= {None}
