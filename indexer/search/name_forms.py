"""A name's own inflected forms, as written: how a name in another script is matched.

A name put into a query from the entity store in another script than the one typed ("Denmark"
-> "Дания") is matched by its forms on the unstemmed fields, not by its stem: Snowball cuts
"Дания" to "дан", the stem of "данные" too, and "Мерен" to "мер" (46 of the 78 wrong place hits
on the SlavicNER tuning topics were "Denmark"). Russian names take the noun's case endings; a
Latin name is matched as written.
"""

from __future__ import annotations

from functools import lru_cache

from indexer.naming.keys import CYRILLIC
from indexer.search.snowball import STEMMERS

# Case endings of Russian nouns and surnames in both numbers ("Дании", "Путиным", "Меркель").
RUSSIAN_ENDINGS = (
    "а", "я", "у", "ю", "е", "и", "ы", "ом", "ем", "ём", "ой", "ей", "ою", "ею", "ым", "им",
    "ам", "ям", "ами", "ями", "ах", "ях", "ов", "ев", "ых", "их", "ь", "",
)  # fmt: skip
# The final letters a Russian name drops before a case ending ("Дания" -> "Дани|и").
RUSSIAN_STEM_VOWELS = "аяоеиыйь"
# A name this short is matched as written only: "Ли" + endings would be other words.
MIN_INFLECTED_CHARS = 4
# A stem at least this share of the name also takes the endings: the store may hold an
# inflected form ("Скрипалей": "скрипал|я") or a soft ending ("Бюхеле", "Бюхель"); a shorter
# one ("Дания" -> "дан", "Мерен" -> "мер") is another word's. Calibrated on the SlavicNER
# brexit and nord_stream topics (Skripal, Buchele, Denmark, Mehren).
MIN_STEM_SHARE = 0.75


@lru_cache(maxsize=4096)
def name_forms(name: str) -> tuple[str, ...]:
    """The lower-case forms `name` (one word) takes in running text, itself first."""
    word = name.casefold()
    if not CYRILLIC.search(word) or len(word) < MIN_INFLECTED_CHARS:
        return (word,)
    forms: dict[str, None] = {}
    # Texts write "ё" as "е" more often than not; the unstemmed fields keep either as written.
    for spelling in (word, word.replace("ё", "е")):
        bases = {spelling[:-1] if spelling[-1] in RUSSIAN_STEM_VOWELS else spelling}
        stem = str(STEMMERS["ru"].stemWord(spelling))
        if len(stem) >= MIN_STEM_SHARE * len(spelling):
            bases.add(stem)
        forms[spelling] = None
        forms.update((base + ending, None) for base in sorted(bases) for ending in RUSSIAN_ENDINGS)
    return tuple(forms)
