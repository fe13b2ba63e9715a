"""The embedded index's own words, read from its term dictionary, for spelling suggestions.

tantivy keeps every term with its document frequency; walking the title and body
dictionaries once per commit gives the words a suggestion may use. Candidates within a few
edits of a typed word come from rapidfuzz over the words of the same script and a near
length, a few milliseconds at a hundred thousand words.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import tantivy
from rapidfuzz import process
from rapidfuzz.distance import OSA

from indexer.search import embedded_schema
from indexer.search.fields import stemmed_name
from indexer.search.letters import fold_letters
from indexer.search.snowball import language_of
from indexer.search.spelling import (
    KEEP_ARTICLES,
    MIN_SUGGESTED_ARTICLES,
    WordCounts,
    max_edits,
)

VOCABULARY_FIELDS = ("title", "body")  # the plain (unstemmed) words people type
COMMIT_FILE = "meta.json"  # rewritten by tantivy at every commit: the vocabulary is stale
_SNOWBALL = {"en": "english", "ru": "russian"}


class Vocabulary:
    """Words of the index (letters only) held by enough articles to be suggested."""

    def __init__(self, searcher: tantivy.Searcher) -> None:
        self.articles: dict[str, int] = {}
        for field in VOCABULARY_FIELDS:
            for term, count in searcher.terms_with_prefix(field, ""):
                if count >= MIN_SUGGESTED_ARTICLES and term.isalpha():
                    self.articles[term] = max(self.articles.get(term, 0), count)
        # Words by (script, length): a typed word is compared only with its near neighbours.
        self._buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in self.articles:
            self._buckets[(language_of(word), len(word))].append(word)

    def __len__(self) -> int:
        return len(self.articles)

    def nearby(self, word: str) -> dict[str, int]:
        """Words within max_edits(word) of `word`, with the articles holding each."""
        edits = max_edits(word)
        script = language_of(word)
        found: dict[str, int] = {}
        for length in range(len(word) - edits, len(word) + edits + 1):
            choices = self._buckets.get((script, length))
            if not choices:
                continue
            for candidate, _, _ in process.extract(
                word, choices, scorer=OSA.distance, score_cutoff=edits, limit=None
            ):
                found[candidate] = self.articles[candidate]
        return found


class SpellingCounts:
    """Counts for spelling suggestions over the index at `path`, its vocabulary kept per commit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp: tuple[int, int] | None = None
        self._vocabulary: Vocabulary | None = None
        self._stemmers = {
            language: embedded_schema.text_analyzer(snowball)
            for language, snowball in _SNOWBALL.items()
        }

    def vocabulary(self, searcher: tantivy.Searcher) -> Vocabulary:
        """The vocabulary of the latest commit, read again only after a commit."""
        try:
            meta = (self.path / COMMIT_FILE).stat()
            stamp: tuple[int, int] | None = (meta.st_mtime_ns, meta.st_size)
        except OSError:
            stamp = None
        if self._vocabulary is None or stamp != self._stamp:
            self._vocabulary = Vocabulary(searcher)
            self._stamp = stamp
        return self._vocabulary

    def count(
        self, searcher: tantivy.Searcher, words: list[str], keep: int = KEEP_ARTICLES
    ) -> dict[str, WordCounts]:
        """What the index holds of each lower-case word, its stem and, for a word (and stem)
        in fewer than `keep` articles, its near spellings."""
        counted = {}
        for word in words:
            language = language_of(word)
            stems = self._stemmers[language].analyze(word)
            stem_articles = 0
            if stems:
                stem_articles = max(
                    searcher.doc_freq(stemmed_name(field, language), stems[0])
                    for field in VOCABULARY_FIELDS
                )
            written = fold_letters(word)  # as the index holds it
            articles = max(searcher.doc_freq(field, written) for field in VOCABULARY_FIELDS)
            nearby = {}
            if max(articles, stem_articles) < keep:  # a word kept as typed needs no neighbours
                nearby = self.vocabulary(searcher).nearby(written)
            counted[word] = WordCounts(articles, stem_articles, nearby)
        return counted
