"""Timed commits on each backend: what a commit reports is there, and updates count apart."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

from indexer.model import Article, IndexReport
from indexer.search.base import Checkpoint, SearchBackend
from tests.contract.corpus import ARTICLES


def _slowly(articles: list[Article], pause_s: float) -> Iterator[Article]:
    for article in articles:
        time.sleep(pause_s)
        yield article


def test_each_checkpoint_holds_everything_taken_so_far(backend: SearchBackend) -> None:
    seen: list[tuple[int, int]] = []

    def committed(report: IndexReport) -> None:
        seen.append((report.indexed, backend.count()))

    # A checkpoint every 20 ms and an article every 30 ms: a commit after nearly every one.
    report = backend.index(_slowly(ARTICLES, 0.03), Checkpoint(0.02, committed))
    assert report.indexed == len(ARTICLES)
    assert len(seen) >= len(ARTICLES) // 2
    assert all(present == written for written, present in seen), seen
    assert seen[-1] == (len(ARTICLES), len(ARTICLES))


def test_updates_are_counted_apart_from_new_articles(backend: SearchBackend) -> None:
    first = backend.index(ARTICLES[:4])
    again = [replace(a, title=f"{a.title} (corrected)") for a in ARTICLES[2:6]]
    # ARTICLES[6] twice in one write: the second copy replaces the first.
    second = backend.index([*again, ARTICLES[6], ARTICLES[6]])
    assert (first.indexed, first.updated) == (4, 0)
    assert (second.indexed, second.updated, second.new) == (6, 3, 3)
    backend.refresh()
    assert backend.count() == 7
