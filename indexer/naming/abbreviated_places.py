"""A place whose first word is cut to its initial ("С.-Петербург", "С. Петербург"): the one
gazetteer place a name of which starts with that letter and goes on with the rest."""

from __future__ import annotations

import re

from indexer.naming.keys import form_key, name_key
from indexer.naming.places import Place, place_of

# One letter and a full stop, then the rest after a dash or a space ("С.-ПЕТЕРБУРГ").
_CUT_FIRST_WORD = re.compile(r"^([^\W\d_])\.\s*[‐‑-]?\s*([^\W\d_].*)$")


def abbreviated_place(name: str) -> Place | None:
    """The place `name` names with its first word cut to an initial, or None: "С.-Петербург"
    is Санкт-Петербург; "Н. Новгород" is not Великий Новгород, the place "Новгород" names."""
    cut = _CUT_FIRST_WORD.match(name.strip())
    if cut is None:
        return None
    initial, rest = cut.group(1).casefold(), cut.group(2)
    place = place_of(rest)
    if place is None:
        return None
    for full in place.names:
        first, *others = name_key(full).split()
        if others and first.startswith(initial) and form_key(" ".join(others)) == form_key(rest):
            return place
    return None
