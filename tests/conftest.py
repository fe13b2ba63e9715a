"""Session fixtures: a real Elasticsearch node, started once, for the tests that need one."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.shared_data import missing

PROJECT = Path(__file__).resolve().parents[1]
TEST_URL_VARIABLE = "NEWSDESK_TEST_ELASTICSEARCH_URL"
PLUGIN_SCRIPT = PROJECT / "scripts" / "install-es-analysis-plugin"


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_cluster/health", timeout=5) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@pytest.fixture(scope="session")
def elasticsearch_url() -> Iterator[str]:
    """$NEWSDESK_TEST_ELASTICSEARCH_URL, or a single node started once for the session."""
    given = os.environ.get(TEST_URL_VARIABLE, "").rstrip("/")
    if given:
        if not _answers(given):
            missing(f"{TEST_URL_VARIABLE}={given} does not answer")
        yield given
        return
    from devtools import es_node

    try:
        es_home = es_node.find_distribution()
        # The test distribution lacks analysis-common; the mapping needs three of its parts.
        subprocess.run(
            [str(PLUGIN_SCRIPT), str(es_home)],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHON": sys.executable},
        )
        node = es_node.ElasticsearchNode(es_home)
        node.start()
    except subprocess.CalledProcessError as error:
        missing(f"cannot install the analysis plugin: {error.stderr[-1000:]}")
    except (es_node.ElasticsearchNodeError, OSError) as error:
        missing(f"cannot start Elasticsearch: {error}")
    try:
        yield node.url
    finally:
        node.stop()


@pytest.fixture
def es_index_name(elasticsearch_url: str) -> Iterator[str]:
    """A fresh alias name for one test; its indices are deleted afterwards."""
    from indexer.search.elastic import ElasticBackend

    name = f"test-{uuid.uuid4().hex[:12]}"
    yield name
    cleaner = ElasticBackend(elasticsearch_url, name)
    cleaner.drop()
    cleaner.close()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under CI=true a skipped test is a failure: everything the suite needs is installed there."""
    if os.environ.get("CI") != "true":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        print(f"\nCI=true: {len(skipped)} test(s) skipped; under CI nothing may skip.")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
