"""SIGINT and SIGTERM during an ingest: stop reading, commit what is done, report, exit.

`timeout`, `docker stop` and systemd send SIGTERM; a terminal sends SIGINT to the whole
process group, so the workers ignore it and let the main process wind them down.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """Raised while models load: there is nothing to commit yet, so stop at once."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class StopRequest:
    """Set by a signal; the ingest checks it between reads."""

    def __init__(self) -> None:
        self.name: str | None = None  # "SIGTERM", once one arrived
        self.raise_now = False  # raise Interrupted from the handler (nothing to commit)

    def __call__(self) -> bool:
        return self.name is not None

    def handle(self, signum: int, _frame: FrameType | None) -> None:
        """The signal handler: remember the first signal; raise if nothing is under way."""
        if self.name is None:
            self.name = signal.Signals(signum).name
        if self.raise_now:
            self.raise_now = False
            raise Interrupted(self.name)

    @property
    def exit_status(self) -> int:
        """128 + the signal number, as a shell reports a process ended by it."""
        return 128 + int(signal.Signals[self.name]) if self.name else 0

    @contextmanager
    def raising(self) -> Iterator[None]:
        """Within this block, a signal raises Interrupted (waiting for models to load)."""
        if self.name is not None:
            raise Interrupted(self.name)
        self.raise_now = True
        try:
            yield
        finally:
            self.raise_now = False


@contextmanager
def stop_on_signals() -> Iterator[StopRequest]:
    """A StopRequest that SIGINT and SIGTERM set, for the duration of the block."""
    stop = StopRequest()
    previous = {signum: signal.signal(signum, stop.handle) for signum in SIGNALS}
    try:
        yield stop
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
