"""Search's reads of the entity store: filters widened, facet values named, query words matched.

Read-only, one SQLite connection per thread (a web server searches on many). A store that is
missing or being rebuilt knows nothing: searching goes on with what was typed and stored.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import wordfreq

from indexer.naming import dictionary
from indexer.naming.adjectives import adjective_place, agreeing, genitive, place_adjectives
from indexer.naming.keys import (
    MIN_CROSS_SCRIPT_SOUND,
    MIN_SOUND_SPELLING,
    acronym_in_cyrillic,
    acronym_key,
    acronym_sound,
    common_russian_word,
    compounds,
    english_sound_keys,
    first_name_only,
    form_key,
    latin,
    morphology,
    name_key,
    nominative,
    read_as_word,
    script,
    sound_key,
    spelling_nearness,
    without_kind,
    without_legal_form,
)
from indexer.naming.near import near_person
from indexer.naming.places import capitalised_place, place_of, places, spelled_near_a_place
from indexer.naming.store import EntityStore
from indexer.naming.translated_names import FUNCTION_WORDS, coordinated, russian_names
from indexer.search.letters import fold_letters
from indexer.search.name_forms import name_forms
from indexer.search.query_syntax import WORD
from indexer.search.query_tokens import word_runs
from indexer.search.snowball import stem
from indexer.search.spelling import MIN_SUGGESTED_ARTICLES
from indexer.search.translated_bag import candidate_stems, english_words, name_stems, reads_as

# Longest entity name looked for in a query, in words ("Islamic State of Iraq and the Levant").
MAX_NAME_WORDS = 6
# Seconds a facet value's name is kept before the store is asked again (renames show then).
LABEL_TTL_S = 2.0
# Names of one entity put into a query at most: enough for its scripts and short forms.
MAX_VARIANTS = 12
# A lower-case word at least this common (wordfreq's Zipf scale: 5 is once in 100,000 words,
# about a language's 1,500 commonest) is the word: "could" is not Кудо, nor "было" Boyle.
# Names typed in lower case are rarer ("putin" 4.1, "trump" 4.9, "klimkin" 1.2).
COMMON_WORD_ZIPF = 5.0
# Seconds the words of known names are kept while an ingest changes the table: a name learnt
# a minute ago can wait for the next reading (a million articles' names take a few tenths).
NAME_WORDS_TTL_S = 60.0
# Shorter words of names are initials and particles: no misspelt name is compared with them.
MIN_NAME_WORD_CHARS = 4
# A name heard in what was typed counts when spelled within this much (rapidfuzz's ratio) of
# the nearest name heard.
SOUND_MARGIN = 5.0
# A name of this few letters is heard only where it is spelled exactly as it reads (Xi: Си,
# Li: Ли): one letter more or less is a ratio of 80, and "Ma", "Me" and "My" were Мэй, "An"
# Хан, "In" Ын and "At" Уайт.
MAX_SHORT_NAME_CHARS = 2
# A family's plural typed ("Skripals") has at least this many letters: "Bus", "Gas" are none.
MIN_FAMILY_CHARS = 5
# ... and is rarer in English than this (wordfreq's Zipf): "rights" 5.2, "williams" 4.7,
# "brussels" 4.0, "philips" 3.4 (whose singular is Prince Philip's) and "clintons" 3.1 are
# words and names of their own; "skripals" 0, "obamas" 2.8, "kennedys" 2.6 families.
MAX_FAMILY_ZIPF = 3.0
# A place heard in a Latin name typed has the consonants of a Cyrillic place's sound key, at
# least this many ("salasbara" and Солсбери's "salsbara", "krama" and Крым's "kram"): a vowel
# is where transcriptions differ, a consonant more or less is another place ("Kakhovka"'s
# "kavka" and Кавказ's "kavkas", "Lyman"'s "laman" and Любмин's "labman", near as they are by
# rapidfuzz's ratio, 91). Chosen on the SlavicNER tuning topics and the Telegram posts.
MIN_HEARD_CONSONANTS = 3
SOUND_VOWEL = "a"  # the one vowel of a sound key
# A name spelled this near (rapidfuzz's ratio) a name of the gazetteer is that place's.
MIN_HEARD_PLACE_RATIO = 85
# Sounds a store's place key shares with what was typed, to be compared at all.
HEARD_PREFIX = 2
# A one-letter particle written onto a name with an apostrophe, as Irish, French and Italian
# names are (O'Leary, d'Estaing, D'Alema; О'Лири, Д’Алема).
PARTICLE_NAME = re.compile(r"\b([^\W\d_])['’ʼ]([^\W\d_]{2,})")
# A research body's English name that is a person's: up to three capitalised words, then
# "Institute", "Center" or "Centre" ("Robert Koch Institute", "Gamaleya Research Institute of
# Epidemiology"), as Russian names it "имени" the person (`naming/eponyms.py`).
EPONYM_BODY = re.compile(
    r"^((?:[A-Z][\w'’-]*\s+){1,3}?)(?:(?:National|Research|Scientific)\s+)*(?:Institute|Cent(?:er|re))\b"
)
# How near (`spelling_nearness`) the surname typed is spelled to the eponym's: Koch and Кох
# 100, Pasteur and Пастер 92; Koch and Коутс 86, another man.
MIN_EPONYM_SPELLING = 90
# A region named in English by its city and the word for the region ("Kursk region",
# "Leningrad Oblast"), as Russian names it by the city's adjective: Курская область.
REGION_NAME = re.compile(r"^([A-Z][\w'’-]*)\s+(?:region|oblast|krai|kray)$", re.IGNORECASE)
REGION_HEADS = ("область", "край")
# Keys that find an entity by its written form or a gazetteer place, not by sound alone.
_SPELLED_KEYS = ("form:", "place:", "last:", "acronym:", "qualified-initials:")


class EntityLookup:
    """What search asks the entity store; every answer falls back to "nothing known"."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()

    def _store(self) -> EntityStore | None:
        store: EntityStore | None = getattr(self._local, "store", None)
        if store is None:
            # No table until the first ingest makes one: look again on the next search.
            if not self.path.exists():
                return None
            store = EntityStore(self.path)
            self._local.store = store
            self._local.variants = None  # data_version is counted per connection
        return store

    def widen(self, type_: str, values: tuple[str, ...]) -> tuple[str, ...]:
        """Filter values (ids or names) joined by every id now meaning the same entity."""
        store = self._store()
        if store is None:
            return values
        try:
            found: dict[str, None] = {}
            for value in values:
                ids = store.ids_named(value, type_) or [value]
                for entity_id in ids:
                    found.update(dict.fromkeys(store.merged_into(store.current(entity_id))))
                found.setdefault(value, None)
            return tuple(found)
        except sqlite3.Error:
            return values

    def labels(
        self, values: Iterable[str], language: str | None = None
    ) -> dict[str, tuple[str, str] | None]:
        """Each facet value's (current id, display name); None for a hidden entity.

        Answers are kept for `LABEL_TTL_S`: the same few hundred entities head the facets of
        most searches, and a rename or hide shows within that time.
        """
        wanted = list(values)
        store = self._store()
        if store is None or not wanted:
            return {value: (value, value) for value in wanted}
        cache: dict[tuple[str, str | None], tuple[str, str] | None] = self._labels()
        todo = [v for v in dict.fromkeys(wanted) if (v, language) not in cache]
        if todo:
            try:
                fresh = store.labels(todo, language)
            except sqlite3.Error:
                return {value: (value, value) for value in wanted}
            cache.update(((value, language), label) for value, label in fresh.items())
        return {value: cache[(value, language)] for value in wanted}

    def _labels(self) -> dict[tuple[str, str | None], tuple[str, str] | None]:
        """This thread's label cache, emptied every `LABEL_TTL_S` seconds."""
        now = time.monotonic()
        if getattr(self._local, "labels_at", float("-inf")) < now - LABEL_TTL_S:
            self._local.labels, self._local.labels_at = {}, now
        labels: dict[tuple[str, str | None], tuple[str, str] | None] = self._local.labels
        return labels

    def variants(self, query: str) -> dict[str, tuple[str, ...]]:
        """Names an entity typed in the query is also written as, keyed by the words typed.

        Keys are lower-case runs of the query's words ("european union", "klimkin"); a run
        that is a whole name of an entity gets the entity's other full names (and a person's
        surname in every script when one word was typed), a single word that is only a
        person's surname gets the surname in the other scripts. Three queries in all.
        """
        store = self._store()
        words = WORD.findall(query)
        if store is None or not words:
            return {}
        # Each run typed, keyed as the answers are kept: only a whole name typed is translated
        # ("British Ministry of Health", not its "Ministry of Health", another body), so a
        # run that is one is asked apart (a tab, which no typed run holds, marks it).
        names = _typed_names(query)
        # A function word alone names nothing ("of" in "Royal Society of Science" had found a
        # band called OFF).
        runs = {
            (f"{typed}\t" if typed in names else typed): typed
            for typed in dict.fromkeys(word_runs(query, MAX_NAME_WORDS))
            if typed.casefold() not in FUNCTION_WORDS
        }
        try:
            known = self._variants_known(store)
            # Each run as a name is looked up (apostrophes kept, dotted letters joined).
            looked = {run: _as_looked_up(query, typed) for run, typed in runs.items()}
            wanted = {
                run: _lookup_keys(looked[run], translate=run != typed)
                for run, typed in runs.items()
                if run not in known
            }
            if wanted:
                found = _entities_by_key(store.db, {k for keys in wanted.values() for k in keys})
                for run, keys in wanted.items():
                    known[run] = (
                        _names_for(
                            looked[run],
                            keys,
                            found,
                            translate=run != runs[run],
                            body_words=lambda: self._body_words(store),
                            head_places=lambda head: _head_places(store.db, head),
                        )
                        or _family_names(store.db, looked[run])
                        or _near_names(store.db, looked[run])
                        or _heard_places(store.db, runs[run])
                        or (_eponym_bodies(store.db, runs[run]) if run != runs[run] else ())
                        or _regions(store.db, runs[run])
                        or (self._bag_names(store, runs[run]) if run != runs[run] else ())
                    )
        except sqlite3.Error:
            return {}
        return {typed.casefold(): known[run] for run, typed in runs.items() if known[run]}

    def name_words(self) -> dict[str, int]:
        """The lower-case words (four letters or more) of the names of live entities named in
        two articles or more -> the articles naming them: what a misspelt name is compared
        with (name_spelling.py). Read on the first page that asks (70 ms for 25,000 names),
        again when the table has changed and NAME_WORDS_TTL_S have passed."""
        store = self._store()
        if store is None:
            return {}
        try:
            version = store.db.execute("PRAGMA data_version").fetchone()[0]
            read_at = getattr(self._local, "words_at", float("-inf"))
            stale = getattr(self._local, "words_version", None) != version
            if stale and read_at < time.monotonic() - NAME_WORDS_TTL_S:
                words: dict[str, int] = {}
                for name, articles in store.db.execute(
                    "SELECT n.name, e.articles FROM names n CROSS JOIN entities e"
                    " ON e.id = n.entity_id WHERE e.merged_into IS NULL AND e.hidden = 0"
                    " AND e.articles >= ?",
                    (MIN_SUGGESTED_ARTICLES,),
                ):
                    for word in dict.fromkeys(WORD.findall(name.casefold())):
                        if len(word) >= MIN_NAME_WORD_CHARS and word.isalpha():
                            words[word] = words.get(word, 0) + articles
                self._local.words, self._local.words_version = words, version
                self._local.words_at = time.monotonic()
        except sqlite3.Error:
            return {}
        known: dict[str, int] = self._local.words
        return known

    def _body_words(self, store: EntityStore) -> frozenset[str]:
        """The form keys of the words of live organisations' names: what a body read word by
        word must be made of to be searched as text. Read when first asked (40 ms for the
        10,000-article bench store), again when the table has changed and NAME_WORDS_TTL_S
        have passed."""
        version = store.db.execute("PRAGMA data_version").fetchone()[0]
        read_at = getattr(self._local, "body_words_at", float("-inf"))
        stale = getattr(self._local, "body_words_version", None) != version
        if stale and read_at < time.monotonic() - NAME_WORDS_TTL_S:
            words: set[str] = set()
            for (form,) in store.db.execute(
                "SELECT DISTINCT n.form FROM names n CROSS JOIN entities e ON e.id = n.entity_id"
                " WHERE e.type = 'organization' AND e.merged_into IS NULL AND e.hidden = 0"
            ):
                words.update(str(form).split())  # each word's form_key, as the store keeps it
            self._local.body_words = frozenset(words)
            self._local.body_words_version = version
            self._local.body_words_at = time.monotonic()
        known: frozenset[str] = self._local.body_words
        return known

    def _bag_names(self, store: EntityStore, typed: str) -> tuple[str, ...]:
        """Names of the organisation or place whose Russian name reads as the English name
        typed word for word (translated_bag.py), found as by a translation: asked only when
        nothing else was found for the words, as the bag is looser than a reading."""
        if script(typed) != "Latn" or len(english_words(typed)) < 2:
            return ()
        by_stem = self._body_names(store)
        candidates = {name for s in candidate_stems(typed) for name in by_stem.get(s, ())}
        keys = {
            f"form:{form_key(name)}": "translated"
            for name in sorted(candidates)
            if reads_as(typed, name)
        }
        if not keys:
            return ()
        found = _entities_by_key(store.db, set(keys))
        return _names_for(typed, keys, found, translate=True)

    def _body_names(self, store: EntityStore) -> dict[str, set[str]]:
        """Live organisations' and places' Russian names of two words or more by the stems
        of their words, read as `_body_words` is (a sea, a gulf, a range the gazetteer lacks:
        "Baltic Sea", Балтийское море)."""
        version = store.db.execute("PRAGMA data_version").fetchone()[0]
        read_at = getattr(self._local, "body_names_at", float("-inf"))
        stale = getattr(self._local, "body_names_version", None) != version
        if stale and read_at < time.monotonic() - NAME_WORDS_TTL_S:
            by_stem: dict[str, set[str]] = {}
            for (name,) in store.db.execute(
                "SELECT DISTINCT n.name FROM names n CROSS JOIN entities e ON e.id = n.entity_id"
                " WHERE e.type IN ('organization', 'location') AND e.merged_into IS NULL"
                " AND e.hidden = 0 AND n.script = 'Cyrl' AND n.name LIKE '% %'"
            ):
                for each in name_stems(str(name)):
                    by_stem.setdefault(each, set()).add(str(name))
            self._local.body_names = by_stem
            self._local.body_names_version = version
            self._local.body_names_at = time.monotonic()
        known: dict[str, set[str]] = self._local.body_names
        return known

    def _variants_known(self, store: EntityStore) -> dict[str, tuple[str, ...]]:
        """This thread's answers for typed runs, kept while the table is unchanged.

        A query's words are asked again on every facet click, page and sort of the same
        search; SQLite's data_version moves when any connection commits (an ingest, a
        merge, a rename), and the answers are dropped then.
        """
        version = store.db.execute("PRAGMA data_version").fetchone()[0]
        known: dict[str, tuple[str, ...]] | None = getattr(self._local, "variants", None)
        if known is None or self._local.variants_version != version or len(known) > KEYS_CACHE:
            known = self._local.variants = {}
            self._local.variants_version = version
        return known

    def close(self) -> None:
        """Close this thread's connection."""
        store = getattr(self._local, "store", None)
        if store is not None:
            store.close()
            self._local.store = None


