"""A Russian place adjective ranks by its place's name too: "махачкалинского" and Махачкала.

Russian headlines name a place by its adjective ("саратовского дебошира", "махачкалинского
следователя") where the story names the place ("житель Саратова", "в Махачкале"), and Snowball
stems the two apart, so BM25 sees no word in common. A ranked Cyrillic word that pymorphy2
reads first as an adjective in -ский/-цкий names a place: the one the gazetteer finds by the
adjective's stem (less a linking -ин-, -ов-, -ев-, -ан-, -ен-) with a noun's ending, else the
one gazetteer place whose Russian name's key and the stem begin alike for four letters or
more, one being the other's start. The place's most used Russian name then joins the search
as an optional word, which reorders the matches and never adds one.
"""

from __future__ import annotations

import bisect
import re
import threading
from functools import lru_cache

import wordfreq

from indexer.naming.keys import CYRILLIC, form_key, morphology
from indexer.naming.places import is_short_name, place_of, places

# Letters an adjective's stem and a place's must share, one the other's start: "твер" (Тверь,
# тверской), "моск" (Москва, моск-ов-ский); shorter stems begin too many names.
MIN_SHARED_CHARS = 4
# Weight of the place's name beside the typed words (a ranked word's score times this).
# Chosen on the Lenta sets' half A (nDCG@10 headline / keywords: 0 0.967 / 0.855, 0.25 0.968 /
# 0.862, 0.5 0.968 / 0.863, 1 0.969 / 0.864, 1.5 0.968 / 0.860, 2 0.968 / 0.852).
PLACE_WEIGHT = 1.0
# An adjective in its dictionary form: the stem before -ский/-цкий/-ской.
_ADJECTIVE = re.compile(r"(\w{4,}?)[сц]к(?:ий|ой)")
# Linking suffixes between a place's stem and -ский: махачкал-ин-ский, саратов-ский, моск-ов-ский.
_LINKS = ("ин", "ов", "ев", "ан", "ен", "и")
# Endings a place's name may have after the adjective's stem: Махачкал|а, Росси|я, Британ|ия,
# Каза|нь (казан-ский), Саратов.
_NOUN_ENDINGS = ("ия", "а", "я", "ь", "")

_lock = threading.Lock()
_index: tuple[list[str], dict[str, tuple[str, str]]] | None = None


def place_words(words: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    """(place name, weight) for each of `words` that is a place's adjective, once each."""
    found: dict[str, None] = {}
    for word in words:
        if CYRILLIC.search(word.casefold()) and (name := place_of_adjective(word.casefold())):
            found.setdefault(name, None)
    return tuple((name, PLACE_WEIGHT) for name in found)


@lru_cache(maxsize=16384)
def place_of_adjective(word: str) -> str:
    """The name of the place the adjective `word` names ("саратовского": "Саратов"), or ""."""
    parse = next((p for p in morphology().parse(word) if p.is_known), None)
    if parse is None or parse.tag.POS != "ADJF":
        return ""
    match = _ADJECTIVE.fullmatch(str(parse.normal_form))
    if match is None:
        return ""
    stem = match.group(1).replace("й", "и")  # as form keys fold it
    stems = [
        stem[: -len(link)]
        for link in _LINKS
        if stem.endswith(link) and len(stem) - len(link) >= MIN_SHARED_CHARS
    ] + [stem]
    # The gazetteer's own reading first, which knows tails and which place a shared name is
    # most often (британ-ский: Британия, the United Kingdom's by its tail).
    for each in stems:
        for ending in _NOUN_ENDINGS:
            if (place := place_of(each + ending)) is not None:
                # A country shortened as the adjective is ("Британия") is a name of its own.
                short = (each + ending).capitalize() if is_short_name(each + ending) else ""
                return _name_like(each, place.russian) or short
    keys, codes = _keys()
    found: dict[str, str] = {}
    for each in stems:
        start = bisect.bisect_left(keys, each[:MIN_SHARED_CHARS])
        for key in keys[start:]:
            if not key.startswith(each[:MIN_SHARED_CHARS]):
                break
            if key.startswith(each) or each.startswith(key):
                found.setdefault(codes[key][0], codes[key][1])
    return found.popitem()[1] if len(found) == 1 else ""


def _name_like(stem: str, names: tuple[str, ...]) -> str:
    """Of a place's one-word Russian names, the most used that begins as `stem` does for
    `MIN_SHARED_CHARS` letters ("Москва" for "москов", not the rarer "Москова"; "Саратов", not
    the Tatar "Сарытау"); "" when none does."""
    start = stem[:MIN_SHARED_CHARS]
    alike = [
        name
        for name in names
        if " " not in name and name.casefold().replace("й", "и").startswith(start)
    ]
    return max(alike, key=lambda name: wordfreq.zipf_frequency(name, "ru"), default="")


def _keys() -> tuple[list[str], dict[str, tuple[str, str]]]:
    """The gazetteer's one-word Russian name keys, sorted, and the place and name of each."""
    global _index
    with _lock:
        if _index is None:
            codes: dict[str, tuple[str, str]] = {}
            for code, place in places().items():
                for name in place.russian:
                    key = form_key(name)
                    if " " not in key and len(key) >= MIN_SHARED_CHARS:
                        codes.setdefault(key, (code, name))
            _index = (sorted(codes), codes)
        return _index
