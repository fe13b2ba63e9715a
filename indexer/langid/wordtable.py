"""Word frequencies of many lists in one compact table, read from wordfreq's packed files.

A dense word x list matrix of 1.6 million words and 36 lists takes 115 MB and
a dict of the words as many again; most of its cells only say "not in this
list". Here each word is a 64-bit hash in a sorted array, and only the lists
that know it store a (list, log frequency) entry: under 40 MB for the same
words. The hash is a BLAKE2b digest (not Python's per-process str hash), so
every process builds the same table and gives the same answers.
"""

from __future__ import annotations

import ctypes
import dataclasses
import hashlib
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

import numpy as np
import wordfreq

from indexer.langid import folding

# Words rarer than this are left out. 1 per million is everything wordfreq's
# "small" lists hold; on the langid word pairs it scores 0.3 points above 3
# per million (the long tail is inflected forms: "капитала", "hebilla").
MIN_FREQUENCY = 1e-6
# Frequency given to a word a list lacks: a word missing from a list that
# goes down to 1 per million is rarer than that, by how much the even lines
# of the langid word pairs say (1e-7: 95.6 %, 3e-8: 96.1 %, 1e-8: 96.0 %).
OOV_FREQUENCY = 3e-8
LOG_OOV = math.log(OOV_FREQUENCY)
# How often a word with accents turns up without them, relative to with
# them. A guess: accentless text is common but not the norm.
UNACCENTED_SHARE = 0.1
# Log frequencies above this are entries, below it OOV: halfway (in log) between
# OOV and the rarest entry, the accentless spelling of the rarest word.
LOG_KNOWN_ABOVE = (LOG_OOV + math.log(UNACCENTED_SHARE * MIN_FREQUENCY)) / 2
# Words this common in some list are its "common" words, unpacked up front
# (wordvectors.py): 29,000 words over the 36 lists, 65 % of the words of the
# extraction benchmark's articles.
COMMON_FREQUENCY = 1e-4
# wordfreq stores words in buckets of one centibel (a hundredth of a decade).
_MAX_BUCKET = round(-100 * math.log10(MIN_FREQUENCY))
_HASH_BYTES = 8
# A list whose this many most frequent words have no Latin letter is not Latin.
_SCRIPT_SAMPLE = 20


def word_hashes(words: Iterable[str]) -> np.ndarray:
    """The 64-bit hash of each word (BLAKE2b of its UTF-8 bytes), as unsigned integers."""
    digest = hashlib.blake2b
    packed = b"".join(digest(w.encode(), digest_size=_HASH_BYTES).digest() for w in words)
    return np.frombuffer(packed, dtype=np.uint64)


