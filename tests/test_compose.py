"""docker-compose.yml is valid to Docker Compose and runs what the README promises."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from pathlib import Path

from tests.shared_data import missing

PROJECT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = PROJECT / "docker-compose.yml"


def _compose_command() -> list[str]:
    """`docker compose` (v2 plugin) or `docker-compose` (v1, Debian's package)."""
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    missing("neither `docker compose` nor `docker-compose` found (apt-get install docker-compose)")


@functools.cache
def compose(*args: str, profile: str | None = None) -> str:
    """Run Compose on the project's file (validating it) and return what it printed."""
    command = [*_compose_command(), "-f", str(COMPOSE_FILE)]
    if profile:
        command += ["--profile", profile]
    env = {**os.environ, "NEWSDESK_INPUT": "/srv/news"}
    done = subprocess.run(
        [*command, "config", *args], capture_output=True, text=True, env=env, cwd=PROJECT
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_file_is_valid() -> None:
    compose("--quiet")


def test_services_and_the_ingest_profile() -> None:
    assert {"elasticsearch", "web"} <= set(compose("--services").split())
    assert "indexer" in compose("--services", profile="ingest").split()
    assert compose("--profiles").split() == ["ingest"]
    assert set(compose("--volumes").split()) == {"es-data", "newsdesk-data"}


def test_elasticsearch_is_a_single_insecure_node_with_a_health_check() -> None:
    config = compose()
    assert "image: elasticsearch:9." in config
    assert re.search(r"discovery\.type: single-node", config)
    assert re.search(r"xpack\.security\.enabled: ['\"]false['\"]", config)
    assert "_cluster/health" in config and "condition: service_healthy" in config
    assert "es-data:/usr/share/elasticsearch/data" in config


def test_published_ports_listen_on_loopback_only() -> None:
    ports = re.findall(r"^\s*-\s*\"?([^\s\"]*:\d+:\d+)\"?\s*$", COMPOSE_FILE.read_text(), re.M)
    assert len(ports) == 2
    assert all(port.startswith("127.0.0.1:") for port in ports)


def test_app_and_indexer_use_elasticsearch() -> None:
    config = compose(profile="ingest")
    assert config.count("NEWSDESK_BACKEND: elasticsearch") == 2
    assert config.count("NEWSDESK_ELASTICSEARCH_URL: http://elasticsearch:9200") == 2
    assert "/srv/news:/input:ro" in config  # the mounted folder the indexer ingests


def test_web_app_answers_only_to_allowed_hosts() -> None:
    assert "NEWSDESK_ALLOWED_HOSTS: localhost,127.0.0.1" in compose()


def test_image_holds_every_package_and_serves_on_waitress() -> None:
    dockerfile = (PROJECT / "Dockerfile").read_text(encoding="utf-8")
    for package in ("indexer", "webapp", "newsdesk"):  # pyproject's [tool.setuptools] include
        assert f"COPY {package} ./{package}" in dockerfile, package
    assert '"newsdesk", "serve"' in dockerfile
