"""Persons that are companies, named with their legal form.

A company the article names with its legal form ("Crazy Eddie Inc") and once without it, where
the model read a person ("Crazy Eddie"), is one cluster of both names; its type is the model's
vote, which its legal form outweighs (cleanco's legal terms).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from indexer.entities.aliases import Cluster
from indexer.naming.keys import legal_words

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
