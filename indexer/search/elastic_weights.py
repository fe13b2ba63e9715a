"""A verbose question's word weights from Elasticsearch's term statistics (word_weights.py).

Pure functions: the `_mtermvectors` request (each word an artificial document of the ranked
field, analysed by its own stemmed sub-field) and the reading of its answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from indexer.search.fields import RANKED_FIELD
from indexer.search.snowball import language_of


def ranked_sub_field(word: str) -> str:
    """The stemmed sub-field of the ranked field a word ranks in (as fields.search_fields)."""
    return f"{RANKED_FIELD}.{language_of(word)}"


def doc_freq_docs(words: Sequence[str]) -> list[dict[str, Any]]:
    """The `docs` of an `_mtermvectors` request for each word's document frequency."""
    return [
        {
            "doc": {RANKED_FIELD: word},
            "fields": [ranked_sub_field(word)],
            "term_statistics": True,
            "field_statistics": True,
            "positions": False,
            "offsets": False,
        }
        for word in words
    ]


def read_doc_freqs(answer: dict[str, Any], words: Sequence[str]) -> tuple[dict[str, int], int]:
    """Each word's document frequency and the number of articles with ranked text, from the
    `_mtermvectors` answer to `doc_freq_docs(words)` (a word the index lacks: 0)."""
    doc_freqs: dict[str, int] = {}
    num_docs = 0
    for word, found in zip(words, answer.get("docs", []), strict=False):
        vector = found.get("term_vectors", {}).get(ranked_sub_field(word), {})
        num_docs = max(num_docs, int(vector.get("field_statistics", {}).get("doc_count", 0)))
        terms = vector.get("terms", {})
        doc_freqs[word] = max((int(t.get("doc_freq", 0)) for t in terms.values()), default=0)
    return doc_freqs, num_docs
