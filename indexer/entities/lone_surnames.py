"""A person the store met by the surname alone before it met the full name.

A lone "Песков" finds the one known "Дмитрий Песков" by the surname (`table.SURNAME_KINDS`),
but when the lone surname comes first it makes an entity of its own, and every later lone
"Песков" finds that one by its form: the person stays two facet values for good. Once the
store knows exactly one person with a full name and that surname, the surname-only entity
is that person, as it would have been had the articles come the other way round.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import wordfreq

from indexer.entities.genders import entities_agree
from indexer.entities.particles import without_article
from indexer.naming.keys import first_name, form_key, given_name, script

# Articles that name the person in full before a surname-only entity is taken to be them: on
# 3,000 Telegram posts, full names seen once took three other people's lone surnames ("Иванов"
# for a reader "Павел Иванов", "Жук" for "Кристина Жук"); twice, none. Those are common words
# of the language (wordfreq's Zipf: Иванов 4.5, Кузнецов 4.2, Жук 3.6; Smith 4.9 in English),
# many people's names; a rarer surname seen once in full is its person (Белоусов 3.45,
# Пашинян 2.2, Нехаммер 0).
MIN_FULL_NAME_ARTICLES = 2
MIN_RARE_FULL_NAME_ARTICLES = 1
COMMON_SURNAME_ZIPF = 3.5
# Endings of a Russian surname in the plural, which name a family ("Скрипалей", "Пичугиных",
# "Ивановы"), not the one person: a lone name that ends so where the person's own surname
# does not is left apart.
PLURAL_ENDINGS = ("ей", "ых", "их", "ы", "и")


def surnames_of(names: Sequence[str]) -> set[str]:
    """The surnames a person's names give: the last word of a full name, a lone word itself;
    not a lone first name ("Сергей"), which names no one across articles."""
    lone = [n for n in names if len(n.split()) == 1 and not given_name(n)]
    full = [n.split()[-1] for n in names if len(n.split()) > 1 and "." not in n]
    full += [bare for word in full if (bare := without_article(word))]
    return {form_key(word) for word in lone + full if form_key(word)}


def lone_surname_join(db: sqlite3.Connection, surnames: set[str]) -> list[tuple[str, list[str]]]:
    """(the one full-name person, the surname-only entities that are that person) for each
    surname; none where no full name or two people's full names have it."""
    joins = []
    for surname in sorted(surnames):
        people = _people_with(db, f"last:{surname}")
        owners = [(e, words) for e in people if (words := _full_surnames(db, e, surname))]
        if len(owners) != 1 or sum(owners[0][1].values()) < _articles_needed(owners[0][1]):
            continue
        owner, words = owners[0]
        lone = [
            e
            for e in _people_with(db, f"form:{surname}")
            if e != owner
            and _surname_only(db, e, surname, set(words))
            and entities_agree(db, owner, e)
        ]
        if lone:
            joins.append((owner, lone))
    return joins


def _articles_needed(surnames: dict[str, int]) -> int:
    """Full-name articles that make a lone surname the person: more for a common word."""
    common = max(
        wordfreq.zipf_frequency(word, "ru" if script(word) == "Cyrl" else "en") for word in surnames
    )
    return MIN_FULL_NAME_ARTICLES if common >= COMMON_SURNAME_ZIPF else MIN_RARE_FULL_NAME_ARTICLES


def _people_with(db: sqlite3.Connection, key: str) -> list[str]:
    rows = db.execute(
        "SELECT DISTINCT e.id FROM keys k JOIN entities e ON e.id = k.entity_id"
        " WHERE k.key = ? AND e.merged_into IS NULL AND e.type = 'person' ORDER BY e.rowid",
        (key,),
    )
    return [str(entity_id) for (entity_id,) in rows]


def _full_surnames(db: sqlite3.Connection, entity_id: str, surname: str) -> dict[str, int]:
    """The surname as the entity's full names (not short forms, not initials) write it, with
    the articles each was seen in."""
    rows = db.execute(
        "SELECT name, articles FROM names WHERE entity_id = ? AND short = 0", (entity_id,)
    )
    words: dict[str, int] = {}
    for name, articles in rows:
        last = name.split()[-1]
        if len(name.split()) > 1 and "." not in name and surname in _surname_forms(last):
            word = (without_article(last) or last).casefold()
            words[word] = words.get(word, 0) + int(articles)
    return words


def _surname_forms(word: str) -> set[str]:
    """The form keys a full name's surname is written alone with: itself, and without the
    Arabic article ("аль-Багдади": Багдади)."""
    return {form_key(word), form_key(without_article(word) or word)}


def _surname_only(db: sqlite3.Connection, entity_id: str, surname: str, words: set[str]) -> bool:
    """Whether every name of the entity is that one surname, in the singular of any case, and
    none a first name the stemmer cuts to it ("Григорий" for Григорьев, "Лев" for Левиев)."""
    rows = db.execute("SELECT name FROM names WHERE entity_id = ?", (entity_id,)).fetchall()
    return bool(rows) and all(
        form_key(name) == surname and not _plural(name.casefold(), words) and not first_name(name)
        for (name,) in rows
    )


def _plural(lone: str, surnames: set[str]) -> bool:
    """Whether a lone name ends as a family's plural where the person's surname does not."""
    return any(
        lone.endswith(end) and not any(s.endswith(end) for s in surnames) for end in PLURAL_ENDINGS
    )