@dataclass
class _Found:
    """What the store says about the entities a query's keys find."""

    by_key: dict[str, set[str]]  # key -> live entity ids
    people: set[str]
    names: dict[str, list[tuple[str, bool]]]  # entity id -> (name, short)
    placed: set[str] = field(default_factory=set)  # entities that are a gazetteer place
    types: dict[str, str] = field(default_factory=dict)  # entity id -> its type


# Typed runs seen lately: their keys depend on the words alone, and searches repeat words.
KEYS_CACHE = 4096


def _typed_names(query: str) -> set[str]:
    """The longest runs of the query's words that read as a name: capitalised words, with
    function words between them ("Ministry of Foreign Affairs Germany")."""
    names: set[str] = set()
    run: list[str] = []
    for word in [*WORD.findall(query), ""]:
        if word[:1].isupper() or (run and word.casefold() in FUNCTION_WORDS):
            run.append(word)
            continue
        while run and run[-1].casefold() in FUNCTION_WORDS:
            run.pop()
        if run:
            names.add(" ".join(run))
        run = []
    return names


@lru_cache(maxsize=KEYS_CACHE)
def _lookup_keys(typed: str, translate: bool = False) -> Mapping[str, str]:
    """The keys a typed run of words finds an entity by: "whole" names or a "surname";
    with `translate`, also its Russian names (translated_names.py)."""
    form, sound = form_key(typed), sound_key(typed)
    keys = {f"form:{form}": "whole"}
    if (base := without_legal_form(typed)) and base != typed:  # "Bloomberg LP": Bloomberg
        keys[f"form:{form_key(base)}"] = "whole"
    if (own := without_kind(typed)) != typed:  # "TASS Agency": every key of TASS's own
        keys.update((k, use) for k, use in _lookup_keys(own, translate).items() if use == "whole")
    # A Latin name read as Russian transcribes it too ("Hitler" for Гитлер).
    sounds = english_sound_keys(typed) or [sound]
    other = "Cyrl" if script(typed) == "Latn" else "Latn"
    for each in sounds:
        if len(each.replace(" ", "")) >= MIN_CROSS_SCRIPT_SOUND:  # the name in the other script
            keys[f"sound-{other}:{each}"] = "whole"
    if letters := acronym_sound(typed):  # "WTO" for ВТО
        keys[f"sound-{other}:{letters}"] = "whole"
    if letters := acronym_in_cyrillic(typed):  # "UNN" for УНН, by the letters as written:
        # a stem of them is another word's ("МАР": Мария, "ОМБ" and "ОМВ": Омск)
        keys.setdefault(f"acronym:{acronym_key(letters)}", "whole")
    if translate and other == "Cyrl":  # Еврокомиссия, МИД Германии: no person
        for each in (typed, *coordinated(typed)):
            _add_translated_keys(each, keys)
    place = place_of(typed)
    if place is not None:
        keys[f"place:{place.code}"] = "whole"
    if " " not in typed.strip():
        keys[f"last:{form}"] = "surname"
        keys.update((f"lastsound:{each}", "surname") for each in sounds if each)
    return MappingProxyType(keys)  # cached: read-only


