"""Put an entity's other names into a parsed query: a pure rewrite of the query tree.

`SearchRequest.query_variants` maps a lower-case run of the query's words to other ways of
writing it ("klimkin" -> "Климкин"; "european union" -> "Европейский союз", "ЕС"). Each
`Term`, `Phrase` or run of consecutive `Term`s in an `And` that spells a key becomes an `Or`
of itself and its variants, so every backend (and any ranking rule) matches them alike. A
one-word variant in another script than typed that the stemmer cuts short ("Дания" -> "дан")
or to two stems by case ("Афганистан", "Афганистане") is a `Name`, matched by its own forms
(name_forms.py), and so is a name of two letters (not an acronym), whose stem common words
share ("Бо": "бой", "боится"); one that is a function word ("Ли" for "Lee") is left out: it
would match nearly every article. A variant of several words is a phrase, and one with such a
word is also the phrase with each of that word's stems ("Южная Корея", "Южной Кореи").
`with_own_forms` does the same for a typed Russian word or quoted phrase whose case forms the
stemmer cuts to different stems ("Киев", "Киеве").
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping

from indexer.naming.keys import adjective, script
from indexer.search.name_forms import name_forms, split_names, stemmed_apart, stemmed_short
from indexer.search.query_syntax import WORD, And, Name, Node, Or, Phrase, Term
from indexer.search.snowball import stem
from indexer.search.stop_words import is_stop_word

Variants = Mapping[str, tuple[str, ...]]
# A name this short is its stem, which common words share ("Бо": "бой", "боится"); a name of
# three letters declines on its stem ("Ким": "Кима"), which FactRuEval's persons need.
MAX_SHARED_STEM_CHARS = 2


def with_variants(node: Node, variants: Variants) -> Node:
    """`node` with each spelled-out key joined by its variants (unchanged when none apply)."""
    if not variants:
        return node
    match node:
        case Term(text):
            return _either(node, text, variants)
        case Phrase(words):
            return _either(node, " ".join(words), variants)
        case And(must, must_not, plain):
            return And(
                _runs(must, variants),
                tuple(with_variants(n, variants) for n in must_not),
                _runs(plain, variants),
            )
        case Or(alternatives):
            return Or(tuple(with_variants(n, variants) for n in alternatives))
    return node


def _either(node: Node, typed: str, variants: Variants) -> Node:
    others = [_as_node(other, typed) for other in variants.get(typed.casefold(), ())]
    kept = [other for other in others if other is not None]
    if not kept:
        return node
    return Or((node, *kept))


def _as_node(name: str, typed: str) -> Node | None:
    words = tuple(WORD.findall(name))
    if len(words) > 1:
        return _phrase(words)
    if not words or is_stop_word(words[0]):
        return None
    word = words[0]
    # A name of a few letters shares its stem with common words ("Бо": "бой", "боится"); an
    # acronym's ("ЕС", "МИД") hardly does, and the stemmer finds its case forms ("МИДа").
    few_letters = len(word) <= MAX_SHARED_STEM_CHARS and not word.isupper()
    by_forms = few_letters or stemmed_short(word) or stemmed_apart(word)
    # An adjective's endings are what the stemmer strips ("Курская", "Курской": курск); its
    # forms made as a noun's ("курскаи") matched nothing.
    by_forms = by_forms and not adjective(word)
    return Name(word) if script(word) != script(typed) and by_forms else Term(word)


def _phrase(words: tuple[str, ...]) -> Node:
    """A name of several words as a phrase, and as one phrase per other stem of its words that
    the stemmer cuts apart by case: "Южная Корея" is "южн коре", but "Южной Кореи" is "южн кор"."""
    options = [_one_form_per_stem(word) if _cut_apart(word) else (word,) for word in words]
    phrases = {_stems(words): words}
    for combination in itertools.product(*options):
        phrases.setdefault(_stems(combination), combination)
    nodes = tuple(Phrase(combination) for combination in phrases.values())
    return nodes[0] if len(nodes) == 1 else Or(nodes)


def _one_form_per_stem(word: str) -> tuple[str, ...]:
    """The first of a word's case forms (`name_forms`) for each stem they have: a phrase's
    readings multiply by these two or three, not by every form."""
    forms: dict[str, str] = {}
    for form in name_forms(word):
        forms.setdefault(stem(form.casefold()), form)
    return tuple(forms.values())


def _cut_apart(word: str) -> bool:
    """Whether a word of a name has case forms the stemmer cuts apart: a noun (an adjective's
    endings are what the stemmer strips, "Южная" and "Южной" are both "южн")."""
    return stemmed_apart(word) and not adjective(word)


def _stems(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(stem(word.casefold()) for word in words)


def _runs(must: tuple[Node, ...], variants: Variants) -> tuple[Node, ...]:
    """Rewrite the longest runs of consecutive Terms that spell a key, then single nodes."""
    longest = max((len(key.split()) for key in variants), default=1)
    out: list[Node] = []
    i = 0
    while i < len(must):
        for size in range(min(longest, len(must) - i), 1, -1):
            run = must[i : i + size]
            # A word typed with a hyphen or an apostrophe is a phrase of its parts
            # ("Jean-Claude Juncker", "Michael O'Leary"): one run of the name's words.
            words = [_words_of(n) for n in run]
            if all(words):
                typed = " ".join(words)
                if typed.casefold() in variants:
                    out.append(_either(And(run), typed, variants))
                    i += size
                    break
        else:
            out.append(with_variants(must[i], variants))
            i += 1
    return tuple(out)


def _words_of(node: Node) -> str:
    """A word's or a phrase's words, or "" for any other node."""
    match node:
        case Term(text):
            return text
        case Phrase(words):
            return " ".join(words)
    return ""


def with_own_forms(node: Node, ranks: Callable[[And], bool]) -> Node:
    """`node` with each typed Russian word whose case forms the stemmer cuts to different
    stems also matched by all those forms, as a name put in from the entity store is; the
    words an And ranks by (`ranks`) are left as typed.

    Snowball cuts "Киев" to "ки" but "Киеве" to "киев", "Корея" to "коре" but "Кореи" to
    "кор": typed in one case, such a word missed the articles that use the others ("Киев"
    found one of three articles about the city). A quoted phrase with such a word is also the
    phrase with each of its stems ("Южная Корея", "Южной Кореи"). A required word is where
    that hides articles; a ranked word (3+ bare words) is one of several an article may
    match, and as an `Or` it would no longer be scored as a word (Lenta headlines, nDCG@10
    0.962 -> 0.866).
    """
    match node:
        case Term(text) if bases := _split_word(text):
            return Or((node, *(Name(base) for base in bases)))
        case Phrase(words):
            return _phrase(words)
        case And(must, must_not, plain):
            return And(
                tuple(with_own_forms(n, ranks) for n in must),
                tuple(with_own_forms(n, ranks) for n in must_not),
                plain if ranks(node) else tuple(with_own_forms(n, ranks) for n in plain),
            )
        case Or(alternatives):
            return _union(with_own_forms(n, ranks) for n in alternatives)
    return node


def _union(alternatives: Iterable[Node]) -> Node:
    """An `Or` of `alternatives` with nested `Or`s spliced in and phrases of the same stems
    kept once: a name put in as a phrase with its forms is not given them again."""
    flat: list[Node] = []
    for node in alternatives:
        flat.extend(node.any if isinstance(node, Or) else (node,))
    seen: set[object] = set()
    kept = []
    for node in flat:
        key = _stems(node.words) if isinstance(node, Phrase) else node
        if key not in seen:
            seen.add(key)
            kept.append(node)
    return Or(tuple(kept))


def _split_word(text: str) -> tuple[str, ...]:
    words = WORD.findall(text)
    if len(words) != 1 or words[0] != text or is_stop_word(text):
        return ()
    return split_names(text)
