"""Entities an article knows only by common words: an organisation by an English one ("the Bank
said", "the House voted"), a person by a Russian one the dictionary never reads as a name.

English news refers back to a body by its head noun, and the model tags that as a name. Linked
to the body's full name in the article (aliases.py), it counts for that body; left alone, it
became a facet value of its own that names no one body ("Bank" in 15 of 2,000 articles, "State",
"Government", "Community"). Commonness is wordfreq's Zipf scale of the lower-case word.

natasha tags a capitalised word at the start of a line or a heading as a person now and then:
"Математика" (a course's title), "Самое" ("Самое интересное — ..."), "Карьера". Russian's
dictionary knows them as common words and never as anyone's name
(`naming.keys.common_russian_word`); a surname that is also a word ("Мороз", a surname in the
dictionary too) stays a person, as does a person a rule typed. Words the dictionary reads as
places are left alone: it lacks some first names ("София" is only the city to it), and the
article's lone "Софии" is then the woman.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import wordfreq

from indexer.entities.aliases import Cluster
from indexer.naming.keys import common_russian_word

# "bank" 5.2, "house" 5.7, "government" 5.6; kept: "treasury" 4.2, "senate" 4.8, "apple" 4.8,
# "shell" 4.4 (bodies and firms that go by one such word).
GENERIC_ZIPF = 5.0


@lru_cache(maxsize=8192)
def generic_word(name: str) -> bool:
    """Whether a name is one common English word, not written in capitals ("Bank", not "BANK")."""
    word = name.strip()
    if " " in word or not word.isascii() or not word.isalpha() or word.isupper():
        return False
    return wordfreq.zipf_frequency(word.casefold(), "en") >= GENERIC_ZIPF


def without_generic(clusters: Iterable[Cluster]) -> list[Cluster]:
    """The clusters but the entities the article knows only by common words."""
    return [cluster for cluster in clusters if not _generic(cluster)]


def _generic(cluster: Cluster) -> bool:
    names = {*cluster.names, *cluster.short_names}
    if cluster.type == "organization":
        return all(generic_word(name) for name in names)
    if cluster.type == "person" and not cluster.type_fixed:
        return all(common_russian_word(name) for name in names)
    return False