def _add_translated_keys(typed: str, keys: dict[str, str]) -> None:
    """The keys a body's English name finds its Russian names by (translated_names.py)."""
    translated = russian_names(typed)
    for each in translated.full:
        keys.setdefault(f"form:{form_key(each)}", "translated")
    # The one word Russian shortens a reading of two words to: Кабмин, Генассамблея.
    shortened = compounds(translated.reading)
    if code := translated.body_place:  # its place's names in the store (Британия, США)
        keys.setdefault(f"place:{code}", "place of body")
        for body in translated.bodies:  # the body by its name alone (Палата представителей)
            keys.setdefault(f"form:{form_key(body)}", f"body of {code}")
        if translated.initials:  # or by its acronym alone (МВД)
            keys.setdefault(f"acronym:{translated.initials}", f"body of {code}")
        for each in shortened:  # Кабмин, or Кабмин Соединенного Королевства
            keys.setdefault(f"form:{each}", f"body of {code}")
            keys.setdefault(f"qualified:{each}|{code}", "translated")
    elif not place_of(typed):
        keys.update((f"form:{each}", "translated") for each in shortened)
    # Initials by the letters the store keeps (a stem of "ЭРУ" is "ер", Единая Россия's):
    # with a place, the body's initials there (МИД Германии); alone, only an acronym as
    # written, and only of a set phrase ("the F. Office": МИД). Initials of words read one
    # by one, or matched to names that spell them, named any body: "Irish Republican
    # Army" Исламская Республика Афганистан, "Council of Economic Advisers" СЭС.
    letters, places = translated.initials, translated.places
    if letters and len(places) == 1:
        keys.setdefault(f"qualified-initials:{letters}|{places[0]}", "translated")
    elif letters and not places and translated.attested:
        keys.setdefault(f"acronym:{letters}", "translated")


