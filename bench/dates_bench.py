"""Dates benchmark: publication dates recovered on tgnews and Reuters, mention speed and a
precision spot-check.

Run from the project root: `python -m bench.dates_bench` (add `--sample N` to change the
number of Lenta / Reuters bodies timed, `--seed S` for other spot-check mentions).
Reads ../shared/data; prints tables, no timings are asserted.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import gc
import gzip
import random
import re
import sys
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path

from indexer.config import Settings
from indexer.context import Context
from indexer.dates.mentions import find_date_mentions
from indexer.errors import Skip
from indexer.model import Article, DateMention, Failure
from indexer.readers.reuters import read_reuters
from indexer.stages.clean import clean_article
from indexer.stages.dates import extract_dates

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
TGNEWS = DATA / "html-multilingual" / "tgnews"
REUTERS = DATA / "news-en" / "reuters21578"
LENTA = DATA / "news-ru" / "lenta-crime" / "Lenta_Crime.csv"
EXTRACTION = DATA / "extraction" / "html"
SPOT_CHECK_SIZE = 20
CONTEXT_CHARS = 60  # either side of a spot-checked mention

# Parsed here without indexer code, so the comparison is independent.
_META_PUBLISHED = re.compile(
    r"""<meta\s+property="article:published_time"\s+content="([^"]+)\"""", re.IGNORECASE
)
_REUTERS_STORY = re.compile(r'NEWID="(\d+)">\s*<DATE>([^<]*)</DATE>')
_REUTERS_STAMP = re.compile(r"(\d{1,2})-([A-Z]{3})-(\d{4})\s+(\d+):(\d\d):(\d\d)")
_MONTHS = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()


def _row(*cells: object) -> str:
    return "  ".join(f"{cell!s:<28}" if i == 0 else f"{cell!s:>12}" for i, cell in enumerate(cells))


def _tgnews(ctx: Context) -> list[Article]:
    counts: Counter[str] = Counter()
    sources: Counter[str | None] = Counter()
    articles: list[Article] = []
    started = time.perf_counter()
    pages = sorted(TGNEWS.glob("*.html"))
    for page in pages:
        raw = page.read_text(encoding="utf-8", errors="replace")
        expected = _META_PUBLISHED.search(raw)
        article = Article(id=page.stem, path=str(page), html=raw)
        try:
            article = clean_article(article, ctx)
        except Skip:
            counts["skipped by cleaning"] += 1
        article = extract_dates(article, ctx)
        articles.append(article)
        sources[article.published_at_source] += 1
        if expected is None:
            counts["page without meta"] += 1
        elif article.published_at is None:
            counts["missing"] += 1
        elif datetime.fromisoformat(article.published_at) == datetime.fromisoformat(
            expected.group(1)
        ):
            counts["match"] += 1
        else:
            counts["mismatch"] += 1
    elapsed = time.perf_counter() - started
    print(f"\ntgnews: article:published_time recovered ({len(pages)} pages)")
    for key in ("match", "mismatch", "missing", "page without meta", "skipped by cleaning"):
        print(_row(key, counts[key]))
    print(_row("sources", ", ".join(f"{k}={v}" for k, v in sources.most_common())))
    print(_row("clean+dates ms/page", f"{1000 * elapsed / max(1, len(pages)):.2f}"))
    return articles


def _expected_reuters(path: Path) -> dict[str, tuple[date, tuple[int, int, int] | None]]:
    expected = {}
    for newid, raw in _REUTERS_STORY.findall(path.read_text(encoding="latin-1")):
        stamp = _REUTERS_STAMP.search(raw)
        if stamp:
            day, month, year, hour, minute, second = stamp.groups()
            clock = (int(hour), int(minute), int(second))
            valid_clock = clock if clock[0] < 24 and clock[1] < 60 and clock[2] < 60 else None
            expected[newid] = (date(int(year), _MONTHS.index(month) + 1, int(day)), valid_clock)
    return expected


def _reuters(ctx: Context) -> list[Article]:
    counts: Counter[str] = Counter()
    articles: list[Article] = []
    files = sorted(REUTERS.glob("reut2-*.sgm"))
    started = time.perf_counter()
    for path in files:
        expected = _expected_reuters(path)
        counts["stamps parsed by bench"] += len(expected)
        for item in read_reuters(path):
            if isinstance(item, Failure):
                counts["reader failures"] += 1
                continue
            article = extract_dates(dataclasses.replace(item, body=item.text or ""), ctx)
            articles.append(article)
            counts["stories"] += 1
            want = expected.get(item.path.rsplit("#", 1)[1])
            got = datetime.fromisoformat(article.published_at) if article.published_at else None
            if want is None:
                counts["no bench stamp"] += 1
            elif got is None:
                counts["missing"] += 1
            elif got.date() == want[0] and (
                want[1] is None or (got.hour, got.minute, got.second) == want[1]
            ):
                counts["match"] += 1
            else:
                counts["mismatch"] += 1
    elapsed = time.perf_counter() - started
    print(f"\nReuters-21578: <DATE> recovered ({len(files)} files)")
    for key in (
        "stories",
        "stamps parsed by bench",
        "match",
        "mismatch",
        "missing",
        "no bench stamp",
        "reader failures",
    ):
        print(_row(key, counts[key]))
    print(_row("read+dates ms/story", f"{1000 * elapsed / max(1, counts['stories']):.3f}"))
    return articles


def _lenta(limit: int) -> list[Article]:
    csv.field_size_limit(sys.maxsize)
    articles = []
    with LENTA.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            stamp = row["textid"][:8]
            published = f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}" if stamp.isdigit() else None
            articles.append(
                Article(
                    id=row["textid"], path=str(LENTA), body=row["full_text"], published_at=published
                )
            )
    return articles[:limit]


def _time_mentions(name: str, articles: list[Article]) -> list[tuple[Article, DateMention]]:
    anchors = [
        datetime.fromisoformat(a.published_at).date() if a.published_at else None for a in articles
    ]
    pairs = list(zip(articles, anchors, strict=True))
    started = time.perf_counter()
    found = [find_date_mentions(article.body, anchor) for article, anchor in pairs]
    elapsed = time.perf_counter() - started
    started = time.perf_counter()
    full = [find_date_mentions(a.body, anchor, everywhere=True) for a, anchor in pairs]
    elapsed_full = time.perf_counter() - started
    differ = sum(windowed != scanned for windowed, scanned in zip(found, full, strict=True))
    total = sum(len(mentions) for mentions in found)
    chars = sum(len(a.body) for a in articles) / max(1, len(articles))
    print(
        _row(
            name,
            len(articles),
            f"{chars:.0f}",
            total,
            f"{1e6 * elapsed / len(articles):.1f}",
            f"{1e6 * elapsed_full / len(articles):.1f}",
            differ,
        )
    )
    return [(a, m) for a, mentions in zip(articles, found, strict=True) for m in mentions]


def _extraction_coverage(ctx: Context) -> None:
    sources: Counter[str | None] = Counter()
    pages = sorted(EXTRACTION.glob("*.html.gz"))
    for page in pages:
        raw = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
        article = extract_dates(Article(id=page.name, path=str(page), html=raw), ctx)
        sources[article.published_at_source] += 1
    print(f"\nextraction/ pages (no gold dates): evidence used on {len(pages)} pages")
    for source, count in sources.most_common():
        print(_row(source or "none", count))


def main() -> None:
    """Print the dates tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=1000, help="bodies timed per corpus")
    parser.add_argument("--seed", type=int, default=4, help="seed of the spot-check sample")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"shared data not found at {DATA}")
    ctx = Context(Settings())
    _tgnews(ctx)
    reuters = _reuters(ctx)
    if EXTRACTION.is_dir():
        _extraction_coverage(ctx)
    print("\ndates_mentioned speed (find_date_mentions; trigger windows vs whole-body scan, which")
    print("must find the same mentions: 'differ' counts articles where they do not)")
    print(
        _row("corpus", "articles", "chars/art", "mentions", "us/article", "us full scan", "differ")
    )
    # 21,578 Reuters articles are held in memory here, unlike in a pipeline run: freeze
    # them so the garbage collector's full passes do not bill their traversal to the timing.
    gc.collect()
    gc.freeze()
    rng = random.Random(args.seed)
    sampled_reuters = rng.sample(reuters, min(args.sample, len(reuters)))
    pairs = _time_mentions("Lenta (ru)", _lenta(args.sample))
    pairs += _time_mentions("Reuters bodies (en)", sampled_reuters)
    print(f"\nspot-check: {SPOT_CHECK_SIZE} random mentions (seed {args.seed})")
    for article, mention in rng.sample(pairs, min(SPOT_CHECK_SIZE, len(pairs))):
        left = article.body[max(0, mention.start - CONTEXT_CHARS) : mention.start]
        right = article.body[mention.end : mention.end + CONTEXT_CHARS]
        context = f"{left}[[{mention.text}]]{right}".replace("\n", " ")
        print(f"{mention.date}  pub {str(article.published_at)[:10]}  …{context}…")


if __name__ == "__main__":
    main()
