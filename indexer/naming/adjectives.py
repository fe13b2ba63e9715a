"""The place a Russian adjective is made from: "российского" Россия, "Стокгольмский" Стокгольм.

Russian names a body by its place's adjective as often as by the place in the genitive
("Стокгольмский арбитраж", "Арбитраж Стокгольма"; "российский МИД", "МИД России"). The
adjective's dictionary form (pymorphy2's, OpenCorpora) is turned back into the place's name
by the grammar's own suffix pairs, and the gazetteer says which of the results is a place.
Stricter than search's `place_adjectives` (which only reorders results, and so also guesses by
a shared start): two bodies' names meet through this, so the place's own name must come out.
Adjectives the suffixes cannot undo ("немецкий" Германия, "французский" Франция, "белорусский"
Беларусь) are read from CLDR (babel): Russian names a language by the same adjective, and CLDR
gives the country a language is most likely spoken in.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import wordfreq
from babel import Locale
from babel.core import get_global
from babel.languages import get_official_languages

from indexer.naming.keys import CYRILLIC, form_key, morphology, name_key
from indexer.naming.places import Place, is_short_name, place_of

# How a place's adjective ends and how the place's name ends instead, the longest first:
# Россия российский, Китай китайский, Ирландия ирландский, Украина украинский, Лондон
# лондонский, Минск минский, Донецк донецкий.
ADJECTIVE_SUFFIXES = (
    ("ийский", ("ия",)),
    ("йский", ("й",)),
    ("ский", ("ия", "а", "", "ск")),
    ("цкий", ("цк",)),
)

# How much more often (Zipf, wordfreq's Russian) an adjective may be written than the place
# it seems made from: a place is named about as often as its adjective or more (Россия 5.5,
# российский 5.2; Британия 3.6, британский 4.2), where a coincidence is not ("американский"
# 4.6 is not Американа, a Brazilian city, 2.0). Chosen on such pairs, not on SlavicNER.
MAX_ADJECTIVE_LEAD = 1.0
# A language's adjective names its country only when few states have it as their first
# official language: German has four (Germany, Austria, Switzerland, Liechtenstein) and
# "немецкий" is Germany's; Portuguese has seven, Arabic 21, English 64, and theirs name a
# people rather than one state. Chosen on CLDR's counts, not on SlavicNER.
MAX_LANGUAGE_COUNTRIES = 4


def adjective_place(word: str, languages: bool = False) -> Place | None:
    """The one country or city whose adjective `word` is, in any inflection, or None.

    Continents and regions are left out: "Европейский совет" is not the Council of Europe.
    With `languages`, a language's adjective names its country too ("немецкого": Германия);
    for a lower-case word before a body's name, not for the first word of a name, where it
    is as often a people's or a language's ("Немецкая волна", "Русская православная церковь").
    """
    found = adjective_place_name(word, languages)
    return place_of(found) if found else None


@lru_cache(maxsize=16384)
def adjective_place_name(word: str, languages: bool = False) -> str:
    """The Russian name, as the gazetteer writes it, of the place `adjective_place` finds
    ("российского": "Россия"), or ""."""
    word = word.strip().casefold()
    if " " in word or not CYRILLIC.search(word):
        return ""
    lemmas = {p.normal_form for p in morphology().parse(word) if p.tag.POS == "ADJF"}
    lead = {lemma: wordfreq.zipf_frequency(lemma, "ru") - MAX_ADJECTIVE_LEAD for lemma in lemmas}
    found: dict[str, str] = {}
    for lemma in lemmas:
        for suffix, endings in ADJECTIVE_SUFFIXES:
            if not lemma.endswith(suffix):
                continue
            stem = lemma[: -len(suffix)]
            for ending in endings:
                name = stem + ending
                place = place_of(name) if len(stem) >= 2 else None
                if place is None or not _country_or_city(place):
                    continue
                known = _as_named(place, name)
                if known and wordfreq.zipf_frequency(name, "ru") >= lead[lemma]:
                    found[place.code] = known
            break  # the longest suffix that fits says how the word was made
    if not found and languages:  # "немецкого": no suffix undoes it, the language's name does
        found = {
            place.code: place.russian[0]
            for lemma in lemmas
            if (place := _language_countries().get(lemma)) is not None
        }
    return next(iter(found.values())) if len(found) == 1 else ""


# natasha's inflection takes Universal Dependencies' genders.
_UD_GENDERS = {"masc": "Masc", "femn": "Fem", "neut": "Neut"}


@lru_cache(maxsize=4096)
def place_adjectives(name: str) -> tuple[str, ...]:
    """The adjectives made from a Russian place name ("Британия": британский), by the same
    suffix pairs read backwards: those Russian's dictionary knows and that lead back to the
    place ("Норвегия" gives none: норвежский is made otherwise)."""
    folded = name.strip().casefold()
    if " " in folded or not CYRILLIC.search(folded):
        return ()
    found: dict[str, None] = {}
    for suffix, endings in ADJECTIVE_SUFFIXES:
        for ending in endings:
            if not folded.endswith(ending):
                continue
            word = folded[: len(folded) - len(ending)] + suffix
            known = any(p.is_known and p.tag.POS == "ADJF" for p in morphology().parse(word))
            if known and name_key(adjective_place_name(word)) == name_key(name):
                found[word] = None
    return tuple(found)


def agreeing(adjective: str, phrase: str) -> str:
    """An adjective in the gender of the first noun of a phrase, nominative singular
    ("британский", "кабинет министров": британский; "правительство": британское)."""
    noun = next(
        (
            parse
            for word in phrase.split()
            if (parse := morphology().parse(word.casefold())[0]).tag.POS == "NOUN"
        ),
        None,
    )
    gender = _UD_GENDERS.get(str(noun.tag.gender)) if noun is not None else None
    parse = next((p for p in morphology().parse(adjective) if p.tag.POS == "ADJF"), None)
    if gender is None or parse is None:
        return adjective
    inflected = parse.inflect({gender, "Nom", "Sing"})
    return str(inflected.word) if inflected is not None else adjective


@lru_cache(maxsize=1)
def _language_countries() -> dict[str, Place]:
    """A language's one-word Russian name -> the country CLDR most likely speaks it in
    ("немецкий": Германия), where the language is official there and the first official
    language of at most `MAX_LANGUAGE_COUNTRIES` states."""
    likely: Mapping[str, str] = get_global("likely_subtags")
    first: dict[str, int] = {}
    for territory in get_global("territory_languages"):
        if official := get_official_languages(territory, de_facto=True):
            first[official[0]] = first.get(official[0], 0) + 1
    russian = Locale("ru")
    found: dict[str, Place] = {}
    for language, adjective in russian.languages.items():
        if "_" in language or " " in adjective or language not in likely:
            continue
        if not any(parse.tag.POS == "ADJF" for parse in morphology().parse(adjective)):
            continue  # "урду", "иврит": nouns, no adjective of a place
        territory = likely[language].rpartition("_")[2]
        if first.get(language, 0) > MAX_LANGUAGE_COUNTRIES:
            continue
        if language not in get_official_languages(territory, de_facto=True):
            continue
        place = place_of(russian.territories.get(territory, ""), by_language=False)
        if place is not None and place.code == territory and _country_or_city(place):
            found[adjective.casefold()] = place
    return found


def _country_or_city(place: Place) -> bool:
    return place.type == "location" and not place.code.isdigit()


def _as_named(place: Place, name: str) -> str:
    """The place's Russian name that `name` is, as written ("" when none is: "рус" of
    "русский" only stems as Русе does); or a country's short name that `place_of` finds by
    its tail ("британский": Британия, of Великобритания), capitalised."""
    known = next((known for known in place.russian if name_key(known) == name_key(name)), "")
    return known or (name.capitalize() if is_short_name(name) else "")


@lru_cache(maxsize=4096)
def genitive(name: str) -> str:
    """A name in the genitive, each word's capitals kept ("Россия": "России", "Нью-Йорк":
    "Нью-Йорка", "Южная Корея": "Южной Кореи"), as Russian writes a place or noun after the
    head it qualifies; a word Russian's dictionary cannot inflect stays as it is ("Америки")."""
    return " ".join(_genitive_word(word) for word in name.split())


