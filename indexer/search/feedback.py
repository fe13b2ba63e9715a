"""Pseudo-relevance feedback for long queries: words of the best first matches join the ranking.

A question typed in full names its topic in a few of the words its relevant articles use; the
articles ranked first by those words use the rest. RM3 (a relevance model from the first
pass's top articles, mixed into the query, as Anserini's Rm3 does): each article's share of
each word (its count over the article's length), weighted by the article's rank, summed;
the strongest FEEDBACK_WORDS words join the query as extra ranked words.

Both backends run it the same way: a first pass for the top FEEDBACK_DOCS articles (their
headline and text), `expansion` here picks the words, and the second pass adds them to the
query (`Plan.feedback`) as optional words that only reorder what the query matches: the
match set, its count, facets and timeline are those of the query as typed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from indexer.search.fields import STEMMED_SCRIPTS
from indexer.search.plan import Plan
from indexer.search.query_syntax import WORD, positive_words
from indexer.search.snowball import STEMMERS
from indexer.search.stop_words import is_stop_word

# Tuned on CRAN and MED (bench/relevance_sweep.py, nDCG@10, ranked words' exact form then at
# 0.5), from the classic RM3 settings (10 articles weighted by score, 10 words, half the
# weight: CRAN 0.380, MED 0.717): by rank and 20 words 0.393 / 0.714, a share of 0.4 0.391 /
# 0.717. Re-swept once ranked words were scored over one field with the lead and compounds by
# parts (--feedback-docs 3 5 7 10 15 --feedback-words 10 20 30 40 50, CRAN / MED / Lenta
# half A headline; half A keywords, 3 words, never get feedback): 10 articles and 20 words
# 0.411 / 0.735 / 0.967, 5 and 30 0.422 / 0.736 / 0.967, 5 and 40 0.422 / 0.734 / 0.966,
# 10 and 30 0.415 / 0.735 / 0.966, 3 and 30 0.420 / 0.724 / 0.966; fewer words lower on all.
FEEDBACK_DOCS = 5
FEEDBACK_WORDS = 30
# Feedback from this many ranked words on (as typed, function words included): a pasted
# question, not a few keywords. On CRAN and MED it gained on queries of 9+ words (CRAN +0.025,
# MED +0.03 nDCG@10) and nothing on 3-8 (CRAN +0.009 / 0.000, MED -0.011); from 9 on, a
# search of a few words costs no second pass. nDCG@10 CRAN/MED: 0.391/0.717 from 3 or 6 on,
# 0.389/0.719 from 9, 0.384/0.713 from 12.
FEEDBACK_MIN_WORDS = 9
# ... and up to this many: a passage longer than that carries the words its articles use
# already, and the first pass of a question several paragraphs long is weak, so feedback adds
# noise. Tuned on CISI half A (the only questions of that length; bench.relevance query_half),
# CRAN and MED, nDCG@10: no limit 0.319 / 0.422 / 0.736, 30 words 0.323 / 0.420 / 0.730, 45
# 0.325 / 0.422 / 0.732, 60 0.326 / 0.422 / 0.736 (R@100 on CISI A 0.422 -> 0.462).
FEEDBACK_MAX_WORDS = 60
# The share of the expanded query's weight the feedback words carry together (RM3's 1 - λ).
# At 5 articles and 30 words: 0.3 0.418 / 0.730, 0.4 0.422 / 0.736, 0.5 0.422 / 0.733.
FEEDBACK_SHARE = 0.4
MIN_WORD_CHARS = 3  # shorter tokens are initials, units and list markers

Feedback = tuple[tuple[str, float], ...]  # (word as written in the articles, weight)


def wants_feedback(planned: Plan) -> bool:
    """Whether the search gets a feedback pass: relevance order, and enough ranked words."""
    return (
        FEEDBACK_SHARE > 0
        and planned.request.sort == "relevance"
        and FEEDBACK_MIN_WORDS <= planned.ranked_words <= FEEDBACK_MAX_WORDS
    )


@lru_cache(maxsize=65536)
def _stem(token: str) -> str | None:
    """The stem a word is counted under; None for a word feedback leaves out."""
    if len(token) < MIN_WORD_CHARS or token.isdigit() or is_stop_word(token):
        return None
    for language, letters in STEMMED_SCRIPTS.items():
        if letters.search(token):
            return str(STEMMERS[language].stemWord(token))
    return token


def _counted(text: str) -> tuple[Counter[str], dict[str, Counter[str]]]:
    """The article's stems counted, and the forms each stem was written in."""
    stems: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for token, count in Counter(WORD.findall(text.lower())).items():
        stem = _stem(token)
        if stem is not None:
            stems[stem] += count
            forms.setdefault(stem, Counter())[token] += count
    return stems, forms


def expansion(query_words: Sequence[str], docs: Sequence[tuple[float, str]]) -> Feedback:
    """The feedback words of a query from its first pass's (score, text) pairs, best first.

    Weights are scaled so that the query's own ranked words (weight 1 each) carry
    1 - FEEDBACK_SHARE of the whole and the feedback words FEEDBACK_SHARE.
    """
    # Each article weighs by its rank (1, 1/2, 1/3, ...), not by its score: scores differ a
    # little between the engines, ranks agree, so both pick the same words.
    texts = [text for score, text in docs if score > 0 and text]
    if not texts:
        return ()
    weights = [1 / rank for rank in range(1, len(texts) + 1)]
    total = sum(weights)
    model: dict[str, float] = {}  # stem -> its share of the top articles' words
    forms: Counter[tuple[str, str]] = Counter()
    for weight, text in zip(weights, texts, strict=True):
        stems, written = _counted(text)
        length = sum(stems.values()) or 1
        for stem, count in stems.items():
            model[stem] = model.get(stem, 0.0) + weight / total * count / length
        for stem, counts in written.items():
            forms.update({(stem, form): n for form, n in counts.items()})
    best = sorted(model.items(), key=lambda item: -item[1])[:FEEDBACK_WORDS]
    if not best:
        return ()
    mass = sum(weight for _, weight in best)
    own = sum(1 for word in query_words if not is_stop_word(word)) or len(query_words)
    scale = own * FEEDBACK_SHARE / (1 - FEEDBACK_SHARE) / mass
    usual: dict[str, str] = {}
    for stem, form in sorted(forms, key=lambda key: -forms[key]):
        usual.setdefault(stem, form)  # the form the articles use most
    return tuple((usual[stem], weight * scale) for stem, weight in best)


def with_feedback(planned: Plan, docs: Sequence[tuple[float, str]]) -> Plan:
    """The plan with the feedback words of its first pass's top articles."""
    words = [word for word in positive_words(planned.query) if not word.endswith("*")]
    return replace(planned, feedback=expansion(words, docs))


def feedback_text(title: str | None, body: str | None) -> str:
    """What feedback reads of an article: its real headline (if any) and its text."""
    return f"{title}\n{body or ''}" if title else body or ""


def record_text(record: dict[str, Any]) -> str:
    """What feedback reads of a stored article record (a made title is the body's start)."""
    title = None if record.get("title_from_body") else record.get("title")
    return feedback_text(title, record.get("body"))