def _as_looked_up(query: str, typed: str) -> str:
    """A run of the query's words as a name is looked up: a one-letter particle kept on its
    name with the apostrophe typed ("O'Leary", "d'Estaing", which a query's words split in
    two: О'Лири's keys are those of the whole), an acronym's dotted letters joined."""
    for particle in PARTICLE_NAME.finditer(query):
        typed = re.sub(
            rf"(?<!\S){particle[1]} {particle[2]}(?!\S)", f"{particle[1]}'{particle[2]}", typed
        )
    return _letters_joined(typed)


def _letters_joined(typed: str) -> str:
    """An acronym typed with dots, which the query reads as single letters ("U.S." is "U S"),
    as its letters: "US" finds the United States and США."""
    words = typed.split()
    if len(words) >= 2 and all(len(word) == 1 and word.isupper() for word in words):
        return "".join(words)
    return typed


def _near_names(db: sqlite3.Connection, typed: str) -> tuple[str, ...]:
    """A full name typed in Latin letters that reads near one person's in Cyrillic, its
    first name transcribed otherwise ("Volodymyr Zelensky": Владимир Зеленский), as the store
    joins such names at ingest (`naming/near.py`): that person's full names. Asked only when
    nothing else was found for the words."""
    words = typed.split()
    if len(words) < 2 or script(typed) != "Latn" or not all(w[:1].isupper() for w in words):
        return ()
    person = near_person(db, [typed])
    if person is None:
        return ()
    rows = db.execute("SELECT name FROM names WHERE entity_id = ? AND short = 0", (person,))
    return tuple(str(name) for (name,) in rows if len(str(name).split()) > 1)


