"""The user's query language, parsed once into a small tree both backends compile.

Syntax: words (all must match), "exact phrases", -exclusion, OR between alternatives,
prefix* (at least two characters before the star) and (grouping). AND is accepted and
means the default. Anything else is a `BadQuery` naming what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.errors import BadQuery

# A pasted paragraph is a real search now that its words rank (the CISI test collection's
# longest question: 2,100 characters, 334 words); a 10 KB paste is a mistake, not a search.
MAX_QUERY_CHARS = 4000
MAX_CLAUSES = 400  # bounds the work one query can ask of the engine
MIN_PREFIX_CHARS = 2  # "a*" would expand to a large share of the dictionary

# Word characters as the engines' tokenizers see them: letters and digits.
WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r'\s*(?:(?P<quote>"[^"]*"?)|(?P<paren>[()])|(?P<word>[^\s()"]+))')


@dataclass(frozen=True)
class Term:
    """A word or a dash-joined compound; matched after analysis (case, stemming)."""

    text: str


@dataclass(frozen=True)
class Phrase:
    """Words that must appear next to each other, in order."""

    words: tuple[str, ...]


@dataclass(frozen=True)
class Prefix:
    """Words starting with `text` (matched without stemming)."""

    text: str


@dataclass(frozen=True)
class And:
    """Every `must` matches and no `must_not` does; `plain` holds the words typed bare.

    Bare words (no quotes, operator or group) are required like `must` when there are one or
    two of them; from three on they rank instead of filter (embedded_query.py, elastic_query.py).
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


Node = Term | Phrase | Prefix | And | Or | MatchAll


def _tokenize(query: str) -> list[str]:
    tokens: list[str] = []
    position = 0
    while position < len(query):
        match = _TOKEN.match(query, position)
        if match is None or match.end() == position:
            break
        position = match.end()
        token = match.group("quote") or match.group("paren") or match.group("word")
        if token:
            tokens.append(token)
    return tokens


class _Parser:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.position = 0
        self.clauses = 0
        # Whether the group parsed last held only bare words (no operator, quote or sign):
        # its parentheses then change nothing, and its words count as bare words around it.
        self.bare_group = False

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def parse_or(self) -> Node:
        alternatives = [self.parse_and()]
        while self.peek() == "OR":
            self.take()
            if self.peek() in (None, ")", "OR"):
                raise BadQuery("OR needs something on both sides")
            alternatives.append(self.parse_and())
        if len(alternatives) > 1:
            self.bare_group = False
            return Or(tuple(alternatives))
        return alternatives[0]

    def parse_and(self) -> Node:
        must: list[Node] = []
        must_not: list[Node] = []
        plain: list[Node] = []
        joined = False  # the previous operand and this one are joined by AND
        joined_any = False
        while (token := self.peek()) not in (None, ")", "OR"):
            if token == "AND":
                self.take()
                joined = joined_any = True
                continue
            negate = token.startswith("-")
            if token == "-":
                # `-"phrase"` and `-(group)` arrive as two tokens.
                self.take()
                if self.peek() is None or not self.peek().startswith(('"', "(")):  # type: ignore[union-attr]
                    continue
            elif negate:
                self.tokens[self.position] = token[1:]
            bare = not negate and not joined and (token == "(" or _is_bare(token))
            joined = False
            node = self.parse_unary()
            if node is None:
                continue
            if self.peek() == "AND":
                bare = False
            if negate:
                must_not.append(node)
            elif bare and token == "(" and self.bare_group:
                plain.extend(node.plain if isinstance(node, And) else (node,))
            elif bare and isinstance(node, Term | Phrase) and token != "(":
                plain.append(node)  # a word, or a dash-joined compound typed as one
            else:
                must.append(node)
        self.bare_group = not must and not must_not and not joined_any
        if not must and not must_not and not plain:
            return MatchAll()  # only punctuation: the engines would ignore it too
        if not must and not plain:
            must.append(MatchAll())
        if len(must) + len(plain) == 1 and not must_not:
            return (must or plain)[0]
        return And(tuple(must), tuple(must_not), tuple(plain))

    def parse_unary(self) -> Node | None:
        token = self.take()
        if token == "(":
            node = self.parse_or()
            if self.peek() != ")":
                raise BadQuery("a parenthesis is not closed")
            self.take()
            return node
        self.clauses += 1
        if self.clauses > MAX_CLAUSES:
            raise BadQuery(f"the query has more than {MAX_CLAUSES} terms")
        if token.startswith('"'):
            if len(token) < 2 or not token.endswith('"'):
                raise BadQuery("a quotation mark is not closed")
            words = tuple(WORD.findall(token[1:-1]))
            if not words:
                return None
            return Phrase(words) if len(words) > 1 else Term(words[0])
        if token.endswith("*"):
            stem = "".join(WORD.findall(token[:-1]))
            if len(stem) < MIN_PREFIX_CHARS or not token[:-1].replace("*", "").isalnum():
                raise BadQuery(f"a prefix needs {MIN_PREFIX_CHARS}+ letters before '*': {token}")
            return Prefix(stem.lower())
        words = tuple(WORD.findall(token))
        if not words:
            return None  # punctuation only: nothing to match, as the engines would do
        return Term(words[0]) if len(words) == 1 else Phrase(words)


def _is_bare(token: str) -> bool:
    """A word typed with no operator: not a phrase, group, prefix or +required word."""
    return not token.startswith(('"', "(", "+")) and not token.endswith("*")


def parse_query(query: str) -> Node:
    """Parse the user's query; raise `BadQuery` with a reason a person can act on."""
    if len(query) > MAX_QUERY_CHARS:
        raise BadQuery(f"the query is longer than {MAX_QUERY_CHARS} characters")
    tokens = _tokenize(query)
    if not tokens:
        return MatchAll()
    parser = _Parser(tokens)
    if tokens[0] == "OR":
        raise BadQuery("OR needs something on both sides")
    node = parser.parse_or()
    if parser.peek() is not None:
        raise BadQuery("a closing parenthesis has no opening one")
    return node


def positive_words(node: Node) -> list[str]:
    """Words the user wants to see (for highlighting): exclusions left out."""
    match node:
        case Term(text):
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
