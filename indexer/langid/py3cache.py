"""py3langid's model kept decompressed in the cache folder: read in under a tenth of a second.

The package ships its model as an LZMA-compressed npz (4.5 MB). Decompressing it costs half a
second of one core before every ingest, while the other core waits for it. The decompressed
arrays (68 MB) are a pure function of the installed package, so they are saved once under a
name made from its version and the file's size, and memory-mapped from then on: every
process that loads them, ingest workers among them, shares one copy in the page cache.
"""

from __future__ import annotations

import logging
import lzma
import shutil
import tempfile
from array import array
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from indexer.cache_tidy import drop_stale, load_kept, write_folder

log = logging.getLogger(__name__)

# The arrays of py3langid's npz model, as its own loader (py3langid.modelio) names them.
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
# py3langid keeps its automaton's tables as stdlib arrays, typed by item size.
_TYPECODE = {2: "H", 4: "I", 8: "L"}


def load_identifier(cache_dir: Path | None, norm_probs: bool) -> LanguageIdentifier:
    """py3langid's identifier, from the decompressed copy in `cache_dir` when there is one."""
    source = MODEL_DIR / MODEL_FILE
    if cache_dir is None:
        return LanguageIdentifier.from_model_file(source, norm_probs=norm_probs)
    folder = cache_dir / "py3langid" / _fingerprint(source)
    arrays = load_kept(folder, _load, "py3langid's model")
    if arrays is None:
        try:
            _save(source, folder)
            arrays = _load(folder)
        except (OSError, ValueError, KeyError) as error:  # a full disk, another layout
            log.warning("could not keep py3langid's model in %s: %s", folder, error)
            return LanguageIdentifier.from_model_file(source, norm_probs=norm_probs)
        drop_stale(folder)
    return LanguageIdentifier(
        np.asarray(arrays["ptc"]),
        np.asarray(arrays["pc"]),
        arrays["classes"].tolist(),
        _expanded(arrays["nextmove"]),
        arrays["out_feat"].tolist(),
        norm_probs=norm_probs,
        tk_row=_expanded(arrays["nextmove_row"]),
    )


def _fingerprint(source: Path) -> str:
    return f"{metadata.version('py3langid')}-{source.stat().st_size}"


def _expanded(values: np.ndarray[Any, Any]) -> array[int]:
    """A NumPy unsigned-int array as the stdlib array py3langid's automaton indexes."""
    out = array(_TYPECODE[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out


def _load(folder: Path) -> dict[str, np.ndarray[Any, Any]]:
    arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in _ARRAYS}
    if len(arrays["nextmove_row"]) != len(arrays["out_feat"]):
        raise ValueError("one output slot per state expected")
    return arrays


def _save(source: Path, folder: Path) -> None:
    def fill(scratch: Path) -> None:
        with tempfile.TemporaryFile(dir=scratch) as npz:
            with lzma.open(source) as compressed:
                shutil.copyfileobj(compressed, npz, length=1 << 20)
            npz.seek(0)
            with np.load(npz, allow_pickle=False) as data:
                for name in _ARRAYS:
                    np.save(scratch / f"{name}.npy", data[name])

    write_folder(folder, fill)