def _genitive_word(word: str) -> str:
    # A place's reading first ("Амстердам" is also read as an accusative), else a nominative.
    parses = morphology().parse(word.casefold())
    parse = next((p for p in parses if "Geox" in p.tag), None) or next(
        (p for p in parses if "nomn" in p.tag), None
    )
    inflected = parse.inflect({"Gen"}) if parse is not None else None  # natasha takes UD grams
    if inflected is None:
        return word
    form, folded = str(inflected.word), word.casefold()
    kept = next((i for i, (a, b) in enumerate(zip(form, folded, strict=False)) if a != b), None)
    kept = min(len(form), len(folded)) if kept is None else kept
    return word[:kept] + form[kept:]


# A shorter root starts the adjectives of several peoples' languages.
MIN_EXONYM_ROOT_CHARS = 5


@lru_cache(maxsize=16384)
def place_by_language(name: str) -> Place | None:
    """The country a Russian place name the gazetteer lacks is named after, by its people's
    language: "Белоруссия" (the Russian press's name, where CLDR and GeoNames write
    Беларусь) is the country of "белорусский", "Киргизия" of "киргизский", "Туркмения" of
    "туркменский". Only a word Russian's dictionary knows as a place (Geox), whose root starts
    one language's name and no other's; a people's region ("Башкирия": башкирский is official
    in no state) stays unknown."""
    word = name.strip().casefold()
    if " " in word or "-" in word or not CYRILLIC.search(word):
        return None
    parse = next(
        (p for p in morphology().parse(word) if "Geox" in p.tag and p.tag.POS == "NOUN"), None
    )
    if parse is None:
        return None
    root = form_key(parse.normal_form)
    if len(root) < MIN_EXONYM_ROOT_CHARS:
        return None
    found = {
        place.code: place
        for adjective, place in _language_countries().items()
        if form_key(adjective).startswith(root)
    }
    return next(iter(found.values())) if len(found) == 1 else None
