"""Put an entity's other names into a parsed query: a pure rewrite of the query tree.

`SearchRequest.query_variants` maps a lower-case run of the query's words to other ways of
writing it ("klimkin" -> "Климкин"; "european union" -> "Европейский союз", "ЕС"). Each
`Term`, `Phrase` or run of consecutive `Term`s in an `And` that spells a key becomes an `Or`
of itself and its variants, so every backend (and any ranking rule) matches them alike. A
one-word variant in another script than typed that the stemmer cuts short ("Дания" -> "дан")
or to two stems by case ("Афганистан", "Афганистане") is a `Name`, matched by its own forms
(name_forms.py); one that is a function word ("Ли" for "Lee") is left out: it would match
nearly every article.
"""

from __future__ import annotations

from collections.abc import Mapping

from indexer.naming.keys import script
from indexer.search.name_forms import stemmed_apart, stemmed_short
from indexer.search.query_syntax import WORD, And, Name, Node, Or, Phrase, Term
from indexer.search.stop_words import is_stop_word

Variants = Mapping[str, tuple[str, ...]]


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
        return Phrase(words)
    if not words or is_stop_word(words[0]):
        return None
    word = words[0]
    by_forms = stemmed_short(word) or stemmed_apart(word)
    return Name(word) if script(word) != script(typed) and by_forms else Term(word)


def _runs(must: tuple[Node, ...], variants: Variants) -> tuple[Node, ...]:
    """Rewrite the longest runs of consecutive Terms that spell a key, then single nodes."""
    longest = max((len(key.split()) for key in variants), default=1)
    out: list[Node] = []
    i = 0
    while i < len(must):
        for size in range(min(longest, len(must) - i), 1, -1):
            run = must[i : i + size]
            if all(isinstance(n, Term) for n in run):
                typed = " ".join(n.text for n in run)  # type: ignore[union-attr]
                if typed.casefold() in variants:
                    out.append(_either(And(run), typed, variants))
                    i += size
                    break
        else:
            out.append(with_variants(must[i], variants))
            i += 1
    return tuple(out)
