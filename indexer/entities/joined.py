"""Two names the model read as one ("Мэй Джонсон", "ПРАЙМ. Nord Stream"): split them apart;
and one name it read as two, which the article gives whole elsewhere: join them.

A span of several words is two mentions when its words before some point are a name the
article gives elsewhere on its own and the words after it are another of the same type: the
full name of another mention, or a person's surname (`form_key`, so "Джонсону" is Джонсон).
Both sides must be known, so a name that merely holds another ("Нафтогаз Украины", "Nord
Stream 2", "МИД Великобритании") stays whole; nor is a first name ("Тереза Мэй"), a common
word ("Совет ЕС") or a legal form's name ("Блю Стрим Пайплайн Компани") a name of its own here.
"""

from __future__ import annotations

import re

from indexer.entities.mention import Mention
from indexer.model import EntityType
from indexer.naming.keys import common_russian_word, form_key, given_name, without_legal_form

# natasha reads two names side by side as one ("Мэй Джонсон"); spaCy's English spans were not
# looked at (CoNLL eng.testa F1 fell 0.764 -> 0.758 with the rule on English too).
SPLIT_LANGUAGES = frozenset({"ru"})
_WORD = re.compile(r"\w[\w'’-]*")
# Words of a name given whole that two mentions side by side may make up: two or more words
# make two mentions; fewer is one word read as two.
MIN_JOINED_WORDS = 2


def split_joined(body: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions with each span of two known names split in two (offsets into `body`)."""
    if len(mentions) < 3:
        return mentions
    known = _known(mentions)
    out: list[Mention] = []
    for mention in mentions:
        splittable = mention.language in SPLIT_LANGUAGES and " " in mention.normal.strip()
        parts = _split(body, mention, known) if splittable else []
        out.extend(parts or [mention])
    return out


def join_split(body: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions with each two side by side that together are a name the article gives
    whole as one ("Блю Стрим" and "Пайплайн Компани", two persons to the model, beside "Блю
    Стрим Пайплайн Компани") made that one (sorted, offsets into `body`)."""
    whole = {form_key(m.normal): m for m in mentions if len(m.normal.split()) >= MIN_JOINED_WORDS}
    if not whole:
        return mentions
    out: list[Mention] = []
    for mention in mentions:
        before = out[-1] if out else None
        # A place after a body's name stays a place of its own, as `russian_rules` leaves it.
        if (
            before is not None
            and mention.type != "location"
            and body[before.end : mention.start] == " "
        ):
            named = whole.get(form_key(f"{before.normal} {mention.normal}"))
            if named is not None:
                out[-1] = Mention(
                    before.start, mention.end, named.type, named.normal, named.language
                )
                continue
        out.append(mention)
    return out


Known = dict[str, tuple[str, EntityType, set[str], set[str]]]


def _known(mentions: list[Mention]) -> Known:
    """Form key -> (name, type, form keys of the mentions giving it as a name, and as a first
    name) of the article's names: each mention's whole name, a person's surname and first name."""
    known: Known = {}
    for mention in mentions:
        whole = form_key(mention.normal)
        _entry(known, whole, mention.normal, mention.type)[2].add(whole)
        words = mention.normal.split()
        if mention.type == "person" and len(words) >= 2:
            _entry(known, form_key(words[-1]), words[-1], mention.type)[2].add(whole)
            _entry(known, form_key(words[0]), words[0], mention.type)[3].add(whole)
    return known


def _entry(
    known: Known, key: str, name: str, type_: EntityType
) -> tuple[str, EntityType, set[str], set[str]]:
    return known.setdefault(key, (name, type_, set(), set()))


def _split(body: str, mention: Mention, known: Known) -> list[Mention]:
    whole = form_key(mention.normal)
    words = list(_WORD.finditer(body, mention.start, mention.end))
    for cut in range(1, len(words)):
        left = known.get(form_key(body[mention.start : words[cut - 1].end()]))
        right = known.get(form_key(body[words[cut].start() : mention.end]))
        if (
            left
            and right
            and left[2] - {whole}  # given elsewhere, not only by this span's own words
            and right[2] - {whole}
            and not left[3] - {whole}  # a first name elsewhere: "Тереза Мэй" is one name
            and left[1] == right[1]
            and not any(map(given_name, left[0].split()))  # "Тереза Мэй", "Борис Николаевич"
            and _own_name(left[0])
            and _own_name(right[0])
        ):
            return [
                Mention(start, end, name[1], name[0], mention.language, mention.weight)
                for (start, end), name in (
                    ((mention.start, words[cut - 1].end()), left),
                    ((words[cut].start(), mention.end), right),
                )
            ]
    return []


def _own_name(name: str) -> bool:
    """Neither a common word ("Совет") nor a legal form's name ("Пайплайн Компани")."""
    return not common_russian_word(name) and without_legal_form(name) == name
