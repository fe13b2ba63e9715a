"""`newsdesk serve`: waitress, the Host allow-list (DNS rebinding), no paths in errors."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer.config import Settings
from webapp import create_app
from webapp.backend import close_backend
from webapp.hosts import host_name


def _status(settings: Settings, host: str, bind_host: str | None = None) -> int:
    app = create_app(settings, bind_host=bind_host)
    try:
        return app.test_client().get("/healthz", headers={"Host": host}).status_code
    finally:
        close_backend(app)


@pytest.mark.parametrize(
    "header", ["localhost", "localhost:5000", "127.0.0.1:8080", "[::1]:5000", "LOCALHOST."]
)
def test_local_names_are_answered(tmp_path: Path, header: str) -> None:
    assert _status(Settings(data_dir=tmp_path), header) in (200, 503)


@pytest.mark.parametrize(
    "header", ["evil.example", "evil.example:5000", "127.0.0.1.evil.example", ""]
)
def test_other_hosts_get_400(tmp_path: Path, header: str) -> None:
    assert _status(Settings(data_dir=tmp_path), header) == 400


def test_configured_names_and_the_bind_host(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {"NEWSDESK_DATA_DIR": str(tmp_path), "NEWSDESK_ALLOWED_HOSTS": "news.example,.corp.example"}
    )
    assert _status(settings, "news.example") != 400
    assert _status(settings, "search.corp.example:443") != 400
    assert _status(settings, "other.example") == 400
    assert _status(settings, "10.0.0.5:5000", bind_host="10.0.0.5") != 400
    assert _status(settings, "10.0.0.5:5000", bind_host="0.0.0.0") == 400


def test_host_name_parsing() -> None:
    assert host_name("[::1]:5000") == "::1"
    assert host_name("Example.ORG.:80") == "example.org"
    assert host_name("::1") == "::1"


def test_no_path_in_health_or_error_pages(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the index should be")
    app = create_app(Settings(data_dir=tmp_path, index_path=blocker / "index"))
    try:
        client = app.test_client()
        for url in ("/healthz", "/?q=harbour", "/api/search?q=harbour", "/articles/x"):
            response = client.get(url)
            assert response.status_code >= 500, url
            body = response.get_data(as_text=True)
            assert str(tmp_path) not in body and "not-a-directory" not in body, url
    finally:
        close_backend(app)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(port: int, host: str) -> tuple[int, str | None]:
    """Status and Server header of GET /healthz sent with this Host header."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/healthz", headers={"Host": host})
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Server")
    finally:
        connection.close()


def test_serve_runs_on_waitress_and_checks_the_host(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "newsdesk", "serve", "--port", str(port)]
    with subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True) as server:
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    status, server_name = _get(port, f"localhost:{port}")
                    break
                except OSError:
                    assert server.poll() is None, "serve exited"
                    assert time.monotonic() < deadline, "serve did not start"
                    time.sleep(0.2)
            assert status in (200, 503)
            assert server_name == "newsdesk"  # waitress's ident, not werkzeug's
            assert _get(port, "evil.example")[0] == 400
        finally:
            server.terminate()
            _, errors = server.communicate(timeout=30)
    assert "development server" not in errors and "Traceback" not in errors
