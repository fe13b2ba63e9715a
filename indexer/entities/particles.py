"""Particles that open a Russian-written surname ("фон дер Ляйен", "ибн Салман", "ван Дейк"):
a surname mention with them is the surname alone, not a first name and a surname."""

from __future__ import annotations

import re
from functools import lru_cache

import wordfreq

from indexer.naming.keys import CYRILLIC, morphology, name_key

# OpenCorpora (through pymorphy2) tags the particles of foreign names so: "фон", "дер", "ван",
# "де", "ди", "ибн", "бин", "бен", "аль", "эль", "дель", "ла", "ле".
PARTICLE_CLASS = "PRCL"
# ...and the particles of Russian itself, which are more frequent (wordfreq's Zipf: "на" 7.3,
# "как" 6.9, "ли" 5.9, "да" 6.0; the names' 3.6-5.0): the bound `russian.py` reads a function
# word by ("Ростов-на-Дону" keeps its "на").
MAX_PARTICLE_ZIPF = 5.0
# A one-letter word is an initial or a conjunction ("и"), not a particle of a name.
MIN_PARTICLE_CHARS = 2
# Arabic's article as Russian and English transcribe it before a sun letter or not (al-, as-,
# ash-, ad-, ...; аль-, ас-, аш-, ад-, ...; уль- after a vowel), joined to a surname of three
# letters or more by a hyphen.
ARABIC_ARTICLE = re.compile(
    r"(?i)(?:аль|ал|эль|ас|аш|ад|ат|аз|ар|ан|уль|al|el|as|ash|ad|at|az|ar|an|ul)-(?=\w{3})"
)
_WORD_BREAKS = re.compile(r"[\s‐‑‒–—-]+")


@lru_cache(maxsize=4096)
def cyrillic_particle(word: str) -> bool:
    """Whether a word as written is a name's particle: lower-case Cyrillic that Russian's
    dictionary reads as a particle ("фон"; not "Бен" of "Бен Уоллес", a first name)."""
    if len(word) < MIN_PARTICLE_CHARS or not word.islower() or not CYRILLIC.search(word):
        return False
    if wordfreq.zipf_frequency(word, "ru") >= MAX_PARTICLE_ZIPF:
        return False
    return any(p.is_known and p.tag.POS == PARTICLE_CLASS for p in morphology().parse(word))


def particle_words(name: str) -> frozenset[str]:
    """The name keys of the particles a name is written with ("фон дер Ляйен": фон, дер)."""
    return frozenset(name_key(w) for w in _WORD_BREAKS.split(name) if cyrillic_particle(w))


def without_article(surname: str) -> str:
    """An Arabic surname without the article Russian and English join to it with a hyphen
    ("аль-Багдади", "ас-Сиси", "al-Sisi": Багдади, Сиси, Sisi), which news leaves out as often
    as it writes it; "" for any other word."""
    bare = ARABIC_ARTICLE.match(surname)
    return surname[bare.end() :] if bare else ""
