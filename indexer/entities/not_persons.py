"""Russian "persons" that Russian's dictionary knows as common words, not as anyone's name.

natasha tags a capitalised word at the start of a line or a heading as a person now and then:
"Математика" (a course's title), "Самое" ("Самое интересное — ..."), "Карьера". Left alone,
each became a person value of its own. Only an entity the article knows by one word is judged,
so a surname that is also a word ("Мороз", also a surname in the dictionary) stays a person.
Words the dictionary reads as places are left alone here: it lacks some first names ("София"
is only the city to it), and the article's lone "Софии" is then the woman.
"""

from __future__ import annotations

from collections.abc import Iterable

from indexer.entities.aliases import Cluster
from indexer.naming.keys import common_russian_word


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
