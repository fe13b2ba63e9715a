"""A company known by the first word of its name ("Sinovac Biotech", "Sinovac").

English news names a company in full once ("CanSino Biologics Inc", "Qantas Airways") and by its
distinctive first word after. That word is rare in English (wordfreq), and the words after it
say only what kind of business it is: each is a common English word or a legal form (cleanco).
"Royal Dutch Shell" is no "Royal" (a common word), "Gazprom Neft" no "Gazprom" ("Neft" is rare),
"Qatar Airways" no "Qatar" (a place).
"""

from __future__ import annotations

from functools import lru_cache

import wordfreq

from indexer.naming.keys import LATIN, legal_words, without_legal_form
from indexer.naming.places import place_of

# A word this rare in English (Zipf scale) is a name of its own: Qantas 2.9, Pfizer 3.1, Exxon
# 3.1; not Deutsche 3.7, Reuters 3.9 or Johnson 4.7, which other companies and people share.
MAX_BRAND_ZIPF = 3.5
# A word this common says what kind of business a company is: Biotech 3.2, Therapeutics 3.2,
# Airlines 4.2; not Neft 2.0, Mobil 3.0 or BioNTech 0, which name businesses of their own.
MIN_GENERIC_ZIPF = 3.0
# Shorter words after a name are numerals or letters ("VI", "B"), not a kind of business.
MIN_GENERIC_CHARS = 3


@lru_cache(maxsize=16384)
def brand_of(name: str) -> str:
    """The first word a Latin company name is known by alone ("Sinovac Biotech": Sinovac), or
    "" when it has none."""
    words = (without_legal_form(name) or name).split()
    if len(words) < 2 or not all(word.isalpha() for word in words):
        return ""
    first, *rest = words
    # An acronym and words ("GATT Council", "OPEC Fund") is a unit of the body, not its name.
    if not first[:1].isupper() or first.isupper() or not LATIN.search(first.casefold()):
        return ""
    if not all(word[:1].isupper() for word in rest):
        return ""  # "Mabon Nugent and Co": a firm of partners, not a name and its business
    if wordfreq.zipf_frequency(first, "en") >= MAX_BRAND_ZIPF or place_of(first) is not None:
        return ""
    return first if all(_generic(word) for word in rest) else ""


def _generic(word: str) -> bool:
    """Whether a word after a company's own name is a common English word or a legal form,
    and no place ("Pfizer UK" is a subsidiary)."""
    folded = word.casefold()
    if folded in legal_words():
        return True
    if len(folded) < MIN_GENERIC_CHARS:
        return False  # "Intelsat VI": a numeral or a letter tells one of a series apart
    return wordfreq.zipf_frequency(folded, "en") >= MIN_GENERIC_ZIPF and place_of(word) is None
