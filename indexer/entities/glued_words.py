"""A place with the next word glued on by a dash where a space or a dash between spaces was
meant ("в Латвии-отказов будет больше", "London-based"): the place alone is the mention."""

from __future__ import annotations

import re

from indexer.entities.mention import Mention
from indexer.naming.places import place_of

# A name, a dash with no space, and one lower-case word to the end of the span: names written
# with a dash have a capital after it ("Нью-Йорк", "Ростов-на-Дону", "Baden-Baden").
_GLUED_TAIL = re.compile(r"^(.+)[‐‑-]([^\W\d_]+)$")


def without_glued_words(text: str, mentions: list[Mention]) -> list[Mention]:
    """Each place mention narrowed to the place it starts with, when a lower-case word is
    glued after it by a dash and the gazetteer knows the place but not the whole (offsets in
    `text`)."""
    return [_narrowed(text, m) if m.type == "location" else m for m in mentions]


def _narrowed(text: str, mention: Mention) -> Mention:
    surface = text[mention.start : mention.end]
    glued = _GLUED_TAIL.match(surface)
    if glued is None or not glued.group(2).islower() or not glued.group(1)[:1].isupper():
        return mention
    head = glued.group(1)
    if place_of(surface) is not None or place_of(head) is None:
        return mention
    return Mention(
        mention.start,
        mention.start + len(head),
        mention.type,
        head,
        mention.language,
        mention.weight,
    )
