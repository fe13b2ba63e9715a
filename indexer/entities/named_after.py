"""A research body named by its eponym, where the model saw only the person.

natasha tags "Гамалеи" alone in "специалисты центра Гамалеи" or "института им. Чумакова" as a
person. When the words before it are a research body's head (`eponyms.research_head`), with
"имени" or not, and the article or the entity store knows a body named after that person
(`eponyms.eponym_key`), the span from the head is that body, and no person is named there.
"""

from __future__ import annotations

import re
from dataclasses import replace

from indexer.entities.mention import Mention
from indexer.entities.qualified import KnownKeys
from indexer.naming.eponyms import eponym_key, research_head
from indexer.naming.keys import morphology

# natasha's habit; English puts the eponym first ("the Gamaleya Institute").
EPONYM_LANGUAGES = frozenset({"ru"})
# Longest stretch read before the person for the head, "имени" and a title ("центра имени
# академика "): a head of one word, not a clause.
MAX_BEFORE_CHARS = 60
# A head word, then optionally "имени"/"им." and one lower-case title, right before the person.
_HEAD_BEFORE = re.compile(r"([\w-]+)\s+(?:(?:имени\s+|им\.\s*)(?:[а-яё]+\s+)?)?$")


def name_eponyms(
    body: str, mentions: list[Mention], known_elsewhere: KnownKeys | None = None
) -> list[Mention]:
    """The mentions with each person that follows a research body's head ("центра Гамалеи")
    read as that body, when the article or `known_elsewhere` names a body after that person."""
    known = {key for m in mentions if m.type == "organization" and (key := eponym_key(m.normal))}
    result = []
    for mention in mentions:
        body_mention = _as_body(body, mention, mentions)
        if body_mention is not None:
            key = eponym_key(body_mention.normal)
            if key in known or (known_elsewhere is not None and known_elsewhere({key})):
                mention = body_mention
        result.append(mention)
    return result


def _as_body(body: str, person: Mention, mentions: list[Mention]) -> Mention | None:
    """The research body a person's span and the head before it would name, else None."""
    if person.type != "person" or person.language not in EPONYM_LANGUAGES:
        return None
    if any(m.type == "organization" and m.start <= person.start < m.end for m in mentions):
        return None  # already inside a body's name
    *initials, _ = body[person.start : person.end].split()
    if any(len(word.strip(".")) > 2 for word in initials):
        return None  # "НИИ Гамалеи Гинзбург": a person's full name follows, not an eponym
    before = _HEAD_BEFORE.search(body, max(0, person.start - MAX_BEFORE_CHARS), person.start)
    if before is None or not research_head(before.group(1)):
        return None
    if any(m is not person and m.start < person.start and before.start() < m.end for m in mentions):
        return None  # the head is another name's word
    head = before.group(1)
    nominative = head if head.isupper() else _nominative(head).capitalize()
    rest = body[before.end(1) : person.end]
    normal = f"{nominative}{rest}"
    if not eponym_key(normal):
        return None
    return replace(person, start=before.start(), type="organization", normal=normal)


def _nominative(word: str) -> str:
    """The dictionary form of a head noun ("центра": центр)."""
    parses = morphology().parse(word.casefold())
    noun = next((p for p in parses if p.tag.POS == "NOUN"), parses[0])
    return str(noun.normal_form)
