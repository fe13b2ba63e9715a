"""Filtering by an entity finds articles that only used an alias of it, learnt later or not."""

from __future__ import annotations

from pathlib import Path

from indexer.config import Settings
from indexer.ingest import ingest
from indexer.search import SearchRequest, open_backend

# Article B is ingested first and only knows the acronym; article A later teaches the table
# that the acronym and the full name are one organisation.
ONLY_ACRONYM = """\
Officials said NATO would hold its next meeting in Brussels in the spring.
A spokesman for NATO declined to comment on the agenda of the meeting.
"""
FULL_NAME = """\
The North Atlantic Treaty Organization (NATO) opened a new office in Vilnius on Monday.
Diplomats from several member states attended the ceremony in the Lithuanian capital.
"""


def test_canonical_filter_finds_the_article_that_used_the_alias(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", workers=1)
    backend = open_backend(settings)
    (tmp_path / "b.txt").write_text(ONLY_ACRONYM, encoding="utf-8")
    (tmp_path / "a.txt").write_text(FULL_NAME, encoding="utf-8")
    ingest([tmp_path / "b.txt"], settings, backend)
    ingest([tmp_path / "a.txt"], settings, backend)

    canonical = "North Atlantic Treaty Organization"
    organizations = backend.search(SearchRequest()).facets["organization"]
    assert [(v.value, v.count) for v in organizations] == [("nato", 2)]
    for value in ("nato", canonical, "NATO"):  # the id, or any name of it
        found = backend.search(SearchRequest(filters={"organization": (value,)}))
        assert found.total == 2
        excluded = backend.search(SearchRequest(excludes={"organization": (value,)}))
        assert excluded.total == 0
    backend.close()
