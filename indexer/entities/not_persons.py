"""Persons that are no one: a common Russian word, or a company named with its legal form.

A company the article names with its legal form ("Crazy Eddie Inc") and once without it, where
the model read a person ("Crazy Eddie"), is one cluster of both names; its type is the model's
vote, which its legal form outweighs (cleanco's legal terms).

Russian's dictionary knows some "persons" as common words, not as anyone's name.

natasha tags a capitalised word at the start of a line or a heading as a person now and then:
"Математика" (a course's title), "Самое" ("Самое интересное — ..."), "Карьера". Left alone,
each became a person value of its own. Only an entity the article knows by one word is judged,
so a surname that is also a word ("Мороз", also a surname in the dictionary) stays a person.
Words the dictionary reads as places are left alone here: it lacks some first names ("София"
is only the city to it), and the article's lone "Софии" is then the woman.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from indexer.entities.aliases import Cluster
from indexer.naming.keys import common_russian_word, legal_words

# A legal form of one letter is an initial ("Жанна А."), of lower-case letters a particle
# ("Carney at"): neither makes a person a company.
MIN_LEGAL_FORM_LETTERS = 2


def companies_by_legal_form(clusters: Iterable[Cluster]) -> list[Cluster]:
    """The clusters, with the persons one of whose names ends in a legal form made companies."""
    return [
        replace(cluster, type="organization", type_fixed=True)
        if cluster.type == "person"
        and not cluster.type_fixed
        and any(ends_in_legal_form(name) for name in cluster.names)
        else cluster
        for cluster in clusters
    ]


def ends_in_legal_form(name: str) -> bool:
    """Whether a name of two or more words ends in a capitalised legal form: "Kahn Pty Ltd"."""
    words = name.split()
    last = words[-1].strip(".>") if len(words) > 1 else ""
    letters = last.replace(".", "").casefold()
    return (
        last[:1].isupper() and len(letters) >= MIN_LEGAL_FORM_LETTERS and letters in legal_words()
    )


def persons_by_dictionary(clusters: Iterable[Cluster]) -> list[Cluster]:
    """The clusters, less the persons known in the article only by one common Russian word
    that the dictionary never reads as a name ("Математика")."""
    return [
        cluster
        for cluster in clusters
        if cluster.type != "person"
        or cluster.type_fixed
        or not all(common_russian_word(n) for n in {*cluster.names, *cluster.short_names})
    ]
