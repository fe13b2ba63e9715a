"""A lone Russian surname in a woman's form names a woman, not the man of that surname.

Russian gives a woman her husband's or father's surname with a feminine ending, and the
name keys fold both into one (`form_key`: Зеленский and Зеленская). A lone "Зеленская" found
Владимир Зеленский by his surname, in the store and within an article that named them both,
and a later lone "Зеленский" merged the two: his wife's news became his. Only forms that say
a gender for sure are read so: the model puts a lone woman's surname in a man's nominative
as often as not ("Ананьева" read as "Ананьев"), and "Колесникова" may be a man in the
genitive (`keys.name_genders` reads both).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from indexer.naming.keys import given_name, name_genders

WOMAN = frozenset({"femn"})
MAN = frozenset({"masc"})
# A man's surname shaped like an adjective keeps its gender in the model's nominative
# (Зеленский); one in -ов or -ин may be a woman's the model put so.
MASCULINE_ADJECTIVE_ENDINGS = ("ий", "ый")
# A name is a nominative; one the model left in another case may be in the other gender's
# ("с Мулюковым" came out "Мулюковой"), so only a nominative's ending is read.
FEMININE_ENDINGS = ("а", "я")


def lone_gender(names: Iterable[str]) -> frozenset[str]:
    """The gender the one-word names all say by their form: a woman's nominative
    ("Зеленская"), a man's adjective-shaped surname ("Зеленский"); empty where they say
    nothing or disagree."""
    lone = [name for name in names if len(name.split()) == 1]
    if not lone:
        return frozenset()
    if all(n.endswith(FEMININE_ENDINGS) and name_genders(n) == WOMAN for n in lone):
        return WOMAN
    if all(n.endswith(MASCULINE_ADJECTIVE_ENDINGS) and name_genders(n) == MAN for n in lone):
        return MAN
    return frozenset()


def full_name_genders(name: str) -> frozenset[str]:
    """The genders a full name's first name says (its surname's form when the first name is
    not one the dictionary knows); empty for one word or initials."""
    words = name.split()
    if len(words) < 2 or "." in name:
        return frozenset()
    # A full name is in the nominative: "Юлия" is no man's genitive there.
    if given_name(words[0]):
        return name_genders(words[0], "nomn")
    return name_genders(words[-1], "nomn")


def may_shorten(lone: str, full: str) -> bool:
    """Whether a lone surname may be the person of a full name, by gender."""
    ours = lone_gender([lone])
    if not ours:
        return True
    theirs = full_name_genders(full)
    return not theirs or bool(ours & theirs)


def entity_genders(db: sqlite3.Connection, entity_id: str) -> frozenset[str]:
    """The genders an entity's full names say; for one known by a surname alone, its form's."""
    rows = db.execute("SELECT name, short FROM names WHERE entity_id = ?", (entity_id,))
    names = [(str(name), bool(short)) for name, short in rows]
    genders: set[str] = set()
    for name, short in names:
        if not short:
            genders |= full_name_genders(name)
    return frozenset(genders) or lone_gender(name for name, _ in names)


def genders_agree(db: sqlite3.Connection, entity_id: str, names: Sequence[str]) -> bool:
    """Whether a person named by `names` may be the entity: true unless a lone surname's
    form says one gender and the entity's names the other."""
    ours = lone_gender(names)
    if not ours:
        return True
    theirs = entity_genders(db, entity_id)
    return not theirs or bool(ours & theirs)


def entities_agree(db: sqlite3.Connection, first: str, second: str) -> bool:
    """Whether two person entities may be one by the genders their names say."""
    ours, theirs = entity_genders(db, first), entity_genders(db, second)
    return not ours or not theirs or bool(ours & theirs)
