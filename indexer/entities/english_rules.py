"""English span and type rules the small model gets wrong: initials, given names, countries."""

from __future__ import annotations

import re

from indexer.entities.gazetteer import country_pattern, starts_with_first_name
from indexer.entities.mention import FORCED_WEIGHT, Mention
from indexer.entities.not_persons import ends_in_legal_form
from indexer.entities.sports import sports_rules
from indexer.entities.tidy import drop_overlaps, make_mention

# "P. Simmons", "J.R.R. Tolkien", "T. O'Gorman": initials then a capitalised surname.
INITIALS_NAME = re.compile(
    r"(?<![\w.])(?:[A-Z]\.\s?){1,3}(?:[A-Z][a-z]*['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?![\w'’])"
)
# Initials that spell a country or body, not a person: "U.S. Steel", "U.N. Security".
NOT_INITIALS = re.compile(r"^(?:U\.\s?S|U\.\s?K|U\.\s?N|E\.\s?U|S\.\s?A)\.")
# Last words that make "Paul Allen Foundation" an organisation or a place, not a person.
NOT_PERSON_HEAD = frozenset(
    """foundation institute university college school fund trust club association party award
    prize cup trophy hall house bridge street road avenue square airport stadium centre center
    park hospital group bank company corp inc ltd co fc united city open classic games church
    memorial""".split()
)
# Vote weight of a span pattern: more than one model vote, less than a gazetteer's.
PATTERN_WEIGHT = 3.0


def english_rules(text: str, mentions: list[Mention]) -> list[Mention]:
    """Apply the English rules to one segment's clean mentions (offsets in `text`)."""
    mentions = initials_names(text, mentions)
    mentions = given_names(text, mentions)
    mentions = countries(text, mentions)
    return nested_countries(text, sports_rules(text, mentions))


def initials_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """Initials followed by a surname are a person, whatever the model tagged there, unless
    a company's name with its legal form goes on from them."""
    like = Mention(0, 0, "person", "", "en", PATTERN_WEIGHT)
    added = []
    companies = [
        m
        for m in mentions
        if m.type == "organization" and ends_in_legal_form(text[m.start : m.end])
    ]
    for match in INITIALS_NAME.finditer(text):
        if NOT_INITIALS.match(match.group()) or _starts_company(match, companies):
            continue
        mention = make_mention(text, match.start(), match.end(), like)
        if mention is not None and mention.type == "person":
            added.append(mention)
    return drop_overlaps(mentions + added)


def _starts_company(match: re.Match[str], companies: list[Mention]) -> bool:
    """Whether initials and a name open a longer company name with its legal form: "E.F.
    Hutton Group Inc" is a firm, though "E.F. Hutton" alone reads as a person."""
    return any(c.start <= match.start() and match.end() < c.end for c in companies)


def given_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """A name tagged organisation or place that starts with a given name is a person."""
    for mention in mentions:
        name = text[mention.start : mention.end]
        if mention.forced or mention.type == "person" or not starts_with_first_name(name):
            continue
        if name.split()[-1].casefold().strip(".") not in NOT_PERSON_HEAD:
            mention.type, mention.weight = "person", PATTERN_WEIGHT
    return mentions


def countries(text: str, mentions: list[Mention]) -> list[Mention]:
    """Country names the model missed (often in shouted headlines) are locations."""
    like = Mention(0, 0, "location", "", "en", FORCED_WEIGHT)
    added = []
    for match in country_pattern().finditer(text):
        if any(m.start < match.end() and match.start() < m.end for m in mentions):
            continue
        mention = make_mention(text, match.start(), match.end(), like)
        if mention is not None:
            added.append(mention)
    return drop_overlaps(mentions + added) if added else mentions


def nested_countries(text: str, mentions: list[Mention]) -> list[Mention]:
    """A country named inside an organisation ("Islamic State of Iraq and Syria") is also a place.

    The organisation keeps its whole name; the country becomes a mention of its own
    nested inside it, so a filter on the place finds the article too.
    """
    like = Mention(0, 0, "location", "", "en", FORCED_WEIGHT)
    nested = []
    for outer in mentions:
        if outer.type != "organization":
            continue
        for match in country_pattern().finditer(text, outer.start, outer.end):
            if (match.start(), match.end()) != (outer.start, outer.end):
                inner = make_mention(text, match.start(), match.end(), like)
                nested.extend([inner] if inner else [])
    return sorted(mentions + nested, key=lambda m: (m.start, -m.end))
