"""Two organisations written as one name ("Pfizer/BioNTech", "Pfizer-BioNTech"): two mentions.

News names the partners of a joint product by both names at once, and the model reads the pair
as one organisation. When each side is an organisation known on its own, in the article or in
the entity store, the span is those two. A name that holds a hyphen of its own ("Mercedes-Benz",
"Альфа-Банк") has a side known as no organisation, or a common word ("Банк"), and stays whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import wordfreq

from indexer.entities.mention import Mention
from indexer.naming.keys import common_russian_word, form_key

# Whether the entity store knows an organisation by this name on its own.
KnownBody = Callable[[str], bool]
# Two names of one word each, a slash or hyphen between them (spaces around a slash allowed).
_PAIR = re.compile(r"(\w[\w.&']*)(\s*/\s*|[-‐‑–])(\w[\w.&']*)")

# A word this common in English (Zipf scale) is no company's own name: Qantas 2.9, Pfizer 3.1,
# Exxon 3.1 are; Deutsche 3.7, Reuters 3.9 and Johnson 4.7, shared by others, are not.
MAX_BRAND_ZIPF = 3.5


def split_pairs(
    body: str, mentions: list[Mention], known_elsewhere: KnownBody | None = None
) -> list[Mention]:
    """The mentions with each organisation written as a pair of known ones split in two."""
    alone = {
        form_key(m.normal): m.normal
        for m in mentions
        if m.type == "organization" and not _PAIR.fullmatch(body[m.start : m.end])
    }
    out: list[Mention] = []
    for mention in mentions:
        out.extend(_pair(body, mention, alone, known_elsewhere) or [mention])
    return out


def _pair(
    body: str, mention: Mention, alone: dict[str, str], known_elsewhere: KnownBody | None
) -> list[Mention]:
    """The two organisations a mention names, or [] when it is not two known ones."""
    if mention.type != "organization":
        return []
    match = _PAIR.fullmatch(body, mention.start, mention.end)
    if match is None:
        return []
    sides = []
    for group in (1, 3):
        name = match.group(group)
        if not name[:1].isupper() or _common(name):
            return []
        known = alone.get(form_key(name))
        if known is None and not (known_elsewhere is not None and known_elsewhere(name)):
            return []
        sides.append(
            replace(mention, start=match.start(group), end=match.end(group), normal=known or name)
        )
    return sides


def _common(word: str) -> bool:
    """Whether a word is a common word of Russian or English ("Банк", "Bank", "Oxford") rather
    than a company's own name ("Pfizer" 3.1 on wordfreq's Zipf scale, "Bank" far above)."""
    if common_russian_word(word):
        return True
    return wordfreq.zipf_frequency(word.casefold(), "en") >= MAX_BRAND_ZIPF
