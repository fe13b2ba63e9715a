"""Where the shared real-news data lives, and how tests behave when it is missing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
SEED_PAGE = SHARED / "seed" / "000_534b010889ca0eb9.txt"


def require(path: Path) -> Path:
    """Return `path`; skip the test when it is absent, but fail under CI where it must exist."""
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing; CI places ../shared beside the clone")
        pytest.skip(f"{path} is not here (../shared beside the project)")
    return path
