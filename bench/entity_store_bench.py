"""The entity store at scale: its size on disk and how long its lookups take.

    python -m bench.entity_store_bench                       # 10k, 100k and 1M articles
    python -m bench.entity_store_bench --articles 10000      # one size

Each synthetic article names `MENTIONS` entities drawn from a Zipf distribution (a few entities
in most articles, a long tail of new ones), each written in Russian or in English (a person as
"First Last" and sometimes the surname alone, a place or organisation as one to three words,
now and then an acronym). They go through the real write path (`EntityTable.resolve`, one
transaction per article) into a fresh store; then the read paths search uses are timed on it:
a filter value widened to its ids, ten facet values named, the variants of a typed name.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from indexer.entities.aliases import Cluster
from indexer.entities.table import EntityTable
from indexer.model import EntityType
from indexer.naming.store import FILENAME, EntityStore
from indexer.search.entity_lookup import EntityLookup

SIZES = (10_000, 100_000, 1_000_000)
MENTIONS = 8  # distinct entities per article
ZIPF_S = 1.3  # how fast the popularity of entities falls off
SEED = 20261206
LOOKUPS = 2_000
TYPES: tuple[EntityType, ...] = ("person", "organization", "location")
RU = "бвгдзклмнпрстфхцчшщ"
EN = "bcdfghjklmnprstvwz"
VOWELS_RU, VOWELS_EN = "аеиоуыя", "aeiou"


def _word(rng: random.Random, cyrillic: bool) -> str:
    consonants, vowels = (RU, VOWELS_RU) if cyrillic else (EN, VOWELS_EN)
    syllables = rng.randint(2, 4)
    word = "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(syllables))
    return word.capitalize()


def entity_names(rank: int) -> tuple[EntityType, list[str], set[str]]:
    """The type, full names and short names of the entity of popularity `rank` (stable)."""
    rng = random.Random(rank * 7919 + SEED)
    type_ = TYPES[rank % 3]
    cyrillic = rng.random() < 0.6
    words = [_word(rng, cyrillic) for _ in range(2 if type_ == "person" else rng.randint(1, 3))]
    full = " ".join(words)
    names, short = [full], set()
    if type_ == "person":
        short.add(words[-1])
    elif len(words) >= 2 and rng.random() < 0.3:
        names.append("".join(w[0] for w in words).upper())
    return type_, names, short


def _zipf(rng: random.Random, cumulative: list[float]) -> int:
    low, high = 0, len(cumulative) - 1
    target = rng.random() * cumulative[-1]
    while low < high:
        middle = (low + high) // 2
        if cumulative[middle] < target:
            low = middle + 1
        else:
            high = middle
    return low


def fill(path: Path, articles: int) -> float:
    """Resolve `articles` synthetic articles into a store at `path`; seconds per article."""
    rng = random.Random(SEED)
    universe = articles * 2  # enough ranks that the tail keeps bringing new entities
    cumulative, total = [], 0.0
    for rank in range(1, universe + 1):
        total += rank**-ZIPF_S
        cumulative.append(total)
    table = EntityTable(path)
    started = time.perf_counter()
    for _ in range(articles):
        ranks = {_zipf(rng, cumulative) for _ in range(MENTIONS)}
        clusters = []
        for rank in sorted(ranks):
            type_, names, short = entity_names(rank)
            shown = names if rng.random() < 0.8 or not short else []
            clusters.append(Cluster([], type_, (shown or sorted(short))[0], shown, short))
        table.resolve(clusters)
    seconds = (time.perf_counter() - started) / articles
    table.close()
    return seconds


def _median_us(work: Callable[[int], object], count: int) -> float:
    times = []
    for i in range(count):
        started = time.perf_counter()
        work(i)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1e6


def measure(articles: int) -> dict[str, float]:
    """Fill a store with `articles` articles and time its lookups."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / FILENAME
        write_s = fill(path, articles)
        store = EntityStore(path)
        db = store.db
        (entities,) = db.execute("SELECT count(*) FROM entities").fetchone()
        (names,) = db.execute("SELECT count(*) FROM names").fetchone()
        ids = [str(r[0]) for r in db.execute("SELECT id FROM entities LIMIT 5000").fetchall()]
        store.close()
        size_mb = sum(p.stat().st_size for p in Path(folder).iterdir()) / 2**20
        lookup = EntityLookup(path)
        rng = random.Random(SEED)
        queries = [entity_names(rng.randrange(1, 5000))[1][0] for _ in range(LOOKUPS)]
        labels = [ids[rng.randrange(len(ids))] for _ in range(LOOKUPS)]
        results = {
            "entities": float(entities),
            "names": float(names),
            "size_mb": size_mb,
            "write_ms": write_s * 1000,
            "widen_us": _median_us(lambda i: lookup.widen("person", (labels[i],)), LOOKUPS),
            "labels_us": _median_us(
                lambda i: lookup.labels(labels[i : i + 10], "en"), LOOKUPS // 10
            ),
            "variants_us": _median_us(lambda i: lookup.variants(queries[i]), LOOKUPS),
        }
        lookup.close()
        return results


def main(argv: list[str] | None = None) -> int:
    """Measure each size and print one row per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, action="append", help="sizes (repeatable)")
    args = parser.parse_args(argv)
    print(
        f"{'articles':>10} {'entities':>10} {'names':>10} {'MB':>8} {'write ms/art':>12}"
        f" {'widen us':>9} {'10 labels us':>12} {'variants us':>11}"
    )
    for articles in args.articles or SIZES:
        row = measure(articles)
        print(
            f"{articles:>10,} {row['entities']:>10,.0f} {row['names']:>10,.0f}"
            f" {row['size_mb']:>8.1f} {row['write_ms']:>12.2f} {row['widen_us']:>9.0f}"
            f" {row['labels_us']:>12.0f} {row['variants_us']:>11.0f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
