"""The word table kept on disk: built once from wordfreq's lists (4-5 s), then mapped in ms.

The table is a pure function of the installed word lists and of the code that reads them,
so it is saved under a name made from both (`fingerprint`) and any change to either builds
a new one. Its arrays are memory-mapped read-only: every process that loads the table,
ingest workers among them, shares one copy of it in the page cache.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

import numpy as np

from indexer.cache_tidy import drop_stale, load_kept, write_folder
from indexer.langid import folding, wordtable
from indexer.langid.wordtable import WordTable

log = logging.getLogger(__name__)

_ARRAYS = ("keys", "starts", "columns", "log_freqs", "reference")
_COMMON = "common.txt"
_LISTS = "lists.txt"


def fingerprint(codes: Sequence[str]) -> str:
    """A name for the table of these lists as this code builds it from this wordfreq."""
    digest = hashlib.blake2b(digest_size=10)
    digest.update(f"{metadata.version('wordfreq')}\n{','.join(codes)}\n".encode())
    for module in (wordtable, folding):  # their constants and rules shape the table
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()


def load_or_build(codes: Sequence[str], cache_dir: Path | None) -> WordTable:
    """The table of `codes`: from `cache_dir` when saved there, else built (and saved)."""
    if cache_dir is None:
        return WordTable.build(codes)
    folder = cache_dir / "wordtable" / fingerprint(codes)
    kept = load_kept(folder, _load, "the word table")
    if kept is not None:
        return kept
    table = WordTable.build(codes)
    try:
        _save(table, folder)
    except OSError as error:  # a read-only or full disk costs the next start its seconds
        log.warning("could not keep the word table in %s: %s", folder, error)
    drop_stale(folder)  # 37 MB a table
    return table


def _load(folder: Path) -> WordTable:
    arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in _ARRAYS}
    common = (folder / _COMMON).read_text(encoding="utf-8").split("\n")
    keys, starts = arrays["keys"], arrays["starts"]
    if len(starts) != len(keys) + 1 or len(arrays["reference"]) != len(keys):
        raise ValueError("arrays of different lengths")
    return WordTable(
        keys=keys,
        starts=starts,
        columns=arrays["columns"],
        log_freqs=arrays["log_freqs"],
        reference=arrays["reference"],
        lists=int((folder / _LISTS).read_text(encoding="ascii")),
        common=tuple(word for word in common if word),
    )


def _save(table: WordTable, folder: Path) -> None:
    def fill(scratch: Path) -> None:
        for name in _ARRAYS:
            np.save(scratch / f"{name}.npy", getattr(table, name))
        (scratch / _COMMON).write_text("\n".join(table.common), encoding="utf-8")
        (scratch / _LISTS).write_text(str(table.lists), encoding="ascii")

    write_folder(folder, fill)
