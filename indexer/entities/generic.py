"""Organisations named only by a common English word: "the Bank said", "the House voted".

English news refers back to a body by its head noun, and the model tags that as a name. Linked
to the body's full name in the article (aliases.py), it counts for that body; left alone, it
became a facet value of its own that names no one body ("Bank" in 15 of 2,000 articles, "State",
"Government", "Community"). Commonness is wordfreq's Zipf scale of the lower-case word, as
`naming.keys.common_russian_word` reads Russian; Russian names are left to that rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import wordfreq

from indexer.entities.aliases import Cluster

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
    """The clusters but the organisations known in the article only by generic words."""
    return [
        cluster
        for cluster in clusters
        if cluster.type != "organization"
        or not all(generic_word(name) for name in (*cluster.names, *cluster.short_names))
    ]
