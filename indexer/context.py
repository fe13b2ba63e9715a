"""Per-run resources shared by the stages: settings plus lazily loaded models."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from indexer.config import Settings

T = TypeVar("T")


class Context:
    """Holds settings and builds each heavy resource (NER model, learned tables) once.

    Resources that persist state (the per-source line model, the entity table)
    are closed, and so saved, by `close()` at the end of a run.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._resources: dict[str, Any] = {}

    def resource(self, name: str, factory: Callable[[Settings], T]) -> T:
        """Return the resource called `name`, building it with `factory` on first use."""
        if name not in self._resources:
            self._resources[name] = factory(self.settings)
        return self._resources[name]  # type: ignore[no-any-return]

    def close(self) -> None:
        """Close (and so save) every resource that can be closed."""
        for value in self._resources.values():
            close = getattr(value, "close", None)
            if callable(close):
                close()
        self._resources.clear()

    def __enter__(self) -> Context:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
