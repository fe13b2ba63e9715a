"""Did you mean, from the names the entity store knows: a misspelt name in another script.

The engine's own vocabulary corrects words of the articles' script (spelling.py). A name typed
in the other script ("Brussles" over Russian news) has no neighbour there: its articles write
Брюссель, and the page offered nothing. The store knows the names of what the articles name,
in both scripts ("Brussels" is Брюссель's), so a name typed with a capital that no known name
holds is compared with the words of those names, by the same edit rules.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from rapidfuzz import process
from rapidfuzz.distance import OSA

from indexer.search.base import Suggestion
from indexer.search.query_syntax import WORD
from indexer.search.snowball import language_of
from indexer.search.spelling import MIN_SUGGESTED_ARTICLES, RULES, checked_words, max_edits, rewrite


def capitalised_words(query: str) -> set[str]:
    """The query's words typed with a capital, lower-cased: the only ones corrected here."""
    return {word.casefold() for word in WORD.findall(query) if word[:1].isupper()}


def name_suggestions(query: str, known: Callable[[], Mapping[str, int]]) -> list[Suggestion]:
    """The query with each capitalised word that no known name holds replaced by the likeliest
    word of a known name a typo away; none when no word is so replaced.

    `known()` maps the lower-case words of known names to the articles naming them; it is
    asked only when the query has a capitalised word to check.
    """
    capitalised = capitalised_words(query)
    if not capitalised:
        return []
    words = known()
    replacements: dict[str, str] = {}
    for word in checked_words(query):
        if word not in capitalised or word in words or len(word) < RULES.min_chars:
            continue
        if (best := _nearest(word, words)) is not None:
            replacements[word] = best
    if not replacements:
        return []
    return [Suggestion(rewrite(query, replacements), tuple(replacements.items()))]


def _nearest(word: str, known: Mapping[str, int]) -> str | None:
    """The known word of the same script a typo away that most articles name (spelling's
    score: fewer edits first, then more articles)."""
    limit = max_edits(word)
    scored = [
        (math.log(known[candidate]) - RULES.edit_cost * edits, candidate)
        for candidate, edits, _ in process.extract(
            word, known.keys(), scorer=OSA.distance, score_cutoff=limit, limit=None
        )
        if known[candidate] >= MIN_SUGGESTED_ARTICLES
        and language_of(candidate) == language_of(word)
    ]
    return max(scored)[1] if scored else None
