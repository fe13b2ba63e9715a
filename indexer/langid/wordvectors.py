"""Dense word x list scores for the words met recently, unpacked from the sparse table on demand.

The sparse table (wordtable.py) is small, but each look-up hashes the word,
searches 1.6 million keys and gathers scattered entries (some 5 microseconds
a word). Running text repeats its words, so the score vectors of the common
words, and of the words seen lately, are kept unpacked in a dense block: a
line's evidence is then one fancy-index and sum, as fast as a dense table.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from indexer.langid.wordtable import LOG_KNOWN_ABOVE, WordTable

# Words whose vectors are kept (the block takes 5 bytes per word and list:
# 14 MB for 36 lists), the table's ~29,000 common words among them. When it
# is full it starts over; the vectors are a pure function of the word, so
# that changes speed only, never an answer.
CACHED_WORDS = 80_000
# Words remembered as unknown to every list (names, typos), about this many more.
CACHED_UNKNOWN = 100_000

_UNKNOWN = -1


class WordVectors:
    """Per word: log f_list(word) - log mean_lists f(word), and whether each list knows it."""

    def __init__(self, table: WordTable) -> None:
        self._table = table
        self._capacity = CACHED_WORDS
        # The common words stay in the block; at most half of it, so texts fit beside them.
        self._common = list(table.common[: self._capacity // 2])
        self._slots: dict[str, int] = {}
        self._used = 0
        self._scores = np.zeros((self._capacity, table.lists), dtype=np.float32)
        self._known = np.zeros((self._capacity, table.lists), dtype=np.bool_)
        self._lock = threading.Lock()
        self._unpack(self._common)

    def block(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(scores, known) rows of the words some list knows, in order; others are left out."""
        if len(words) > self._capacity - len(self._common):
            # More words than the block holds: unpack them for this call only.
            rows = self._table.rows(words)
            return self._unpacked(rows[rows != _UNKNOWN])
        with self._lock:
            found: list[int | None] = list(map(self._slots.get, words))
            if None in found:
                self._unpack_missing(words)
                found = list(map(self._slots.get, words))
            slots = [slot for slot in found if slot is not None and slot != _UNKNOWN]
            return self._scores[slots], self._known[slots]

    def knows(self, word: str) -> bool:
        """True when some list has `word`."""
        return len(self.block([word])[0]) > 0

    def _unpack_missing(self, words: Sequence[str]) -> None:
        missing = [word for word in dict.fromkeys(words) if word not in self._slots]
        if (
            self._used + len(missing) > self._capacity
            or len(self._slots) + len(missing) > self._capacity + CACHED_UNKNOWN
        ):
            # Full: start over with the common words and this text's words.
            self._slots.clear()
            self._used = 0
            self._unpack(self._common)
            missing = [word for word in dict.fromkeys(words) if word not in self._slots]
        self._unpack(missing)

    def _unpack(self, words: list[str]) -> None:
        rows = self._table.rows(words).tolist()
        known_rows = [row for row in rows if row != _UNKNOWN]
        first = self._used
        if known_rows:
            scores, known = self._unpacked(np.array(known_rows, dtype=np.int64))
            self._scores[first : first + len(known_rows)] = scores
            self._known[first : first + len(known_rows)] = known
            self._used += len(known_rows)
        slot = iter(range(first, self._used))
        for word, row in zip(words, rows, strict=True):
            self._slots[word] = _UNKNOWN if row == _UNKNOWN else next(slot)

    def _unpacked(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(scores, known) of table rows, computed from the sparse table."""
        log_freqs = self._table.dense(rows)
        return log_freqs - self._table.reference[rows][:, None], log_freqs > LOG_KNOWN_ABOVE