def _heard_places(db: sqlite3.Connection, typed: str) -> tuple[str, ...]:
    """A place's name typed in Latin letters whose sounds are one Cyrillic place's but for a
    vowel or two, as transcriptions differ ("Salisbury": Солсбери, "Crimea": Крым, "Irpin":
    Ирпени; places the gazetteer does not hold, and a name spelled near none of the
    gazetteer's, which a misspelling of its own would be): that place's names. Asked only
    when nothing else was found for the words."""
    if script(typed) != "Latn" or not typed[:1].isupper():
        return ()
    if spelled_near_a_place(typed, MIN_HEARD_PLACE_RATIO):  # a place of the gazetteer
        return ()
    # The plain reading only: the English ones drop letters ("Bulatov" read "balata" is
    # Балтия's "balta" but for a vowel).
    ours = sound_key(typed)
    if len(_consonants(ours).replace(" ", "")) < MIN_HEARD_CONSONANTS:
        return ()
    start = ours[:HEARD_PREFIX]
    rows = db.execute(
        "SELECT k.key, e.id FROM keys k CROSS JOIN entities e ON e.id = k.entity_id"
        " WHERE k.key >= ? AND k.key < ? AND e.type = 'location' AND e.place IS NULL"
        " AND e.merged_into IS NULL AND e.hidden = 0",
        (f"sound-Cyrl:{start}", f"sound-Cyrl:{start}\uffff"),
    )
    heard = {str(entity) for key, entity in rows if _but_vowels(ours, str(key).partition(":")[2])}
    if len(heard) != 1:  # two places heard alike: neither is meant surely
        return ()
    rows = db.execute("SELECT name FROM names WHERE entity_id = ? AND short = 0", (heard.pop(),))
    return tuple(str(name) for (name,) in rows)


def _eponym_bodies(db: sqlite3.Connection, typed: str) -> tuple[str, ...]:
    """A research body named in English after a person ("Robert Koch Institute"): the names
    of the one body of the store keyed by an eponym spelled as that surname (Институт имени
    Роберта Коха, `eponym_key`). Asked only when nothing else was found for the words."""
    named = EPONYM_BODY.match(typed)
    if named is None:
        return ()
    surname = named[1].split()[-1]
    rows = db.execute(
        "SELECT DISTINCT k.key, COALESCE(e.merged_into, e.id) FROM keys k"
        " CROSS JOIN entities e ON e.id = k.entity_id"
        " WHERE k.key >= 'eponym:' AND k.key < 'eponym;' AND e.hidden = 0"
    )
    nearness: dict[str, float] = {}
    for key, entity in rows:
        near = spelling_nearness(surname, str(key).partition(":")[2])
        nearness[str(entity)] = max(near, nearness.get(str(entity), 0.0))
    bodies = [e for e, near in nearness.items() if near >= MIN_EPONYM_SPELLING]
    if len(bodies) != 1:  # two bodies after one name (or namesakes): neither surely
        return ()
    rows = db.execute("SELECT name FROM names WHERE entity_id = ? AND short = 0", (bodies[0],))
    return tuple(str(name) for (name,) in rows)


def _regions(db: sqlite3.Connection, typed: str) -> tuple[str, ...]:
    """A region typed in English by its city ("Kursk region", "Leningrad Oblast"): the names
    of the one store place named by that city's adjective and "область" or "край"
    (Курская область, Ленинградская область; not the city). Asked only when nothing else was
    found for the words."""
    named = REGION_NAME.match(typed.strip())
    city = place_of(named[1]) if named else None
    if city is None:
        return ()
    rows = db.execute(
        "SELECT DISTINCT n.entity_id, n.name FROM names n CROSS JOIN entities e"
        " ON e.id = n.entity_id WHERE e.type = 'location' AND e.merged_into IS NULL"
        " AND e.hidden = 0 AND (" + " OR ".join("n.name LIKE ?" for _ in REGION_HEADS) + ")",
        [f"% {head}" for head in REGION_HEADS],
    )
    regions = {
        str(entity)
        for entity, name in rows
        if len(words := str(name).split()) == 2
        and (place := adjective_place(words[0])) is not None
        and place.code == city.code
    }
    if len(regions) != 1:
        return ()
    rows = db.execute("SELECT name FROM names WHERE entity_id = ? AND short = 0", (regions.pop(),))
    return tuple(str(name) for (name,) in rows)


def _consonants(sound: str) -> str:
    """A sound key's consonants: what two transcriptions of a name keep alike."""
    return sound.replace(SOUND_VOWEL, "")


def _but_vowels(one: str, other: str) -> bool:
    """Whether two sound keys differ by vowels left out of one only ("salasbara" and
    "salsbara"), not by a vowel moved ("kavka" and "kavak") or a consonant."""
    short, long = sorted((one, other), key=len)
    if short == long or _consonants(short) != _consonants(long):
        return False
    rest = iter(long)
    return all(letter in rest for letter in short)  # a subsequence of the longer


