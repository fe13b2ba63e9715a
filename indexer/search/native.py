"""Which embedded search path runs: the native core when it was built, else pure Python.

`pip install -e .` builds the native core (indexer/search/_native) when a Rust toolchain is
present; without one the package installs all the same and searches through tantivy-py.
NEWSDESK_NATIVE=0 forces the pure-Python path. The path in use is logged once per process
and shown by `health()`.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from types import ModuleType

log = logging.getLogger(__name__)

NATIVE = "native"
PURE = "pure-python"


@functools.cache
def native_module() -> ModuleType | None:
    """The compiled core, or None when it was not built."""
    try:
        from indexer.search import _native  # type: ignore[attr-defined]
    except ImportError:
        return None
    return _native  # type: ignore[no-any-return]


@functools.cache
def _say(path: str, reason: str) -> None:
    log.info("embedded search: %s path (%s)", path, reason)


def choose_path(wanted: bool) -> str:
    """NATIVE when `wanted` and built, else PURE; says once per process which and why."""
    if not wanted:
        _say(PURE, "NEWSDESK_NATIVE=0")
        return PURE
    if native_module() is None:
        _say(PURE, "the native core is not built: install with a Rust toolchain to build it")
        return PURE
    _say(NATIVE, f"tantivy {native_module().tantivy_version()}")  # type: ignore[union-attr]
    return NATIVE


def merge_segments(path: Path, parts: int) -> int | None:
    """Merge the finished index at `path` into at most `parts` segments of near-equal size.

    A search pays a fixed cost in every segment and its threads share the work by segment,
    so an index merged into one segment per search thread answers fastest (docs/benchmarks.md,
    "Segments"). Only for an index no writer has open. None when the native core (which
    merges) is not built.
    """
    module = native_module()
    if module is None:
        return None
    return int(module.merge_segments(str(path), parts))


def merge_small_segments(path: Path, parts: int, budget: int) -> int | None:
    """Merge the small segments of the index at `path` into one when they hold at most
    `budget` articles (see native/src/merge.rs); None when the native core is not built."""
    module = native_module()
    if module is None:
        return None
    return int(module.merge_small_segments(str(path), parts, budget))
