"""Four small articles in two scripts with their entities resolved through the entity table.

Shared by the web and browser tests: the store is filled as ingest fills it (no NER needed),
then the articles are indexed with their entity ids.
"""

from __future__ import annotations

from pathlib import Path

from indexer.config import Settings
from indexer.entities.aliases import Cluster
from indexer.entities.table import EntityTable
from indexer.model import Article, Entity, EntityType
from indexer.naming.store import FILENAME
from indexer.search import open_backend

# (slug, language, body, [(surface, type)]): the names appear in the body as written.
ARTICLES = [
    (
        "kreml",
        "ru",
        "Владимир Путин провёл совещание в Москве. Путин говорил о России.",
        [("Владимир Путин", "person"), ("Москве", "location"), ("России", "location")],
    ),
    (
        "post",
        "ru",
        "Путина поддержали губернаторы России.",
        [("Путина", "person"), ("России", "location")],
    ),
    (
        "grain",
        "en",
        "Vladimir Putin said grain exports from Russia would rise.",
        [("Vladimir Putin", "person"), ("Russia", "location")],
    ),
    (
        "ferry",
        "en",
        "The ferry to Helsinki was cancelled because of ice.",
        [("Helsinki", "location")],
    ),
]
NORMAL = {"Москве": "Москва", "России": "Россия", "Путина": "Путин"}


def articles(table: EntityTable) -> list[Article]:
    articles = []
    for slug, language, body, names in ARTICLES:
        clusters = []
        for surface, type_ in names:
            kind: EntityType = type_  # type: ignore[assignment]
            normal = NORMAL.get(surface, surface)
            short = {normal} if kind == "person" and " " not in normal else set()
            clusters.append(Cluster([], kind, normal, [] if short else [normal], short))
        resolved = table.resolve(clusters)
        entities = tuple(
            Entity(
                surface,
                body.index(surface),
                body.index(surface) + len(surface),
                r.type,
                r.display,
                r.entity_id,
            )
            for (surface, _), r in zip(names, resolved, strict=True)
        )
        articles.append(
            Article(
                id=slug,
                path=slug,
                url=f"https://desk.example/{slug}",
                title=slug,
                body=body,
                language=language,
                published_at=f"2024-03-0{len(articles) + 1}T09:00:00+00:00",
                entities=entities,
            )
        )
    return articles


def build_entity_index(data: Path) -> Settings:
    """Settings of an embedded index under `data` holding the articles and their store."""
    chosen = Settings(data_dir=data, ner=False, workers=1)
    table = EntityTable(data / FILENAME)
    found = articles(table)
    table.close()
    backend = open_backend(chosen)
    backend.create_index()
    backend.index(found)
    backend.refresh()
    backend.close()
    return chosen
