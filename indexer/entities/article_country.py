"""The country an article's places lie in, which its bodies named bare belong to.

Russian news names a ministry bare ("Минздрав", "МВД") where the country goes without saying:
a ministry of health named bare in news from Omsk and in news from Kharkiv is two ministries.
The places the article names say which country it is in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from indexer.entities.aliases import Cluster
from indexer.entities.qualified import head_and_place
from indexer.naming.places import country_of, place_of

# The article's places that lie in a country must be at least this many mentions and this
# share in one country for its bare bodies to be that country's.
MIN_COUNTRY_MENTIONS = 2
MIN_COUNTRY_SHARE = 0.75


def article_country(clusters: Sequence[Cluster]) -> str | None:
    """The ISO code of the country most of the article's place mentions lie in, if enough."""
    votes: Counter[str] = Counter()
    for cluster in clusters:
        if cluster.type != "location" or not cluster.names:
            continue
        place = place_of(cluster.canonical)
        if place is not None and (code := country_of(place.code)):
            votes[code] += len(cluster.mentions)
    if not votes:
        return None
    code, count = votes.most_common(1)[0]
    enough = count >= MIN_COUNTRY_MENTIONS and count >= MIN_COUNTRY_SHARE * votes.total()
    return code if enough else None


def bare_body(name: str) -> bool:
    """Whether an organisation's name says no place ("Минздрав", not "Минздрав России" nor
    "российский Минздрав"): it cuts into no head and place (`qualified.head_and_place`), and
    is no place itself."""
    return bool(name.split()) and head_and_place(name) is None and place_of(name) is None
