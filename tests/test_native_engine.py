"""The native core and the index writer agree: one tantivy version, the same analyzers."""

from __future__ import annotations

import json
import tomllib
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from indexer.search import embedded_schema
from indexer.search.native import native_module
from tests.contract.corpus import ARTICLES
from tests.shared_data import PROJECT, SHARED, missing, require

CARGO_LOCK = PROJECT / "native" / "Cargo.lock"
# The crates that read and write the index, analyse text and stem it.
ENGINE_CRATES = ("tantivy", "tantivy-columnar", "tantivy-common", "tantivy-sstable",
                 "tantivy-fst", "tantivy-bitpacker", "tantivy-stacker",
                 "tantivy-query-grammar", "tantivy-tokenizer-api", "frostem")  # fmt: skip


def _locked() -> dict[str, str]:
    packages = tomllib.loads(CARGO_LOCK.read_text(encoding="utf-8"))["package"]
    return {p["name"]: p["version"] for p in packages if p["name"] in ENGINE_CRATES}


def _tantivy_py_crates() -> dict[str, str]:
    """Crate versions tantivy-py was built with, from the SBOM its wheel ships."""
    files = metadata.files("tantivy") or []
    sbom = next((f for f in files if f.name.endswith(".cyclonedx.json")), None)
    if sbom is None:
        pytest.fail("the installed tantivy-py wheel ships no SBOM to compare crate versions with")
    components: list[dict[str, Any]] = json.loads(Path(str(sbom.locate())).read_text())[
        "components"
    ]
    # The SBOM also names tantivy-py itself ("tantivy", a local path); crates have plain purls.
    return {
        c["name"]: c["version"]
        for c in components
        if c["name"] in ENGINE_CRATES
        and c.get("purl", "").startswith("pkg:cargo/")
        and "download_url=file" not in c.get("purl", "")
    }


def test_native_core_pins_the_crates_tantivy_py_was_built_with() -> None:
    locked, built = _locked(), _tantivy_py_crates()
    assert set(locked) == set(ENGINE_CRATES)
    assert locked == built


def test_the_built_core_reports_the_pinned_tantivy() -> None:
    module = native_module()
    if module is None:
        missing("the native search core is not built (pip install -e . with cargo)")
    # "tantivy v0.27.0, index_format v7"
    assert module.tantivy_version().split(",")[0] == f"tantivy v{_locked()['tantivy']}"


def _real_texts() -> list[str]:
    """Real English and Russian news, and edge cases around the long-token limit."""
    reuters = require(SHARED / "data" / "news-en" / "reuters21578" / "reut2-000.sgm")
    telegram = require(SHARED / "data" / "news-ru" / "telegram" / "raw")
    english = reuters.read_text(encoding="latin-1")[:200_000]
    posts = json.loads(sorted(telegram.glob("*.json"))[0].read_text(encoding="utf-8"))
    russian = [post.get("text") or "" for post in posts[:300]]
    edges = ["a" * 99 + " " + "b" * 100 + " " + "я" * 49 + " " + "ж" * 50, "e-mail №7 Straße"]
    return [english, *russian, *edges, *(a.body for a in ARTICLES)]


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> Any:
    module = native_module()
    if module is None:
        missing("the native search core is not built (pip install -e . with cargo)")
    path = tmp_path_factory.mktemp("native") / "index"
    embedded_schema.open_index(path)
    analyzers = [(name, *spec) for name, spec in embedded_schema.ANALYZERS.items()]
    return module.NativeIndex(str(path), analyzers, 1)


@pytest.mark.parametrize("name", embedded_schema.ANALYZERS)
def test_analyzers_give_the_same_tokens(core: Any, name: str) -> None:
    max_token_bytes, snowball = embedded_schema.ANALYZERS[name]
    writer_side = embedded_schema.text_analyzer(snowball, max_token_bytes)
    for text in _real_texts():
        assert core.analyze(name, text) == writer_side.analyze(text)
