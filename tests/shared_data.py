"""Where the shared real-news data lives, and how tests behave when something is missing."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
SEED_PAGE = SHARED / "seed" / "000_534b010889ca0eb9.txt"


def missing(reason: str) -> NoReturn:
    """Skip a test for want of something a developer's machine may lack; under CI=true, fail.

    CI installs everything the suite needs and places ../shared beside the clone, so there a
    missing piece is a broken set-up, never a reason to skip.
    """
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (under CI=true nothing may be missing)", pytrace=False)
    pytest.skip(reason)


def require(path: Path) -> Path:
    """Return `path`, or skip (fail under CI) when it is absent."""
    if not path.exists():
        missing(f"{path} is not here (../shared beside the project)")
    return path