@dataclass(frozen=True)
class WordTable:
    """Sparse word x list log frequencies; a word's entries are found by its hash."""

    keys: np.ndarray  # uint64, sorted: one hash per word
    starts: np.ndarray  # int64, words + 1: where each word's entries begin
    columns: np.ndarray  # uint8: the list of each entry
    log_freqs: np.ndarray  # float16: the log frequency of each entry
    reference: np.ndarray  # float32: log of the word's mean frequency over all lists
    lists: int
    common: tuple[str, ...] = ()  # the words of COMMON_FREQUENCY or more in some list

    def rows(self, words: Sequence[str]) -> np.ndarray:
        """The row of each word, or -1 for a word no list knows."""
        if not words or not len(self.keys):
            return np.full(len(words), -1, dtype=np.int64)
        hashes = word_hashes(words)
        rows: np.ndarray = np.minimum(np.searchsorted(self.keys, hashes), len(self.keys) - 1)
        return np.where(self.keys[rows] == hashes, rows, -1)

    def dense(self, rows: np.ndarray) -> np.ndarray:
        """Log frequencies of the given rows in every list (LOG_OOV where a list lacks the word)."""
        first, last = self.starts[rows], self.starts[rows + 1]
        lengths = last - first
        # Entry positions: each row's range first..last, laid end to end.
        offsets = np.repeat(first - np.cumsum(lengths) + lengths, lengths)
        positions = offsets + np.arange(int(lengths.sum()))
        block = np.full((len(rows), self.lists), LOG_OOV, dtype=np.float32)
        block[np.repeat(np.arange(len(rows)), lengths), self.columns[positions]] = self.log_freqs[
            positions
        ]
        return block

    @classmethod
    def build(cls, codes: Sequence[str]) -> WordTable:
        """Read the lists (wordfreq codes, one column each) down to MIN_FREQUENCY.

        Latin-script lists also answer for their words' accentless spellings
        (see folding.py), at UNACCENTED_SHARE of the accented word's frequency.
        """
        available = wordfreq.available_languages("small")
        common: set[str] = set()

        def read_lists() -> Iterator[dict[str, float]]:
            # One list at a time, so that only one list's words are in memory as strings.
            for code in codes:
                freqs = _read_list(str(available[code]))
                common.update(word for word, f in freqs.items() if f >= COMMON_FREQUENCY)
                yield _with_ascii_forms(freqs, code)

        table = cls.from_frequencies(read_lists())
        _return_freed_memory()
        return dataclasses.replace(table, common=tuple(sorted(common)))

    @classmethod
    def from_frequencies(cls, lists: Iterable[dict[str, float]]) -> WordTable:
        """The table of the given lists (word -> frequency), one column each, in order."""
        hashes, columns, log_freqs = [], [], []
        for column, freqs in enumerate(lists):
            hashes.append(word_hashes(freqs))
            columns.append(np.full(len(freqs), column, dtype=np.uint8))
            log_freqs.append(np.log(np.fromiter(freqs.values(), np.float64, len(freqs))))
        count = len(hashes)
        all_hashes = np.concatenate([np.empty(0, np.uint64), *hashes])
        all_columns = np.concatenate([np.empty(0, np.uint8), *columns])
        order = np.lexsort((all_columns, all_hashes))
        all_hashes, all_columns = all_hashes[order], all_columns[order]
        all_log_freqs = np.concatenate([np.empty(0), *log_freqs])[order]
        keys, starts = np.unique(all_hashes, return_index=True)
        # Mean frequency over all lists, the lists without the word at OOV.
        known = np.add.reduceat(np.exp(all_log_freqs), starts) if len(keys) else np.empty(0)
        listed = np.diff(np.append(starts, len(all_hashes)))
        mean = (known + (count - listed) * OOV_FREQUENCY) / count
        return cls(
            keys=keys,
            starts=np.append(starts, len(all_hashes)).astype(np.int64),
            columns=all_columns,
            # float16 keeps log frequencies to ~0.01 nats and halves the memory.
            log_freqs=all_log_freqs.astype(np.float16),
            reference=np.log(mean).astype(np.float32),
            lists=count,
        )


def _return_freed_memory() -> None:
    """Hand the build's freed scratch memory back to the system.

    glibc keeps freed heap memory for reuse; after the build that is some
    130 MB of sorting and word scratch, three times the table itself.
    Elsewhere than glibc there is nothing to do.
    """
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _read_list(path: str) -> dict[str, float]:
    """word -> frequency for the words of one packed wordfreq list above MIN_FREQUENCY."""
    freqs: dict[str, float] = {}
    for centibels, bucket in enumerate(wordfreq.read_cBpack(path)[: _MAX_BUCKET + 1]):
        frequency = 10 ** (-centibels / 100)
        for word in bucket:
            freqs[word] = frequency
    return freqs


def _with_ascii_forms(freqs: dict[str, float], code: str) -> dict[str, float]:
    """The list plus each accented word's accentless spellings (frequencies add up)."""
    if not any(folding.has_latin_letter(word) for word in islice(freqs, _SCRIPT_SAMPLE)):
        # A Cyrillic, Arabic or Devanagari list: its few Latin words are English.
        return freqs
    extra: dict[str, float] = {}
    for word, frequency in freqs.items():
        if word.isascii():
            continue
        for form in folding.ascii_forms(word, code):
            extra[form] = extra.get(form, 0.0) + UNACCENTED_SHARE * frequency
    merged = dict(freqs)
    for form, frequency in extra.items():
        merged[form] = max(merged.get(form, 0.0) + frequency, OOV_FREQUENCY)
    return merged
