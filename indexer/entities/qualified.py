"""An organisation named by a head and its place, where the model saw only the place.

natasha often tags "Великобритании" alone in "главы МИДа Великобритании" or "министерства
иностранных дел Великобритании", though the same article names the body elsewhere ("МИД
Великобритании"). The words before such a place are the body's head when, with the place, they
give a qualified name of an organisation the article names: the same head in any inflection
(`form_key`), or spelled out where the other is an acronym ("министерства иностранных дел":
МИД), with the same place however written ("Британии", "Великобритании"). The place stays a
mention of its own inside the organisation, as `russian_rules` leaves it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from indexer.entities.mention import Mention
from indexer.naming.adjectives import adjective_place, adjective_place_name, genitive
from indexer.naming.keys import acronym_key, form_key, initials, morphology
from indexer.naming.places import Place, capitalised_place, place_of, qualifying_place

# natasha's habit; spaCy's English spans were not looked at, and English puts the place first
# or after "of" ("the British Foreign Office", "Ministry of Defence of Britain").
QUALIFIED_LANGUAGES = frozenset({"ru"})
# Longest head read before a place ("министерства иностранных дел"): a body's name, not a clause.
MAX_HEAD_WORDS = 4
# Longest word read as part of a head.
MAX_WORD_CHARS = 40
# Which of these keys some article gave an organisation (the entity store's answer).
KnownKeys = Callable[[set[str]], set[str]]
# Words of a head: letters, figures and hyphens, one space apart, nothing else between.
_WORD_BEFORE = re.compile(r"([\w-]+) $")
# OpenCorpora classes of a word that cannot open a body's name: a conjunction, preposition,
# particle, adverb or comparative ("и министерства ...", "по делам ..."); a dash has no letter.
NOT_A_HEAD_START = frozenset({"CONJ", "PREP", "PRCL", "INTJ", "ADVB", "COMP"})
# A person's post (an animate noun: "министр", "глава", "посол") opens a title, not a body:
# "министр иностранных дел Великобритании" is a minister, though its initials spell МИД.
PERSON_GRAMMEME = "anim"
# OpenCorpora classes of the words a body's spelled-out name is made of, where its initials
# are an acronym's: nouns and adjectives (full, and the participles that are their kind).
NAME_WORD_CLASSES = frozenset({"NOUN", "ADJF", "PRTF"})
PRONOUN_ADJECTIVE = "Apro"  # "всех", "этих": no name's word
PLURAL_ONLY = "Pltm"  # a noun with no singular ("сутки"), whose plural is no number


def qualified_keys(head: str, code: str) -> set[str]:
    """Keys of an organisation named by `head` and the place `code`: the head's form, and its
    initials or acronym letters, each with the place ("МИД" and "министерство иностранных
    дел" of one place meet)."""
    keys = {f"qualified:{form_key(head)}|{code}"}
    if letters := acronym_key(head) or initials(head):
        keys.add(f"qualified-initials:{letters}|{code}")
    return keys


def _named_keys(mentions: list[Mention]) -> set[str]:
    """Qualified keys of the article's organisation names that end in a place."""
    keys: set[str] = set()
    for mention in mentions:
        words = mention.normal.split()
        if mention.type != "organization" or len(words) < 2:
            continue
        for cut in (1, 2):  # "МИД России", "МИД Соединённого Королевства"
            place = capitalised_place(" ".join(words[-cut:])) if len(words) > cut else None
            if place is not None:
                keys |= qualified_keys(" ".join(words[:-cut]), place.code)
    return keys


def qualify_places(
    body: str, mentions: list[Mention], known_elsewhere: KnownKeys | None = None
) -> list[Mention]:
    """The mentions with an organisation added over each place that ends a body's name the
    article gives, or `known_elsewhere` (the entity store) knows (offsets into `body`)."""
    known = _named_keys(mentions)
    if not known and known_elsewhere is None:
        return mentions
    added = []
    for place_mention in mentions:
        if place_mention.type != "location" or place_mention.language not in QUALIFIED_LANGUAGES:
            continue
        if _inside_organisation(place_mention, mentions):
            continue
        place = place_of(place_mention.normal)
        heads = _heads(body, place_mention, mentions, place.code) if place else []
        # The longest head that names a known body: "окружной суд Амстердама" is the court
        # a "суд Амстердама" elsewhere may only shorten.
        start = next((start for start, keys in reversed(heads) if keys & known), None)
        if start is None and heads and known_elsewhere is not None:
            found = known_elsewhere({key for _, keys in heads for key in keys})
            start = next((start for start, keys in reversed(heads) if keys & found), None)
        if start is not None:
            head = body[start : place_mention.start].strip()
            surface = body[place_mention.start : place_mention.end]
            added.append(
                Mention(
                    start,
                    place_mention.end,
                    "organization",
                    f"{head} {surface}",
                    place_mention.language,
                    place_mention.weight,
                )
            )
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: (m.start, -m.end))


def _inside_organisation(place: Mention, mentions: list[Mention]) -> bool:
    return any(
        m.type == "organization" and m.start <= place.start and place.end <= m.end for m in mentions
    )


