"""Ingest's side of the entity store: each article's entities resolved to stable entity ids.

A cluster (one entity of one article, `aliases.Cluster`) is found in the store by the keys its
names give (`lookup_keys`): the same name in any inflection or spelling, an acronym of a known
full name or the reverse, a Russian compound short form, the same name in another script, a
known person's surname, a place of the gazetteer. One match is the entity; no match makes a
new one; several full-name matches are one entity the article proves the same (merged), unless
an analyst split them apart.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from indexer.config import Settings
from indexer.entities.aliases import FIRST_NAME_LANGUAGE, PARTICLES, Cluster, own_name
from indexer.entities.article_country import article_country, bare_body
from indexer.entities.genders import entities_agree, genders_agree
from indexer.entities.links import looks_like_acronym
from indexer.entities.lone_surnames import lone_surname_join, surnames_of
from indexer.entities.particles import cyrillic_particle, without_article
from indexer.entities.qualified import head_and_place, qualified_keys
from indexer.entities.typos import TYPO_TARGET_ARTICLES, typo_keys, typo_of
from indexer.model import EntityType
from indexer.naming.cases import case_free_keys, surname_keys, word_stems
from indexer.naming.eponyms import NAMED_AFTER, eponym_key
from indexer.naming.keys import (
    MIN_CROSS_SCRIPT_SOUND,
    acronym_key,
    acronym_sound,
    adjective,
    clippings,
    common_russian_word,
    compounds,
    form_key,
    given_name,
    initials,
    latin,
    morphology,
    name_genders,
    name_key,
    personal,
    place_word,
    script,
    sound_key,
    spelled_acronym,
    spelled_near,
    spelling_nearness,
    without_legal_form,
)
from indexer.naming.near import near_key, near_person
from indexer.naming.person_order import first_and_surname
from indexer.naming.places import (
    SUBDIVISION_PREFIX,
    Place,
    place_of,
    place_of_nickname,
)
from indexer.naming.polities import country_of_long_name
from indexer.naming.store import FILENAME, EntityStore, name_row

# Types one entity may be tagged with in different articles: a government and its country,
# a pipeline company and the pipeline. The type the store has first is kept.
INTERCHANGEABLE = frozenset({"organization", "location"})
# Keys strong enough to say that two known entities are one; the others only find one.
MERGING_KINDS = frozenset({"form", "place", "qualified"})
# Keys that find an entity only when no other key finds one: a bare head ("Госдепартамент")
# for the one body named with it and a place; a body named by its head noun and place
# ("Амстердамский суд") for the one body of that place whose head ends in it ("Окружной суд
# Амстердама").
# A lone surname's stems less a case ending ("Масиха": масих) for the one person whose
# surname it is, where the surname's own form key found no one.
# A research body by its eponym ("НИИ Гамалеи") for the one body named after that person.
LAST_RESORT = frozenset({"head", "tail", "lastfree", "eponym"})
# Keys that find a one-word Russian compound by its two-word name and the reverse.
COMPOUND_KINDS = frozenset({"compound", "single"})
# Keys that find a person by the surname alone: what they find stays a short name.
SURNAME_KINDS = frozenset({"last", "lastsound", "lastfree"})
# Keys that find a name by its sound alone (`keys.sound_key`, across scripts).
SOUND_KINDS = frozenset({"sound", "lastsound"})
# Keys that find a name by how it sounds or is spelled near, not by its written form.
HEARD_KINDS = SOUND_KINDS | {"spelling"}
# How near (rapidfuzz's ratio) a name the gazetteer lacks must be spelled to a gazetteer
# place's name in its own script to be that place, heard: a place's names are fixed, so a
# slip is one letter or two (Нидрланды 95, Молдавия for Молдова 80), and a town heard like a
# country is another place (Истра, Австрия 67; Литани, Литва 73).
MIN_HEARD_PLACE_SPELLING = 80
# Letters of a multi-word name's sound key for two spellings in one script to be one name;
# calibrated on the SlavicNER brexit and nord_stream topics.
MIN_SPELLING_SOUND = 8
# The same for a one-word name of a place or body, in one script ("Wintershell",
# "Wintershall"): 6, 7 and 8 letters joined the same names on the SlavicNER brexit and
# nord_stream topics, so the strictest of them.
MIN_WORD_SPELLING_SOUND = 8
CITY_RETYPED_LANGUAGES = frozenset({"en"})
# Languages where a lone word the model calls a person but other articles call a place is the
# place, and the reverse: natasha's slips ("Брюсселю", "Дэвиса"). English has too many
# surnames that are places ("Jordan", "Houston") to say so.
PLACE_NOT_PERSON_LANGUAGES = frozenset({"ru"})
# What a lone word the model alone called a person may be instead, when the store knows it so.
THING_TYPES: tuple[EntityType, ...] = ("location", "organization")
# Vote weight of a plain model mention (`Mention.weight`); rules weigh more.
MODEL_WEIGHT = 1.0
# The key that notes a country whose news named a body bare (`article_country`): a value of
# bare names from news of several countries is several bodies, not one country's.
BARE_IN = "bare-in:"
# Letters of a body's initials named bare for it to be that body in its country's news: two
# ("МО", "ГД") are several bodies' as often.
MIN_BARE_INITIALS = 3
# A full name with a patronymic by its first name and surname ("Алла Борисовна Пугачева":
# алла пугачев), a weak key of its own kind.
PLAIN_NAME, PLAIN_KIND = "plain:", "plain"
SLUG_DROP = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Resolved:
    """What the store says one cluster is."""

    entity_id: str
    type: EntityType
    display: str


def _forms(name: str, type_: str) -> dict[str, str]:
    """The name's form key, an organisation's without its legal form ("ПАО Газпром"), and the
    acronym a name spells in letter names ("Би-би-си": BBC)."""
    forms = {f"form:{form_key(name)}": "form"}
    if letters := spelled_acronym(name):
        forms[f"form:{form_key(letters)}"] = "form"
    if type_ == "organization" and (base := without_legal_form(name)) and base != name:
        forms[f"form:{form_key(base)}"] = "form"
    if type_ == "organization" and (own := own_name(name)) != name:
        forms[f"form:{form_key(own)}"] = "form"  # "ИА Regnum" is Regnum
    if type_ == "person" and (bare := _without_article(name)):  # "Башар аль-Асад": Башар Асад
        forms[f"form:{form_key(bare)}"] = "form"
    return forms


def _without_article(name: str) -> str:
    """A full name whose surname has the Arabic article, without it; "" for any other."""
    *first, last = name.split()
    bare = without_article(last) if first else ""
    return " ".join([*first, bare]) if bare else ""


def _clip_keys(name: str, provided: bool) -> dict[str, str]:
    """Keys that meet a one-word name and its clipped form ("Госдепартамент", "Госдеп"):
    the longer provides its clippings (`keys.clippings`) and looks up its own as clipped ones;
    the shorter provides its form as a clipped one and looks up the clippings of longer ones."""
    if provided:
        keys = {f"clip:{clipped}": "clip" for clipped in clippings(name)}
        keys[f"clipped:{form_key(name)}"] = "clip"
        return keys
    keys = {f"clipped:{clipped}": "clip" for clipped in clippings(name)}
    keys[f"clip:{form_key(name)}"] = "clip"
    return keys


def _initialled(name: str, type_: str) -> bool:
    """ "Б. Джонсон", "В.В. Путин": a person's initials and surname, which can shorten several
    people."""
    words = name.split()
    return type_ == "person" and len(words) >= 2 and all(_initials_word(w) for w in words[:-1])


def _initials_word(word: str) -> bool:
    """ "Б.", "Дж.", and a patronymic's initial glued on ("В.В."): each part one or two letters."""
    return all(len(part) <= 2 for part in word.split("."))


