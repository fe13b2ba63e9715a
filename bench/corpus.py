"""Benchmark corpora from the real news in ../shared/data, generated once into a cache.

Base texts: Reuters-21578 stories (English), Russian Telegram posts and Lenta.ru articles,
interleaved so every slice mixes both languages. `raw_corpus(cache, n)` writes n of them as
JSON Lines input for ingest benchmarks. `processed_records(cache, n)` runs the pipeline (NER
on) over the base texts once and caches the records; `scaled_articles(records, n)` re-uses
them under new ids and dates spread over ten years to reach 100k or 1M articles without
re-running NER. Everything is cached in a folder the caller names (`--cache`).
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import shutil
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import cycle, islice
from pathlib import Path

from indexer.config import Settings
from indexer.ids import stable_id
from indexer.model import Article, IndexReport

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
# Where corpora, processed articles, indexes and reports are kept between runs (`--cache`).
DEFAULT_CACHE = Path.home() / ".cache" / "newsdesk" / "bench"
SPREAD_START = datetime(2015, 1, 1, tzinfo=UTC)
SPREAD_DAYS = 3652  # ten years: histograms and date filters have a realistic range to cover
SEED = 20261123  # fixed, so every run builds the same corpora
csv.field_size_limit(sys.maxsize)  # Lenta articles are longer than csv's default field limit


def _reuters() -> Iterator[dict[str, str]]:
    from indexer.readers.reuters import read_reuters

    for path in sorted((SHARED_DATA / "news-en" / "reuters21578").glob("*.sgm")):
        for item in read_reuters(path):
            if isinstance(item, Article) and item.text and len(item.text) > 200:
                yield {
                    "url": f"https://reuters.example/{item.id}",
                    "title": item.title or "",
                    "text": item.text,
                    "published_at": item.published_at or "",
                    "source": "Reuters",
                }


def _telegram() -> Iterator[dict[str, str]]:
    for path in sorted((SHARED_DATA / "news-ru" / "telegram" / "raw").glob("*.json")):
        for post in json.loads(path.read_text(encoding="utf-8")):
            text = (post.get("text") or "").strip()
            if len(text) > 200:
                yield {
                    "url": f"https://t.me/c/{path.stem}/{post['message_id']}",
                    "title": text.split("\n", 1)[0][:150],
                    "text": text,
                    "published_at": post.get("date") or "",
                    "source": post.get("channel") or "Telegram",
                }


def _lenta() -> Iterator[dict[str, str]]:
    with open(SHARED_DATA / "news-ru" / "lenta-crime" / "Lenta_Crime.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            day = row["textid"][:8]
            yield {
                "url": f"https://lenta.example/{row['textid']}",
                "title": row["textname"],
                "text": row["full_text"],
                "published_at": f"{day[:4]}-{day[4:6]}-{day[6:8]}T00:00:00+03:00",
                "source": "Lenta.ru",
            }


def base_texts() -> list[dict[str, str]]:
    """Every usable real text, English and Russian interleaved, in a fixed order."""
    english = list(_reuters())
    russian = list(_lenta()) + list(_telegram())
    random.Random(SEED).shuffle(english)
    random.Random(SEED + 1).shuffle(russian)
    mixed: list[dict[str, str]] = []
    for pair in zip(english, russian, strict=False):
        mixed.extend(pair)
    longer = english if len(english) > len(russian) else russian
    mixed.extend(longer[min(len(english), len(russian)) :])
    return mixed


def raw_corpus(cache: Path, n: int) -> Path:
    """A JSON Lines file of n real articles (input for ingest benchmarks), built once."""
    path = cache / f"raw-{n}.jsonl"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        texts = base_texts()
        if n > len(texts):
            raise ValueError(f"only {len(texts)} real texts; ask for fewer")
        partial = path.with_suffix(".partial")
        with open(partial, "w", encoding="utf-8") as out:
            for record in texts[:n]:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        partial.rename(path)
    return path


def pipeline_fingerprint() -> str:
    """Changes whenever any indexer code or data outside the search layer changes."""
    root = Path(__file__).resolve().parents[1] / "indexer"
    files = sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and "search" not in p.relative_to(root).parts
        and "__pycache__" not in p.parts
    )
    digest = hashlib.sha1()
    for path in files:
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def pipeline_state(cache: Path, n: int) -> Path:
    """The data directory (entity table, learnt line rules) of the pipeline run over n articles."""
    return cache / f"pipeline-state-{n}"


def processed_path(cache: Path, n: int, reuse_stale: bool = False) -> Path:
    """Where the pipeline's output for n articles is cached (it may not exist yet)."""
    path = cache / f"processed-{n}-{pipeline_fingerprint()}.jsonl"
    older = sorted(cache.glob(f"processed-{n}-*.jsonl"), key=lambda p: p.stat().st_mtime)
    if reuse_stale and older and not path.exists():
        return older[-1]
    return path


def processed_records(
    cache: Path, n: int, workers: int = 2, reuse_stale: bool = False
) -> list[Article]:
    """The first n real articles through the full pipeline (NER on), cached per pipeline version.

    Articles the pipeline skips are left out, so slightly fewer than n may come back.
    `reuse_stale` takes the newest cached run even if the pipeline code changed since.
    """
    path = processed_path(cache, n, reuse_stale)
    older = [p for p in cache.glob(f"processed-{n}-*.jsonl") if p != path]
    if not path.exists():
        from indexer.ingest import processed

        source = raw_corpus(cache, n)  # creates the cache folder on a fresh machine
        state = pipeline_state(cache, n)
        shutil.rmtree(state, ignore_errors=True)  # learnt tables start empty, as on a fresh install
        settings = Settings(data_dir=state, ner=True, workers=workers)
        report = IndexReport()
        partial = path.with_suffix(".partial")
        with open(partial, "w", encoding="utf-8") as out:
            for article in processed([source], settings, report):
                out.write(json.dumps(article.to_json(), ensure_ascii=False) + "\n")
        partial.rename(path)
        for stale in older:
            stale.unlink()
    with open(path, encoding="utf-8") as lines:
        return [Article.from_json(json.loads(line)) for line in lines]


def scaled_articles(records: list[Article], n: int) -> Iterator[Article]:
    """n articles cycling over `records` with new ids, URLs and dates spread over ten years."""
    rng = random.Random(SEED)
    for number, article in enumerate(islice(cycle(records), n)):
        moment = SPREAD_START + timedelta(seconds=rng.randrange(SPREAD_DAYS * 86400))
        yield replace(
            article,
            id=stable_id("bench", str(number)),
            url=f"https://bench.example/{number}",
            published_at=moment.isoformat(),
            published_at_source="input",
        )
