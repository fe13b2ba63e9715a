"""Web latency under a closed-loop load: the server in one process, the client in another.

The server is `newsdesk serve` (Flask's threaded server) on one engine's index. The client
process keeps one connection per simulated user open and sends the next request as soon as the
last answer is read (closed loop), over loopback, cycling through the search page and the API
for every query of the mix, for a time budget.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from typing import Any
from urllib.parse import urlencode

from bench.query_bench import Engine, Mix, percentile
from indexer.search.params import params_from_request

STARTUP_TIMEOUT_S = 60  # the server imports Flask and opens the index: seconds, not minutes
CLIENT_TIMEOUT_S = 3_600  # a load run is minutes long; past an hour something hangs


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the web server exited with code {server.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the web server did not answer within {STARTUP_TIMEOUT_S} s")


def paths_for(mix: Mix) -> list[str]:
    """The search page and the API call for every query of the mix."""
    paths = []
    for _, req in mix:
        encoded = urlencode(params_from_request(req), doseq=True)
        paths += [f"/?{encoded}", f"/api/search?{encoded}"]
    return paths


def measure(engine: Engine, mix: Mix, connections: int, budget_s: float) -> dict[str, Any]:
    """p50/p99 (ms) of GET / and GET /api/search, server and client in separate processes."""
    port = _free_port()
    settings = engine.settings()
    env = {
        **os.environ,
        "NEWSDESK_BACKEND": settings.backend,
        "NEWSDESK_INDEX_PATH": str(settings.embedded_index_path),
        "NEWSDESK_DATA_DIR": str(settings.data_dir),
        "NEWSDESK_ELASTICSEARCH_URL": settings.elasticsearch_url,
        "NEWSDESK_INDEX_NAME": settings.index_name,
        "NEWSDESK_NATIVE": "1" if settings.native else "0",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(port, server)
        client = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.web_load",
                str(port),
                str(connections),
                str(budget_s),
                *paths_for(mix),
            ],  # fmt: skip
            capture_output=True,
            text=True,
            timeout=CLIENT_TIMEOUT_S,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    if client.returncode != 0:
        raise RuntimeError(f"the load client failed:\n{client.stderr[-3000:]}")
    figures = json.loads(client.stdout)
    results = {}
    for name in ("GET /", "GET /api/search"):
        values = figures["latencies"][name]
        results[name] = {
            "p50": statistics.median(values),
            "p99": percentile(values, 99),
            "requests": len(values),
            "rps": len(values) / figures["seconds"],
        }
    return {"connections": connections, "routes": results}


def _user(
    port: int, paths: list[str], budget_s: float, out: dict[str, list[float]], spans: list[Any]
) -> None:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        for path in paths:  # warm-up: templates compiled, caches filled
            connection.request("GET", path)
            connection.getresponse().read()
        start = time.monotonic()
        while time.monotonic() - start < budget_s:
            for path in paths:
                began = time.perf_counter()
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                elapsed = 1000 * (time.perf_counter() - began)
                if response.status != 200:
                    raise RuntimeError(f"{path} answered {response.status}")
                out["GET /api/search" if path.startswith("/api/") else "GET /"].append(elapsed)
        spans.append((start, time.monotonic()))
    except (OSError, RuntimeError, http.client.HTTPException) as error:
        spans.append(error)


def _load(port: int, connections: int, budget_s: float, paths: list[str]) -> None:
    """Client process: closed-loop users on threads; latencies as JSON on stdout."""
    parts: list[dict[str, list[float]]] = [
        {"GET /": [], "GET /api/search": []} for _ in range(connections)
    ]
    spans: list[Any] = []
    users = [
        threading.Thread(target=_user, args=(port, paths, budget_s, part, spans)) for part in parts
    ]
    for user in users:
        user.start()
    for user in users:
        user.join()
    errors = [span for span in spans if isinstance(span, Exception)]
    if errors:
        sys.exit(f"load client: {errors[0]}")
    merged = {name: [v for part in parts for v in part[name]] for name in parts[0]}
    seconds = max(end for _, end in spans) - min(start for start, _ in spans)
    print(json.dumps({"seconds": seconds, "latencies": merged}))


if __name__ == "__main__":
    _load(int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4:])
