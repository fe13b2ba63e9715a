"""An analyst's corrections to the entity store: merge, split, rename, hide.

Each is a change in the store, so it survives re-ingest (later articles resolve through the
corrected names) and `reindex` (which rebuilds from stored articles made current). Rename and
hide show in facets at once: the index holds entity ids, named at search time. Merge and split
also rewrite the affected articles' entity ids in the index (`relabel`), from the stored
articles, without running the pipeline again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from indexer.entities.table import merge as merge_rows
from indexer.entities.table import new_id
from indexer.errors import BadQuery, NotFound
from indexer.model import Article, Entity
from indexer.naming.keys import form_key
from indexer.naming.store import EntityStore
from indexer.search import SearchBackend, SearchRequest


def _require(store: EntityStore, entity_id: str) -> str:
    entity = store.entity(entity_id)
    if entity is None:
        raise NotFound(f"no entity with id {entity_id!r} (newsdesk entities list shows them)")
    return entity.id


def merge(store: EntityStore, keep: str, others: Iterable[str]) -> list[str]:
    """Make each of `others` the entity `keep`; returns the ids merged."""
    keep = _require(store, keep)
    merged = []
    db = store.db
    db.execute("BEGIN IMMEDIATE")
    try:
        for other in others:
            other = _require(store, other)
            if other == keep:
                continue
            db.execute(
                "DELETE FROM apart WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)",
                (keep, other, other, keep),
            )
            merge_rows(db, keep, other)
            merged.append(other)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return merged


def split(store: EntityStore, entity_id: str, names: Iterable[str]) -> str:
    """Move `names` (and what they are found by) out of an entity into a new one; its id."""
    entity_id = _require(store, entity_id)
    entity = store.entity(entity_id)
    assert entity is not None
    forms = {form_key(n) for n in names}
    moving = [n for n in entity.names if form_key(n.name) in forms]
    if not moving:
        raise BadQuery(f"{entity_id} has none of these names; its names: " + _listed(entity))
    if len(moving) == len(entity.names):
        raise BadQuery(f"that would leave {entity_id} without a name")
    db = store.db
    db.execute("BEGIN IMMEDIATE")
    try:
        fresh = new_id(db, moving[0].name)
        db.execute(
            "INSERT INTO entities (id, type, articles) VALUES (?, ?, 0)", (fresh, entity.type)
        )
        marks = ",".join("?" * len(moving))
        moved = [n.name for n in moving]
        db.execute(
            f"UPDATE names SET entity_id = ? WHERE entity_id = ? AND name IN ({marks})",
            (fresh, entity_id, *moved),
        )
        keys = [f"form:{form_key(n)}" for n in moved] + [f"last:{form_key(n)}" for n in moved]
        marks = ",".join("?" * len(keys))
        db.execute(
            f"UPDATE keys SET entity_id = ? WHERE entity_id = ? AND key IN ({marks})",
            (fresh, entity_id, *keys),
        )
        db.execute("INSERT OR IGNORE INTO apart (a, b) VALUES (?, ?)", (entity_id, fresh))
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return fresh


def rename(store: EntityStore, entity_id: str, display: str | None) -> None:
    """Show the entity as `display` everywhere (None: back to its most used name)."""
    entity_id = _require(store, entity_id)
    display = (display or "").strip() or None
    store.db.execute("UPDATE entities SET display = ? WHERE id = ?", (display, entity_id))


def hide(store: EntityStore, entity_id: str, hidden: bool = True) -> None:
    """Leave the entity out of facets and article pages (or bring it back)."""
    entity_id = _require(store, entity_id)
    store.db.execute("UPDATE entities SET hidden = ? WHERE id = ?", (int(hidden), entity_id))


def relabel(backend: SearchBackend, store: EntityStore, type_: str, ids: Iterable[str]) -> int:
    """Rewrite the entity ids of the indexed articles naming `ids`; returns how many.

    Each mention takes the id its name now resolves to (after a split) or the id its old
    id now means (after a merge). The stored article is re-indexed as it is otherwise.
    """
    wanted = tuple(dict.fromkeys(ids))
    if not wanted:
        return 0
    found = backend.scan(SearchRequest(filters={type_: wanted}))
    articles = [_relabelled(article, store) for article in found]
    if articles:
        backend.index(articles)
        backend.refresh()
    return len(articles)


def _relabelled(article: Article, store: EntityStore) -> Article:
    entities: list[Entity] = []
    for entity in article.entities:
        if entity.entity_id:
            named = store.ids_named(entity.text, entity.type)
            current = store.current(entity.entity_id)
            target = named[0] if len(named) == 1 else current
            if target != entity.entity_id:
                entity = dataclasses.replace(
                    entity, entity_id=target, canonical=store.display(target)
                )
        entities.append(entity)
    if all(a is b for a, b in zip(entities, article.entities, strict=True)):
        return article
    return dataclasses.replace(article, entities=tuple(entities))


def _listed(entity: object) -> str:
    names = getattr(entity, "names", ())
    return ", ".join(n.name for n in names)
