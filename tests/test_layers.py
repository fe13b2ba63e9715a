"""Layers point one way: engines stay inside indexer/search/, the indexer knows no web app."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.shared_data import PROJECT

ENGINE_PACKAGES = ("tantivy", "elasticsearch")
ENGINE_MODULES = ("indexer.search.elastic", "indexer.search.embedded")
BACKEND_CLASSES = ("ElasticBackend", "EmbeddedBackend")
# package -> packages it must never import (the command line sits above both).
NEVER = {
    "indexer": ("webapp", "newsdesk"),
    "webapp": ("newsdesk",),
    "indexer.search": ("indexer.entities", "indexer.stages", "indexer.ingest"),
}


def _modules() -> Iterator[tuple[str, Path]]:
    for package in ("indexer", "webapp", "newsdesk"):
        for path in sorted((PROJECT / package).rglob("*.py")):
            parts = path.relative_to(PROJECT).with_suffix("").parts
            yield ".".join(part for part in parts if part != "__init__"), path


def _imports(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


MODULES = list(_modules())


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[m for m, _ in MODULES])
def test_only_the_search_package_knows_the_engines(module: str, path: Path) -> None:
    if _under(module, "indexer.search"):
        return
    for name in _imports(path):
        assert not any(_under(name, p) for p in (*ENGINE_PACKAGES, *ENGINE_MODULES)), name
    source = path.read_text(encoding="utf-8")
    assert not any(cls in source for cls in BACKEND_CLASSES), path


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[m for m, _ in MODULES])
def test_imports_point_one_way(module: str, path: Path) -> None:
    for package, forbidden in NEVER.items():
        if _under(module, package):
            for name in _imports(path):
                assert not any(_under(name, f) for f in forbidden), f"{module} imports {name}"
