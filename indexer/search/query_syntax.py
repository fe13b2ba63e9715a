"""The user's query language, parsed once into a small tree both backends compile.

Syntax: words, "exact phrases", -exclusion, +required, AND / OR / NOT between words
(`oil NOT crude` is `oil -crude`), prefix* (at least two characters before the star) and
(grouping). Operators count in upper case only, and not in a query typed all in capitals
("THE LABOR PARTY OR THE CONSERVATIVES" is six words). Nothing a person plausibly types is
refused: stray quotes and parentheses are mended (query_tokens.py), a dangling operator is
dropped, a too-short prefix is a word. Only an absurd length is a `BadQuery`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.errors import BadQuery
from indexer.search.query_tokens import WORD, Token, tokenize

__all__ = [
    "WORD",
    "And",
    "MatchAll",
    "Name",
    "Node",
    "Or",
    "Phrase",
    "Prefix",
    "Term",
    "parse_query",
]

# A pasted page is a mistake, not a search; the longest question in the CISI test collection
# is 2,043 characters, and the clause budget below bounds the engines' work anyway.
MAX_QUERY_CHARS = 4000
# Bounds the work one query can ask of the engine; a longer paste keeps its first distinct
# words. 400 holds the longest CISI question (334 words), which searches on Elasticsearch too
# (its clause limit grows with the heap; tests/contract/test_ranking.py runs it there).
MAX_CLAUSES = 400
MIN_PREFIX_CHARS = 2  # "a*" would expand to a large share of the dictionary
# An English possessive ending a Latin word typed bare: "Merkel's", "Macron’s", "Reuters'".
POSSESSIVE = re.compile(r"(?<=[A-Za-z])['’][sS]?$")


@dataclass(frozen=True)
class Term:
    """A word; matched after analysis (case, stemming)."""

    text: str


@dataclass(frozen=True)
class Phrase:
    """Words that must appear next to each other, in order (also a dash-joined compound)."""

    words: tuple[str, ...]


@dataclass(frozen=True)
class Prefix:
    """Words starting with `text` (matched without stemming)."""

    text: str


@dataclass(frozen=True)
class Name:
    """One word of an entity's name in another script than typed, put in from the entity
    store, or a typed Russian word's nominative whose forms the stemmer splits
    (query_variants.py): matched by its own forms as written (name_forms.py), never by its
    stem. Never parsed from what a user types."""

    text: str


@dataclass(frozen=True)
class And:
    """Every `must` matches and no `must_not` does.

    `plain` holds the words typed bare, with no operator (`covid-19` included); they match
    like `must` today. Phrases, +required words, prefixes, groups and AND-joined operands
    are in `must`.
    """

    must: tuple[Node, ...]
    must_not: tuple[Node, ...] = ()
    plain: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Or:
    """At least one alternative matches."""

    any: tuple[Node, ...]


@dataclass(frozen=True)
class MatchAll:
    """The empty query: every article."""


Node = Term | Phrase | Prefix | Name | And | Or | MatchAll


class _Parser:
    """Recursive descent: OR joins AND-groups; AND, NOT and signs work inside a group.

    With a `budget`, bare words typed again are skipped and only the first `budget` distinct
    ones are kept (a paste longer than MAX_CLAUSES).
    """

    def __init__(self, tokens: list[Token], budget: int | None = None) -> None:
        self.tokens = tokens
        self.position = 0
        self.budget = budget
        self.seen: set[str] = set()
        self.bare = 0  # leaves from bare words (what a budget can trim)
        self.other = 0  # every other leaf: phrases, prefixes, signed and negated words

    def peek(self) -> str | None:
        return self.tokens[self.position].kind if self.position < len(self.tokens) else None

    def parse_or(self) -> Node | None:
        # An empty side (leading, trailing or doubled OR) is dropped with its operator.
        alternatives = []
        while True:
            node = self.parse_and()
            if node is not None:
                alternatives.append(node)
            if self.peek() != "OR":
                break
            self.position += 1
        if len(alternatives) < 2:
            return alternatives[0] if alternatives else None
        return Or(tuple(alternatives))

    def parse_and(self) -> Node | None:
        must: list[Node] = []
        must_not: list[Node] = []
        plain: list[Node] = []
        joined = negated = False  # an AND / a NOT waits for its operand
        last_plain = False  # the operand before an AND was a bare word: joined too
        while (kind := self.peek()) not in (None, "close", "OR"):
            if kind in ("AND", "NOT"):
                self.position += 1
                joined |= kind == "AND"
                negated |= kind == "NOT"
                continue
            token = self.tokens[self.position]
            parsed = self.parse_unary(bare=not (negated or token.sign))
            if parsed is None:
                continue
            node, explicit = parsed
            if joined and last_plain:
                must.append(plain.pop())
            last_plain = False
            if negated or token.sign == "-":
                must_not.append(node)
            elif token.kind == "open" and not (joined or token.sign) and _bare_words(node):
                # A group of bare words alone: its parentheses change nothing (numbered lists,
                # "(a)" in pasted questions), so its words count as bare words around it.
                plain.extend(node.plain)  # type: ignore[union-attr]
            elif explicit or joined or token.sign == "+":
                must.append(node)
            else:
                plain.append(node)
                last_plain = True
            joined = negated = False
        return _conjunction(must, must_not, plain)

    def parse_unary(self, bare: bool) -> tuple[Node, bool] | None:
        """The next operand and whether it was explicit syntax; None when it holds no word."""
        token = self.tokens[self.position]
        self.position += 1
        if token.kind == "open":
            inside = self.position
            node = self.parse_or()
            # A bare word alone in parentheses ("mass increase (hypertrophy)") is that bare
            # word: the parentheses change nothing, as for a group of bare words.
            lone = self.tokens[inside : self.position]
            self.position += 1  # the closing parenthesis: tokens are balanced
            if node is None:
                return None
            return node, not (len(lone) == 1 and _bare_word(lone[0]))
        if token.kind == "phrase":
            words = tuple(WORD.findall(token.text))
            self.other += len(words) > 0
            if not words:
                return None
            return (Phrase(words) if len(words) > 1 else Term(words[0])), True
        prefix = _prefix(token.text)
        if prefix is not None:
            self.other += 1
            return prefix, True
        # "Merkel's" is Merkel: the possessive matches nothing in another script, and the
        # stemmed word finds "Merkel's" in English all the same.
        words = tuple(WORD.findall(POSSESSIVE.sub("", token.text)))
        if not words:
            return None  # punctuation only: nothing to match, as the engines would do
        if bare and not self._keep(" ".join(words).casefold()):
            return None
        self.bare += bare
        self.other += not bare
        return (Term(words[0]) if len(words) == 1 else Phrase(words)), False

    def _keep(self, key: str) -> bool:
        if self.budget is None:
            return True
        if key in self.seen or len(self.seen) >= self.budget:
            return False
        self.seen.add(key)
        return True


def _bare_word(token: Token) -> bool:
    """A word typed with no sign, quote or star."""
    return token.kind == "word" and not token.sign and _prefix(token.text) is None


def _bare_words(node: Node) -> bool:
    """A group's tree of two or more words typed bare (no operator, quote or sign); a lone
    word in parentheses stays as it is (it may have been quoted)."""
    return isinstance(node, And) and not node.must and not node.must_not


def _prefix(text: str) -> Prefix | None:
    """`infla*` as a prefix; None when it is no prefix (a too-short one is read as a word)."""
    stem = text.rstrip("*")
    if stem == text or len(stem) < MIN_PREFIX_CHARS or not WORD.fullmatch(stem):
        return None
    return Prefix(stem.lower())


def _conjunction(must: list[Node], must_not: list[Node], plain: list[Node]) -> Node | None:
    if not (must or must_not or plain):
        return None
    if not (must or plain):
        must.append(MatchAll())  # only exclusions: everything else
    if len(must) + len(plain) == 1 and not must_not:
        return (must or plain)[0]
    return And(tuple(must), tuple(must_not), tuple(plain))


def _parse(tokens: list[Token]) -> Node | None:
    parser = _Parser(tokens)
    node = parser.parse_or()
    if parser.bare + parser.other <= MAX_CLAUSES:
        return node
    if parser.other > MAX_CLAUSES:
        raise BadQuery(f"the query has more than {MAX_CLAUSES} phrases, prefixes and signed words")
    return _Parser(tokens, budget=MAX_CLAUSES - parser.other).parse_or()


def parse_query(query: str) -> Node:
    """Parse the user's query; only an absurdly long one is refused (`BadQuery`)."""
    if len(query) > MAX_QUERY_CHARS:
        raise BadQuery(f"the query is longer than {MAX_QUERY_CHARS} characters")
    node = _parse(tokenize(query))
    if node is None:
        # Nothing but operators ("OR", "AND NOT"): then they were meant as words.
        node = _parse(tokenize(query, operators=False))
    return node or MatchAll()


def positive_words(node: Node) -> list[str]:
    """Words the user wants to see (for highlighting): exclusions left out."""
    match node:
        case Term(text) | Name(text):
            return [text]
        case Phrase(words):
            return list(words)
        case Prefix(text):
            return [text + "*"]
        case And(must, _, plain):
            return [word for child in (*must, *plain) for word in positive_words(child)]
        case Or(alternatives):
            return [word for child in alternatives for word in positive_words(child)]
    return []


def contains_phrase(node: Node) -> bool:
    """Whether matching the query checks word positions, the costly way to match."""
    match node:
        case Phrase():
            return True
        case And(must, must_not, plain):
            return any(contains_phrase(child) for child in (*must, *must_not, *plain))
        case Or(alternatives):
            return any(contains_phrase(child) for child in alternatives)
    return False
