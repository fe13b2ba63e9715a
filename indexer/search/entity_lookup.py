"""Search's reads of the entity store: filters widened, facet values named, query words matched.

Read-only, one SQLite connection per thread (a web server searches on many). A store that is
missing or being rebuilt knows nothing: searching goes on with what was typed and stored.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from indexer.naming.keys import form_key, sound_key
from indexer.naming.places import place_of
from indexer.naming.store import EntityStore
from indexer.search.query_syntax import WORD

# Longest entity name looked for in a query, in words ("Islamic State of Iraq and the Levant").
MAX_NAME_WORDS = 6
# Names of one entity put into a query at most: enough for its scripts and short forms.
MAX_VARIANTS = 12


class EntityLookup:
    """What search asks the entity store; every answer falls back to "nothing known"."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()

    def _store(self) -> EntityStore | None:
        if not self.path.exists():
            return None
        store: EntityStore | None = getattr(self._local, "store", None)
        if store is None:
            store = EntityStore(self.path)
            self._local.store = store
        return store

    def widen(self, type_: str, values: tuple[str, ...]) -> tuple[str, ...]:
        """Filter values (ids or names) joined by every id now meaning the same entity."""
        store = self._store()
        if store is None:
            return values
        try:
            found: dict[str, None] = {}
            for value in values:
                ids = store.ids_named(value, type_) or [value]
                for entity_id in ids:
                    found.update(dict.fromkeys(store.merged_into(store.current(entity_id))))
                found.setdefault(value, None)
            return tuple(found)
        except sqlite3.Error:
            return values

    def labels(
        self, values: Iterable[str], language: str | None = None
    ) -> dict[str, tuple[str, str] | None]:
        """Each facet value's (current id, display name); None for a hidden entity."""
        wanted = list(values)
        store = self._store()
        if store is None:
            return {value: (value, value) for value in wanted}
        try:
            current = store.currents(wanted)
            hidden = store.hidden(current.values())
            return {
                value: None
                if current[value] in hidden
                else (current[value], store.display(current[value], language))
                for value in wanted
            }
        except sqlite3.Error:
            return {value: (value, value) for value in wanted}

    def variants(self, query: str) -> dict[str, tuple[str, ...]]:
        """Names an entity typed in the query is also written as, keyed by the words typed.

        Keys are lower-case runs of the query's words ("european union", "klimkin"); a run
        that is a whole name of an entity gets the entity's other full names, a single word
        that is a person's surname gets the surname in the other scripts.
        """
        store = self._store()
        words = WORD.findall(query)
        if store is None or not words:
            return {}
        found: dict[str, tuple[str, ...]] = {}
        try:
            for size in range(min(MAX_NAME_WORDS, len(words)), 0, -1):
                for start in range(len(words) - size + 1):
                    typed = " ".join(words[start : start + size])
                    names = _names_for(store.db, typed)
                    if names:
                        found[typed.casefold()] = names
        except sqlite3.Error:
            return {}
        return found

    def close(self) -> None:
        """Close this thread's connection."""
        store = getattr(self._local, "store", None)
        if store is not None:
            store.close()
            self._local.store = None


def _names_for(db: sqlite3.Connection, typed: str) -> tuple[str, ...]:
    """Other names of the entity `typed` names: its full names, or a surname's other spellings."""
    form, sound = form_key(typed), sound_key(typed)
    keys = [f"form:{form}", f"sound-Cyrl:{sound}", f"sound-Latn:{sound}"]
    place = place_of(typed)
    if place is not None:
        keys.append(f"place:{place.code}")
    marks = ",".join("?" * len(keys))
    whole = _live(db, f"SELECT entity_id FROM keys WHERE key IN ({marks})", keys)
    names: dict[str, None] = {}
    single = " " not in typed.strip()
    if whole:
        rows = _rows(db, "SELECT name FROM names WHERE short = 0 AND entity_id IN", whole)
        names.update(dict.fromkeys(rows))
        people = _rows(db, "SELECT id FROM entities WHERE type = 'person' AND id IN", whole)
        if single and people:  # "Putin" typed: the surname as written in every script too
            for name in _rows(db, "SELECT name FROM names WHERE entity_id IN", people):
                names[name.split()[-1]] = None
    elif single:
        # A surname alone: the people it is the surname of, written in every script.
        keys = [f"last:{form}", f"lastsound:{sound}"] if sound else [f"last:{form}"]
        marks = ",".join("?" * len(keys))
        people = _live(db, f"SELECT entity_id FROM keys WHERE key IN ({marks})", keys)
        for name in _rows(db, "SELECT name FROM names WHERE entity_id IN", people):
            names[name.split()[-1]] = None
    if place is not None:
        names.update(dict.fromkeys(place.names))
    distinct: dict[str, str] = {}
    for name in names:
        distinct.setdefault(form_key(name), name)
    distinct.pop(form, None)
    return tuple(list(distinct.values())[:MAX_VARIANTS])


def _live(db: sqlite3.Connection, sql: str, args: list[str]) -> list[str]:
    ids = [str(r[0]) for r in db.execute(sql, args).fetchall()]
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = db.execute(
        f"SELECT id FROM entities WHERE id IN ({marks}) AND merged_into IS NULL AND hidden = 0",
        ids,
    ).fetchall()
    return [str(r[0]) for r in rows]


def _rows(db: sqlite3.Connection, sql: str, ids: list[str]) -> list[str]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return [str(r[0]) for r in db.execute(f"{sql} ({marks})", ids).fetchall()]
