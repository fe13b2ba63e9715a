"""A Russian person's name in any case: "Имран Кази", "Имраном Кази", "Асией Нурин".

The form key (`keys.form_key`, Snowball's stems) cuts a foreign first name in each case its own
way ("Имран" to "имра", "Имраном" to "имран"), and the model leaves a name it does not know
in the case the text has it in, so one person's full name in two articles may share no key.
Here each word loses one of the grammar's case endings, in each way it can: of nouns (first,
second and third declension: Асия, Имран, Игорь), of й-stems (Сергей) and of adjective-like
surnames (Тихановская, Вишневский). Two names meet when every word keeps one stem in common.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

from indexer.naming.keys import CYRILLIC, name_key

# Russian's singular case endings of nouns and adjectives, as names take them: Асия, Асии,
# Асию, Асией; Имран, Имрана, Имрану, Имраном, Имране; Сергей, Сергея, Сергеем; Игорь, Игоря;
# Тихановская, Тихановской, Тихановскую; Вишневский, Вишневского, Вишневскому, Вишневским.
CASE_ENDINGS = (
    "а", "я", "у", "ю", "е", "и", "ы", "й", "ь",
    "ой", "ей", "ом", "ем", "ью", "ая", "ую", "ий", "ый", "ого", "его", "ому", "ему", "им", "ым",
)  # fmt: skip
# Letters a stem keeps: a shorter one is what many names' stems are ("Ли", "Ан").
MIN_STEM_CHARS = 3
# Words of a name that get keys: a first name and a surname, a middle name or particle at most.
MAX_WORDS = 3


def word_stems(word: str) -> frozenset[str]:
    """The word itself and each stem left by one case ending ("асией": асией, аси, асие)."""
    stems = {word}
    for ending in CASE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM_CHARS:
            stems.add(word[: -len(ending)])
    return frozenset(stems)


@lru_cache(maxsize=65536)
def case_free_keys(name: str) -> frozenset[str]:
    """The "declined:" keys of a Cyrillic full name of two or three words (none otherwise):
    one for each choice of a stem per word."""
    words = name_key(name).split()
    if not 2 <= len(words) <= MAX_WORDS or not all(CYRILLIC.search(word) for word in words):
        return frozenset()
    if any(len(word) <= 2 for word in words):  # an initial or a particle: other keys do
        return frozenset()
    choices = product(*(sorted(word_stems(word)) for word in words))
    return frozenset(f"declined:{' '.join(stems)}" for stems in choices)


def surname_keys(word: str, provided: bool) -> frozenset[str]:
    """The "lastfree:" keys of a Cyrillic surname: a full name's surname provides itself as
    written, a lone surname looks up each of its stems, so that one in another case
    ("Масиха") meets the full name's ("Ашик Масих"), which Snowball cuts otherwise ("мас").
    Only the lone word loses an ending: a woman's surname ("Петрова") stripped would be her
    husband's ("Петров")."""
    folded = name_key(word)
    if " " in folded or not CYRILLIC.search(folded) or len(folded) <= 2:
        return frozenset()
    stems = {folded} if provided else word_stems(folded)
    return frozenset(f"lastfree:{stem}" for stem in stems)
