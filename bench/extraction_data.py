"""The extraction benchmark's pages and its own scoring, shared by the extraction benches.

Scoring is the article-extraction-benchmark's: \\w+ tokens, 4-token shingles,
TP/FP/FN per page normalised to sum 1, precision and recall averaged over pages,
F1 from the two averages.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
EXTRACTION = DATA / "extraction"
# The benchmark's shingle length.
SHINGLE = 4

_TOKEN = re.compile(r"\w+")

Score = tuple[float, float, float]


class Page(NamedTuple):
    """One benchmark page: id, site (URL host without "www."), HTML and the true body."""

    id: str
    site: str
    html: str
    truth: str


def shingles(text: str) -> Counter[str]:
    """Counts of 4-token shingles of `text`, as the benchmark computes them."""
    tokens = _TOKEN.findall(text or "")
    return Counter(
        " ".join(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))
    ) - Counter({"": 1_000_000})


def page_score(true: str, pred: str) -> Score:
    """(tp, fp, fn) of shingles for one page, normalised to sum 1."""
    expected, got = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for key in expected.keys() | got.keys():
        want, have = expected.get(key, 0), got.get(key, 0)
        tp += min(want, have)
        fp += max(0, have - want)
        fn += max(0, want - have)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision(tp: float, fp: float, fn: float) -> float:
    """The benchmark's per-page precision (1 when both texts are empty)."""
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    """The benchmark's per-page recall (1 when both texts are empty)."""
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def aggregate(scores: list[Score]) -> tuple[float, float, float]:
    """Precision and recall averaged over pages, and F1 of the two averages."""
    if not scores:
        return 0.0, 0.0, 0.0
    mean_precision = statistics.mean(precision(*score) for score in scores)
    mean_recall = statistics.mean(recall(*score) for score in scores)
    total = mean_precision + mean_recall
    return mean_precision, mean_recall, 2 * mean_precision * mean_recall / total if total else 0.0


def read_pages(limit: int | None = None) -> Iterator[Page]:
    """Every benchmark page, in id order."""
    truth = json.loads((EXTRACTION / "ground-truth.json").read_text(encoding="utf-8"))
    for count, page_id in enumerate(sorted(truth)):
        if limit is not None and count >= limit:
            return
        raw = gzip.decompress((EXTRACTION / "html" / f"{page_id}.html.gz").read_bytes())
        host = urlsplit(truth[page_id]["url"]).hostname or page_id
        yield Page(
            page_id,
            host.removeprefix("www."),
            raw.decode("utf-8", errors="replace"),
            truth[page_id]["articleBody"],
        )


def load_pages(limit: int | None = None) -> Iterator[tuple[str, str, str]]:
    """(page id, html, true article body) for each benchmark page, in id order."""
    for page in read_pages(limit):
        yield page.id, page.html, page.truth
