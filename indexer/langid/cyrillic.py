"""Cyrillic alphabets: letters a language never writes are evidence against it.

Statistical detectors confuse the Cyrillic languages on short strings (lingua
calls Uzbek pages Bulgarian), but each language has its own alphabet: Ukrainian
has і ї є ґ and no ы э ё ъ, Kazakh adds ә ғ қ ң ө ұ ү һ і, Uzbek ў қ ғ ҳ,
Serbian and Macedonian ј љ њ (and no й щ ъ ь ю я). A letter outside a
language's alphabet costs that language FOREIGN_LETTER_COST in the combination.
"""

from __future__ import annotations

from collections import Counter

_RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"

ALPHABETS: dict[str, frozenset[str]] = {
    "ru": frozenset(_RUSSIAN),
    "uk": frozenset("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"),
    "be": frozenset("абвгдеёжзійклмнопрстуўфхцчшыьэюя"),
    "bg": frozenset("абвгдежзийклмнопрстуфхцчшщъьюяѝ"),
    "mk": frozenset("абвгдѓежзѕијклљмнњопрстќуфхцчџш"),
    "sr": frozenset("абвгдђежзијклљмнњопрстћуфхцчџш"),
    "kk": frozenset(_RUSSIAN + "әғқңөұүһі"),
    # Mongolian typed on a Russian or Ukrainian keyboard layout writes ї for ү
    # and є for ө; that substitution is common on the web, so it is no
    # evidence against Mongolian.
    "mn": frozenset(_RUSSIAN + "өүїє"),
    "uz": frozenset("абвгдеёжзийклмнопрстуфхцчшъьэюяўқғҳ"),
    "tg": frozenset("абвгғдеёжзиӣйкқлмнопрстуӯфхҳчҷшъэюя"),
    "ky": frozenset(_RUSSIAN + "ңөү"),
    "tt": frozenset(_RUSSIAN + "әөүҗңһ"),
    "ba": frozenset(_RUSSIAN + "әөүғҡңҙҫһ"),
}
_ALL_CYRILLIC_LETTERS = frozenset().union(*ALPHABETS.values())

# Nats one foreign letter costs a language: about as much as lingua's whole
# evidence for a two-word string, so one ў or ї decides a word pair, while a
# quoted Russian word inside a long Ukrainian paragraph does not flip it.
FOREIGN_LETTER_COST = 4.0


def foreign_letters(text: str) -> dict[str, int]:
    """For each Cyrillic language, how many letters of `text` its alphabet lacks.

    Letters no listed alphabet has (old or rare Cyrillic) are ignored, and so
    are non-Cyrillic letters.
    """
    counts = Counter(text.lower())
    letters = {ch: n for ch, n in counts.items() if ch in _ALL_CYRILLIC_LETTERS}
    return {
        language: sum(n for ch, n in letters.items() if ch not in alphabet)
        for language, alphabet in ALPHABETS.items()
    }


def alphabet_penalties(text: str) -> dict[str, float]:
    """Log-score penalty per Cyrillic language for letters outside its alphabet."""
    return {
        language: -FOREIGN_LETTER_COST * count for language, count in foreign_letters(text).items()
    }
