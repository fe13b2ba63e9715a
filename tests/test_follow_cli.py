"""`newsdesk follow` end to end: add, a long-running `run --forever`, list, remove."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from news_server import NewsSite, Route, article_page, rss, serve

from indexer.config import Settings
from indexer.search import SearchRequest, open_backend

PROJECT = Path(__file__).resolve().parents[1]
FERRY = (
    "Ferry to Norden resumes after storm",
    [
        "The ferry service between Emden and Norden resumed on Monday after a week of storms "
        "kept the boats in harbour, the operator said.",
        "Passengers had waited at the quay since dawn, and the first crossing left at nine.",
    ],
)
DREDGER = (
    "Dredger clears the harbour mouth",
    [
        "A dredger from Rotterdam began clearing silt from the harbour mouth on Wednesday, "
        "work that will keep the channel open for the larger ferries next summer.",
        "The harbour master said the work would take about three weeks.",
    ],
)


@pytest.fixture
def site() -> Iterator[NewsSite]:
    site = NewsSite()
    with serve(site):
        site.routes["/news/ferry"] = Route(article_page(*FERRY))
        site.routes["/news/dredger"] = Route(article_page(*DREDGER))
        site.routes["/feed.xml"] = Route(
            rss([("1", site.url("/news/ferry"), FERRY[0], "Mon, 04 Mar 2024 09:00:00 GMT")]),
            "application/rss+xml",
        )
        yield site


def _newsdesk(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newsdesk", *args]
    return subprocess.run(
        command, env=env, cwd=PROJECT, capture_output=True, text=True, timeout=120
    )


def _found(data: Path, query: str) -> int:
    backend = open_backend(Settings(data_dir=data))
    try:
        return backend.search(SearchRequest(query=query)).total
    finally:
        backend.close()


def _wait_for(data: Path, query: str, limit: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if (data / "index").exists() and _found(data, query):
            return time.monotonic() - started
        time.sleep(0.2)
    raise AssertionError(f"{query!r} not searchable within {limit} s")


def test_follow_forever_indexes_a_new_item_within_seconds(site: NewsSite, tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(data),
        "NEWSDESK_NER": "0",
        "NEWSDESK_WORKERS": "1",
    }
    added = _newsdesk(env, "follow", "add", site.url("/feed.xml"), "--every", "10m")
    assert added.returncode == 0 and "following feed #1" in added.stdout, added.stderr
    poller = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "follow", "run", "--forever"],
        env=env,
        cwd=PROJECT,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(data, "Norden", 120)  # the first poll also loads the pipeline's models
        site.routes["/feed.xml"] = Route(
            rss(
                [
                    ("2", site.url("/news/dredger"), DREDGER[0], "Wed, 06 Mar 2024 09:00:00 GMT"),
                    ("1", site.url("/news/ferry"), FERRY[0], "Mon, 04 Mar 2024 09:00:00 GMT"),
                ]
            ),
            "application/rss+xml",
        )
        again = _newsdesk(env, "follow", "add", site.url("/feed.xml"), "--every", "10m")
        assert again.returncode == 0  # re-adding a source makes it due now
        # Due now: the running poller looks at the schedule every 5 s, then polls and indexes.
        assert _wait_for(data, "Rotterdam", 30) < 5 + 5
    finally:
        poller.send_signal(signal.SIGTERM)
        assert poller.wait(timeout=60) == 0
    listing = _newsdesk(env, "follow", "list")
    assert (
        "#1 feed" in listing.stdout and "1 new" in listing.stdout and "2 articles" in listing.stdout
    )
    assert len(site.hits("/news/ferry")) == 1
    assert _newsdesk(env, "follow", "remove", "1").returncode == 0
    assert "#1" not in _newsdesk(env, "follow", "list").stdout


def test_follow_add_reports_what_it_cannot_follow(site: NewsSite, tmp_path: Path) -> None:
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(tmp_path / "data")}
    site.routes["/notes.xml"] = Route(b"<notes/>", "application/xml")
    refused = _newsdesk(env, "follow", "add", site.url("/missing"))
    assert refused.returncode == 2 and "HTTP 404" in refused.stderr
    junk = _newsdesk(env, "follow", "add", site.url("/notes.xml"))
    assert junk.returncode == 2 and "not a feed" in junk.stderr
