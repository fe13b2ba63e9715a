"""Tidying `NEWSDESK_CACHE_DIR`: what this code builds there is named by a fingerprint, so
each new version of the code or data leaves the old copy behind."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

# Not every other copy at once: two checkouts of different versions on one machine would
# otherwise delete each other's at every start.
STALE_AFTER_S = 14 * 24 * 3600


def mark_used(path: Path) -> None:
    """Note that `path` is in use, so that no other version's tidying takes it for stale."""
    with contextlib.suppress(OSError):
        os.utime(path)


def drop_stale(kept: Path) -> None:
    """Remove the other entries beside `kept` untouched for STALE_AFTER_S."""
    cutoff = time.time() - STALE_AFTER_S
    try:
        for other in kept.parent.iterdir():
            if other == kept or other.stat().st_mtime >= cutoff:
                continue
            if other.is_dir():
                shutil.rmtree(other, ignore_errors=True)
            else:
                other.unlink(missing_ok=True)
    except OSError:
        pass  # no cache folder (it could not be made): nothing to tidy


def write_folder(folder: Path, fill: Callable[[Path], None]) -> None:
    """Make `folder` by `fill`ing a scratch folder beside it and renaming that: readers never
    see half of it. Another process that made the same folder first wins."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".building-", dir=folder.parent))
    try:
        fill(scratch)
        os.replace(scratch, folder)
    except OSError:
        if folder.is_dir():  # another process saved the same folder first
            return
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def load_kept(folder: Path, load: Callable[[Path], T], what: str) -> T | None:
    """`load(folder)` and note the folder in use; None when it is not there or unreadable (an
    unreadable one is removed, to be made again)."""
    try:
        kept = load(folder)
    except (OSError, ValueError) as error:
        if folder.exists():
            log.warning("%s in %s unreadable (%s); making it again", what, folder, error)
            shutil.rmtree(folder, ignore_errors=True)
        return None
    mark_used(folder)
    return kept
