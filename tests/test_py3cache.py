"""py3langid's model kept decompressed in the cache folder answers as the package's own."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from indexer.langid import py3cache

TEXTS = (
    "The ferry to the islands was cancelled for the third day running.",
    "Паром на острова отменили третий день подряд.",
    "Die Fähre zu den Inseln fiel den dritten Tag in Folge aus.",
    "ok",
)


@pytest.fixture(scope="module")
def packaged() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _same_answers(identifier: LanguageIdentifier, packaged: LanguageIdentifier) -> None:
    for text in TEXTS:
        assert identifier.rank(text) == packaged.rank(text), text


def test_the_kept_model_answers_as_the_packaged_one(
    packaged: LanguageIdentifier, tmp_path: Path
) -> None:
    first = py3cache.load_identifier(tmp_path, norm_probs=True)
    second = py3cache.load_identifier(tmp_path, norm_probs=True)
    _same_answers(first, packaged)
    _same_answers(second, packaged)
    [folder] = (tmp_path / "py3langid").iterdir()
    assert isinstance(np.load(folder / "ptc.npy", mmap_mode="r"), np.memmap)


def test_a_damaged_copy_is_decompressed_again(packaged: LanguageIdentifier, tmp_path: Path) -> None:
    py3cache.load_identifier(tmp_path, norm_probs=True)
    [folder] = (tmp_path / "py3langid").iterdir()
    (folder / "out_feat.npy").write_bytes(b"\x93NUMPY truncated")
    _same_answers(py3cache.load_identifier(tmp_path, norm_probs=True), packaged)
    assert np.load(folder / "out_feat.npy").size > 0, "saved again"


def test_an_unwritable_cache_still_gives_the_model(
    packaged: LanguageIdentifier, tmp_path: Path
) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    _same_answers(py3cache.load_identifier(blocked, norm_probs=True), packaged)
