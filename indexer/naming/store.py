"""The entity store: every entity with its stable id, type and names, on disk, shared by all sides.

One SQLite file (WAL) under the data directory. Ingest resolves each article's entities into it
(`indexer.entities.table`); search reads it to widen filters, name facet values and match a
typed name in every script (`indexer.search.aliases`); analysts correct it
(`indexer.entities.corrections`, `newsdesk entities ...`). Articles are indexed with entity ids,
so a rename or hide here shows in the facets at once, without touching the index.

Tables: `entities` (id, type, gazetteer code, merged_into, an analyst's display name, hidden),
`names` (each name of an entity with language, script and how many articles used it) and
`keys` ("kind:key" strings a name is found by: its form, acronym, initials, compounds, sound).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from indexer.naming.keys import (
    CYRILLIC,
    acronym_key,
    form_key,
    morphology,
    nominative_surname,
    person_form,
    script,
)

FILENAME = "entity-store.sqlite"
# Seconds a writer waits for another process's transaction; each holds the lock
# for one batch of articles (milliseconds), so this only matters under heavy contention.
BUSY_TIMEOUT_S = 60.0
SETUP_RETRY_S = 0.02
# A spelling used in this many articles is a name, not a one-off typo.
MIN_SETTLED_ARTICLES = 2
# How many times a spelled-out name's articles an acronym's must be to be the display name:
# a body is called by its acronym where readers know it so (США, НАТО, ФСБ), by its name
# spelled out where both are common (Европейский союз beside ЕС).
ACRONYM_OUTNUMBERS = 5
MIN_KNOWN_ACRONYM = 5  # articles: a few are one-off slips merged in ("MI6" in a country's)
# The instrumental's endings, which tell a feminine noun in -а/-я ("Хезболлой") from a
# masculine one ("Хамасом"), whose genitive ends in -а too.
FEMININE_INSTRUMENTAL = frozenset({"ой", "ей", "ою", "ею"})
MASCULINE_INSTRUMENTAL = frozenset({"ом", "ем"})
# Redirects followed at most: a merge of a merge of a merge.
MAX_REDIRECTS = 16
SCHEMA = """
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    place TEXT,
    merged_into TEXT,
    display TEXT,
    hidden INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS entities_place ON entities (place);
CREATE INDEX IF NOT EXISTS entities_merged ON entities (merged_into);
CREATE TABLE IF NOT EXISTS names (
    entity_id TEXT NOT NULL,
    name TEXT NOT NULL,
    form TEXT NOT NULL,
    language TEXT NOT NULL,
    script TEXT NOT NULL,
    short INTEGER NOT NULL,
    articles INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_id, name)
);
CREATE INDEX IF NOT EXISTS names_form ON names (form);
CREATE TABLE IF NOT EXISTS keys (
    key TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (key, entity_id)
);
CREATE INDEX IF NOT EXISTS keys_entity ON keys (entity_id);
CREATE TABLE IF NOT EXISTS apart (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    PRIMARY KEY (a, b)
);
"""


@dataclass(frozen=True)
class StoredName:
    """One name of an entity as the store knows it."""

    name: str
    language: str
    script: str
    short: bool
    articles: int


@dataclass(frozen=True)
class StoredEntity:
    """An entity with everything an analyst sees about it."""

    id: str
    type: str
    display: str
    hidden: bool
    articles: int
    place: str | None
    names: tuple[StoredName, ...]
    merged: tuple[str, ...]  # ids merged into this one


def prepare(connection: sqlite3.Connection) -> None:
    """Switch a new file to WAL and make the schema, racing other processes doing the same.

    SQLite answers "database is locked" at once, without waiting out the busy
    timeout, when two connections try to change the journal mode together, so the
    set-up is retried until one of them has done it.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.executescript(SCHEMA)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(SETUP_RETRY_S)


