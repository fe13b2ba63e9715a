"""Alerts: each saved search's new matches sent once, by e-mail (an SMTP sink on 127.0.0.1) or
to a webhook, also when a run is killed in the middle and run again."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from live_articles import BRIDGE, CHESS, FERRY, FERRY_FARES, MARKET, add, story

from indexer.alerts.deliver import senders
from indexer.alerts.run import AlertRun
from indexer.alerts.store import AlertStore
from indexer.config import Settings
from indexer.search import open_backend
from indexer.search.params import request_from_params

PROJECT = Path(__file__).resolve().parents[1]


class Sink:
    """aiosmtpd handler keeping every message; `hold` makes a DATA command wait (a hang)."""

    def __init__(self) -> None:
        self.messages: list[Any] = []
        self.hold = threading.Event()
        self.hold.set()
        self.hold_after: int | None = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.hold_after is not None and len(self.messages) >= self.hold_after:
            while not self.hold.is_set():
                await asyncio.sleep(0.05)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def article_ids(self) -> list[str]:
        """Newsdesk article links in every message body, in order."""
        found = []
        for message in self.messages:
            for line in message.get_payload(decode=True).decode().splitlines():
                if "/articles/" in line:
                    found.append(line.strip().rsplit("/", 1)[1])
        return found


@pytest.fixture
def smtp() -> Iterator[tuple[Sink, int]]:
    sink = Sink()
    with socket.socket() as probe:  # aiosmtpd checks its port by connecting: name a free one
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink, port
    finally:
        sink.hold.set()
        controller.stop()


@pytest.fixture
def live(tmp_path: Path, smtp: tuple[Sink, int]) -> Settings:
    """Embedded index; SMTP to the sink."""
    return _live(tmp_path, smtp[1])


def _live(tmp_path: Path, port: int, **backend: Any) -> Settings:
    settings = Settings(
        data_dir=tmp_path / "data",
        ner=False,
        workers=1,
        alert_email="desk@example.org",
        smtp_port=port,
        public_url="http://news.test",
        **backend,
    )
    add(settings, FERRY, BRIDGE, CHESS)
    time.sleep(1.1)  # index times have whole seconds: these are old news to a new search
    return settings


def _save(settings: Settings, name: str, query: str) -> int:
    store = AlertStore(settings.data_dir)
    try:
        return store.save(name, request_from_params({"q": [query]})).id
    finally:
        store.close()


def _run(settings: Settings) -> Any:
    store, backend = AlertStore(settings.data_dir), open_backend(settings)
    try:
        return AlertRun(backend, store, senders(settings), settings.public_url).run()
    finally:
        backend.close()
        store.close()


@pytest.mark.parametrize("engine", ["embedded", "elasticsearch"])
def test_new_matches_are_mailed_once(
    engine: str, tmp_path: Path, smtp: tuple[Sink, int], request: pytest.FixtureRequest
) -> None:
    sink = smtp[0]
    options: dict[str, Any] = {}
    if engine == "elasticsearch":
        options = {
            "backend": "elasticsearch",
            "elasticsearch_url": request.getfixturevalue("elasticsearch_url"),
            "index_name": request.getfixturevalue("es_index_name"),
        }
    live = _live(tmp_path, smtp[1], **options)
    _save(live, "Ferries", "ferry")
    assert _run(live).messages == 0, "articles older than the saved search are not news"
    add(live, FERRY_FARES, MARKET)
    report = _run(live)
    assert (report.messages, report.articles) == (1, 1)
    assert sink.article_ids() == ["live-fares"]
    assert sink.messages[0]["Subject"] == "Newsdesk: 1 new article for “Ferries”"
    assert sink.messages[0]["Message-ID"].endswith("@newsdesk>")
    assert _run(live).messages == 0
    add(live, FERRY_FARES)  # re-ingested: written again, but already sent
    assert _run(live).messages == 0
    assert sink.article_ids() == ["live-fares"]


def test_a_failing_webhook_keeps_the_message_for_the_next_run(live: Settings) -> None:
    received: list[tuple[str, dict[str, Any]]] = []
    answers = [500, 200]

    class Hook(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def do_POST(self) -> None:  # noqa: N802
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            received.append((self.headers["Idempotency-Key"], body))
            self.send_response(answers.pop(0))
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        hooked = Settings(
            data_dir=live.data_dir,
            ner=False,
            alert_webhook=f"http://127.0.0.1:{server.server_port}/hook",
            public_url="http://news.test",
        )
        _save(hooked, "Ferries", "ferry")
        add(hooked, FERRY_FARES)
        failed = _run(hooked)
        assert failed.errors and failed.messages == 0
        retried = _run(hooked)
        assert (retried.resent, retried.articles) == (1, 1)
        assert _run(hooked).messages == 0
    finally:
        server.shutdown()
        server.server_close()
    (first_key, first), (second_key, second) = received
    assert first_key == second_key, "a re-sent message keeps its id: receivers can drop repeats"
    assert [a["id"] for a in second["articles"]] == ["live-fares"]
    assert second["articles"][0]["link"] == "http://news.test/articles/live-fares"


def test_killed_run_then_rerun_delivers_each_article_once(
    live: Settings, smtp: tuple[Sink, int]
) -> None:
    sink, port = smtp
    for name in ("ferry", "harbour", "fish"):
        _save(live, name.title(), name)
    add(live, FERRY_FARES, MARKET, story("quay", "Harbour quay", "The harbour quay reopens."))
    sink.hold_after, _ = 1, sink.hold.clear()  # the second message hangs in DATA
    env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(live.data_dir),
        "NEWSDESK_ALERT_EMAIL": "desk@example.org",
        "NEWSDESK_SMTP_PORT": str(port),
        "NEWSDESK_NER": "0",
        "NEWSDESK_PUBLIC_URL": "http://news.test",
    }
    command = [sys.executable, "-m", "newsdesk", "alerts", "run"]
    killed = subprocess.Popen(command, env=env, cwd=PROJECT, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(sink.messages) < 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # the second message is now waiting in DATA
    killed.kill()
    killed.wait()
    assert len(sink.messages) == 1
    sink.hold_after = None
    sink.hold.set()
    rerun = subprocess.run(command, env=env, cwd=PROJECT, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    ids = sink.article_ids()
    per_search = [m["Subject"] for m in sink.messages]
    assert len(per_search) == len(set(per_search)) == 3, per_search
    expected = {"Ferry": {"live-fares"}, "Harbour": {"live-quay"}, "Fish": {"live-market"}}
    assert sorted(ids) == sorted(a for s in expected.values() for a in s)
    again = subprocess.run(command, env=env, cwd=PROJECT, capture_output=True, text=True)
    assert again.returncode == 0 and len(sink.messages) == 3, "nothing twice"
