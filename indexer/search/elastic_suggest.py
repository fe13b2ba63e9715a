"""Did you mean on Elasticsearch: one request counting the typed words and their neighbours.

The term suggester (Lucene's DirectSpellChecker) finds the index words a few edits from
each typed word, on the title and the body; a `filters` aggregation counts the articles
holding each word and its stem. spelling.py then decides as it does for the embedded index.
"""

from __future__ import annotations

from typing import Any

from indexer.search.letters import fold_letters
from indexer.search.snowball import language_of
from indexer.search.spelling import (
    KEEP_ARTICLES,
    MIN_SUGGESTED_ARTICLES,
    RULES,
    WordCounts,
)

SUGGEST_FIELDS = ("title", "body")  # the plain (unstemmed) words people type
# Neighbours returned per word and field. spelling.py ranks them by its own score, so the
# suggester must return more than the one it would pick; more inspections find rarer ones.
CANDIDATES = 25
MAX_INSPECTIONS = 10
COUNTS = "counts"


def _term_suggester(field: str, words: list[str]) -> dict[str, Any]:
    return {
        "text": " ".join(words),
        "term": {
            "field": field,
            "suggest_mode": "always",  # spelling.py decides whether a word needs a correction
            "size": CANDIDATES,
            "max_edits": 2,
            "prefix_length": 0,  # a typo in the first letter is a typo too
            "min_word_length": RULES.min_chars,
            # Lucene keeps a neighbour held by more articles than this: MIN_SUGGESTED_ARTICLES+.
            "min_doc_freq": MIN_SUGGESTED_ARTICLES - 1,
            # A word in more articles than this is kept as typed: no need to look around it.
            "max_term_freq": float(KEEP_ARTICLES),
            "max_inspections": MAX_INSPECTIONS,
            "accuracy": 0.1,  # spelling.py bounds the edits
            "string_distance": "damerau_levenshtein",
        },
    }


def suggest_body(words: list[str]) -> dict[str, Any]:
    """The request body: neighbours of every word, and article counts of each word and stem."""
    filters: dict[str, Any] = {}
    for i, word in enumerate(words):
        for field in SUGGEST_FIELDS:
            filters[f"{i}:{field}"] = {"term": {field: fold_letters(word)}}
            stemmed = f"{field}.{language_of(word)}"
            filters[f"{i}:{field}:stem"] = {"match": {stemmed: word}}
    return {
        "size": 0,
        "track_total_hits": False,
        "suggest": {field: _term_suggester(field, words) for field in SUGGEST_FIELDS},
        "aggs": {COUNTS: {"filters": {"filters": filters}}},
    }


def read_counts(words: list[str], answer: dict[str, Any]) -> dict[str, WordCounts]:
    """Each word's counts from the answer to suggest_body(words)."""
    nearby: dict[str, dict[str, int]] = {word: {} for word in words}
    for field in SUGGEST_FIELDS:
        for entry in answer.get("suggest", {}).get(field, ()):
            found = nearby.get(entry["text"])
            if found is None:
                continue  # a token the analyzer made differently from our word split
            for option in entry["options"]:
                text, freq = option["text"], int(option["freq"])
                found[text] = max(found.get(text, 0), freq)
    buckets = answer["aggregations"][COUNTS]["buckets"]
    counted = {}
    for i, word in enumerate(words):
        counted[word] = WordCounts(
            articles=max(int(buckets[f"{i}:{field}"]["doc_count"]) for field in SUGGEST_FIELDS),
            stem_articles=max(
                int(buckets[f"{i}:{field}:stem"]["doc_count"]) for field in SUGGEST_FIELDS
            ),
            nearby=nearby[word],
        )
    return counted
