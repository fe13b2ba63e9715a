"""Both backends behind one fixture: empty ones per test, and the corpus loaded once each."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from indexer.model import Article
from indexer.search.base import SearchBackend
from indexer.search.elastic import ElasticBackend
from indexer.search.embedded import EmbeddedBackend
from indexer.search.native import NATIVE, native_module
from tests.contract.corpus import ARTICLES
from tests.contract.syntax_corpus import SYNTAX_ARTICLES
from tests.shared_data import missing

# The embedded backend runs on both of its search paths: the native core and pure Python.
# `-m "not elasticsearch"` leaves the embedded part of the suite.
EMBEDDED = ("embedded", "embedded-pure")
BACKENDS = (*EMBEDDED, pytest.param("elasticsearch", marks=pytest.mark.elasticsearch))


def _embedded(path: Path, native: bool) -> EmbeddedBackend:
    if native and native_module() is None:
        missing("the native search core is not built (pip install -e . with cargo)")
    opened = EmbeddedBackend(path, native=native)
    assert (opened.path_in_use == NATIVE) == native
    return opened


def _open(kind: str, request: pytest.FixtureRequest, path: Path, name: str) -> SearchBackend:
    if kind in EMBEDDED:
        return _embedded(path, native=kind == "embedded")
    url = request.getfixturevalue("elasticsearch_url")
    return ElasticBackend(url, name)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SearchBackend]:
    """An empty index of each kind, fresh for this test and removed after it."""
    name = request.getfixturevalue("es_index_name") if request.param == "elasticsearch" else ""
    opened = _open(request.param, request, tmp_path / "index", name)
    opened.create_index()
    yield opened
    opened.close()


Opened = TypeVar("Opened", bound=SearchBackend)


def with_russian(backend: SearchBackend, texts: tuple[tuple[str, str], ...]) -> SearchBackend:
    """`backend` holding one Russian article per (id, body), searchable."""
    articles = [Article(id=key, path=f"{key}.txt", body=body, language="ru") for key, body in texts]
    backend.index(articles)
    backend.refresh()
    return backend


def _filled(opened: Opened, articles: tuple[Article, ...] = ARTICLES) -> Iterator[Opened]:
    opened.create_index()
    report = opened.index(articles)
    assert report.failed == 0, report.failures
    opened.refresh()
    yield opened
    opened.drop()
    opened.close()


@pytest.fixture(scope="session")
def corpus_embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedBackend]:
    """The embedded index holding the corpus (read-only tests share it)."""
    yield from _filled(_embedded(tmp_path_factory.mktemp("embedded") / "index", native=True))


@pytest.fixture(scope="session")
def corpus_embedded_pure(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedBackend]:
    """The corpus searched on the pure-Python path (its own copy of the index)."""
    path = tmp_path_factory.mktemp("embedded-pure") / "index"
    yield from _filled(_embedded(path, native=False))


@pytest.fixture(scope="session")
def corpus_elasticsearch(elasticsearch_url: str) -> Iterator[ElasticBackend]:
    """An Elasticsearch index holding the corpus (read-only tests share it)."""
    name = f"test-corpus-{uuid.uuid4().hex[:12]}"
    yield from _filled(ElasticBackend(elasticsearch_url, name))


@pytest.fixture(params=BACKENDS)
def loaded(request: pytest.FixtureRequest) -> SearchBackend:
    """The corpus in each backend; tests using it must not write."""
    fixture = f"corpus_{request.param.replace('-', '_')}"
    return request.getfixturevalue(fixture)  # type: ignore[no-any-return]


@pytest.fixture
def both(
    corpus_embedded: SearchBackend, corpus_elasticsearch: SearchBackend
) -> dict[str, SearchBackend]:
    """The corpus in both backends at once, to compare their answers."""
    return {"embedded": corpus_embedded, "elasticsearch": corpus_elasticsearch}


@pytest.fixture
def embedded_paths(
    corpus_embedded: SearchBackend, corpus_embedded_pure: SearchBackend
) -> dict[str, SearchBackend]:
    """The corpus on both embedded search paths, to compare their answers."""
    return {"native": corpus_embedded, "pure": corpus_embedded_pure}


@pytest.fixture(scope="module", params=BACKENDS)
def syntax_loaded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SearchBackend]:
    """The query-syntax corpus in each backend (read-only), indexed once per module."""
    kind = request.param
    name = f"test-syntax-{uuid.uuid4().hex[:12]}"
    path = tmp_path_factory.mktemp("syntax") / "index"
    yield from _filled(_open(kind, request, path, name), SYNTAX_ARTICLES)