def _qualified(name: str, type_: str, provided: bool) -> dict[str, str]:
    """An organisation named by a head and the place it belongs to ("МИД РФ", "МИД России",
    "Министерство иностранных дел России", "Стокгольмский арбитраж"): the head's form and
    initials with the place's code, so that the place written either way (its adjective
    too) and the head spelled out or not still meet; and a one-word head's clippings with
    the code, as `_clip_keys` meets a one-word name and its clipped form ("Госдеп США",
    "Госдепартамент США")."""
    split = head_and_place(name) if type_ == "organization" else None
    if split is None:
        return {}
    head, place = split
    keys = {key: key.partition(":")[0] for key in qualified_keys(head, place.code)}
    if provided:  # a bare head elsewhere may mean this body (`_bare_head`)
        keys[f"head:{form_key(head)}"] = "head"
    # A one-word head looks up the bodies of its place whose head ends in that noun; only it:
    # two bodies with the head noun, both with their own adjectives ("Окружной суд",
    # "Апелляционный суд"), are two courts.
    noun = _head_noun(head) if provided else head if " " not in head else ""
    if noun:
        keys[f"qualified-tail:{form_key(noun)}|{place.code}"] = "tail"
    if " " not in head:
        clipped = {f"qualified-{kind}|{place.code}" for kind in _clip_keys(head, provided)}
        keys.update(dict.fromkeys(clipped, "clip"))
    keys.update(_qualified_compounds(head, place.code, provided))
    return keys


def _qualified_compounds(head: str, code: str, provided: bool) -> dict[str, str]:
    """Keys that meet a two-word head and the syllabic compound it shortens to, each with its
    place ("Министерство здравоохранения России", "Минздрав РФ"), as the "compound" and
    "single" keys of `_keys` and `lookup_keys` meet them without a place."""
    if " " not in head:
        kind = "single" if provided else "compound"
        return {f"qualified-{kind}:{form_key(head)}|{code}": "compound"}
    kind = "compound" if provided else "single"
    return {f"qualified-{kind}:{compound}|{code}": "compound" for compound in compounds(head)}


def _head_noun(head: str) -> str:
    """The noun a head of adjectives and a noun ends in ("Окружной суд": суд), else ""."""
    *before, noun = head.split()
    return noun if before and all(adjective(word) for word in before) else ""


def _bare_head(name: str, type_: str) -> dict[str, str]:
    """The key that finds a body named elsewhere with its place ("Госдепартамент": the one
    known "Госдепартамент США"); a weak key, so two such bodies ("Верховный суд США",
    "Верховный суд Пакистана") make it ambiguous and it finds neither. A common word
    ("Правительство", "Парламент") is any country's and finds none."""
    if type_ != "organization" or common_russian_word(name) or _place_of(name) is not None:
        return {}
    return {f"head:{form_key(name)}": "head"}


def _keys(name: str, type_: str, short: bool, place: Place | None) -> dict[str, str]:
    """The "kind:key" strings a name is known by (what it provides to later lookups)."""
    short = short or _initialled(name, type_)
    keys = _forms(name, type_) if not short else {}
    if not short:
        keys.update(_qualified(name, type_, provided=True))
    words = name.split()
    if short or (type_ == "person" and len(words) >= 2):
        keys[f"last:{form_key(words[-1])}"] = "last"
        if type_ == "person" and (bare := _without_article(name)):  # a lone "Багдади"
            keys[f"last:{form_key(bare.split()[-1])}"] = "last"
    # A surname typed in another script; a person's one word is a surname too ("Гук" for
    # "Guk"), too short for a sound key of its own.
    if short or type_ == "person":
        if last_sound := sound_key(words[-1]):
            keys[f"lastsound:{last_sound}"] = "lastsound"
    if type_ == "person" and not short and (near := near_key(name)):
        keys[near] = "near"
    if type_ == "person" and not short:  # "Имраном Кази" for "Имран Кази"
        keys.update(dict.fromkeys(case_free_keys(name), "declined"))
        if bare := _without_article(name):  # "Башара Асада" for "Башар аль-Асад"
            keys.update(dict.fromkeys(case_free_keys(bare), "declined"))
        keys.update(_plain_person_keys(name, provided=True))
        if len(words) >= 2:  # a lone "Масиха" for "Ашик Масих"
            keys.update(dict.fromkeys(surname_keys(words[-1], True), "lastfree"))
    if type_ == "organization" and not short and len(words) == 1:
        keys.update(_clip_keys(name, provided=True))
    if type_ == "organization" and not short and (eponym := eponym_key(name)):
        keys[eponym] = "eponym"
    if type_ == "organization" and not short and (letters := _named_after_acronym(name)):
        keys[f"head:{form_key(letters)}"] = "head"  # "МГУ имени Ломоносова": a bare "МГУ"
    if (acronym := acronym_key(name)) and not short:
        keys[f"acronym:{acronym}"] = "acronym"
    if initial := initials(name):
        keys[f"initials:{initial}"] = "initials"
    # Russian shortens bodies and places to compounds of their syllables (Кабмин), never a
    # person: "Вика" is no "Виктор К." (вик, the first syllable).
    for compound in compounds(name) if type_ != "person" else ():
        keys[f"compound:{compound}"] = "compound"
    if len(words) == 1 and not short and type_ != "person":
        keys[f"single:{form_key(name)}"] = "single"
    sound = sound_key(name)
    if len(sound.replace(" ", "")) >= MIN_CROSS_SCRIPT_SOUND and not short:
        keys[f"sound-{script(name)}:{sound}"] = "sound"
    elif (letters := acronym_sound(name)) and not short:  # "WTO" for ВТО
        keys[f"sound-{script(name)}:{letters}"] = "sound"
    if _spelling_key(sound, type_):
        keys[f"spelling:{sound}"] = "spelling"
    if place is not None:
        keys[f"place:{place.code}"] = "place"
    return keys


