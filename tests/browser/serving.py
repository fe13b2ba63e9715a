"""The web app served on a free loopback port for a browser test, stopped after."""

from __future__ import annotations

import gc
import importlib.util
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

from werkzeug.serving import make_server

from indexer.config import Settings
from webapp import create_app
from webapp.backend import close_backend


@contextmanager
def served(settings: Settings) -> Iterator[str]:
    """Base URL of the app over `settings`' index, served from a thread."""
    app = create_app(settings)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        close_backend(app)
        # What a request abandoned by the browser left behind is collected now, while the
        # browser tests' warning filters apply (conftest.py), not during a later test.
        gc.collect()


def webapp_corpus(name: str) -> ModuleType:
    """A corpus module of the web app tests (`tests/webapp/NAME.py`), loaded by path: a
    tests/webapp package would shadow the real `webapp`."""
    path = Path(__file__).resolve().parents[1] / "webapp" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"newsdesk_{name}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