def _heads(
    body: str, place: Mention, mentions: list[Mention], code: str
) -> list[tuple[int, set[str]]]:
    """(start, qualified keys) of each run of words right before `place`, shortest first."""
    end = place.start
    start = end
    heads: list[tuple[int, set[str]]] = []
    for _ in range(MAX_HEAD_WORDS):
        word = _WORD_BEFORE.search(body, max(0, start - MAX_WORD_CHARS), start)
        if word is None:
            break
        if start == end and _preposition(word.group(1)):
            break  # "в России", "с Россией": a place of the sentence, no body's
        start = word.start()
        if any(m.start < end and start < m.end for m in mentions if m is not place):
            break  # another name stands there: "Джонсона Великобритании" is two
        if _may_open_body(word.group(1)):
            heads.append((start, _head_keys(body[start:end].strip(), code)))
    return heads


def _head_keys(head: str, code: str) -> set[str]:
    """Keys that find a known body for the words before a place: the head's form; an
    acronym's letters against a spelled-out name's initials; a spelled-out head's initials
    only against an acronym written so ("министерства иностранных дел": МИД), never against
    another spelled-out name's initials ("деталей выхода" is no "Департамент по выходу")."""
    keys = {f"qualified:{form_key(head)}|{code}"}
    if letters := acronym_key(head):
        keys.add(f"qualified-initials:{letters}|{code}")
    elif (letters := initials(head)) and all(map(_name_word, head.split())):
        keys.add(f"qualified:{form_key(letters)}|{code}")
    return keys


def _preposition(word: str) -> bool:
    return bool(morphology().parse(word.casefold())[0].tag.POS == "PREP")


def _name_word(word: str) -> bool:
    """Whether a word of a spelled-out name may give it a letter, by its likeliest reading: a
    noun or an adjective ("министерства иностранных дел", "военно-морских сил"); not a verb
    or a preposition ("видят влияния санкций", "вхождения в состав": no ВВС)."""
    best = morphology().parse(word.casefold())[0]
    return best.tag.POS in NAME_WORD_CLASSES and PRONOUN_ADJECTIVE not in best.tag


def _may_open_body(word: str) -> bool:
    """Whether a body's name may start with `word`: by its likeliest reading in Russian's
    dictionary, not a function word, not a person's post, and not a noun in the plural
    ("в банках России" are banks, not Банк России; "музеи Москвы" no Музей Москвы)."""
    if not any(c.isalpha() for c in word):
        return False
    best = morphology().parse(word.casefold())[0]
    if best.tag.POS == "NOUN" and best.tag.number == "plur" and PLURAL_ONLY not in best.tag:
        return False
    return best.tag.POS not in NOT_A_HEAD_START and not (
        best.tag.POS == "NOUN" and PERSON_GRAMMEME in best.tag
    )


def qualify_adjectives(
    body: str, mentions: list[Mention], known_elsewhere: KnownKeys | None = None
) -> list[Mention]:
    """The mentions with each bare body's name that follows its place's adjective ("в
    российском МИД", "стокгольмского арбитража") qualified by the place ("МИД России") when
    the article or `known_elsewhere` (the entity store) names a body so; the span stays what
    the model found. A name no body of that place has stays as it is ("швейцарской Allseas")."""
    known = _named_keys(mentions)
    result = []
    for mention in mentions:
        place = _adjective_before(body, mention, mentions)
        if place:
            keys = qualified_keys(mention.normal, place.code)
            if keys & known or (known_elsewhere is not None and known_elsewhere(keys)):
                mention = replace(mention, normal=f"{mention.normal} {genitive(place.name)}")
        result.append(mention)
    return result


@dataclass(frozen=True)
class _NamedPlace:
    code: str
    name: str  # as the gazetteer writes it in Russian


def _adjective_before(body: str, mention: Mention, mentions: list[Mention]) -> _NamedPlace | None:
    """The place whose lower-case adjective stands right before an organisation's name that
    names no place itself ("российского МИД"), else None."""
    if mention.type != "organization" or mention.language not in QUALIFIED_LANGUAGES:
        return None
    words = mention.normal.split()
    if not words or capitalised_place(words[-1]) or adjective_place(words[0]) is not None:
        return None
    word = _WORD_BEFORE.search(body, max(0, mention.start - MAX_WORD_CHARS), mention.start)
    if word is None or not word.group(1).islower():
        return None
    if any(m.start < mention.start and word.start() < m.end for m in mentions):
        return None  # the word is another name's
    name = adjective_place_name(word.group(1), languages=True)
    place = place_of(name) if name else None
    return _NamedPlace(place.code, name) if place else None


def head_and_place(name: str) -> tuple[str, Place] | None:
    """A body's name cut into its head and the place that qualifies it ("МИД России": МИД and
    Russia; "Стокгольмский арбитраж": арбитраж and Stockholm), else None."""
    words = name.split()
    if len(words) < 2:
        return None
    if (place := qualifying_place(words[-1])) is not None:
        return " ".join(words[:-1]), place
    if len(words) > 2 and (place := capitalised_place(" ".join(words[-2:]))) is not None:
        return " ".join(words[:-2]), place  # "МИД Соединённого Королевства"
    if (place := adjective_place(words[0])) is not None:
        return " ".join(words[1:]), place
    return None