def _particled_surname(name: str) -> bool:
    """Whether a person's name is a surname with its particles only, written in lower case
    ("фон дер Ляйен", "ван Дейк", "von der Leyen"), the first capitalised only before another
    ("Фон дер Ляйен" opening a sentence): a capitalised word before the surname alone may be
    a first name or a name's own ("Бен Гомес", "Чо Гук", "Ле Пен")."""
    words = name.split()
    return len(words) >= 2 and all(
        _particle(word) or (i == 0 and len(words) >= 3 and _particle(word.casefold()))
        for i, word in enumerate(words[:-1])
    )


def _particle(word: str) -> bool:
    return cyrillic_particle(word) or word in PARTICLES


def _named_after_acronym(name: str) -> str:
    """The acronym a body's name opens with before the person it is named after ("МГУ" of
    "МГУ имени Ломоносова", "МГУ им. Огарёва"), or "". The bare acronym finds such a body as
    a bare head does (`LAST_RESORT`): the one body of the store so named, two none."""
    words = name.split()
    if len(words) < 3 or words[1].casefold() not in NAMED_AFTER:
        return ""
    return words[0] if looks_like_acronym(words[0]) else ""


def _plain_person_keys(name: str, provided: bool) -> dict[str, str]:
    """Keys that meet a person's name as "first name, surname" and the same written surname
    first or with a patronymic (`person_order`). Surname first, it is that name: its form.
    With a patronymic it finds the two-word name and the two-word name finds it, but weakly
    (the one such person): two patronymics under one name and surname are two people."""
    if plain := first_and_surname(name):
        if len(name.split()) == 2:
            return {f"form:{form_key(plain)}": "form"}
        return (
            {f"{PLAIN_NAME}{form_key(plain)}": PLAIN_KIND}
            if provided
            else {f"form:{form_key(plain)}": PLAIN_KIND}
        )
    if not provided and len(name.split()) == 2:
        return {f"{PLAIN_NAME}{form_key(name)}": PLAIN_KIND}
    return {}


def _spelling_key(sound: str, type_: str) -> bool:
    """Whether a sound key is long enough to tell one name's spellings apart from other
    names ("Дэвид Лидингтон", "Дэвид Ледингтон"; "Wintershell", "Wintershall"). A person's
    one word is a surname, which the surname keys link, ambiguous or not."""
    if " " in sound:
        return len(sound.replace(" ", "")) >= MIN_SPELLING_SOUND
    return type_ != "person" and len(sound) >= MIN_WORD_SPELLING_SOUND


def lookup_keys(name: str, type_: str, short: bool, place: Place | None) -> dict[str, str]:
    """The "kind:key" strings that find the entity a name belongs to, with their kinds."""
    if _initialled(name, type_):
        # The surname by its form, or by its sound when spelled otherwise ("С. Сквернялис",
        # "Саулюс Сквярнялис"); `_heard_near` then wants the initial to fit.
        surname = name.split()[-1]
        keys = {f"last:{form_key(surname)}": "last"}
        if last_sound := sound_key(surname):
            keys[f"lastsound:{last_sound}"] = "lastsound"
        return keys
    wanted = _forms(name, type_) if not short else {}
    if not short:
        qualified = _qualified(name, type_, provided=False)
        wanted.update(qualified or _bare_head(name, type_))
    words = name.split()
    if type_ == "person" and len(words) == 1:
        wanted[f"last:{form_key(name)}"] = "last"
        wanted.update(dict.fromkeys(surname_keys(name, False), "lastfree"))
    if type_ == "person" and not short:
        wanted.update(dict.fromkeys(case_free_keys(name), "declined"))
        wanted.update(_plain_person_keys(name, provided=False))
    if acronym := acronym_key(name):
        wanted[f"initials:{acronym}"] = "initials"
    if initial := initials(name):
        wanted[f"acronym:{initial}"] = "acronym"
    if len(words) == 1 and type_ != "person":
        wanted[f"compound:{form_key(name)}"] = "compound"
    if type_ == "organization" and not short and len(words) == 1:
        wanted.update(_clip_keys(name, provided=False))
    if type_ == "organization" and not short and (eponym := eponym_key(name)):
        wanted[eponym] = "eponym"
    for compound in compounds(name) if type_ != "person" else ():
        wanted[f"single:{compound}"] = "single"
    sound = sound_key(name)
    if not short and (len(sound.replace(" ", "")) >= MIN_CROSS_SCRIPT_SOUND or acronym_sound(name)):
        other = "Cyrl" if script(name) == "Latn" else "Latn"
        wanted[f"sound-{other}:{sound}"] = "sound"
    if _spelling_key(sound, type_) and not short:
        wanted[f"spelling:{sound}"] = "spelling"
    if place is not None:
        wanted[f"place:{place.code}"] = "place"
    return wanted


