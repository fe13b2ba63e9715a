"""Word lists for language identification: accentless spellings, the compact table, its cache."""

from __future__ import annotations

import dataclasses
import math
import os
import time
from pathlib import Path

import numpy as np
import pytest

from indexer import cache_tidy
from indexer.langid import folding, tablecache, wordvectors
from indexer.langid.wordtable import LOG_OOV, OOV_FREQUENCY, WordTable, word_hashes
from indexer.langid.wordvectors import WordVectors

# Three made-up lists (columns 0, 1, 2) of word -> frequency.
LISTS = [
    {"river": 1e-3, "bank": 5e-4, "flood": 1e-5},
    {"rio": 2e-3, "bank": 1e-5},
    {"fluss": 1e-3, "flood": 2e-6},
]


@pytest.fixture(scope="module")
def table() -> WordTable:
    return WordTable.from_frequencies(LISTS)


@pytest.mark.parametrize(
    ("word", "code", "forms"),
    [
        ("canción", "es", {"cancion", "cancin"}),  # accents stripped, or dropped
        ("garçon", "fr", {"garcon", "garon"}),
        ("straße", "de", {"strasse", "strae"}),  # ß is spelled out
        ("über", "de", {"uber", "ueber", "ber"}),  # German also writes ue
        ("über", "fr", {"uber", "ber"}),  # ... only German
        ("news", "en", set()),  # ASCII already
        ("новости", "ru", set()),  # no Latin letter to keep
        ("à", "fr", set()),  # nothing left that could be a word
    ],
)
def test_ascii_forms_of_accented_words(word: str, code: str, forms: set[str]) -> None:
    assert folding.ascii_forms(word, code) == forms


def test_word_hashes_are_the_same_in_every_process() -> None:
    # A fixed value: Python's own str hash changes per process, BLAKE2b does not.
    assert int(word_hashes(["news"])[0]) == 15092568253382157997
    assert word_hashes(["a", "b", "a"]).tolist()[0] == word_hashes(["a"]).tolist()[0]


def test_table_finds_words_and_says_unknown(table: WordTable) -> None:
    rows = table.rows(["bank", "nowhere", "fluss"])
    assert rows[1] == -1 and rows[0] >= 0 and rows[2] >= 0
    dense = table.dense(rows[[0, 2]])
    assert dense.shape == (2, 3)
    assert dense[0, 0] == pytest.approx(math.log(5e-4), abs=0.01)
    assert dense[0, 1] == pytest.approx(math.log(1e-5), abs=0.01)
    assert dense[0, 2] == pytest.approx(LOG_OOV)
    assert dense[1].tolist()[:2] == pytest.approx([LOG_OOV, LOG_OOV])


def test_reference_is_the_mean_frequency_over_all_lists(table: WordTable) -> None:
    (row,) = table.rows(["bank"])
    expected = math.log((5e-4 + 1e-5 + OOV_FREQUENCY) / 3)
    assert table.reference[row] == pytest.approx(expected, rel=1e-5)


def test_empty_table_knows_nothing() -> None:
    empty = WordTable.from_frequencies([{}, {}])
    assert empty.rows(["bank"]).tolist() == [-1]


def _direct(table: WordTable, words: list[str]) -> np.ndarray:
    rows = table.rows(words)
    rows = rows[rows >= 0]
    return table.dense(rows) - table.reference[rows][:, None]


def test_vectors_skip_unknown_words_and_keep_order(table: WordTable) -> None:
    scores, known = WordVectors(table).block(["flood", "zzz", "river", "flood"])
    assert scores == pytest.approx(_direct(table, ["flood", "river", "flood"]), abs=1e-4)
    assert known.tolist() == [[True, False, True], [True, False, False], [True, False, True]]
    assert WordVectors(table).knows("rio") and not WordVectors(table).knows("zzz")


def test_a_full_cache_starts_over_without_changing_answers(
    table: WordTable, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wordvectors, "CACHED_WORDS", 3)
    # One common word kept up front, two slots for the rest: texts keep evicting each other.
    small = WordVectors(dataclasses.replace(table, common=("bank",)))
    texts = [["river", "bank"], ["rio", "fluss"], ["flood", "river"], ["bank", "zzz", "bank"]]
    for words in texts * 2:
        scores, known = small.block(words)
        assert scores == pytest.approx(_direct(table, words), abs=1e-4)
        assert known.shape == (len(_direct(table, words)), 3)


def test_a_text_longer_than_the_cache_is_still_scored(
    table: WordTable, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wordvectors, "CACHED_WORDS", 2)
    words = ["river", "rio", "fluss", "nowhere"]
    scores, known = WordVectors(table).block(words)
    assert scores == pytest.approx(_direct(table, words), abs=1e-4)
    assert known.shape == (3, 3)


# Two small real lists: the cache must give back exactly the table that was built.
CACHED_CODES = ("bg", "mk")


@pytest.fixture(scope="module")
def built() -> WordTable:
    return WordTable.build(CACHED_CODES)


def _same_table(a: WordTable, b: WordTable) -> None:
    for name in ("keys", "starts", "columns", "log_freqs", "reference"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert (a.lists, a.common) == (b.lists, b.common)


def test_the_table_kept_on_disk_is_the_table_built(built: WordTable, tmp_path: Path) -> None:
    first = tablecache.load_or_build(CACHED_CODES, tmp_path)
    [folder] = (tmp_path / "wordtable").iterdir()
    second = tablecache.load_or_build(CACHED_CODES, tmp_path)
    _same_table(first, built)
    _same_table(second, built)
    assert isinstance(second.keys, np.memmap), "mapped from the cache, not built again"
    assert folder.name == tablecache.fingerprint(CACHED_CODES)
    assert tablecache.fingerprint(CACHED_CODES) != tablecache.fingerprint(("bg",))


def test_a_damaged_cache_is_built_again(built: WordTable, tmp_path: Path) -> None:
    tablecache.load_or_build(CACHED_CODES, tmp_path)
    [folder] = (tmp_path / "wordtable").iterdir()
    (folder / "keys.npy").write_bytes(b"\x93NUMPY truncated")
    _same_table(tablecache.load_or_build(CACHED_CODES, tmp_path), built)
    _same_table(tablecache.load_or_build(CACHED_CODES, tmp_path), built)  # and saved again


def test_an_unwritable_cache_still_gives_the_table(built: WordTable, tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    _same_table(tablecache.load_or_build(CACHED_CODES, blocked), built)


def test_tables_of_other_versions_are_dropped_once_stale(built: WordTable, tmp_path: Path) -> None:
    tables = tmp_path / "wordtable"
    stale, recent = tables / "old-version", tables / "other-checkout"
    for folder in (stale, recent):
        folder.mkdir(parents=True)
    long_ago = time.time() - cache_tidy.STALE_AFTER_S - 60
    os.utime(stale, (long_ago, long_ago))
    tablecache.load_or_build(CACHED_CODES, tmp_path)
    assert not stale.exists() and recent.exists()
