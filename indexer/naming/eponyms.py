"""A research body named after a person, keyed by that person's surname.

Russian news names one institute many ways: "Национальный исследовательский центр эпидемиологии
и микробиологии имени Н. Ф. Гамалеи", "НИЦЭМ им. Гамалеи", "НИИ Гамалеи", "Институт Гамалеи",
"центр Гамалеи". What they share is the eponym and a head that names a research body (a centre,
an institute, or an acronym holding the letter of one). Other bodies named after the same person
(a theatre, a museum, a street, a university) have other heads and get no key, so they never
meet the institute.
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.naming.keys import CYRILLIC, form_key, morphology
from indexer.naming.places import capitalised_place

# Dictionary forms of the head nouns of a research body's name: "центр", "институт". A
# university, a theatre or a museum named after the same person is another body.
RESEARCH_NOUNS = frozenset({"центр", "институт"})
# Letters that stand for those nouns, or for "исследовательский", in a Russian acronym (НИИ,
# НИЦЭМ, ГНЦ, ФНЦИРИП). An acronym ending in У is a university's (МГУ, НИУ ВШЭ) and is left out.
RESEARCH_LETTERS = frozenset("ИЦ")
UNIVERSITY_LAST_LETTER = "У"
# The words that say "named after": "имени", "им." (also glued to the name: "им.Чумакова").
NAMED_AFTER = frozenset({"имени", "им.", "им"})
# Words of a name: letters, hyphens, and a dot ending an initial or an abbreviation.
_TOKENS = re.compile(r"\w[\w-]*\.?")
_QUOTES = re.compile(r"[\"«»“”„]")
MIN_SURNAME_CHARS = 3


@lru_cache(maxsize=16384)
def eponym_key(name: str) -> str:
    """The "eponym:..." key of a research body named after a person ("Центр им. Н. Ф.
    Гамалеи", "НИИ Гамалеи"), or "" for any other name."""
    surname = eponym_of(name)
    return f"eponym:{_surname_key(surname)}" if surname else ""


def _surname_key(surname: str) -> str:
    """The dictionary form of a surname Russian's dictionary knows ("Гамалеи" and a slip's
    "Гамалея": гамалея), else its form key."""
    parses = morphology().parse(surname.casefold())
    lemma = next((parse.normal_form for parse in parses if "Surn" in parse.tag), None)
    return str(lemma) if lemma else form_key(surname)


def eponym_of(name: str) -> str:
    """The surname a research body's name is named after, as written, or ""."""
    tokens: list[str] = _TOKENS.findall(name)
    for at, token in enumerate(tokens):
        if token.casefold() in NAMED_AFTER and any(map(research_head, tokens[:at])):
            return _surname_after(tokens[at + 1 :])
    if _QUOTES.search(name):
        return ""  # «Вектор» is a body's own name, not a person's
    # Without "имени" the eponym follows its head at once, and the dictionary knows it as a
    # surname: "Институт Гамалеи", not "Институт Европы" or "Центр развития".
    for head, word in zip(tokens, tokens[1:], strict=False):
        if research_head(head) and _capitalised_surname(word):
            return word
    return ""


def _surname_after(tokens: list[str]) -> str:
    """The surname that follows "имени": past a title in lower case ("академика") and the
    initials ("Н.", "Ф."), the last of the name's words ("Роберта Коха", "Макса Планка")."""
    name: list[str] = []
    for token in tokens:
        if token[:1].isupper() and not token.endswith("."):
            name.append(token)
        elif name:  # the name is over
            break
    last = name[-1] if name else ""
    return last if len(last) >= MIN_SURNAME_CHARS else ""


@lru_cache(maxsize=16384)
def research_head(word: str) -> bool:
    """Whether a word of a name is a research body's head: a case of "центр" or "институт",
    or a Cyrillic acronym with one of their letters ("НИИ", "НИЦЭМ"; not "МГУ")."""
    letters = word.rstrip(".")
    if len(letters) >= 2 and letters.isupper() and CYRILLIC.search(letters.casefold()):
        return bool(RESEARCH_LETTERS & set(letters)) and not letters.endswith(
            UNIVERSITY_LAST_LETTER
        )
    return any(
        parse.tag.POS == "NOUN" and parse.normal_form in RESEARCH_NOUNS
        for parse in morphology().parse(letters.casefold())
    )


def _capitalised_surname(word: str) -> bool:
    """A capitalised Cyrillic word the dictionary knows as a surname, and no place."""
    if not word[:1].isupper() or not CYRILLIC.search(word.casefold()) or word.endswith("."):
        return False
    if capitalised_place(word) is not None:
        return False
    return any("Surn" in parse.tag for parse in morphology().parse(word.casefold()))