class EntityTable:
    """Clusters -> entity ids, learnt across articles and kept in the entity store."""

    def __init__(self, path: Path) -> None:
        self.store = EntityStore(path)

    @classmethod
    def for_settings(cls, settings: Settings) -> EntityTable:
        """The table under `settings.data_dir` (a `ctx.resource` factory)."""
        return cls(Path(settings.data_dir) / FILENAME)

    @property
    def path(self) -> Path:
        """The store file."""
        return self.store.path

    def close(self) -> None:
        """Close this process's connection; everything is already committed."""
        self.store.close()

    def resolve(self, clusters: Sequence[Cluster], language: str = "") -> list[Resolved]:
        """The entity of each of one article's clusters, learning their names on the way."""
        db = self.store.db
        db.execute("BEGIN IMMEDIATE")
        try:
            country = article_country(clusters)
            resolved: list[Resolved | None] = [None] * len(clusters)
            # A lone word that is no known surname waits for the others: it may be the first
            # name of a person another name of the article finds ("Малале" beside a lone
            # "Юсуфзай", Малала Юсуфзай's).
            later = {i for i, cluster in enumerate(clusters) if self._maybe_first_name(cluster)}
            for i, cluster in enumerate(clusters):
                if i not in later:
                    resolved[i] = self._resolve_one(db, cluster, language, country)
            for i in sorted(later):
                people = {r.entity_id for r in resolved if r is not None and r.type == "person"}
                owner = _first_name_owner(db, clusters[i], people)
                if owner is None:
                    resolved[i] = self._resolve_one(db, clusters[i], language, country)
                else:
                    resolved[i] = _as_first_name_of(db, owner, clusters[i])
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        return [r for r in resolved if r is not None]

    def _maybe_first_name(self, cluster: Cluster) -> bool:
        """Whether a person cluster is one Cyrillic word that is no surname the store knows
        and that a known full name opens with, in some case (its "declined:" keys)."""
        if not _lone_russian_word(cluster):
            return False
        keys = {f"last:{form_key(name)}" for name in cluster.names}
        keys |= {key for name in cluster.names for key in surname_keys(name, False)}
        if self.known_keys(keys):
            return False
        stems = {stem for name in cluster.names for stem in word_stems(name_key(name))}
        return any(
            self.store.db.execute(
                "SELECT 1 FROM keys WHERE key > ? AND key < ? LIMIT 1",
                (f"declined:{stem} ", f"declined:{stem}!"),
            ).fetchone()
            for stem in stems
        )

    def _surname_of(self, db: sqlite3.Connection, names: Sequence[str]) -> str | None:
        """The person a lone word the model alone called a place (and the gazetteer does not
        know) names as a surname, in any inflection, found as a lone surname typed a person
        is ("Байдена": Джо Байден, though Хантер and Джилл Байден are known), else None."""
        if not names or any(" " in name_key(name) for name in names):
            return None
        if all(place_word(name) for name in names):
            return None  # "Подмосковье": Russian's dictionary knows it as a place, never a name
        if not any(_live_with(db, f"last:{form_key(name)}", "person") for name in names):
            return None
        wanted: dict[str, str] = {}
        for name in names:
            wanted.update(lookup_keys(name, "person", False, None))
        entity_id, _, _ = self._match(db, wanted, "person", None, True, names)
        if entity_id is None:
            return None
        # Its surname in another case, not a word the stemmer cuts alike ("Дмитров", a town,
        # is no "Дмитрий").
        ours = {stem for name in names for stem in word_stems(name_key(name))}
        rows = db.execute("SELECT name FROM names WHERE entity_id = ?", (entity_id,))
        known = {stem for (name,) in rows for stem in word_stems(name_key(str(name).split()[-1]))}
        return entity_id if ours & known else None

    def split_taken_acronyms(self, clusters: Sequence[Cluster]) -> list[Cluster]:
        """Clusters with an acronym taken from a full name it does not spell here set apart.

        An article that writes "Европейский совет" and "ЕС" links the two (the initials
        fit); when the store knows ЕС as an entity that spells it out otherwise ("Европейский
        союз"), the acronym is that entity's and the full name another body's.
        """
        result: list[Cluster] = []
        for cluster in clusters:
            taken = self._taken_acronyms(cluster) if cluster.type != "person" else set()
            if not taken:
                result.append(cluster)
                continue
            aside = [m for m in cluster.mentions if form_key(m.normal) in taken]
            rest = [m for m in cluster.mentions if form_key(m.normal) not in taken]
            names = [n for n in cluster.names if form_key(n) not in taken]
            acronyms = [n for n in cluster.names if form_key(n) in taken]
            result.append(replace(cluster, mentions=rest, canonical=names[0], names=names))
            result.append(Cluster(aside, cluster.type, acronyms[0], acronyms, set(), False))
        return result

    def _taken_acronyms(self, cluster: Cluster) -> set[str]:
        """Form keys of the cluster's acronyms whose known entity spells them otherwise."""
        spelled = {letters for n in cluster.names if (letters := initials(n))}
        ours = {form_key(n) for n in cluster.names}
        taken = set()
        for name in cluster.names:
            letters = acronym_key(name)
            if not letters or letters not in spelled:
                continue
            rows = self.store.db.execute(
                "SELECT n.name FROM keys k JOIN entities e ON e.id = k.entity_id"
                " JOIN names n ON n.entity_id = e.id"
                " WHERE k.key = ? AND e.merged_into IS NULL AND n.short = 0",
                (f"form:{form_key(name)}",),
            )
            if _spelled_otherwise((n for (n,) in rows), {letters}, ours):
                taken.add(form_key(name))
        return taken if len(taken) < len(cluster.names) else set()

    def known_keys(self, keys: set[str]) -> set[str]:
        """Those of `keys` that a live entity is known by."""
        marks = ",".join("?" * len(keys))
        rows = self.store.db.execute(
            f"SELECT DISTINCT k.key FROM keys k JOIN entities e ON e.id = k.entity_id"
            f" WHERE k.key IN ({marks}) AND e.merged_into IS NULL",
            sorted(keys),
        )
        return {str(key) for (key,) in rows}

    def canonical_of(self, name: str, type_: str) -> str | None:
        """The display name of the one entity `name` names, or None when unknown or ambiguous."""
        ids = self.store.ids_named(name, type_)
        if not ids:
            key = {f"last:{form_key(name)}"}
            found = _find(self.store.db, {k: "last" for k in key}, type_)
            ids = list({entity for entity, _ in found})
        return self.store.display(ids[0]) if len(ids) == 1 else None

    def aliases_of(self, name: str, type_: str) -> list[str]:
        """Every name known for the entity `name` names (itself included)."""
        ids = self.store.ids_named(name, type_)
        entity = self.store.entity(ids[0]) if ids else None
        return sorted({n.name for n in entity.names}) if entity else [name]

    def _resolve_one(
        self, db: sqlite3.Connection, cluster: Cluster, language: str, country: str | None = None
    ) -> Resolved:
        language = cluster.mentions[0].language if cluster.mentions else language
        names = _without_lone_given_names(list(dict.fromkeys(cluster.names)), cluster.type)
        short = sorted(set(cluster.names) - set(names) | cluster.short_names - set(names))
        if cluster.type == "person" and names and all(map(_particled_surname, names)):
            # "фон дер Ляйен" alone is a surname, found and kept as a lone one is ("Ляйен").
            short = sorted(set(short) | set(names) | {n.split()[-1] for n in names})
            names = []
        # Only the model's word for the type (no rule or list backing it) gives way to the
        # gazetteer and to the store: a sports rule's team named after a city stays a team.
        model_only = not cluster.type_fixed and all(
            m.weight <= MODEL_WEIGHT for m in cluster.mentions
        )
        place = None
        if cluster.type != "person":
            place = next((p for n in names if (p := _place_of(n)) is not None), None)
        if place is None and cluster.type == "location" and names:
            # A city's nickname that is a first name, where the model read a place ("в Питере").
            place = next((p for n in names if (p := place_of_nickname(n)) is not None), None)
        retype = cluster.type == "misc" or (model_only and _place_outranks_model(place, language))
        if place is not None and place.type != cluster.type and not retype:
            place = None  # a rule said otherwise: a team named after its city
        type_: EntityType = place.type if place is not None else cluster.type
        wanted: dict[str, str] = {}
        for name in names:
            wanted.update(lookup_keys(name, type_, False, place))
        full_person = type_ == "person" and any(
            len(n.split()) > 1 and not _initialled(n, type_) for n in names
        )
        if not full_person:  # a full name says who it is; a surname only guesses
            for name in short:
                wanted.update(lookup_keys(name, type_, True, None))
        countries = set()
        if country and type_ == "organization" and names and all(map(bare_body, names)):
            # "Минздрав" in news from Omsk: the Russian ministry, when the store knows it.
            # By the name's form only: a bare "DC" is no "Dynamics Corp of America".
            national = {f"qualified:{form_key(n)}|{country}": "qualified" for n in names}
            # "ФАС" in news from Russia: the one Russian body whose initials those are
            # ("Федеральная антимонопольная служба РФ"), when the store knows only one.
            # Not an acronym the store knows bare already: "ФСБ", named bare in a hundred
            # articles, is no "Федерация спортивной борьбы России" named once.
            for name in names:
                letters = acronym_key(name)
                key = f"qualified-initials:{letters}|{country}"
                if (
                    len(letters) >= MIN_BARE_INITIALS
                    and len(_live_with(db, key, "organization")) == 1
                    and not _live_with(db, f"form:{form_key(name)}", "organization")
                ):
                    national[key] = "qualified"
            if self.known_keys(set(national)):
                wanted.update(national)
                countries = {country}
        lone = model_only and language in PLACE_NOT_PERSON_LANGUAGES
        placed = _place_named(db, names) if lone and type_ == "person" else None
        named = self._surname_of(db, names) if lone and type_ == "location" and not place else None
        thing = _thing_named(db, names) if lone and type_ == "person" and not placed else None
        entity_id: str | None
        if placed is not None:  # "Брюсселю": a place the model alone read as a person
            entity_id, type_, by_surname = placed, "location", False
        elif thing is not None:  # "Чекерс": a known place or body the model read as a person
            (entity_id, type_), by_surname = thing, False
        elif named is not None:  # "Дэвиса": a person's surname the model alone read as a place
            entity_id, type_, by_surname = named, "person", True
        else:
            entity_id, type_, by_surname = self._match(
                db, wanted, type_, place, model_only, names + short, countries
            )
        if entity_id is None and place is None and names:
            entity_id = typo_of(db, names, type_)  # "Аэрофолт России": a slip of a known name
        if entity_id is None and type_ == "person" and names:
            entity_id = near_person(db, names)  # "Найджел Фарадж" for "Nigel Farage"
        if by_surname and all(len(n.split()) == 1 for n in names):
            # "Джонсон" found Борис Джонсон by his surname: it stays a short form of him, so
            # that a second Джонсон later makes it ambiguous instead of matching in full.
            short, names = sorted(set(short) | set(names)), []
        if entity_id is None:
            entity_id = new_id(
                db, place.english[0] if place and place.english else (names or short)[0]
            )
            db.execute(
                "INSERT INTO entities (id, type, place) VALUES (?, ?, ?)",
                (entity_id, type_, place.code if place else None),
            )
            if place is not None:  # its names in both languages, for display and search
                _add_names(db, entity_id, type_, [(n, False) for n in place.names], 0, place)
        written = [(n, False) for n in names] + [(n, True) for n in short]
        _add_names(db, entity_id, type_, written, 1, place, language)
        db.execute("UPDATE entities SET articles = articles + 1 WHERE id = ?", (entity_id,))
        if type_ == "person":
            entity_id = _join_lone_surnames(db, entity_id, names + short)
        if type_ == "organization" and country:
            if names and all(map(bare_body, names)):  # which countries' news named it bare
                db.execute(
                    "INSERT OR IGNORE INTO keys (key, entity_id) VALUES (?, ?)",
                    (f"{BARE_IN}{country}", entity_id),
                )
            _join_bare_bodies(db, entity_id, names, country)
        # The article keeps its own best name for the entity; search shows the store's.
        return Resolved(entity_id, type_, cluster.canonical if cluster.names else short[0])

    def _match(
        self,
        db: sqlite3.Connection,
        wanted: dict[str, str],
        type_: EntityType,
        place: Place | None,
        model_only: bool,
        names: Sequence[str],
        countries: set[str] | None = None,
    ) -> tuple[str | None, EntityType, bool]:
        """The entity the keys find, its type, and whether only a surname key found it.
        `countries`: the places a body named bare belongs to (`article_country`)."""
        found = _find(db, wanted, type_, model_only or place is not None)
        if type_ == "person":  # "Зеленская" is not Владимир Зеленский
            found = [(e, kind) for e, kind in found if genders_agree(db, e, names)]
        if ours := _body_places(names, type_) or countries:
            found = [(e, kind) for e, kind in found if not _other_places(db, e, ours)]
        if place is not None:
            # Another place of the gazetteer that only sounds alike is another place (Цюрих is
            # not Kure); one spelled alike may be the same under another code (Санкт-Петербург,
            # the federal subject, and Петербург, the city).
            found = [
                (e, kind)
                for e, kind in found
                if kind not in HEARD_KINDS or _gazetteer_place(db, e) in (None, place.code)
            ]
        if not found:
            return None, type_, False
        strong = list(dict.fromkeys(e for e, kind in found if kind in MERGING_KINDS))
        weak = [
            e
            for e in dict.fromkeys(
                e for e, kind in found if kind not in MERGING_KINDS | LAST_RESORT
            )
            if not _initials_taken(db, e, found, names) and _initials_agree(db, e, names)
        ]
        if not weak:  # a bare head's body only when no other key finds anyone
            weak = list(dict.fromkeys(e for e, kind in found if kind in LAST_RESORT))
        if strong:
            keep = strong[0]
            for other in strong[1:] + _compound_twin(found, keep):
                if type_ == "person" and not entities_agree(db, keep, other):
                    continue  # Зеленская and Зеленский, both found by a lone surname
                if not _apart(db, keep, other) and not _other_places(
                    db, other, _entity_places(db, keep)
                ):
                    merge(db, keep, other)
        elif len(weak) == 1 and _heard_near(db, weak[0], found, names):
            keep = weak[0]
        else:
            return None, type_, False
        by_surname = not strong and all(kind in SURNAME_KINDS for e, kind in found if e == keep)
        (known_type,) = db.execute("SELECT type FROM entities WHERE id = ?", (keep,)).fetchone()
        if place is not None and known_type != place.type:
            db.execute("UPDATE entities SET type = ? WHERE id = ?", (place.type, keep))
            known_type = place.type
        return keep, known_type, by_surname


