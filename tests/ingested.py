"""A data folder holding a few articles of our own, ingested as a JSON Lines feed."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from indexer.config import Settings
from indexer.ingest import ingest
from indexer.search import open_backend

URL = "https://desk.example/{slug}"  # a hit's slug is the last part of its URL


def ingested(root: Path, articles: Mapping[str, str]) -> Settings:
    """Settings of a data folder under `root` into which `articles` (slug -> text) went."""
    feed = root / "feed.jsonl"
    lines = [
        json.dumps({"url": URL.format(slug=slug), "text": text}, ensure_ascii=False)
        for slug, text in articles.items()
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = Settings(data_dir=root / "data", workers=1)
    backend = open_backend(settings)
    ingest([feed], settings, backend)
    backend.close()
    return settings
