"""A news agency's dateline ("С.-ПЕТЕРБУРГ, 14 янв - РИА Новости."): the place in capitals
that opens a line before the date is a place, whatever type the model gave it."""

from __future__ import annotations

import re

from indexer.entities.mention import FORCED_WEIGHT, Mention
from indexer.naming.places import place_of

# After the dateline's place: a comma and the date's first figure ("МОСКВА, 26 апр",
# "LONDON, March 3" has a month first, and the model reads it as a place already).
_DATE_AFTER = re.compile(r",\s*\d")


def dateline_places(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions with each dateline's place typed a place (offsets in `text`)."""
    return [_as_place(m) if _dateline(text, m) else m for m in mentions]


def _dateline(text: str, mention: Mention) -> bool:
    written = text[mention.start : mention.end]
    opens_line = mention.start == 0 or text[mention.start - 1] == "\n"
    return (
        mention.type != "location"
        and opens_line
        and written.isupper()
        and _DATE_AFTER.match(text, mention.end) is not None
        and place_of(written) is not None
    )


def _as_place(mention: Mention) -> Mention:
    return Mention(
        mention.start, mention.end, "location", mention.normal, mention.language, FORCED_WEIGHT
    )
