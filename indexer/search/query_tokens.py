"""The user's query cut into tokens, forgiving what people type: the parser's first step.

Stray quotation marks and parentheses are mended here, so that nothing a person plausibly
types is refused: an unpaired `"` is dropped (its words are read as words), a missing `)` is
added at the end, and a `)` that closes nothing is dropped (a smiley, a list's "1)"). Whether
AND, OR and NOT are operators is decided here too: only in upper case, and not in a query
typed all in capitals. A passage pasted whole quotes as prose does: its quotation marks are
punctuation, not phrases. Words joined by "&" are one name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

# Word characters as the engines' tokenizers see them: letters and digits.
WORD = re.compile(r"[^\W_]+")


def word_runs(text: str, longest: int | None = None) -> list[str]:
    """Runs of consecutive words of `text` joined by one space, longest first, of at most
    `longest` words: "a b c" gives "a b c", "a b", "b c", "a", "b", "c"."""
    words = WORD.findall(text)
    top = len(words) if longest is None else min(longest, len(words))
    return [
        " ".join(words[start : start + size])
        for size in range(top, 0, -1)
        for start in range(len(words) - size + 1)
    ]


OPERATORS = frozenset({"AND", "OR", "NOT"})
# Phone keyboards turn the quote key into curly quotes ("smart punctuation"). Russian «»
# are left alone: pasted headlines use them for names («Газпром»), not for phrases.
_CURLY_QUOTES = str.maketrans(dict.fromkeys("\u201c\u201d\u201e", '"'))
# More words than this, with no operator or sign, is a passage pasted (a paragraph of an
# article, a question written out), not a search typed: the longest of CRAN's 225 questions is
# 46 words and no Lenta headline passes 11. Its quotation marks quote as prose does ('attach a
# "threshold" to the query term'): read as phrases, each would be required, and a question
# quoting one rare word found only the articles with it. A long query with an operator or a
# sign (`"Vladimir Putin" OR Kremlin ...`) is syntax written on purpose and keeps its phrases.
PASSAGE_WORDS = 30

# An ampersand between two capitalised words joins them into one name, as "AT&T" is one
# token: "Johnson & Johnson" is the company, not a search for Johnson (a prime minister, in
# every article). "oil & gas" stays two words.
_AMPERSAND = re.compile(r"(\w+)\s+&\s+(\w+)")
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
    if query.upper() != query:
        return False  # a lower-case letter
    cased = [word for word in WORD.findall(query) if word.lower() != word]
    return any(word not in OPERATORS for word in cased)


def _scan(query: str, operators: bool) -> list[Token]:
    # Quotes are paired: every character but a space starts a token, none is skipped.
    tokens: list[Token] = []
    for match in _TOKEN.finditer(query):
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
    """Close every open parenthesis at the end; drop every `)` that closes nothing."""
    kept: list[Token] = []
    depth = 0
    for token in tokens:
        if token.kind == "close" and not depth:
            continue
        depth += {"open": 1, "close": -1}.get(token.kind, 0)
        kept.append(token)
    return kept + [Token("close")] * depth


def _paired(query: str) -> str:
    """The query without its last quotation mark when one has no pair (`-"abc` is `-abc`)."""
    if query.count('"') % 2 == 0:
        return query
    last = query.rindex('"')
    glue = "" if query[last - 1 : last] in ("-", "+") else " "
    return query[:last] + glue + query[last + 1 :]


def _is_passage(query: str, tokens: list[Token]) -> bool:
    """Whether the query is a passage pasted rather than a search typed (PASSAGE_WORDS)."""
    if any(token.sign or token.kind in OPERATORS for token in tokens):
        return False
    return len(WORD.findall(query)) > PASSAGE_WORDS


def _joined_name(match: re.Match[str]) -> str:
    first, second = match.group(1), match.group(2)
    if first[:1].isupper() and second[:1].isupper():
        return f"{first}&{second}"
    return match.group()


def tokenize(query: str, operators: bool = True) -> list[Token]:
    """The query's tokens with quotes paired and parentheses balanced.

    `operators=False` reads AND, OR and NOT as words.
    """
    operators = operators and not typed_in_capitals(query)
    query = _AMPERSAND.sub(_joined_name, query.translate(_CURLY_QUOTES))
    tokens = _scan(_paired(query), operators)
    if _is_passage(query, tokens):
        tokens = _scan(query.replace('"', " "), operators)
    return _balanced(tokens)