class EntityStore:
    """Connections to the store file; this process's own, opened on first use."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._connection: sqlite3.Connection | None = None
        self._pid = 0

    def __getstate__(self) -> dict[str, Any]:
        # A SQLite connection must not cross processes; each opens its own.
        return {"path": self.path, "_connection": None, "_pid": 0}

    @property
    def db(self) -> sqlite3.Connection:
        """This process's read-write connection (the schema made on first use)."""
        if self._connection is None or self._pid != os.getpid():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
            prepare(connection)
            self._connection, self._pid = connection, os.getpid()
        return self._connection

    def exists(self) -> bool:
        """Whether anything was ever stored (a search needs no empty file made for it)."""
        return self._connection is not None or self.path.exists()

    def close(self) -> None:
        """Close this process's connection; everything is already committed."""
        if self._connection is not None and self._pid == os.getpid():
            self._connection.close()
        self._connection = None

    def current(self, entity_id: str) -> str:
        """The id `entity_id` stands for now: merges followed to the surviving entity."""
        seen = entity_id
        for _ in range(MAX_REDIRECTS):
            row = self.db.execute(
                "SELECT merged_into FROM entities WHERE id = ?", (seen,)
            ).fetchone()
            if row is None or row[0] is None:
                return seen
            seen = str(row[0])
        return seen

    def labels(
        self, ids: Iterable[str], language: str | None = None
    ) -> dict[str, tuple[str, str] | None]:
        """Each id's (current id, display name), or None when hidden; unknown ids as they are.

        Two queries for any number of ids (a search names its facet values with it); only
        an id merged since indexing costs one more per merge to follow.
        """
        wanted = list(dict.fromkeys(ids))
        rows = _entity_rows(self.db, wanted)
        current: dict[str, str] = {}
        for entity_id in wanted:
            seen = entity_id
            for _ in range(MAX_REDIRECTS):
                row = rows.get(seen)
                if row is None or row[0] is None:
                    break
                seen = str(row[0])
                if seen not in rows:
                    rows.update(_entity_rows(self.db, [seen]))
            current[entity_id] = seen
        live = {c for c in current.values() if c in rows}
        shown = self._displays(live, rows, language)
        return {
            entity_id: None
            if target in rows and rows[target][1]
            else (target, shown.get(target, target))
            for entity_id, target in current.items()
        }

    def _displays(
        self, ids: set[str], rows: dict[str, tuple[Any, ...]], language: str | None
    ) -> dict[str, str]:
        shown = {i: str(rows[i][2]) for i in ids if rows[i][2]}
        todo = [i for i in ids if i not in shown]
        if not todo:
            return shown
        marks = ",".join("?" * len(todo))
        names: dict[str, list[Any]] = {}
        for row in self.db.execute(
            "SELECT entity_id, name, language, short, articles, rowid FROM names"
            f" WHERE entity_id IN ({marks})",
            todo,
        ):
            names.setdefault(str(row[0]), []).append(row[1:])
        for entity_id, found in names.items():
            shown[entity_id] = best_name(found, rows[entity_id][3], language)
        return shown

    def merged_into(self, entity_id: str) -> list[str]:
        """The id and every id that was merged into it, directly or not."""
        found, todo = [entity_id], [entity_id]
        while todo:
            rows = self.db.execute(
                "SELECT id FROM entities WHERE merged_into = ?", (todo.pop(),)
            ).fetchall()
            for (merged,) in rows:
                if merged not in found:
                    found.append(str(merged))
                    todo.append(str(merged))
        return found

    def ids_named(self, name: str, type_: str) -> list[str]:
        """Live entities of `type_` that `name` names in full (by id or by any form of a name)."""
        row = self.db.execute(
            "SELECT id FROM entities WHERE id = ? AND type = ?", (name, type_)
        ).fetchone()
        if row:
            return [self.current(str(row[0]))]
        rows = self.db.execute(
            "SELECT DISTINCT n.entity_id FROM names n CROSS JOIN entities e ON e.id = n.entity_id"
            " WHERE n.form = ? AND n.short = 0 AND e.type = ? AND e.merged_into IS NULL",
            (form_key(name), type_),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def display(self, entity_id: str, language: str | None = None) -> str:
        """What to call the entity: an analyst's name, else its most used full name.

        With `language`, a name in that language is preferred when the entity has one.
        A name used in more articles wins; a one-off typo loses to any name used twice.
        """
        rows = _entity_rows(self.db, [entity_id])
        if not rows:
            return entity_id
        return self._displays({entity_id}, rows, language).get(entity_id, entity_id)

    def entity(self, entity_id: str, language: str | None = None) -> StoredEntity | None:
        """Everything known about one entity (merged ids followed), or None."""
        entity_id = self.current(entity_id)
        row = self.db.execute(
            "SELECT type, hidden, articles, place FROM entities WHERE id = ?", (entity_id,)
        ).fetchone()
        if row is None:
            return None
        names = self.db.execute(
            "SELECT name, language, script, short, articles FROM names WHERE entity_id = ?"
            " ORDER BY articles DESC, name",
            (entity_id,),
        ).fetchall()
        return StoredEntity(
            id=entity_id,
            type=str(row[0]),
            display=self.display(entity_id, language),
            hidden=bool(row[1]),
            articles=int(row[2]),
            place=row[3],
            names=tuple(StoredName(n, lang, s, bool(short), a) for n, lang, s, short, a in names),
            merged=tuple(self.merged_into(entity_id)[1:]),
        )

    def entities(
        self, type_: str | None = None, pattern: str = "", limit: int = 50
    ) -> list[StoredEntity]:
        """Live entities, most mentioned first; `pattern` keeps those with a name containing it."""
        sql = "SELECT e.id FROM entities e WHERE e.merged_into IS NULL"
        args: list[Any] = []
        if type_:
            sql += " AND e.type = ?"
            args.append(type_)
        if pattern:
            sql += " AND EXISTS (SELECT 1 FROM names n WHERE n.entity_id = e.id AND n.name LIKE ?)"
            args.append(f"%{pattern}%")
        sql += " ORDER BY e.articles DESC, e.id LIMIT ?"
        rows = self.db.execute(sql, (*args, limit)).fetchall()
        return [entity for (entity_id,) in rows if (entity := self.entity(str(entity_id)))]


def full_names_by_keys(
    db: sqlite3.Connection,
    keys: Iterable[str],
    type_: str,
    column: str = "name",
    min_articles: int = 0,
) -> list[tuple[str, str]]:
    """(entity id, `column` of names: "name" or "form") of the full names, named in at least
    `min_articles` articles, of every live entity of `type_` that one of `keys` finds."""
    assert column in ("name", "form"), column  # put into the statement: never the caller's text
    wanted = list(keys)
    if not wanted:
        return []
    marks = ",".join("?" * len(wanted))
    rows = db.execute(
        f"SELECT DISTINCT e.id, n.{column} FROM keys k CROSS JOIN entities e ON e.id = k.entity_id"
        f" JOIN names n ON n.entity_id = e.id"
        f" WHERE k.key IN ({marks}) AND e.merged_into IS NULL AND e.type = ?"
        f" AND n.short = 0 AND n.articles >= ?",
        [*wanted, type_, min_articles],
    ).fetchall()
    return [(str(entity), str(value)) for entity, value in rows]


def _entity_rows(db: sqlite3.Connection, ids: list[str]) -> dict[str, tuple[Any, ...]]:
    """id -> (merged_into, hidden, display, type) of those of `ids` the store has."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = db.execute(
        f"SELECT id, merged_into, hidden, display, type FROM entities WHERE id IN ({marks})", ids
    ).fetchall()
    return {str(r[0]): tuple(r[1:]) for r in rows}


def best_name(names: list[Any], type_: str, language: str | None) -> str:
    """The display name among (name, language, short, articles, rowid) rows.

    A full name before a surname or short form; in the reader's language when there is one;
    a person's whole name before a single word, anything else spelled out before an acronym,
    unless that name is a one-off among names used more (a typo, or another person of that
    surname); then the most used, then the first learnt.
    """
    if type_ == "person":
        names = _cases_as_one(names)
    elif type_ == "location":
        names = _place_forms_as_one(names)
    elif type_ == "organization":
        names = _body_forms_as_one(names)
    common = any(row[3] >= MIN_SETTLED_ARTICLES for row in names)
    # An acronym written in title case ("Opec" beside "OPEC") is the acronym still.
    acronyms = {str(row[0]).casefold() for row in names if acronym_key(row[0])}
    # The acronym is what the reader knows when its articles outnumber every spelled-out
    # name's many times over (США 180, Америка 9), and it is a settled name itself.
    by_acronym = max((r[3] for r in names if _acronym_row(r, acronyms)), default=0)
    spelled = max((r[3] for r in names if not _acronym_row(r, acronyms)), default=0)
    known_better = by_acronym >= MIN_KNOWN_ACRONYM and by_acronym > spelled * ACRONYM_OUTNUMBERS

    def rank(row: Any) -> tuple[bool, bool, bool, int, int]:
        name, name_language, short, articles, rowid = row
        settled = articles >= MIN_SETTLED_ARTICLES or not common
        if type_ == "person":
            # A full name once among a surname used more may be another of that name
            # («Хантер Байден» once where «Байден» is in 7 articles).
            preferred = len(name.split()) > 1 and settled
        else:
            acronym = _acronym_row(row, acronyms)
            preferred = known_better if acronym else settled and not known_better
        return (
            not short,
            language is None or name_language == language,
            preferred,
            articles,
            -rowid,
        )

    return str(max(names, key=rank)[0])


def _acronym_row(row: Any, acronyms: set[str]) -> bool:
    return bool(acronym_key(row[0])) or str(row[0]).casefold() in acronyms


def _cases_as_one(names: list[Any]) -> list[Any]:
    """A person's names that are one name in several cases ("Сергей Скрипаля", "Сергей
    Скрипаль": `person_form`) as one row: the one ending as a nominative surname does
    (`nominative_surname`), else the most used."""
    return _as_one(names, lambda row: person_form(row[0]) if not row[2] else (), nominative_surname)


def _place_forms_as_one(names: list[Any]) -> list[Any]:
    """A place's one-word Russian names of one form key ("Марсель", "Марсел": natasha's lemma
    of "в Марселе") as one row, spelled as the one Russian's dictionary reads as a place in
    the nominative, else the most used."""
    return _as_one(names, _one_word_russian_key, _place_name)


def _body_forms_as_one(names: list[Any]) -> list[Any]:
    """A body's Russian names that are one name in several cases ("Росгвардии", "Росгвардия":
    the model leaves a word the dictionary lacks as it found it) as one row, spelled as the
    one whose first word reads first in the nominative, else the most used."""
    return _as_one(names, _russian_key, _first_word_nominative)


def _russian_key(row: Any) -> str:
    name = str(row[0])
    return "" if row[2] or script(name) != "Cyrl" else form_key(name)


@lru_cache(maxsize=16384)
def _first_word_nominative(name: str) -> bool:
    """Whether the likeliest reading of a name's first word, known or guessed, is a
    nominative ("Росгвардия"; not "Росгвардии")."""
    parses = morphology().parse(name.split()[0].casefold())
    return bool(parses) and parses[0].tag.case == "nomn"


def _one_word_russian_key(row: Any) -> str:
    return "" if " " in str(row[0]).strip() else _russian_key(row)


def _as_one(
    names: list[Any], key_of: Callable[[Any], Hashable], preferred: Callable[[str], bool]
) -> list[Any]:
    """The (name, language, short, articles, rowid) rows, those of one non-empty `key_of` as
    one row used in all their articles, in the first one's place: named as the one
    `preferred` is true of, else the most used, else the first learnt."""
    groups: dict[Hashable, list[Any]] = {}
    order: list[list[Any]] = []
    for row in names:
        key = key_of(row)
        if not key:
            order.append([row])
            continue
        if key not in groups:
            groups[key] = []
            order.append(groups[key])
        groups[key].append(row)
    merged = []
    for same in order:
        if len(same) > 1:
            nominative = _declined_nominative([str(r[0]) for r in same])
            name, language, short, _, _ = min(
                same,
                key=lambda r: (r[0] != nominative, not preferred(r[0]), -r[3], r[4]),
            )
            same = [(name, language, short, sum(r[3] for r in same), min(r[4] for r in same))]
        merged.append(same[0])
    return merged


def _declined_nominative(names: list[str]) -> str:
    """Of one word's forms the dictionary does not know, the nominative its other forms
    show: the one in -а or -я beside its feminine instrumental ("Хезболла", "Хезболлой":
    pymorphy2 guesses a masculine "хезболл", whose plural "Хезболлы" was shown), or the bare
    stem beside its masculine instrumental ("Хамас", "Хамасом"; "Хамаса" is a genitive); ""
    when they show neither."""
    words = [n for n in names if " " not in n and CYRILLIC.search(n.casefold())]
    if any(p.is_known for n in words for p in morphology().parse(n.casefold())):
        return ""
    for name in words:
        endings = {other[len(name) :] for other in words if other.startswith(name)}
        if endings & MASCULINE_INSTRUMENTAL:
            return name
        stem = name[:-1]
        endings = {other[len(stem) :] for other in words if other.startswith(stem)}
        if name[-1:] in "ая" and endings & FEMININE_INSTRUMENTAL:
            return name
    return ""


@lru_cache(maxsize=16384)
def _place_name(word: str) -> bool:
    """Whether Russian's dictionary reads a word as a place's name in the nominative
    ("Марсель"; not "Марсел", a man's name)."""
    return any(
        "Geox" in parse.tag and "nomn" in parse.tag for parse in morphology().parse(word.casefold())
    )


def name_row(name: str, language: str, short: bool) -> tuple[str, str, str, str, int]:
    """(name, form key, language, script, short) as the `names` table holds them."""
    return name, form_key(name), language, script(name), int(short)
