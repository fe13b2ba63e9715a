"""A city named with the word for a city before it ("Город Москва", "в городе Казани"), as
Russian addresses and official names write it: the city's own name is the mention."""

from __future__ import annotations

import re

from indexer.entities.mention import Mention
from indexer.naming.keys import morphology
from indexer.naming.places import CITY_PREFIX, capitalised_place, place_of

# The one kind word the gazetteer's places answer to: it keeps cities alone (of 100,000
# people and more), and "штат", "область" or "остров" before a city's name ("штат Нью-Йорк")
# name another place, the state or region, which the gazetteer may not know.
CITY_WORD = "город"
_FIRST_WORD = re.compile(r"\S+\s+")


def without_city_word(text: str, mentions: list[Mention]) -> list[Mention]:
    """Each place mention "город X" of a gazetteer city X narrowed to X (offsets in `text`)."""
    return [_narrowed(text, m) if m.type == "location" else m for m in mentions]


def _narrowed(text: str, mention: Mention) -> Mention:
    words = mention.normal.split()
    if len(words) != 2 or not _city_word(words[0]) or place_of(mention.normal) is not None:
        return mention
    place = capitalised_place(words[1])
    if place is None or not place.code.startswith(CITY_PREFIX):
        return mention
    first = _FIRST_WORD.match(text, mention.start, mention.end)
    if first is None:
        return mention
    return Mention(
        first.end(), mention.end, mention.type, words[1], mention.language, mention.weight
    )


def _city_word(word: str) -> bool:
    """Whether a word is the noun "город" in any case ("Город", "городе")."""
    parses = morphology().parse(word.casefold())
    return any(p.is_known and p.tag.POS == "NOUN" and p.normal_form == CITY_WORD for p in parses)
