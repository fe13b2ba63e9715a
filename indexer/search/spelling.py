"""Did you mean: which typed words look misspelled, and which words of the index to offer.

Pure rules that both backends share. A backend only counts: for each word it says how many
articles hold the word as typed, how many hold its stem, and which words of its own
vocabulary lie within a few edits (with their article counts). These rules then decide, the
same way for the embedded index and Elasticsearch, what the page offers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from indexer.errors import BadQuery
from indexer.search.base import Suggestion
from indexer.search.query_syntax import WORD, And, Node, Or, Phrase, Term, parse_query
from indexer.search.snowball import language_of, stem

# Words shorter than this are never checked (two letters have dozens of neighbours one edit
# away); Rules.min_chars may ask for more.
MIN_WORD_CHARS = 3
MIN_SUGGESTED_ARTICLES = 2  # a word the index holds once may be a typo itself
MAX_SUGGESTIONS = 3  # queries offered: the best, then up to two other readings


@dataclass(frozen=True)
class Rules:
    """When a word is doubted and what may replace it.

    Chosen by `python -m bench.suggest_bench --grid` on its tuning half (Reuters titles of
    the even-numbered files, Lenta headlines of 2013-2014) and reported on the other half;
    docs/benchmarks.md has the figures.
    """

    # A word (or its stem) in this many articles was meant as typed.
    keep_articles: int = 3
    # Shorter words are left alone: tickers and initialisms sit one edit from common words
    # (on the tuning half, 3-letter words made a third of the false alarms).
    min_chars: int = 4
    # A typed word the index holds in a few articles is replaced only by a word this many
    # times more common: such a word is nearly always a rare name meant as typed (with 20,
    # 6.8% false alarms against 1.8%, and fewer typos fixed: 75.1% against 77.6%).
    more_common: int = 1000
    # A candidate scores log(articles) - edit_cost * edits: one more edit must be paid for by
    # e^edit_cost (~3000) times the articles, so "payout" beats "about" for "apyout" (4 fixed
    # 1 point fewer typos; 12 changed nothing).
    edit_cost: float = 8.0


RULES = Rules()
KEEP_ARTICLES = RULES.keep_articles


@dataclass(frozen=True)
class WordCounts:
    """What the index says about one typed (lower-case) word."""

    articles: int  # articles holding the word as typed, in the title or the body
    stem_articles: int  # articles holding its stem (the stemmed field of its script)
    nearby: dict[str, int]  # index words within max_edits() of it -> articles holding each


def max_edits(word: str) -> int:
    """Edits allowed between a word and a suggestion: Elasticsearch's fuzziness AUTO."""
    return 1 if len(word) <= 5 else 2


def _positive(node: Node) -> list[str]:
    match node:
        case Term(text):
            return WORD.findall(text)
        case Phrase(words):
            return list(words)
        case And(must, _, plain):
            return [word for child in (*must, *plain) for word in _positive(child)]
        case Or(alternatives):
            return [word for child in alternatives for word in _positive(child)]
    return []  # prefixes and the empty query: nothing to spell


def checked_words(query: str) -> list[str]:
    """The query's words worth checking, lower-case, each once: wanted words of letters only."""
    try:
        words = _positive(parse_query(query))
    except BadQuery:
        return []
    seen: dict[str, None] = {}
    for word in words:
        lowered = word.lower()
        if len(lowered) >= MIN_WORD_CHARS and lowered.isalpha():
            seen.setdefault(lowered, None)
    return list(seen)


def corrections(word: str, counts: WordCounts, rules: Rules = RULES) -> list[str]:
    """Words to offer instead of `word`, best first; none when it looks meant as typed."""
    if max(counts.articles, counts.stem_articles) >= rules.keep_articles:
        return []
    if len(word) < rules.min_chars:
        return []
    floor = max(MIN_SUGGESTED_ARTICLES, rules.more_common * counts.articles)
    own_stem = stem(word)
    scored = []
    for candidate, articles in counts.nearby.items():
        if candidate == word or articles < floor or not candidate.isalpha():
            continue
        if language_of(candidate) != language_of(word) or stem(candidate) == own_stem:
            continue  # another script, or another form of the same word: not a correction
        edits = OSA.distance(word, candidate, score_cutoff=max_edits(word))
        if edits > max_edits(word):
            continue
        scored.append((math.log(articles) - rules.edit_cost * edits, candidate))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    return [candidate for _, candidate in scored]


def _cased(typed: str, suggested: str) -> str:
    """`suggested` in the case the user typed: UPPER, Title or lower."""
    if typed.isupper() and len(typed) > 1:
        return suggested.upper()
    if typed[:1].isupper():
        return suggested[:1].upper() + suggested[1:]
    return suggested


def rewrite(query: str, replacements: dict[str, str]) -> str:
    """The query as typed with each word in `replacements` (lower-case keys) replaced."""

    def replace(match: re.Match[str]) -> str:
        typed = match.group()
        if query[match.end() : match.end() + 1] == "*":
            return typed  # a prefix stays as typed
        suggested = replacements.get(typed.lower())
        return _cased(typed, suggested) if suggested else typed

    return WORD.sub(replace, query)


def suggestions(
    query: str, counted: dict[str, WordCounts], rules: Rules = RULES
) -> list[Suggestion]:
    """Corrected queries, best first: every doubtful word at its best, then other readings."""
    options = {word: corrections(word, counts, rules) for word, counts in counted.items()}
    options = {word: found for word, found in options.items() if found}
    if not options:
        return []
    best = {word: found[0] for word, found in options.items()}
    readings = [best]
    for word, found in options.items():
        for other in found[1:]:
            readings.append({**best, word: other})
    out: list[Suggestion] = []
    for reading in readings:
        text = rewrite(query, reading)
        if text != query and all(text != s.query for s in out):
            out.append(Suggestion(text, tuple(sorted(reading.items()))))
        if len(out) == MAX_SUGGESTIONS:
            break
    return out
