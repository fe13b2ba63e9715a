"""flaskr-style fixtures: one embedded index per session, a fresh app and client per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from webcorpus import build_index, corpus, hostile

from indexer.config import Settings
from webapp import create_app
from webapp.backend import close_backend


@pytest.fixture(scope="session")
def indexed_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings pointing at an index of the test corpus plus the hostile articles."""
    data_dir = tmp_path_factory.mktemp("webapp-data")
    settings = Settings(data_dir=Path(data_dir), ner=False, workers=1)
    build_index(settings, corpus() + hostile())
    return settings


@pytest.fixture
def app(indexed_settings: Settings) -> Iterator[Flask]:
    """The app over the shared test index."""
    app = create_app(indexed_settings)
    app.config["TESTING"] = True
    yield app
    close_backend(app)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for `app`."""
    return app.test_client()
