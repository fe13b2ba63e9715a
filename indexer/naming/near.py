"""A person's name written in the other script a little otherwise: "Nigel Farage", "Найджел Фарадж".

The sound keys (`keys.sound_key`) meet when both scripts spell the same sounds; a transcription
that hears a name otherwise ("Farage" with a soft g and a silent e, "Фарадж") misses them. A full
name is keyed by its surname's first four sounds; a new full name that
nothing else finds looks itself up the same way, and the one person of the other script found
whose surname reads near ours (rapidfuzz's ratio of the two as spoken, `keys.spoken_spelling`,
English readings included) and whose first name is spelled near ours is the same person.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from rapidfuzz import fuzz

from indexer.naming.keys import english_readings, script, sound_key, spelled_near, spoken_spelling
from indexer.naming.store import full_names_by_keys

# Letters of each surname, as spoken, for a near spelling to say anything: shorter surnames
# are near too many others ("Мэй", "Ма").
MIN_NEAR_SURNAME = 5
# How near two surnames read across scripts must be (rapidfuzz's ratio, 0-100): "farage" and
# "faraj" 91, where other people's surnames of one start stay lower ("Faris" and Фарадж 60,
# "Novik" and Новак 80, "Muller" and Миллер 80). Chosen on these pairs; checked on the
# SlavicNER brexit and nord_stream topics.
MIN_NEAR_RATIO = 85
# Sounds of the surname's start that key a full name for the look-up.
PREFIX_SOUNDS = 4


def near_key(name: str) -> str:
    """The "near:" key of a person's full name ("" for a single word or a short surname)."""
    words = name.split()
    if len(words) < 2 or len(spoken_spelling(words[-1]).replace(" ", "")) < MIN_NEAR_SURNAME:
        return ""
    last = sound_key(words[-1])
    return f"near:{last[:PREFIX_SOUNDS]}" if len(last) >= PREFIX_SOUNDS else ""


def near_person(db: sqlite3.Connection, names: Sequence[str]) -> str | None:
    """The one live person of the other script whose full name reads near one of `names`."""
    ours = {key: name for name in names if (key := near_key(name))}
    if not ours:
        return None
    found = {
        entity
        for entity, known in full_names_by_keys(db, ours, "person")
        if any(_reads_near(name, known) for name in ours.values())
    }
    return found.pop() if len(found) == 1 else None


def _reads_near(ours: str, known: str) -> bool:
    """Two full names in two scripts: first names spelled near, surnames read near."""
    if {script(ours), script(known)} != {"Latn", "Cyrl"}:
        return False
    a, b = ours.split(), known.split()
    if len(b) < 2 or not spelled_near(a[0], b[0]):
        return False
    # Surnames that sound alike by the keys are near however spelled ("O'Leary", "О'Лири":
    # the English reading of "ea" is not among those the ratio tries).
    same_sound = sound_key(a[-1]) == sound_key(b[-1])
    return same_sound or _surname_ratio(a[-1], b[-1]) >= MIN_NEAR_RATIO


def _surname_ratio(a: str, b: str) -> float:
    """The best ratio between the two surnames as spoken, each English reading tried."""
    return max(
        fuzz.ratio(spoken_spelling(x), spoken_spelling(y))
        for x in english_readings(a)
        for y in english_readings(b)
    )