def _family_names(db: sqlite3.Connection, typed: str) -> tuple[str, ...]:
    """A family named in English by the plural of its surname ("the Skripals"): the names of
    the surname when no entity has the plural and a person's full name ends in the singular
    (Сергей Скрипаль), so that "Skripals" finds Скрипали and Скрипаля alike."""
    singular = family_singular(typed)
    if not singular:
        return ()
    keys = _lookup_keys(singular)
    found = _entities_by_key(db, set(keys))
    surnames = {form_key(name.split()[-1]) for ids in found.names.values() for name, _ in ids}
    people = {
        e
        for e in found.people
        if any(len(n.split()) > 1 and not short for n, short in found.names.get(e, ()))
    }
    if not people or not surnames:
        return ()
    return _names_for(singular, keys, found)


def family_singular(typed: str) -> str:
    """The singular of a capitalised Latin word that reads as a surname's English plural
    ("Skripals" -> "Skripal"); "" for anything else."""
    if " " in typed.strip() or script(typed) != "Latn" or not typed[:1].isupper():
        return ""
    if len(typed) < MIN_FAMILY_CHARS or not typed.endswith("s") or typed.endswith("ss"):
        return ""
    if wordfreq.zipf_frequency(typed.casefold(), "en") >= MAX_FAMILY_ZIPF:
        return ""  # a word ("Rights": Wright's family) or a surname itself ("Williams")
    return typed[:-1]


def _entities_by_key(db: sqlite3.Connection, keys: set[str]) -> _Found:
    found = _Found({}, set(), {})
    if not keys:
        return found
    marks = ",".join("?" * len(keys))
    rows = db.execute(
        "SELECT k.key, e.id, e.type, e.place FROM keys k CROSS JOIN entities e"
        f" ON e.id = k.entity_id WHERE k.key IN ({marks}) AND e.merged_into IS NULL"
        " AND e.hidden = 0",
        list(keys),
    ).fetchall()
    for key, entity_id, type_, place in rows:
        found.by_key.setdefault(str(key), set()).add(str(entity_id))
        if type_ == "person":
            found.people.add(str(entity_id))
        found.types[str(entity_id)] = str(type_)
        if place:
            found.placed.add(str(entity_id))
    ids = sorted({e for ids in found.by_key.values() for e in ids})
    if ids:
        marks = ",".join("?" * len(ids))
        for entity_id, name, short in db.execute(
            f"SELECT entity_id, name, short FROM names WHERE entity_id IN ({marks})", ids
        ):
            found.names.setdefault(str(entity_id), []).append((str(name), bool(short)))
    return found


def _common_word(typed: str) -> bool:
    """Whether one word is among its language's commonest (wordfreq's Zipf scale)."""
    if " " in typed.strip():
        return False
    language = "ru" if script(typed) == "Cyrl" else "en"
    return wordfreq.zipf_frequency(typed, language) >= COMMON_WORD_ZIPF


@lru_cache(maxsize=KEYS_CACHE)
def _peoples_adjective(typed: str) -> bool:
    """Whether one Latin word is a people's or a country's adjective by the English-Russian
    dictionary: written with a capital there, with a sense that is an adjective ("Russian":
    русский, "Pakistani": пакистанский). No one's surname is heard in it ("Russian" had
    found Розин)."""
    if " " in typed.strip() or script(typed) != "Latn" or not dictionary.proper(typed):
        return False
    return any(
        parse.is_known and parse.tag.POS == "ADJF"
        for sense in dictionary.senses(typed)
        for parse in morphology().parse(sense.split()[0])[:1]
    )


def _trusted(typed: str, keys: Mapping[str, str], found: _Found) -> set[str]:
    """The entities a typed run names: those its written form finds (a name, a place, a
    surname), and those that only sound like it when one of their names is spelled near it.
    A short or common word typed in lower case ("oil", "will", "было") is that word, not a
    name heard in it."""
    spelled = {
        e for key in keys if key.startswith(_SPELLED_KEYS) for e in found.by_key.get(key, ())
    }
    sounded = {e for key in keys for e in found.by_key.get(key, ())} - spelled
    spelled = {
        e for e in spelled if _a_form_of(typed, (name for name, _ in found.names.get(e, ())))
    }
    if typed.islower() and (
        len(sound_key(typed).replace(" ", "")) < MIN_CROSS_SCRIPT_SOUND or _common_word(typed)
    ):
        return spelled
    if _peoples_adjective(typed):
        return spelled
    # A place of the gazetteer has its names in both scripts. What was typed that is spelled
    # as a known place, person or body is that one, and a place that only sounds like it is
    # another ("Latvia": not Литва; "Chirac": not Ирак). A name that is none of them may be a
    # place the gazetteer knows by another English name ("Turkey": Турция, not Türkiye).
    named = {e for e in spelled if e in found.placed or found.types.get(e) != "location"}
    if named & found.placed:  # "Moscow" is Москва, not Маск heard in an English reading
        return spelled
    nearness = _nearness(typed, sounded - found.placed if named else sounded, found)
    short = len(typed.replace(" ", "")) <= MAX_SHORT_NAME_CHARS
    needed = 100.0 if short else MIN_SOUND_SPELLING
    heard = {e for e, near in nearness.items() if near >= needed}
    return spelled | (heard - _namesakes(heard & found.people, nearness, found))


