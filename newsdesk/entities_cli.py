"""`newsdesk entities list|show|merge|split|rename|hide`: look at and correct the entity store."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import Any

from indexer.config import Settings
from indexer.entities import corrections
from indexer.errors import NotFound
from indexer.model import ENTITY_TYPES
from indexer.naming.store import FILENAME, EntityStore, StoredEntity
from indexer.search import open_backend


def _store(settings: Settings) -> EntityStore:
    path = settings.data_dir / FILENAME
    if not path.exists():
        raise NotFound(f"no entity store at {path}: ingest some articles first")
    return EntityStore(path)


def _line(entity: StoredEntity) -> str:
    flags = " (hidden)" if entity.hidden else ""
    return f"{entity.id:<40} {entity.type:<13} {entity.articles:>7}  {entity.display}{flags}"


def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    """The most mentioned entities, optionally of one type or with a name containing text."""
    store = _store(settings)
    found = store.entities(args.type, args.name or "", args.limit)
    if args.json:
        print(json.dumps([asdict(e) for e in found], ensure_ascii=False))
        return 0
    print(f"{'id':<40} {'type':<13} {'articles':>7}  name")
    for entity in found:
        print(_line(entity))
    return 0


def cmd_show(args: argparse.Namespace, settings: Settings) -> int:
    """One entity: its id, type, display name, every name with language and script."""
    store = _store(settings)
    entity = store.entity(args.id, args.language)
    if entity is None:
        raise NotFound(f"no entity with id {args.id!r}")
    if args.json:
        print(json.dumps(asdict(entity), ensure_ascii=False))
        return 0
    print(_line(entity))
    if entity.place:
        print(f"  gazetteer: {entity.place}")
    if entity.merged:
        print(f"  merged into it: {', '.join(entity.merged)}")
    for name in entity.names:
        short = " (short form)" if name.short else ""
        print(f"  {name.language} {name.script}  {name.articles:>6}  {name.name}{short}")
    return 0


def _relabel(settings: Settings, store: EntityStore, type_: str, ids: list[str]) -> None:
    backend = open_backend(settings)
    try:
        count = corrections.relabel(backend, store, type_, ids)
    finally:
        backend.close()
    print(f"{count} indexed articles relabelled", file=sys.stderr)


def cmd_merge(args: argparse.Namespace, settings: Settings) -> int:
    """Make the other entities the first one, in the store and in the index."""
    store = _store(settings)
    merged = corrections.merge(store, args.keep, args.others)
    entity = store.entity(args.keep)
    assert entity is not None
    print(f"merged {', '.join(merged) or 'nothing'} into {entity.id} ({entity.display})")
    if not args.no_relabel:
        _relabel(settings, store, entity.type, [entity.id, *merged])
    return 0


def cmd_split(args: argparse.Namespace, settings: Settings) -> int:
    """Move some names of an entity into a new entity, in the store and in the index."""
    store = _store(settings)
    fresh = corrections.split(store, args.id, args.names)
    entity = store.entity(fresh)
    assert entity is not None
    print(f"new entity {fresh} ({entity.display}) from {args.id}")
    if not args.no_relabel:
        _relabel(settings, store, entity.type, [args.id])
    return 0


def cmd_rename(args: argparse.Namespace, settings: Settings) -> int:
    """Show an entity under another name (no name: its most used one again)."""
    store = _store(settings)
    corrections.rename(store, args.id, args.name)
    entity = store.entity(args.id)
    assert entity is not None
    print(f"{entity.id} is shown as {entity.display}")
    return 0


def cmd_hide(args: argparse.Namespace, settings: Settings) -> int:
    """Leave an entity out of facets and article pages (--undo: show it again)."""
    store = _store(settings)
    for entity_id in args.ids:
        corrections.hide(store, entity_id, not args.undo)
    print(f"{'shown' if args.undo else 'hidden'}: {', '.join(args.ids)}")
    return 0


def add_parser(commands: Any) -> None:
    """Register `entities` and its subcommands on the main parser's subparsers."""
    parser = commands.add_parser("entities", help="list, show and correct entities")
    sub = parser.add_subparsers(dest="entities_command", required=True)

    cmd = sub.add_parser("list", help="the most mentioned entities")
    cmd.add_argument("--type", choices=ENTITY_TYPES)
    cmd.add_argument("--name", help="only those with a name containing this text")
    cmd.add_argument("--limit", type=int, default=50)
    cmd.add_argument("--json", action="store_true")
    cmd.set_defaults(run=cmd_list)

    cmd = sub.add_parser("show", help="one entity and all its names")
    cmd.add_argument("id")
    cmd.add_argument("--language", help="show the display name in this language (en, ru)")
    cmd.add_argument("--json", action="store_true")
    cmd.set_defaults(run=cmd_show)

    cmd = sub.add_parser("merge", help="make the other entities the first one")
    cmd.add_argument("keep")
    cmd.add_argument("others", nargs="+")
    cmd.add_argument("--no-relabel", action="store_true", help="leave the index as it is")
    cmd.set_defaults(run=cmd_merge)

    cmd = sub.add_parser("split", help="move names of an entity into a new one")
    cmd.add_argument("id")
    cmd.add_argument("names", nargs="+")
    cmd.add_argument("--no-relabel", action="store_true", help="leave the index as it is")
    cmd.set_defaults(run=cmd_split)

    cmd = sub.add_parser("rename", help="show an entity under another name")
    cmd.add_argument("id")
    cmd.add_argument("name", nargs="?", help="omit to go back to the most used name")
    cmd.set_defaults(run=cmd_rename)

    cmd = sub.add_parser("hide", help="leave entities out of facets and article pages")
    cmd.add_argument("ids", nargs="+")
    cmd.add_argument("--undo", action="store_true", help="show them again")
    cmd.set_defaults(run=cmd_hide)
