"""From raw model mentions to an article's final entities with canonical names."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from indexer.entities.acronyms import expand_acronyms
from indexer.entities.aliases import Cluster, resolve
from indexer.entities.datelines import dateline_places
from indexer.entities.generic import without_generic
from indexer.entities.glued_words import without_glued_words
from indexer.entities.joined import join_split, split_joined
from indexer.entities.mention import Mention
from indexer.entities.named_after import name_eponyms
from indexer.entities.not_persons import companies_by_legal_form
from indexer.entities.pairs import split_pairs
from indexer.entities.qualified import qualify_adjectives, qualify_places
from indexer.entities.repeats import add_repeats
from indexer.entities.table import EntityTable, Resolved
from indexer.entities.tidy import tidy
from indexer.model import Entity

SegmentRules = Callable[[str, list[Mention]], list[Mention]]


def segment_mentions(
    text: str, raw: list[Mention], language: str, rules: SegmentRules | None
) -> list[Mention]:
    """Clean one segment's model mentions and apply its language's rules (offsets in `text`)."""
    mentions = dateline_places(text, without_glued_words(text, tidy(text, raw)))
    mentions = expand_acronyms(text, mentions, language)
    return rules(text, mentions) if rules else mentions


def article_entities(
    body: str,
    mentions: list[Mention],
    table: EntityTable | None,
    regions: Mapping[str, Sequence[tuple[int, int]]] | None = None,
) -> tuple[Entity, ...]:
    """Cluster the article's mentions, name each entity, and return them in text order.

    `regions` are the stretches of `body` read in each language (all of it if None).
    """
    ordered = sorted(mentions, key=lambda m: (m.start, -m.end))
    ordered = split_joined(body, join_split(body, ordered))
    ordered = split_pairs(body, ordered, _known_body(table) if table else None)
    ordered = qualify_places(body, ordered, table.known_keys if table else None)
    ordered = qualify_adjectives(body, ordered, table.known_keys if table else None)
    ordered = name_eponyms(body, ordered, table.known_keys if table else None)
    clusters = without_generic(add_repeats(body, resolve(body, ordered), regions))
    clusters = companies_by_legal_form(clusters)
    if table is None:
        resolved = [Resolved("", c.type, c.canonical) for c in clusters]
    else:
        clusters = table.split_taken_acronyms(clusters)
        resolved = table.resolve(clusters)
    return entities_from(body, clusters, resolved)


def _known_body(table: EntityTable) -> Callable[[str], bool]:
    """Whether the store knows an organisation by a name on its own."""
    return lambda name: bool(table.store.ids_named(name, "organization"))


def entities_from(
    body: str, clusters: list[Cluster], resolved: list[Resolved]
) -> tuple[Entity, ...]:
    """One Entity per mention, `text` exactly as written in `body`."""
    found = [
        Entity(body[m.start : m.end], m.start, m.end, r.type, r.display, r.entity_id)
        for cluster, r in zip(clusters, resolved, strict=True)
        for m in cluster.mentions
    ]
    return tuple(sorted(found, key=lambda e: (e.start, e.end)))