def _namesakes(people: set[str], nearness: Mapping[str, float], found: _Found) -> set[str]:
    """The people heard who are another man than the nearest heard: spelled more than
    SOUND_MARGIN further from what was typed, and known by other first names ("Miller" is
    Алексей Миллер, spelled as it reads, not also Йенс Мюллер, 91 of 100; "Peskov" not
    Алексей Пушков). A surname heard in two spellings with the same first name, or with none
    known, is one person transcribed two ways (Роман Протасевич, Роман Пратасевич), and a
    place or body in two spellings is more often one split in two (Любмин, Лубмин)."""
    best = max((nearness[e] for e in people), default=0.0)
    nearest = {e for e in people if nearness[e] >= best - SOUND_MARGIN}
    their_first = {name for e in nearest for name in _first_names(e, found)}
    return {
        e
        for e in people - nearest
        if their_first and (first := _first_names(e, found)) and not first & their_first
    }


def _first_names(entity_id: str, found: _Found) -> set[str]:
    """The first names a person is known by, in Latin letters (Роман and Roman alike): the
    first word of its full names (not an initial)."""
    words = (name.split() for name, short in found.names.get(entity_id, ()) if not short)
    return {key for w in words if len(w) > 1 and len(key := name_key(latin(w[0]))) > 2}


def _nearness(typed: str, sounded: Iterable[str], found: _Found) -> dict[str, float]:
    """How near what was typed is spelled to each entity heard in it (its nearest name).

    A name that is a common word in its own script ("Курс" heard in "Kurz": a one-off
    "person" of the model's) would match that word in every article: never near. Nor is an
    acronym to a common word not typed in capitals: УНИАН is letters, "Union" a word ("Nato"
    is as the British press writes NATO).
    """
    heard = {typed, without_kind(typed)}  # "TASS Agency" is heard as TASS
    capitals = typed.isupper() or not _common_word(typed.casefold())
    return {
        entity_id: max(
            (
                spelling_nearness(each, name)
                for name, _ in found.names.get(entity_id, ())
                if not common_russian_word(name) and (capitals or not _acronym(name))
                for each in heard
            ),
            default=0.0,
        )
        for entity_id in sounded
    }


def _acronym(name: str) -> bool:
    """A name in capitals of one word ("УНИАН", "NATO")."""
    return " " not in name.strip() and name.isupper() and len(name) > 1


def _a_form_of(typed: str, names: Iterable[str]) -> bool:
    """Whether a typed run names what these names do, as far as its spelling tells: for one
    Russian word found through a stem one of the names shares, it must be a case form of a
    word of one of them.

    Snowball cuts "данные" (data) and "Дания" to one stem, and every search for "данные"
    found Denmark's articles too. A word found otherwise (РФ by initials, "Британии" as the
    tail of Великобритания) shares no stem with the names and is kept.
    """
    if script(typed) != "Cyrl" or " " in typed.strip():
        return True
    names = list(names)
    word = fold_letters(typed.casefold())
    if any(word in name_forms(part) for name in names for part in WORD.findall(name)):
        return True
    key = form_key(typed)
    return not any(form_key(name) == key for name in names)


def _head_places(db: sqlite3.Connection, head: str) -> dict[str, set[str]]:
    """The places whose body the store knows by this head's form or letters (qualified.py's
    keys), each with the ids of those bodies."""
    found: dict[str, set[str]] = {}
    for prefix in (f"qualified:{head}|", f"qualified-initials:{head}|"):
        rows = db.execute(
            "SELECT key, entity_id FROM keys WHERE key >= ? AND key < ?",
            (prefix, prefix + "\uffff"),
        )
        for key, entity_id in rows:
            found.setdefault(str(key).removeprefix(prefix), set()).add(str(entity_id))
    return found


def _others_head(
    name: str,
    entity_id: str,
    found: _Found,
    head_places: Callable[[str], dict[str, set[str]]],
) -> bool:
    """Whether a body's name is a bare head the store also knows as another place's body:
    "МИД" among the names of МИД Великобритании would find МИД России's articles too."""
    if found.types.get(entity_id) != "organization":
        return False
    places = head_places(form_key(name))
    return any(entity_id not in ids for ids in places.values())


def _oblique(name: str) -> bool:
    """Whether a Russian name's last word is read first in another case than the
    nominative ("Еврокомиссией"); False for other letters and unknown words."""
    last = name.split()[-1] if name.split() else ""
    return (
        script(last) == "Cyrl"
        and not nominative(last)
        and morphology().parse(last.casefold())[0].is_known
    )


def _another_place(name: str, typed_places: set[str]) -> bool:
    """Whether a body's name ends in another place than the one typed with it: "Кабинет
    министров Украины" among the names a store's cabinet took is not the UK's."""
    if not typed_places:
        return False
    words = name.split()
    for cut in (1, 2):  # "Украины", "Соединенного Королевства"
        if len(words) > cut and (place := capitalised_place(" ".join(words[-cut:]))):
            return place.code not in typed_places
    return False


def _russian_place_names(code: str, found: _Found) -> dict[str, None]:
    """The Russian names a place goes by, in the nominative (or an acronym, which Russian
    does not decline), official long forms left out: the gazetteer's and the store's."""
    place = places().get(code)
    if place is None:
        return {}
    stored = (
        name for e in found.by_key.get(f"place:{code}", ()) for name, _ in found.names.get(e, ())
    )
    return {
        name: None
        for name in (*place.russian, *stored)
        if script(name) == "Cyrl"
        and name not in place.official
        and not common_russian_word(name)  # "Союз" of the EU: таможенный союз Союза
        and (name.isupper() or nominative(name.split()[-1]))
    }


