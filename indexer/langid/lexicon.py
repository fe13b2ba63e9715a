"""Word-frequency evidence: "water parks" is English because both are common English words.

Character n-gram detectors see two short words as a handful of n-grams; a word
list knows whole words. Frequencies come from wordfreq's "small" lists, which
ship inside the package (see wordtable.py), and answer for accentless
spellings too ("telefono" and "telfono" for "teléfono", see folding.py).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from indexer.langid import tablecache
from indexer.langid.wordvectors import WordVectors

# wordfreq's list code -> the languages that list speaks for. Serbo-Croatian is
# one list for Croatian, Bosnian and Latin-script Serbian.
WORDFREQ_LISTS: dict[str, tuple[str, ...]] = {
    **{code: (code,) for code in (
        "ca cs da de en es fi fr hu id is it lt lv ms nb nl pl pt ro sk sl sv tr vi "
        "bg mk ru uk ar fa ur hi bn"
    ).split()},
    "sh": ("hr", "bs", "sr"),
    "fil": ("tl",),
}  # fmt: skip
# Lists written in one script for a language written in two. The
# Serbo-Croatian list is Latin; Cyrillic Serbian is looked up in it through
# the standard one-to-one transliteration, so that Serbian is not left without
# word evidence beside Macedonian, whose list shares much of its vocabulary.
LIST_SCRIPTS = {"sh": "LATIN"}
TRANSLITERATIONS = {
    ("sh", "CYRILLIC"): str.maketrans(
        {
            **dict(zip("абвгдежзијклмнопрстуфхцчш", "abvgdežzijklmnoprstufhcčš", strict=True)),
            "ђ": "đ", "ћ": "ć", "љ": "lj", "њ": "nj", "џ": "dž",
        }
    )
}  # fmt: skip
# Words looked up per text; past this a text has said all a word list can say.
MAX_WORDS = 60

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'"})


def words(text: str) -> list[str]:
    """The lower-cased words of `text` (letters, inner apostrophes), at most MAX_WORDS."""
    return _WORD.findall(text.lower().translate(_APOSTROPHES))[:MAX_WORDS]


class Lexicon:
    """Word frequencies of many languages in one table (word x list), loaded on first use."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        # The table is built once and kept in cache_dir (None: built in every process).
        self._cache_dir = cache_dir
        self._vectors: WordVectors | None = None
        self._lock = threading.Lock()
        self._codes = sorted(WORDFREQ_LISTS)
        self._column = {code: i for i, code in enumerate(self._codes)}
        self._list_of = {
            language: code for code, languages in WORDFREQ_LISTS.items() for language in languages
        }
        self.languages = frozenset(self._list_of)

    def _loaded(self) -> WordVectors:
        if self._vectors is None:
            with self._lock:
                if self._vectors is None:
                    table = tablecache.load_or_build(self._codes, self._cache_dir)
                    self._vectors = WordVectors(table)
        return self._vectors

    def evidence(self, tokens: list[str], candidates: Iterable[str], script: str) -> Evidence:
        """Per candidate with a word list: the words' log-likelihood relative to all lists.

        Each word adds log f_language(word) - log mean_lists f(word): a word
        common in one list and rare elsewhere scores high for that language; a
        word no list knows scores 0 everywhere, so languages without a list
        (Kazakh, Mongolian) are neither helped nor hurt.
        """
        languages = [c for c in candidates if c in self._list_of]
        if not languages or not tokens:
            return Evidence({}, {})
        vectors = self._loaded()
        tokens = _split_elisions(tokens, vectors)
        scores: dict[str, float] = {}
        coverage: dict[str, float] = {}
        by_table: dict[tuple[str, ...], list[str]] = {}
        for language in languages:
            code = self._list_of[language]
            if LIST_SCRIPTS.get(code, script) == script:
                by_table.setdefault(tuple(tokens), []).append(language)
                continue
            table_of = TRANSLITERATIONS.get((code, script))
            if table_of is not None:
                spelled = tuple(token.translate(table_of) for token in tokens)
                by_table.setdefault(spelled, []).append(language)
        for spelled, wanted in by_table.items():
            self._score(vectors, list(spelled), wanted, scores, coverage)
        return Evidence(scores, coverage)

    def _score(
        self,
        vectors: WordVectors,
        tokens: list[str],
        languages: list[str],
        scores: dict[str, float],
        coverage: dict[str, float],
    ) -> None:
        block, known_block = vectors.block(tokens)
        if not len(block):
            scores.update(dict.fromkeys(languages, 0.0))
            coverage.update(dict.fromkeys(languages, 0.0))
            return
        totals = block.sum(axis=0, dtype=np.float64).tolist()
        known = (known_block.sum(axis=0) / len(tokens)).tolist()
        for language in languages:
            column = self._column[self._list_of[language]]
            scores[language] = totals[column]
            coverage[language] = known[column]


def _split_elisions(tokens: list[str], vectors: WordVectors) -> list[str]:
    """Unknown words with an apostrophe as their parts: "l'école" as "l" and "école".

    wordfreq splits elisions the same way, so French, Italian and Catalan
    lines keep their word evidence; "don't" and "aujourd'hui" stay whole.
    """
    elided = [token for token in tokens if "'" in token]
    if not elided:
        return tokens
    known = {token for token in elided if vectors.knows(token)}
    split: list[str] = []
    for token in tokens:
        if "'" in token and token not in known:
            split.extend(part for part in token.split("'") if part)
        else:
            split.append(token)
    return split


@dataclass(frozen=True)
class Evidence:
    """Word-list scores (nats) and the share of words each list knows, per language."""

    scores: dict[str, float]
    coverage: dict[str, float]