def _join_lone_surnames(db: sqlite3.Connection, entity_id: str, names: Sequence[str]) -> str:
    """Merge the surname-only entities of the names' surnames into the one full-name person
    with that surname (`lone_surnames`); the id the article's entity has after that. The
    surnames stay short names of the person, as a lone surname that found them would."""
    for owner, lone in lone_surname_join(db, surnames_of(names)):
        for other in lone:
            if other == owner or _apart(db, owner, other):
                continue
            moved = [
                str(n)
                for (n,) in db.execute("SELECT name FROM names WHERE entity_id = ?", (other,))
            ]
            merge(db, owner, other)
            _make_short(db, owner, moved)
            if entity_id == other:
                entity_id = owner
    return entity_id


def _make_short(db: sqlite3.Connection, entity_id: str, names: Sequence[str]) -> None:
    """Mark the entity's `names` short and drop the keys only their full use provided, so a
    second person with the surname makes it ambiguous later instead of it finding this one."""
    marks = ",".join("?" * len(names))
    db.execute(
        f"UPDATE names SET short = 1 WHERE entity_id = ? AND name IN ({marks})",
        [entity_id, *names],
    )
    rows = db.execute("SELECT name, short FROM names WHERE entity_id = ?", (entity_id,))
    kept = {key for name, short in rows for key in _keys(name, "person", bool(short), None)}
    dropped = {key for name in names for key in _keys(name, "person", False, None)} - kept
    db.executemany(
        "DELETE FROM keys WHERE key = ? AND entity_id = ?", [(key, entity_id) for key in dropped]
    )