def _full_names(names: Iterable[tuple[str, bool]], last: str) -> dict[str, None]:
    """An entity's names of two words or more that end in the surname `last`."""
    return {
        name: None
        for name, short in names
        if not short and " " in name and name.split()[-1] == last
    }


def _named_as(kind: str, entity_id: str, found: _Found) -> bool:
    """Whether a key of this kind names this entity: a translated name names no person."""
    return kind != "translated" or entity_id not in found.people


def _names_for(
    typed: str,
    keys: Mapping[str, str],
    found: _Found,
    translate: bool = False,
    body_words: Callable[[], frozenset[str]] = frozenset,
    head_places: Callable[[str], dict[str, set[str]]] = lambda head: {},
) -> tuple[str, ...]:
    """Other names of the entity `typed` names: its full names, or a surname's other spellings."""
    trusted = _trusted(typed, keys, found)
    whole = {
        e
        for key, kind in keys.items()
        if kind in ("whole", "translated")
        for e in found.by_key.get(key, ())
        if e in trusted and _named_as(kind, e, found)
    }
    # A body typed with its place that the store knows by its name alone, when no other
    # place's body goes by that name ("House of Representatives USA": Палата представителей;
    # not МИД for "Foreign Office Germany", as МИД России and МИД Польши are known).
    for key, kind in keys.items():
        if kind.startswith("body of "):
            head, code = key.partition(":")[2], kind.removeprefix("body of ")
            bare = {
                e
                for e in found.by_key.get(key, ())
                if found.types.get(e) == "organization" and e not in found.placed
            }
            if bare and set(head_places(head)) <= {code}:
                whole |= bare
    typed_places = {kind.removeprefix("body of ") for kind in keys.values() if "body of " in kind}
    single = " " not in typed.strip()
    names: dict[str, None] = {}
    for entity_id in sorted(whole):
        # A person's first name alone ("Тереза" among Theresa May's names) names anyone.
        person = entity_id in found.people
        names.update(
            (name, None)
            for name, short in found.names.get(entity_id, ())
            if not short
            and not (person and first_name_only(name))
            and not _others_head(name, entity_id, found, head_places)
            and not _another_place(name, typed_places)
        )
    # People a one-word name finds in full and those it finds by surname alike: a one-off
    # "person" Курс matching "Kurz" read plainly hid Себастьян Курц, found by his surname.
    surnamed = whole | {
        e
        for key, kind in keys.items()
        if kind == "surname"
        for e in found.by_key.get(key, ())
        if e in trusted
    }
    if single:  # "Putin" typed: the surname as written in every script too
        typed_script, form = script(typed), form_key(typed)
        for entity_id in sorted(surnamed & found.people):
            lasts = [
                name.split()[-1]
                for name, _ in found.names.get(entity_id, ())
                if not first_name_only(name)
            ]
            # A surname that only sounds like the typed word counts in another script only.
            if entity_id in whole or any(form_key(last) == form for last in lasts):
                wanted = lasts
            else:
                wanted = [last for last in lasts if script(last) != typed_script]
            for last in wanted:
                if script(last) != typed_script and read_as_word(last):
                    # "Khan" as Хан alone would find every khan: the person's full names do.
                    names.update(_full_names(found.names.get(entity_id, ()), last))
                else:
                    names[last] = None
    place = place_of(typed)
    if place is not None and _a_form_of(typed, place.names):
        names.update(dict.fromkeys(place.names))
    if translate and not any(script(name) == "Cyrl" for name in names):
        # No Russian name known for it: its translation as Russian writes it, when trusted.
        translated = russian_names(typed)
        names.update(dict.fromkeys(translated.as_written))
        # A body of one place with each of the place's names (таможенный союз ЕС); read word
        # by word, only when every word of it names bodies here ("UK Government":
        # правительство Великобритании; "West Germany" is no body).
        body = translated.body.split()
        if body and (translated.attested or all(form_key(w) in body_words() for w in body)):
            names.update(dict.fromkeys(translated.placed))
            place_names = _russian_place_names(translated.body_place, found)
            names.update((f"{translated.body} {genitive(name)}", None) for name in place_names)
            # Or by the place's adjective before it: британское правительство.
            names.update(
                (f"{agreeing(adjective, translated.body)} {translated.body}", None)
                for name in place_names
                for adjective in place_adjectives(name)
            )
    distinct: dict[str, str] = {}
    for name in names:
        # Of one name's cases, the nominative: a variant in another case is matched by the
        # forms made from it as if it were one ("Еврокомиссией" missed "Еврокомиссия"). By
        # the index's own stems: spellings that `form_key` folds together are other words to
        # it (Гренелл, Гренель, Греннел).
        key = _index_stems(name)
        if key not in distinct or (_oblique(distinct[key]) and not _oblique(name)):
            distinct[key] = name
    distinct.pop(_index_stems(typed), None)
    return tuple(list(distinct.values())[:MAX_VARIANTS])


def _index_stems(name: str) -> str:
    """The name as the index stems it: each word lower-case, ё as е, through Snowball."""
    return " ".join(stem(fold_letters(word)) for word in WORD.findall(name.casefold()))
