"""An organisation's English name as Russian news may write it: translated, shortened to its
initials, or as a Евро- compound.

"European Commission" is Европейская комиссия or Еврокомиссия; "Ministry of Foreign Affairs
Germany" is Министерство иностранных дел Германии or МИД Германии; "Kremlin" is Кремль. A name
is read from the left in the longest runs the data knows: a place (the gazetteer's Russian
name), a set phrase of the dictionary (dictionary.py), else one word and its first senses; a
function word between them is left out, as Russian leaves "of" out; a place also goes last,
and a noun before its head also after it, where Russian names them (Торговая палата
Стокгольма, Министерство обороны for "Defence Ministry"). Every word must be known, or the
name is not translated (a person's name, a brand): half a translation names nothing.
The Russian words stay in their dictionary form: the search matches them through the stemmer,
so "министерство иностранный дело" finds "министерства иностранных дел". A word that goes after
its head is put in the genitive as well (Амстердама): the stemmer cuts "Амстердам" to
"амстерд" and "Амстердама" to "амстердам", so the dictionary form alone missed "Окружной суд
Амстердама".
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from indexer.naming import dictionary
from indexer.naming.adjectives import adjective_place, genitive
from indexer.naming.keys import adjective
from indexer.naming.places import capitalised_place, place_of

# English words a name leaves out in Russian ("Ministry of Health", "the Kremlin").
FUNCTION_WORDS = frozenset("of the and for on in at a an".split())
# Russian function words an abbreviation skips ("Комиссия по ценным бумагам": КЦБ).
RUSSIAN_FUNCTION_WORDS = frozenset("по и в на для при с".split())
# Readings tried per name: each word's senses multiply.
MAX_READINGS = 64
# Initials shorter than this are other bodies' as often ("ЕС" is the EU, not the European
# Council): an entity the full name finds keeps its own short names all the same.
MIN_INITIALS = 3
# The adjective whose body Russian also names as one word: Еврокомиссия, Европарламент.
EURO_ADJECTIVE, EURO_PREFIX = "европейск", "евро"
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@dataclass(frozen=True)
class Translated:
    """Russian readings of an English name: in full, and as the initials of its likeliest
    reading (lower case, as `keys.initials` writes them) with the codes of its places."""

    full: tuple[str, ...] = ()
    initials: str = ""
    places: tuple[str, ...] = ()
    # Every part but the places is one of the dictionary's set phrases ("the F. Office"), not
    # words read one by one: its initials are a body's (МИД), not a guess's.
    attested: bool = False
    # The reading as Russian writes it (places after the body, in the genitive) when it can be
    # searched as text: the name is set phrases and places ("House of Commons": палата общин;
    # "Amsterdam District Court": окружной суд Амстердама). A reading word by word can't:
    # "Texas Air" is no воздух Техаса, "West Germany" no запад Германии, "Bank of Japan" no
    # вал Японии (a mound, "bank"'s first homograph), yet each is a phrase news may hold.
    as_written: tuple[str, ...] = ()
    # A body of one place read word by word, as Russian writes it ("UK Government":
    # правительство Великобритании): searched as text only where every word of the body
    # names bodies of the store (entity_lookup.py), which "West Germany" (запад) and "Bank of
    # Japan" (вал) do not. The body's reading ("правительство") and the place's code are
    # kept for any name of one place, set phrases too, to be searched with each of the
    # place's names ("Customs Union EU": таможенный союз ЕС).
    placed: tuple[str, ...] = ()
    body: str = ""
    body_place: str = ""
    # Every reading of that body alone ("палата представителей" of "House of Representatives
    # USA"): a body the store knows by it with no other place is the place's own.
    bodies: tuple[str, ...] = ()
    # The likeliest reading less its places, for any name ("кабинет министров" of "Cabinet
    # of the United Kingdom"): what a one-word compound of it shortens (Кабмин).
    reading: str = ""


@dataclass(frozen=True)
class _Part:
    readings: tuple[str, ...]
    place: str = ""  # the gazetteer code of a place
    phrase: bool = False  # a set phrase of the dictionary
    adjective: bool = False  # a country's adjective read as the country


@lru_cache(maxsize=4096)
def russian_names(name: str) -> Translated:
    """The Russian readings of an English name of two or more words besides function words,
    or of one word the dictionary writes as a name ("Kremlin"); nothing when a word is
    unknown or no dictionary is installed."""
    words = _WORD.findall(name)
    content = [word for word in words if word.casefold() not in FUNCTION_WORDS]
    if not content or not dictionary.available():
        return Translated()
    if len(content) == 1 and not dictionary.proper(content[0]):
        # "The Guardian" is no guardian; "the Commonwealth" is Содружество, a set phrase the
        # dictionary writes as a name.
        named = dictionary.phrase((content[0],))
        return Translated((named,)) if named and named[:1].isupper() else Translated()
    parts = _parts(words, adjectives=True)
    if (
        parts
        and any(p.adjective for p in parts)
        and not all(p.phrase for p in parts if not p.place)
    ):
        # A country's adjective only before set phrases: "British Petroleum" is no нефть
        # Великобритании, a brand read word by word.
        parts = _parts(words)
    if parts is None or all(part.place for part in parts):
        return Translated()
    full: dict[str, None] = {}
    written = ""  # the first reading as Russian writes it
    body: list[str] = []  # the own words of the first reading
    bodies: dict[str, None] = {}  # the own words of every reading
    for reading in itertools.islice(itertools.product(*(p.readings for p in parts)), MAX_READINGS):
        full[" ".join(reading)] = None
        # Russian names a body's place after it, in the genitive: Торговая палата Стокгольма.
        own = [text for text, part in zip(reading, parts, strict=True) if not part.place]
        places = [text for text, part in zip(reading, parts, strict=True) if part.place]
        full[" ".join(own + places)] = None
        russian = own + [genitive(place) for place in places] if own else places
        full[" ".join(russian)] = None
        # English puts a noun before the head it qualifies, Russian after it, in the
        # genitive: "Defence Ministry" is министерство обороны.
        if len(own) == 2 and not adjective(own[0]):
            full[" ".join([own[1], own[0], *places])] = None
            russian = [own[1], genitive(own[0]), *map(genitive, places)]
            full[" ".join(russian)] = None
        written = written or " ".join(russian)
        body = body or own
        bodies[" ".join(own)] = None
        first, *rest = reading
        if rest and first.casefold().startswith(EURO_ADJECTIVE) and " " not in rest[0]:
            full[" ".join([EURO_PREFIX + rest[0].casefold(), *rest[1:]])] = None
    letters = _initials(parts)
    codes = tuple(part.place for part in parts if part.place)
    attested = all(part.phrase for part in parts if not part.place)
    as_written = (written,) if attested else ()
    one_place = len(codes) == 1 and bool(body)
    return Translated(
        tuple(full),
        letters,
        codes if letters else (),
        attested,
        as_written,
        (written,) if one_place and not attested else (),
        " ".join(body) if one_place else "",
        codes[0] if one_place else "",
        tuple(bodies) if one_place else (),
        " ".join(body),
    )


def _initials(parts: list[_Part]) -> str:
    """The initials of the likeliest reading (each word's first sense) but its places:
    "мид" of "Ministry of Foreign Affairs Germany". Other senses' would be other bodies'."""
    own = [part.readings[0] for part in parts if not part.place]
    letters = "".join(
        word[0].casefold()
        for text in own
        for word in text.split()
        if word.casefold() not in RUSSIAN_FUNCTION_WORDS
    )
    return letters if len(letters) >= MIN_INITIALS else ""


def _parts(words: list[str], adjectives: bool = False) -> list[_Part] | None:
    """The name read from the left in the longest known runs; None when a word is unknown."""
    parts: list[_Part] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            run = tuple(words[i:j])
            # "A of B" read as "B A" only where the name ends or its place follows: in "Office
            # of Foreign Affairs", "Office of Foreign" is no "Foreign Office".
            whole = j == len(words) or place_of(" ".join(words[j:])) is not None
            if (part := _known(run, whole, adjectives)) is not None:
                parts.extend(_place_apart(part))
                i = j
                break
        else:
            if words[i].casefold() not in FUNCTION_WORDS:
                return None
            i += 1
    return parts


def _place_apart(part: _Part) -> list[_Part]:
    """A set phrase that ends in a place's name as its body and that place: "United Nations
    General Assembly" is Генеральная Ассамблея of Организация Объединённых Наций, which news
    also writes as Генассамблея ООН."""
    words = part.readings[0].split() if part.phrase else []
    for cut in range(min(3, len(words) - 1), 0, -1):
        place = capitalised_place(" ".join(words[-cut:]))
        if place is not None and place.russian:
            body = _Part((" ".join(words[:-cut]),), phrase=True)
            return [body, _Part((place.russian[0],), place=place.code)]
    return [part]


def _known(run: tuple[str, ...], whole: bool = False, adjectives: bool = False) -> _Part | None:
    text = " ".join(run)
    if run[0].casefold() in FUNCTION_WORDS:
        return None
    if (place := place_of(text)) is not None and place.russian:
        return _Part((place.russian[0],), place=place.code)
    if len(run) > 1:
        found = dictionary.phrase(run) or (_phrase_of(run) if whole else None)
        return _Part((found,), phrase=True) if found else None
    senses = dictionary.senses(text)
    # A country's adjective, which the dictionary writes with a capital ("British":
    # великобританский), names the country: "British Government" is the UK's government.
    country = adjectives and senses and dictionary.proper(text)
    adjective = adjective_place(senses[0]) if country else None
    if adjective is not None and adjective.russian:
        return _Part((adjective.russian[0],), place=adjective.code, adjective=True)
    return _Part(senses) if senses else None


def _phrase_of(run: tuple[str, ...]) -> str | None:
    """A set phrase "B A" the dictionary lists for "A of B" ("Department of State": "State
    Department", государственный департамент), as English names one body both ways."""
    folded = [word.casefold() for word in run]
    if folded.count("of") != 1 or folded[0] == "of" or folded[-1] == "of":
        return None
    at = folded.index("of")
    return dictionary.phrase((*run[at + 1 :], *run[:at]))


def coordinated(name: str) -> list[str]:
    """The name once per word joined by "and" before the rest: "Conservative and Unionist
    Party" is a Conservative Party and a Unionist Party, which Russian news names apart."""
    words = name.split()
    folded = [word.casefold() for word in words]
    if folded.count("and") != 1:
        return []
    at = folded.index("and")
    if not 0 < at < len(words) - 2 or not words[at - 1][:1].isupper():
        return []
    return [
        " ".join(words[: at - 1] + words[at + 1 :]),
        " ".join(words[:at] + words[at + 2 :]),
    ]
