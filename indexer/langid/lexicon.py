"""Word-frequency evidence: "water parks" is English because both are common English words.

Character n-gram detectors see two short words as a handful of n-grams; a word
list knows whole words. Frequencies come from wordfreq's "small" lists, which
ship inside the package.
"""

from __future__ import annotations

import math
import re
import threading
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import wordfreq

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
# Words rarer than this are left out: measured on the langid word pairs, going
# from 1 to 3 per million costs 0.2 points and halves the index (~120 MB less).
MIN_FREQUENCY = 3e-6
# Frequency given to a word a list lacks: a little below MIN_FREQUENCY.
OOV_FREQUENCY = 1e-7
# Words looked up per text; past this a text has said all a word list can say.
MAX_WORDS = 60

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'"})
_LOG_OOV = math.log(OOV_FREQUENCY)
# Between OOV and the rarest kept word (float16 rounds OOV slightly).
_KNOWN_ABOVE = _LOG_OOV + 1.0
# wordfreq stores words in buckets of one centibel (a hundredth of a decade).
_MAX_BUCKET = int(-100 * math.log10(MIN_FREQUENCY))


def words(text: str) -> list[str]:
    """The lower-cased words of `text` (letters, inner apostrophes), at most MAX_WORDS."""
    return _WORD.findall(text.lower().translate(_APOSTROPHES))[:MAX_WORDS]


class Lexicon:
    """Word frequencies of many languages in one matrix (word x list), loaded on first use."""

    def __init__(self) -> None:
        self._table: _Table | None = None
        self._lock = threading.Lock()
        self._codes = sorted(WORDFREQ_LISTS)
        self._column = {code: i for i, code in enumerate(self._codes)}
        self._list_of = {
            language: code for code, languages in WORDFREQ_LISTS.items() for language in languages
        }
        self.languages = frozenset(self._list_of)

    def _loaded(self) -> _Table:
        if self._table is None:
            with self._lock:
                if self._table is None:
                    self._table = _Table.build(self._codes)
        return self._table

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
        table = self._loaded()
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
            self._score(table, list(spelled), wanted, scores, coverage)
        return Evidence(scores, coverage)

    def _score(
        self,
        table: _Table,
        tokens: list[str],
        languages: list[str],
        scores: dict[str, float],
        coverage: dict[str, float],
    ) -> None:
        rows = [row for row in map(table.rows.get, tokens) if row is not None]
        if not rows:
            scores.update(dict.fromkeys(languages, 0.0))
            coverage.update(dict.fromkeys(languages, 0.0))
            return
        block = table.log_freqs[rows]
        totals = (block.sum(axis=0, dtype=np.float64) - float(table.reference[rows].sum())).tolist()
        known = ((block > _KNOWN_ABOVE).sum(axis=0) / len(tokens)).tolist()
        for language in languages:
            column = self._column[self._list_of[language]]
            scores[language] = totals[column]
            coverage[language] = known[column]


@dataclass(frozen=True)
class Evidence:
    """Word-list scores (nats) and the share of words each list knows, per language."""

    scores: dict[str, float]
    coverage: dict[str, float]


@dataclass(frozen=True)
class _Table:
    """log frequency per (word, list), OOV where a list lacks the word; mean per word."""

    rows: dict[str, int]
    log_freqs: np.ndarray
    reference: np.ndarray

    @classmethod
    def build(cls, codes: list[str]) -> _Table:
        """Read every list's words above MIN_FREQUENCY from wordfreq's packed files."""
        available = wordfreq.available_languages("small")
        rows: dict[str, int] = {}
        columns: list[tuple[array[int], array[float]]] = []
        for code in codes:
            row_numbers, log_freqs = array("q"), array("f")
            buckets = wordfreq.read_cBpack(str(available[code]))
            for centibels, bucket in enumerate(buckets[: _MAX_BUCKET + 1]):
                log_freq = -centibels / 100 * math.log(10)
                for word in bucket:
                    row_numbers.append(rows.setdefault(word, len(rows)))
                    log_freqs.append(log_freq)
            columns.append((row_numbers, log_freqs))
        # float16 keeps log frequencies to ~0.01 nats and halves the memory.
        table = np.full((len(rows), len(codes)), _LOG_OOV, dtype=np.float16)
        for column, (row_numbers, log_freqs) in enumerate(columns):
            table[np.frombuffer(row_numbers, dtype=np.int64), column] = np.frombuffer(
                log_freqs, dtype=np.float32
            )
        reference = np.log(np.exp(table.astype(np.float32)).mean(axis=1))
        return cls(rows, table, reference)
