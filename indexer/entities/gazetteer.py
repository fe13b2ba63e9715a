"""Our own name lists (indexer/entities/data/*.txt), looked up by comparison key."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from indexer.entities.noise import name_key
from indexer.model import EntityType

DATA_DIR = Path(__file__).with_name("data")


@cache
def _keys(filename: str) -> frozenset[str]:
    lines = (DATA_DIR / filename).read_text(encoding="utf-8").splitlines()
    return frozenset(name_key(line) for line in lines if line.strip() and not line.startswith("#"))


def is_country(name: str) -> bool:
    """True for a country or country-like territory ("Iraq", "the United States")."""
    return name_key(name) in _keys("countries.txt")


def is_team_place(name: str) -> bool:
    """True for a city, county or region that sports teams are commonly named after."""
    return name_key(name) in _keys("places.txt")


def fixed_type(name: str) -> EntityType | None:
    """The type a name always has whatever the model says, or None when it depends on context."""
    key = name_key(name)
    if key in _keys("organizations.txt"):
        return "organization"
    if key in _keys("countries.txt"):
        return "location"
    return None


@cache
def _first_names() -> frozenset[str]:
    lines = (DATA_DIR / "first_names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(
        w.casefold() for line in lines if not line.startswith("#") for w in line.split()
    )


def starts_with_first_name(name: str) -> bool:
    """True for "Pete Sampras": two or three words, the first a common given name."""
    words = name.split()
    return 2 <= len(words) <= 3 and words[0].casefold() in _first_names()


# Country names that are as often a person ("Chad", "Jordan") or a word ("Turkey").
AMBIGUOUS_COUNTRIES = frozenset({"Chad", "Jordan", "Georgia", "Turkey", "Guinea", "Niger", "US"})


@cache
def country_pattern() -> re.Pattern[str]:
    """Capitalised country names as written, longest first, not inside a longer name."""
    lines = (DATA_DIR / "countries.txt").read_text(encoding="utf-8").splitlines()
    names = {n for n in lines if n and not n.startswith("#") and n not in AMBIGUOUS_COUNTRIES}
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w.'’-])(?<![A-Z]\w )(?:{alternation})(?![\w'’-])(?! [A-Z])")