def _join_bare_bodies(
    db: sqlite3.Connection, entity_id: str, names: Sequence[str], country: str
) -> None:
    """Merge into a body named with the article's own country ("ФСБ России" in news from
    Russia) the value the store made of its head named bare ("ФСБ") before it knew the body,
    when it is the one body with that head and a place: a bare "ФСБ" that came later would
    have found it (`LAST_RESORT`), and in news from that country a body named bare is that
    country's (`article_country`). Not a common word's value ("Правительство")."""
    for name in names:
        split = head_and_place(name)
        if split is None or split[1].code != country or common_russian_word(split[0]):
            continue
        head = form_key(split[0])
        bare = (
            [f"form:{head}"]
            if _live_with(db, f"head:{head}", "organization") == [entity_id]
            else []
        )
        # Its initials named bare ("ФАС" for "Федеральная антимонопольная служба РФ"),
        # when no other body of the place has them.
        letters = initials(split[0])
        key = f"qualified-initials:{letters}|{country}"
        if len(letters) >= MIN_BARE_INITIALS and _live_with(db, key, "organization") == [entity_id]:
            bare.append(f"form:{letters}")
        for key in bare:
            for other in _live_with(db, key, "organization"):
                if (
                    other != entity_id
                    and _bare_only(db, other, country)
                    and not _apart(db, entity_id, other)
                    and (key == f"form:{head}" or _articles(db, other) <= _articles(db, entity_id))
                ):
                    merge(db, entity_id, other)


def _articles(db: sqlite3.Connection, entity_id: str) -> int:
    """The articles naming an entity. Initials named bare in more articles than the body
    whose initials they are name another body ("ФСБ", not the Федерация спортивной борьбы
    России)."""
    row = db.execute("SELECT articles FROM entities WHERE id = ?", (entity_id,)).fetchone()
    return int(row[0]) if row else 0


def _live_with(db: sqlite3.Connection, key: str, type_: str) -> list[str]:
    """The live entities of `type_` a key finds, oldest first."""
    rows = db.execute(
        "SELECT DISTINCT e.id FROM keys k JOIN entities e ON e.id = k.entity_id"
        " WHERE k.key = ? AND e.merged_into IS NULL AND e.type = ? ORDER BY e.rowid",
        (key, type_),
    )
    return [str(entity_id) for (entity_id,) in rows]


def _bare_only(db: sqlite3.Connection, entity_id: str, country: str) -> bool:
    """Whether every name of a known body says no place, no name gave it one, and no news
    from another country than `country` named it (a bare "ВМС" in news from Denmark)."""
    rows = db.execute("SELECT name FROM names WHERE entity_id = ?", (entity_id,)).fetchall()
    if not rows or not all(bare_body(name) for (name,) in rows):
        return False
    seen_in = db.execute(
        "SELECT key FROM keys WHERE entity_id = ? AND key > ? AND key < ?",
        (entity_id, BARE_IN, BARE_IN + "\uffff"),
    )
    others = {str(key)[len(BARE_IN) :] for (key,) in seen_in} - {country}
    return not others and not _entity_places(db, entity_id)


def _lone_russian_word(cluster: Cluster) -> bool:
    """Whether a person cluster is one Cyrillic word only, in one form or several."""
    return (
        cluster.type == "person"
        and bool(cluster.names)
        and all(len(n.split()) == 1 and script(n) == "Cyrl" for n in cluster.names)
        and all(m.language == FIRST_NAME_LANGUAGE for m in cluster.mentions)
    )


def _first_name_owner(db: sqlite3.Connection, cluster: Cluster, people: set[str]) -> str | None:
    """The one person of the article whose full names start with the lone word, or None."""
    owners = set()
    for entity_id in sorted(people):
        rows = db.execute(
            "SELECT name FROM names WHERE entity_id = ? AND short = 0", (entity_id,)
        ).fetchall()
        firsts = {
            words[0]
            for (name,) in rows
            if len(words := str(name).split()) > 1
            and not _initialled(str(name), "person")
            and _reads_as_first_name(words[0])
        }
        if any(_one_first_name(lone, first) for lone in cluster.names for first in firsts):
            owners.add(entity_id)
    return owners.pop() if len(owners) == 1 else None


def _as_first_name_of(db: sqlite3.Connection, owner: str, cluster: Cluster) -> Resolved:
    """The lone first name as the person's: a short name of theirs, as "Тереза" is Тереза Мэй's."""
    names = [(name, True) for name in dict.fromkeys(cluster.names)]
    _add_names(db, owner, "person", names, 1, None, FIRST_NAME_LANGUAGE)
    return Resolved(owner, "person", cluster.canonical)


def _reads_as_first_name(word: str) -> bool:
    """Whether Russian's dictionary reads a word, or guesses it, as a first name in the
    nominative ("Нурия", "Малала"): not a surname the model glued to another ("Шольца Путин")."""
    return any(
        "Name" in parse.tag and parse.tag.case == "nomn"
        for parse in morphology().parse(word.casefold())
    )


def _one_first_name(lone: str, first: str) -> bool:
    """Whether a lone word is a first name in another case ("Малале", "Малала": the stem left
    by one case ending, `word_stems`) of the same gender where the dictionary knows both in
    the nominative ("Александра" is no "Александр")."""
    if not word_stems(name_key(lone)) & word_stems(name_key(first)):
        return False
    ours, theirs = name_genders(lone, "nomn"), name_genders(first, "nomn")
    return not ours or not theirs or bool(ours & theirs)


def _without_lone_given_names(names: list[str], type_: str) -> list[str]:
    """A person's names less a first name alone ("Сергей" beside "Сергей Пичугин"), which says
    nothing across articles: as a full name of the entity it found every other article's lone
    "Сергей" and took the next full name that came with one. It stays a short name, as a
    surname does: a lone "Тереза" finds the one "Тереза Мэй", two such people neither."""
    if type_ != "person" or not any(len(n.split()) > 1 for n in names):
        return names
    return [n for n in names if len(n.split()) > 1 or not given_name(n)]


