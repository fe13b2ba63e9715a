"""Russian rules: an organisation named with its country or city ("МИД России"), and an
adjective that shares its noun with the next name ("Центральной и Восточной Европы")."""

from __future__ import annotations

import re

from indexer.entities.city_word import without_city_word
from indexer.entities.mention import Mention
from indexer.naming.keys import adjective, morphology, name_key
from indexer.naming.places import place_of

# Only a space between the organisation and the place that qualifies it.
JOINER = re.compile(r"^ $")
# What joins two adjectives that share one noun: "Северной и Южной Кореи", "Западной или
# Восточной Европы", "Северной, Южной Америки".
SHARED_NOUN_JOINER = re.compile(r"^(?: и | или |, )$")
# The same with a second adjective and the noun in lower case, no name of their own.
SHARED_COMMON_NOUN = re.compile(r"(?: и | или |, )([а-яё]+) ([а-яё]+)\b")


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
        if surface == place.normal and not surface.isupper() and not _inflected_place(surface):
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
    kept = without_city_word(text, kept)
    return _share_nouns(text, sorted(kept + added, key=lambda m: (m.start, -m.end)))


def _share_nouns(text: str, mentions: list[Mention]) -> list[Mention]:
    """Name a lone adjective by the noun of the name after it: in "Центральной и Восточной
    Европы" the model's "Центральной" is Центральная Европа, not a name of its own. From the
    last name back, so that a list passes its noun on: "Тульской, Орловской и Липецкой
    областями" are three regions."""
    for i in reversed(range(len(mentions))):
        lone = mentions[i]
        full = mentions[i + 1] if i + 1 < len(mentions) else None
        if len(lone.normal.split()) != 1 or not adjective(text[lone.start : lone.end]):
            continue
        full_words = full.normal.split() if full is not None else []
        joined = full is not None and SHARED_NOUN_JOINER.match(text[lone.end : full.start])
        same_type = full is not None and lone.type == full.type
        if joined and len(full_words) >= 2 and same_type and adjective(full_words[0]):
            lone.normal = " ".join([lone.normal, *full_words[1:]])
        elif noun := _shared_common_noun(text, lone.end, full.start if full else len(text)):
            lone.normal = f"{lone.normal} {noun}"  # "Европейскому и британскому парламентам"
    return mentions


def _shared_common_noun(text: str, at: int, end: int) -> str:
    """The noun, in the dictionary form, of a lower-case adjective and noun joined to the
    text at `at` ("и британскому парламентам": "парламент"), or ""."""
    pair = SHARED_COMMON_NOUN.match(text, at, end)
    if pair is None or not adjective(pair.group(1)):
        return ""
    nouns = [p for p in morphology().parse(pair.group(2)) if p.tag.POS == "NOUN" and p.is_known]
    return str(nouns[0].normal_form) if nouns else ""


def _inflected_place(surface: str) -> bool:
    """Whether the gazetteer knows the place only in another form: natasha left "Соединенного
    Королевства" as written, though it is no nominative (Соединённое Королевство)."""
    place = place_of(surface)
    return place is not None and name_key(surface) not in {name_key(n) for n in place.names}


def _may_be_genitive(place: str) -> bool:
    """Whether the place's last word can be in the genitive, the case of a place that
    qualifies a body ("МИДа России", "Конгресса США"); words with no case in Russian's
    dictionary ("London") may."""
    cases = {parse.tag.case for parse in morphology().parse(place.split()[-1].casefold())}
    return "gent" in cases or cases <= {None}
