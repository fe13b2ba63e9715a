"""The entity page's view model: names by language, a timeline of mentions, who it is named with."""

from __future__ import annotations

from dataclasses import dataclass

from indexer.errors import NotFound
from indexer.naming.store import FILENAME, EntityStore, StoredEntity, StoredName
from indexer.search import SearchBackend, SearchRequest
from indexer.search.fields import ENTITY_FACETS
from webapp import links
from webapp.backend import settings
from webapp.timeline import Timeline, build_timeline

# Entities listed as most often named with this one.
COMPANIONS = 10
LANGUAGE_LABELS = {"en": "English", "ru": "Russian"}


@dataclass(frozen=True)
class Companion:
    """An entity named in the same articles, with how many, and its links."""

    label: str
    type: str
    count: int
    filter_url: str  # the search filtered by it
    both_url: str  # the articles naming both
    page_url: str


@dataclass(frozen=True)
class EntityPage:
    """Everything the entity page shows."""

    entity: StoredEntity
    request: SearchRequest  # the search for its articles
    names: list[tuple[str, list[StoredName]]]  # (language label, its names)
    total: int
    search_url: str
    timeline: Timeline
    companions: list[Companion]


def build_entity_page(backend: SearchBackend, entity_id: str, language: str | None) -> EntityPage:
    """The page of one entity (a merged id shows the entity it was merged into)."""
    path = settings().data_dir / FILENAME
    store = EntityStore(path)
    try:
        entity = store.entity(entity_id, language) if path.exists() else None
    finally:
        store.close()
    if entity is None:
        raise NotFound(f"no entity with id {entity_id!r}")
    req = SearchRequest(filters={entity.type: (entity.id,)}, page_size=1, facet_size=COMPANIONS + 1)
    result = backend.search(req)
    companions = [
        Companion(
            label=value.shown,
            type=facet,
            count=value.count,
            filter_url=links.search_url(SearchRequest(filters={facet: (value.value,)})),
            both_url=links.search_url(links.toggled(req, facet, value.value)),
            page_url=links.entity_url(value.value),
        )
        for facet in ENTITY_FACETS
        for value in result.facets.get(facet, [])
        if value.value != entity.id
    ]
    companions.sort(key=lambda c: (-c.count, c.label))
    by_language: dict[str, list[StoredName]] = {}
    for name in entity.names:
        by_language.setdefault(LANGUAGE_LABELS.get(name.language, name.language), []).append(name)
    return EntityPage(
        entity=entity,
        request=req,
        names=sorted(by_language.items()),
        total=result.total,
        search_url=links.search_url(req),
        timeline=build_timeline(result.histogram, result.interval, req),
        companions=companions[:COMPANIONS],
    )
