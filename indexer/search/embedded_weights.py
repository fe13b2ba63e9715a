"""A verbose question's word weights from the embedded index's term dictionary (word_weights.py)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import tantivy

from indexer.search import embedded_schema
from indexer.search.fields import RANKED_FIELD, stemmed_name
from indexer.search.plan import Plan
from indexer.search.snowball import language_of
from indexer.search.word_weights import weighed_words, with_weights


@lru_cache(maxsize=4)
def _analyzer(language: str) -> tantivy.TextAnalyzer:
    """The analysis of the ranked field's stemmed sub-field in `language`."""
    max_token_bytes, snowball = embedded_schema.ANALYZERS[f"stem_{language}"]
    return embedded_schema.text_analyzer(snowball, max_token_bytes)


def weighed(planned: Plan, open_searcher: Callable[[], tantivy.Searcher]) -> Plan:
    """The plan with its verbose question's word weights (unchanged for any other search);
    a searcher is opened only for a verbose question (the native path has none open)."""
    words = weighed_words(planned)
    if not words:
        return planned
    searcher = open_searcher()
    doc_freqs = {}
    for word in words:
        language = language_of(word)
        tokens = _analyzer(language).analyze(word)
        field = stemmed_name(RANKED_FIELD, language)
        doc_freqs[word] = searcher.doc_freq(field, tokens[0]) if tokens else 0
    return with_weights(planned, doc_freqs, searcher.num_docs)
