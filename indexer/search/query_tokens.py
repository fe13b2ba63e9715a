"""The user's query cut into tokens, forgiving what people type: the parser's first step.

Stray quotation marks and parentheses are mended here, so that nothing a person plausibly
types is refused: an unpaired `"` is dropped (its words are read as words), a missing `)`
is added at the end and a missing `(` at the start. Whether AND, OR and NOT are operators is
decided here too: only in upper case, and not in a query typed all in capitals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

# Word characters as the engines' tokenizers see them: letters and digits.
WORD = re.compile(r"[^\W_]+")
OPERATORS = frozenset({"AND", "OR", "NOT"})

# A sign counts only written right before what it applies to (`-word`, `-"a b"`, `-(a b)`); a
# dash on its own ("oil - gas") is punctuation.
_TOKEN = re.compile(
    r'(?P<sign>[-+]?)(?:"(?P<phrase>[^"]*)"|(?P<open>\()|(?P<close>\))|(?P<word>[^\s()"]+))'
)

Kind = Literal["word", "phrase", "open", "close", "AND", "OR", "NOT"]


@dataclass(frozen=True)
class Token:
    """One piece of the query; `sign` is the + or - typed right before it."""

    kind: Kind
    text: str = ""
    sign: str = ""


def typed_in_capitals(query: str) -> bool:
    """Whether the query is all capitals (a headline, wire copy): AND/OR/NOT are words then.

    A query whose only capitals are operators ("2024 OR 2025") is not: nothing else says
    the caps lock was on.
    """
    if any(char.islower() for char in query):
        return False
    cased = [word for word in WORD.findall(query) if word.lower() != word]
    return any(word not in OPERATORS for word in cased)


def _scan(query: str, operators: bool) -> list[Token]:
    tokens: list[Token] = []
    position = 0
    while position < len(query):
        if query[position].isspace():
            position += 1
            continue
        match = _TOKEN.match(query, position)
        if match is None:
            position += 1  # not reached: every other character starts a token, quotes are paired
            continue
        position = match.end()
        sign = match.group("sign")
        if match.group("phrase") is not None:
            tokens.append(Token("phrase", match.group("phrase"), sign))
        elif match.group("open"):
            tokens.append(Token("open", sign=sign))
        elif match.group("close"):
            tokens.append(Token("close"))
        else:
            word = match.group("word")
            if operators and not sign and word in OPERATORS:
                tokens.append(Token(word))  # type: ignore[arg-type]
            else:
                tokens.append(Token("word", word.lstrip("+-"), sign))
    return tokens


def _balanced(tokens: list[Token]) -> list[Token]:
    """Close every open parenthesis at the end and open every stray `)` at the start."""
    depth = stray = 0
    for token in tokens:
        if token.kind == "open":
            depth += 1
        elif token.kind == "close":
            if depth:
                depth -= 1
            else:
                stray += 1
    return [Token("open")] * stray + tokens + [Token("close")] * depth


def _paired(query: str) -> str:
    """The query without its last quotation mark when one has no pair (`-"abc` is `-abc`)."""
    if query.count('"') % 2 == 0:
        return query
    last = query.rindex('"')
    glue = "" if query[last - 1 : last] in ("-", "+") else " "
    return query[:last] + glue + query[last + 1 :]


def tokenize(query: str, operators: bool = True) -> list[Token]:
    """The query's tokens with quotes paired and parentheses balanced.

    `operators=False` reads AND, OR and NOT as words.
    """
    operators = operators and not typed_in_capitals(query)
    return _balanced(_scan(_paired(query), operators))
