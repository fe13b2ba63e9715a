"""A synthetic 100,000-article embedded index for the web benchmarks, cached outside the repo.

Real Reuters-21578 and Lenta.ru texts from ../shared/data under new ids, dates spread over ten
years, and a few entity names per article drawn from small skewed lists (plus a long tail),
indexed straight through the backend without NER: minutes to build, not hours.
"""

from __future__ import annotations

import csv
import random
import shutil
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import cycle, islice
from pathlib import Path

from indexer.config import Settings
from indexer.ids import stable_id
from indexer.model import Article, Entity, Segment
from indexer.search import open_backend

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SEED = 6  # fixed: every run builds the same corpus
SPREAD_START = datetime(2015, 1, 1, tzinfo=UTC)
SPREAD_DAYS = 3652  # ten years, so the histogram has to pick a coarse interval
csv.field_size_limit(sys.maxsize)  # Lenta articles are longer than csv's default limit

# Small name lists per type; drawn with Zipf-like weights so facets have a head and a tail.
PERSONS = [
    f"{first} {last}"
    for first in ("Anna", "Boris", "Clara", "David", "Elena", "Farid", "Greta", "Hugo")
    for last in ("Keller", "Sorokin", "Mendes", "Okafor", "Lind")
]
ORGANIZATIONS = [
    f"{name} {kind}"
    for name in ("Baltic", "Northern", "Harbour", "Atlas", "Meridian", "Summit")
    for kind in ("Bank", "Council", "Energy", "Rail")
]
LOCATIONS = [
    "Lisbon",
    "Oslo",
    "Kazan",
    "Lagos",
    "Lima",
    "Perth",
    "Osaka",
    "Quito",
    "Riga",
    "Tunis",
    "Hanoi",
    "Dakar",
    "Minsk",
    "Porto",
    "Turin",
    "Leeds",
]
TAIL_NAMES = 5000  # distinct rare names: facet aggregations meet real cardinality
SOURCES = {"en": ["Reuters", "wire-one.example", "daily-two.example", "courier.example"],
           "ru": ["Lenta.ru", "vesti.example", "novosti.example"]}  # fmt: skip


def _base_texts() -> list[tuple[str, str, str]]:
    """(language, title, body) of every usable real text, English and Russian interleaved."""
    from indexer.readers.reuters import read_reuters

    english = []
    for path in sorted((SHARED_DATA / "news-en" / "reuters21578").glob("*.sgm")):
        for item in read_reuters(path):
            if isinstance(item, Article) and item.text and len(item.text) > 200:
                english.append(("en", item.title or "", item.text))
    russian = []
    lenta = SHARED_DATA / "news-ru" / "lenta-crime" / "Lenta_Crime.csv"
    with open(lenta, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            russian.append(("ru", row["textname"], row["full_text"]))
    mixed = []
    ratio = max(1, len(english) // max(1, len(russian)))
    russian_cycle = cycle(russian)
    for number, text in enumerate(english):
        mixed.append(text)
        if number % ratio == 0:
            mixed.append(next(russian_cycle))
    return mixed


def _weighted(names: list[str], rng: random.Random) -> str:
    weights = [1 / (rank + 1) for rank in range(len(names))]
    return rng.choices(names, weights)[0]


def _article(number: int, base: tuple[str, str, str], rng: random.Random) -> Article:
    language, title, body = base
    names = [
        (_weighted(PERSONS, rng), "person"),
        (_weighted(ORGANIZATIONS, rng), "organization"),
        (_weighted(LOCATIONS, rng), "location"),
        (f"Person {rng.randrange(TAIL_NAMES):04d}", "person"),
    ][: rng.randint(1, 4)]
    # The names are appended as a tagged line so their offsets point at real text.
    tagged = body.rstrip() + "\n"
    entities = []
    for name, kind in names:
        start = len(tagged)
        tagged += name + "; "
        entities.append(Entity(name, start, start + len(name), kind, name))  # type: ignore[arg-type]
    published = SPREAD_START + timedelta(minutes=rng.randrange(SPREAD_DAYS * 24 * 60))
    source = rng.choice(SOURCES[language])
    article_id = stable_id("web-render", str(number))
    return Article(
        id=article_id,
        path=f"bench/web_render#{number}",
        url=f"https://{source.lower()}/{article_id}",
        source=source,
        title=title,
        body=tagged,
        language=language,
        language_confidence=0.99,
        segments=(Segment(0, len(tagged), language, 0.99),),
        published_at=published.isoformat(),
        published_at_source="input",
        entities=tuple(entities),
    )


def synthetic_articles(count: int) -> Iterator[Article]:
    """`count` articles over the real base texts, deterministic for a given count."""
    rng = random.Random(SEED)
    bases = _base_texts()
    for number, base in enumerate(islice(cycle(bases), count)):
        yield _article(number, base, rng)


def index_settings(cache: Path, count: int, rebuild: bool) -> Settings:
    """Settings of the cached index of `count` articles, built first when missing."""
    folder = cache / f"web-render-{count}"
    done = folder / "complete"
    if rebuild or not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        settings = Settings(data_dir=folder, ner=False)
        backend = open_backend(settings)
        start = time.perf_counter()
        report = backend.index(synthetic_articles(count))
        backend.close()
        seconds = time.perf_counter() - start
        print(f"built {report.indexed} articles in {seconds:.0f} s into {folder}", file=sys.stderr)
        done.write_text(f"{report.indexed}\n")
    return Settings(data_dir=folder, ner=False)
