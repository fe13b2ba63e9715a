"""Spell out "(ISIL)": the words before a bracketed acronym whose initials it takes are one name.

The model often cuts a long name in pieces ("Islamic State of Iraq" and "the
Levant"); an acronym right after it says where the name starts.
"""

from __future__ import annotations

import re

from indexer.entities.links import is_acronym_of, looks_like_acronym
from indexer.entities.mention import Mention
from indexer.entities.noise import clean_name
from indexer.entities.tidy import drop_overlaps
from indexer.model import EntityType

BRACKETED = re.compile(r"\(\s*([A-ZА-ЯЁ][\w.&-]{1,9})\s*\)")
WORD = re.compile(r"[^\s(),;:]+")
# How far back to look for the spelled-out name: a few words per letter.
LOOKBACK_CHARS = 200
# Vote weight of a name the text spells out itself.
SPELLED_OUT_WEIGHT = 3.0


def expand_acronyms(text: str, mentions: list[Mention], language: str) -> list[Mention]:
    """Replace the pieces of a name that a bracketed acronym spells with one mention."""
    added = []
    for bracket in BRACKETED.finditer(text):
        acronym = bracket.group(1)
        if not looks_like_acronym(acronym):
            continue
        span = _spelled_out(text, bracket.start(), acronym)
        if span is None:
            continue
        start, end = span
        inside = [m for m in mentions if m.start < end and start < m.end]
        same = [m for m in inside if (m.start, m.end) == span]
        if same:
            same[0].weight = max(same[0].weight, SPELLED_OUT_WEIGHT)
            continue
        type_: EntityType = "organization"
        if inside and all(m.type == "location" for m in inside):
            type_ = "location"
        normal = clean_name(text[start:end])
        added.append(Mention(start, end, type_, normal, language, SPELLED_OUT_WEIGHT))
    added = drop_overlaps(added)
    kept = [m for m in mentions if all(m.end <= a.start or a.end <= m.start for a in added)]
    return sorted(kept + added, key=lambda m: m.start)


def _spelled_out(text: str, before: int, acronym: str) -> tuple[int, int] | None:
    """The shortest run of words ending at `before` whose initials spell `acronym`."""
    window_start = max(0, before - LOOKBACK_CHARS)
    words = list(WORD.finditer(text, window_start, before))
    letters = sum(c.isalpha() for c in acronym)
    for count in range(2, min(len(words), 3 * letters) + 1):
        first = words[-count]
        if not first.group()[0].isupper():
            continue
        start, end = first.start(), words[-1].end()
        if "\n" in text[start:end]:
            return None
        if is_acronym_of(acronym, text[start:end]):
            return start, end
    return None
