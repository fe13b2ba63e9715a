"""Worker processes end with their parent: a `kill -9` of an ingest leaves nothing running.

Before this, each orphaned worker kept its models (0.7-1.2 GB) and spun on after the main
process was killed. Linux kills the worker itself (PR_SET_PDEATHSIG); elsewhere, and as a
second guard, a thread notices the parent is gone and exits.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_WATCH_EVERY_S = 1.0  # how long an orphan may outlive its parent where prctl is missing


def die_with_parent(parent_pid: int) -> None:
    """Make this process exit when `parent_pid` (its parent) dies; exit now if it has."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    # The parent may have died before prctl took effect: we were re-parented already.
    if os.getppid() != parent_pid:
        os._exit(1)
    threading.Thread(target=_watch, args=(parent_pid,), name="parent-watch", daemon=True).start()


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(_WATCH_EVERY_S)
    os._exit(1)  # no clean-up: the parent that would collect our results is gone
