"""Flask glue for the search backend: one per app, opened on first use."""

from __future__ import annotations

import threading

from flask import Flask, current_app

from indexer.config import Settings
from indexer.search import SearchBackend, open_backend

_EXTENSION = "newsdesk_backend"
_LOCK = threading.Lock()


def settings() -> Settings:
    """The settings the current app was created with."""
    value: Settings = current_app.config["NEWSDESK_SETTINGS"]
    return value


def get_backend() -> SearchBackend:
    """The app's backend; opened once and shared by all requests.

    Unlike flaskr's per-request database connection: opening an index costs more
    than most searches do, and both engines' handles are safe to share across threads.
    """
    holder: dict[str, SearchBackend] = current_app.extensions[_EXTENSION]
    if "backend" not in holder:
        with _LOCK:
            if "backend" not in holder:
                holder["backend"] = open_backend(settings())
    return holder["backend"]


def close_backend(app: Flask) -> None:
    """Release the app's backend (tests; a server process just exits)."""
    holder: dict[str, SearchBackend] = app.extensions[_EXTENSION]
    if "backend" in holder:
        holder.pop("backend").close()


def init_app(app: Flask) -> None:
    """Give the app an empty backend slot, filled by the first request that needs it."""
    app.extensions[_EXTENSION] = {}
