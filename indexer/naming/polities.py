"""A country by a long name no package lists: "Республика Ирландия", "Ирландская Республика".

ISO 3166 (through `pycountry`) gives many countries an official name beside the short one
("Republic of Poland", "Республика Польша"; "French Republic", "Французская Республика"). The
words that official names add to short ones again and again ("республика", "королевство",
"государство", "federal", "kingdom") name a kind of state, not a state; a name made of such
words and one country's name or adjective is that country, even where ISO gives it no
official name (Ireland has none, and news writes "Ирландская Республика").
"""

from __future__ import annotations

import gettext
from functools import lru_cache

from indexer.naming.adjectives import adjective_place
from indexer.naming.keys import form_key
from indexer.naming.places import Place, place_of

# Official names that must add a word for it to be a kind of state: "республика" (120
# countries), "королевство" (16), "государство" (8), "народная" (3); a word two add is one
# place's ("Гонконг" and "Макао": "административный район").
MIN_POLITY_COUNTRIES = 3


@lru_cache(maxsize=1)
def polity_keys() -> frozenset[str]:
    """Form keys of the words that official names add to short ones, in English and Russian."""
    import pycountry

    russian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    counts: dict[str, int] = {}
    for country in pycountry.countries:
        official = getattr(country, "official_name", None)
        if not official:
            continue
        for translate in (str, russian.gettext):
            plain = {
                word
                for attribute in ("name", "common_name")
                if (name := getattr(country, attribute, None))
                for word in form_key(translate(name)).split()
            }
            for word in set(form_key(translate(official)).split()) - plain:
                counts[word] = counts.get(word, 0) + 1
    return frozenset(word for word, count in counts.items() if count >= MIN_POLITY_COUNTRIES)


def country_of_long_name(name: str) -> Place | None:
    """The country a name of two or more words is, when all its words but one name a kind of
    state and that one is the country's name or adjective; else None."""
    words = name.split()
    if len(words) < 2:
        return None
    kinds = polity_keys()
    rest = [word for word in words if form_key(word) not in kinds]
    if len(rest) != 1:  # with two words or more, one left means the rest were kinds
        return None
    place = place_of(rest[0]) or adjective_place(rest[0])
    return place if place is not None and _country(place) else None


def _country(place: Place) -> bool:
    return len(place.code) == 2 and place.code.isalpha() and place.type == "location"