def _body_places(names: Sequence[str], type_: str) -> set[str]:
    """Codes of the places the names qualify a body with ("МИД Литвы": LT)."""
    return {
        key.rpartition("|")[2]
        for name in names
        for key in _qualified(name, type_, provided=False)
        if key.startswith("qualified")
    }


def _entity_places(db: sqlite3.Connection, entity_id: str) -> set[str]:
    """Codes of the places a known entity's names qualify it with."""
    rows = db.execute(
        "SELECT key FROM keys WHERE entity_id = ? AND key >= 'qualified' AND key < 'qualifiee'",
        (entity_id,),
    )
    return {str(key).rpartition("|")[2] for (key,) in rows}


def _other_places(db: sqlite3.Connection, entity_id: str, places: set[str]) -> bool:
    """Whether a known entity is a body of other places than `places`: a bare "МИД" seen
    beside "МИД Великобритании" in one article and "МИД Литвы" in another names two bodies,
    and must not chain them into one."""
    theirs = _entity_places(db, entity_id)
    return bool(places and theirs and not places & theirs)


def _gazetteer_place(db: sqlite3.Connection, entity_id: str) -> str | None:
    """The gazetteer's code of a known entity that is one of its places, else None."""
    row = db.execute("SELECT place FROM entities WHERE id = ?", (entity_id,)).fetchone()
    return str(row[0]) if row and row[0] else None


def _place_of(name: str) -> Place | None:
    """The gazetteer's place of a name, a country's long name included ("Ирландская
    Республика")."""
    return place_of(name) or country_of_long_name(name)


def _place_named(db: sqlite3.Connection, names: Sequence[str]) -> str | None:
    """The one live gazetteer place that a lone word the model alone called a person names
    in any inflection ("Брюсселю"), else None: a one-word "person" that other articles write
    as that place is the place, unless Russian's dictionary knows it as a first name
    ("Марсель" is a man as often as the city). A place only the model named may be its slip
    ("Дэвиса" read once as a place): it takes no one."""
    if not names or any(" " in name_key(name) or given_name(name) for name in names):
        return None
    return _one_entity(db, {f"form:{form_key(name)}" for name in names}, "location", placed=True)


def _thing_named(db: sqlite3.Connection, names: Sequence[str]) -> tuple[str, EntityType] | None:
    """The one live place or body (the gazetteer's or not) that a lone word the model alone
    called a person is named, written the same, when no person is and Russian's dictionary
    knows the word as no first name or surname ("Чекерс", a country house; not "Форд"), else
    None."""
    if not names or any(" " in name_key(name) or personal(name) for name in names):
        return None
    keys = {f"form:{form_key(name)}" for name in names}
    # Any person, not the one: "Байден" is Джо, Хантер and Джилл Байден's name, and no place
    # because the model once read it as one.
    if any(_live_with(db, key, "person") for key in keys | {f"last:{k[5:]}" for k in keys}):
        return None
    found = [(e, t) for t in THING_TYPES if (e := _one_entity(db, keys, t)) is not None]
    if len(found) != 1:
        return None
    # Written the same, not only stemmed alike: "Синь", a surname, is no "Синая" (Sinai).
    ours = {name_key(name) for name in names}
    known = db.execute("SELECT name FROM names WHERE entity_id = ?", (found[0][0],))
    return found[0] if any(name_key(name) in ours for (name,) in known) else None


def _one_entity(
    db: sqlite3.Connection, keys: set[str], type_: str, placed: bool = False
) -> str | None:
    """The one live entity of `type_` (with `placed`, a gazetteer place) that `keys` find."""
    marks = ",".join("?" * len(keys))
    gazetteer = " AND e.place IS NOT NULL" if placed else ""
    rows = db.execute(
        f"SELECT DISTINCT e.id FROM keys k JOIN entities e ON e.id = k.entity_id"
        f" WHERE k.key IN ({marks}) AND e.merged_into IS NULL AND e.type = ?{gazetteer}",
        [*sorted(keys), type_],
    ).fetchall()
    return str(rows[0][0]) if len(rows) == 1 else None


def _initials_taken(
    db: sqlite3.Connection, entity_id: str, found: list[tuple[str, str]], names: Sequence[str]
) -> bool:
    """Whether an entity found only because our full name's initials are its acronym
    ("Европейский совет" and ЕС) already spells that acronym out as another name
    ("Европейский союз"): the letters are that name's, and ours is another body."""
    if {kind for e, kind in found if e == entity_id} != {"acronym"}:
        return False
    spelled = {name for name in names if initials(name)}
    if not spelled:
        return False
    rows = db.execute("SELECT name FROM names WHERE entity_id = ? AND short = 0", (entity_id,))
    return _spelled_otherwise(
        (name for (name,) in rows),
        {initials(name) for name in spelled},
        {form_key(name) for name in spelled},
    )


def _spelled_otherwise(known: Iterable[str], letters: set[str], ours: set[str]) -> bool:
    """Whether one of another entity's full names `known` has initials among `letters` and
    is none of our forms `ours`: those letters spell that name, not ours."""
    return any(initials(name) in letters and form_key(name) not in ours for name in known)


def _compound_twin(found: list[tuple[str, str]], keep: str) -> list[str]:
    """The one other entity found only as the Russian compound of a name ("Евросоюз" for
    "Европейский союз", or the reverse): the same body, whichever of the two the store met
    first. A compound alone finds its full name already; this joins the two once both are
    known apart."""
    kinds: dict[str, set[str]] = {}
    for entity_id, kind in found:
        kinds.setdefault(entity_id, set()).add(kind)
    twins = [e for e, k in kinds.items() if e != keep and k <= COMPOUND_KINDS]
    return twins if len(twins) == 1 else []


def _heard_near(
    db: sqlite3.Connection, entity_id: str, found: list[tuple[str, str]], names: Sequence[str]
) -> bool:
    """Whether an entity found by weak keys may take these names: when only sound keys found
    it (across scripts, consonants alone), one of its names must be spelled near one of ours
    (Sony is not Синьхуа, nor Java Гиви, though each pair sounds alike)."""
    kinds = {kind for e, kind in found if e == entity_id}
    if not kinds <= SOUND_KINDS or not names:
        return True
    known = [
        row[0] for row in db.execute("SELECT name FROM names WHERE entity_id = ?", (entity_id,))
    ]
    if _gazetteer_place(db, entity_id) is not None:
        return any(_near_place_name(ours, known) for ours in names)
    return any(
        _initial_fits(ours, theirs) if _initialled(ours, "person") else spelled_near(ours, theirs)
        for ours in names
        for theirs in known
    )


def _near_place_name(ours: str, known: Sequence[str]) -> bool:
    """Whether a name the gazetteer lacks is a slip of a gazetteer place's name: spelled this
    near one of its names in our own script, where it has any (Истра is no Австрия, 67, nor
    Литани Литва, 73; Нидрланды is Нидерланды, 95), else near any of them."""
    same = [theirs for theirs in known if script(theirs) == script(ours)] or list(known)
    return any(spelling_nearness(ours, theirs) >= MIN_HEARD_PLACE_SPELLING for theirs in same)


def _initials_agree(db: sqlite3.Connection, entity_id: str, ours: Sequence[str]) -> bool:
    """Whether our initialled names' first letters ("M. Barker", "В.В. Путин") start one of
    the entity's names in the same script, when any of those has a first name or initial
    ("H. Barker", "Herbert Barker" are another person). Only capitals with dots are read so:
    "Mr Barker" and "Дж. Хант" say no letter."""
    letters = {(script(name), name[0].casefold()) for name in ours if _capital_initials(name)}
    if not letters:
        return True
    known = db.execute("SELECT name FROM names WHERE entity_id = ?", (entity_id,))
    theirs = {
        (script(name), name[0].casefold())
        for (name,) in known
        if len(name.split()) >= 2 and (_capital_initials(name) or not _initialled(name, "person"))
    }
    scripts = {written for written, _ in letters}
    same_script = {(written, first) for written, first in theirs if written in scripts}
    return not same_script or bool(letters & same_script)


def _capital_initials(name: str) -> bool:
    """ "H. Barker", "J.M.R. Barker", "В.В. Путин": a capital and a dot for each initial."""
    *initials_, _ = name.split()
    return (
        bool(initials_)
        and all(
            len(part) == 1 and part.isupper()
            for word in initials_
            for part in word.rstrip(".").split(".")
        )
        and all(word.endswith(".") for word in initials_)
    )


def _initial_fits(initialled: str, full: str) -> bool:
    """Whether "С. Сквернялис" may shorten "Саулюс Сквярнялис": the initial starts the first
    name and the surname is spelled near."""
    initial, *_, surname = initialled.split()
    first, *rest = full.split()
    return (
        bool(rest)
        and not _initialled(full, "person")
        and first.casefold().startswith(initial.split(".")[0].casefold())
        and spelled_near(surname, rest[-1])
    )


def _place_outranks_model(place: Place | None, language: str) -> bool:
    """Whether the gazetteer retypes a model-only organisation that has a place's name.

    A country named as an organisation is its government: a place (FactRuEval scores it so).
    A city named as an organisation is spaCy's mistake in English ("Dushanbe") but natasha's
    city is a club or an administration often enough that Russian FactRuEval dev F1 fell
    (0.902 -> 0.900) when cities were retyped, so only English ones are.
    """
    if place is None:
        return False
    local = place.code.startswith(("city:", SUBDIVISION_PREFIX))  # a state is named as a city is
    return not local or language in CITY_RETYPED_LANGUAGES


def _find(
    db: sqlite3.Connection, wanted: dict[str, str], type_: str, any_type: bool = True
) -> list[tuple[str, str]]:
    """(entity id, kind of key) of the live entities of a compatible type that `wanted` finds.

    Without `any_type` (a rule fixed the cluster's type) only entities of that type are.
    """
    if not wanted:
        return []
    marks = ",".join("?" * len(wanted))
    rows = db.execute(
        f"SELECT k.key, e.id, e.type FROM keys k CROSS JOIN entities e ON e.id = k.entity_id"
        f" WHERE k.key IN ({marks}) AND e.merged_into IS NULL ORDER BY e.rowid",
        list(wanted),
    ).fetchall()
    found = []
    for key, entity_id, known_type in rows:
        kind = wanted[key]
        compatible = (
            known_type == type_
            or any_type
            and (
                type_ == "misc"  # the model could not say: the store can
                or ({known_type, type_} <= INTERCHANGEABLE and kind in ("form", "place"))
                or (kind == "form" and " " in key)  # a multi-word name is one thing, however typed
            )
        )
        if compatible:
            found.append((str(entity_id), kind))
    return found


def _add_names(
    db: sqlite3.Connection,
    entity_id: str,
    type_: str,
    names: list[tuple[str, bool]],
    articles: int,
    place: Place | None,
    language: str = "",
) -> bool:
    """Count the names for the entity, learning the new ones; whether any was new."""
    new = False
    for name, short in names:
        row = name_row(name, language or _language_of(name), short)
        (count,) = db.execute(
            "INSERT INTO names (entity_id, name, form, language, script, short, articles)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entity_id, name)"
            " DO UPDATE SET articles = articles + excluded.articles RETURNING articles",
            (entity_id, *row, articles),
        ).fetchone()
        if count == TYPO_TARGET_ARTICLES and not short:
            db.executemany(  # a frequent name now: its one-letter slips will find it
                "INSERT OR IGNORE INTO keys (key, entity_id) VALUES (?, ?)",
                [(key, entity_id) for key in typo_keys(name)],
            )
        if count > max(articles, 1):
            continue  # a name seen before: its keys are there (most names of most articles)
        new = True
        db.executemany(
            "INSERT OR IGNORE INTO keys (key, entity_id) VALUES (?, ?)",
            [(key, entity_id) for key in _keys(name, type_, short, place)],
        )
    return new


def _language_of(name: str) -> str:
    return "ru" if script(name) == "Cyrl" else "en"


def _apart(db: sqlite3.Connection, a: str, b: str) -> bool:
    row = db.execute(
        "SELECT 1 FROM apart WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)", (a, b, b, a)
    ).fetchone()
    return row is not None


def merge(db: sqlite3.Connection, keep: str, other: str) -> None:
    """`other` is `keep`: its names and keys move over, its id redirects (inside a transaction)."""
    if keep == other:
        return
    db.execute(
        "INSERT INTO names SELECT ?, name, form, language, script, short, articles FROM names"
        " WHERE entity_id = ? AND true ON CONFLICT (entity_id, name)"
        " DO UPDATE SET articles = articles + excluded.articles",
        (keep, other),
    )
    db.execute("DELETE FROM names WHERE entity_id = ?", (other,))
    db.execute("UPDATE OR IGNORE keys SET entity_id = ? WHERE entity_id = ?", (keep, other))
    db.execute("DELETE FROM keys WHERE entity_id = ?", (other,))
    (articles,) = db.execute("SELECT articles FROM entities WHERE id = ?", (other,)).fetchone()
    db.execute("UPDATE entities SET articles = articles + ? WHERE id = ?", (articles, keep))
    db.execute(
        "UPDATE entities SET merged_into = ?, articles = 0 WHERE id = ? OR merged_into = ?",
        (keep, other, other),
    )


def new_id(db: sqlite3.Connection, name: str) -> str:
    """A readable id not yet taken: the name in Latin letters, numbered when needed."""
    base = SLUG_DROP.sub("-", latin(name).casefold()).strip("-")[:60] or "entity"
    candidate, number = base, 1
    while db.execute("SELECT 1 FROM entities WHERE id = ?", (candidate,)).fetchone():
        number += 1
        candidate = f"{base}-{number}"
    return candidate
