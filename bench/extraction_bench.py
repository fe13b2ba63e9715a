"""Extraction benchmark: our cleaner vs trafilatura and readability on ../shared/data/extraction.

Scoring is the article-extraction-benchmark's own: \\w+ tokens, 4-token
shingles, TP/FP/FN per page normalised to sum 1, precision and recall averaged
over pages, F1 from the two averages. Also times cleaning on tgnews pages.

    python -m bench.extraction_bench [--limit N] [--skip-baselines]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from indexer.cleaning.html_page import clean_html  # noqa: E402
from indexer.errors import NewsdeskError  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
EXTRACTION = DATA / "extraction"
TGNEWS = DATA / "html-multilingual" / "tgnews"
# The benchmark's shingle length.
SHINGLE = 4
# Pages are split into two fixed halves by the first hex digit of their id:
# rules were tuned looking at "tune" pages only; "check" pages show whether
# they generalise.
TUNE_DIGITS = "01234567"

_TOKEN = re.compile(r"\w+")
_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li tr td blockquote pre br section article".split()
)

Score = tuple[float, float, float]
WARM_UP_HTML = (
    "<html><body><p>A short warm-up paragraph, so that models load before the clock starts."
    "</p></body></html>"
)


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


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def aggregate(scores: list[Score]) -> tuple[float, float, float]:
    """Precision and recall averaged over pages, and F1 of the two averages."""
    if not scores:
        return 0.0, 0.0, 0.0
    precision = statistics.mean(_precision(*score) for score in scores)
    recall = statistics.mean(_recall(*score) for score in scores)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def load_pages(limit: int | None = None) -> Iterator[tuple[str, str, str]]:
    """(page id, html, true article body) for each benchmark page, in id order."""
    truth = json.loads((EXTRACTION / "ground-truth.json").read_text(encoding="utf-8"))
    for count, page_id in enumerate(sorted(truth)):
        if limit is not None and count >= limit:
            return
        raw = gzip.decompress((EXTRACTION / "html" / f"{page_id}.html.gz").read_bytes())
        yield page_id, raw.decode("utf-8", errors="replace"), truth[page_id]["articleBody"]


def ours(html: str) -> str:
    """Our cleaner's body for one page."""
    try:
        return "\n\n".join(clean_html(html).body)
    except NewsdeskError:
        return ""


def ours_with_second_opinion(html: str) -> str:
    """Our cleaner with trafilatura's vote on short blocks (html_vote)."""
    try:
        return "\n\n".join(clean_html(html, second_opinion=True).body)
    except NewsdeskError:
        return ""


def _tree_text(html: str) -> str:
    """Text of an HTML fragment with a line break at each block element."""
    import lxml.html

    root = lxml.html.fromstring(html)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    return root.text_content()


def baselines() -> dict[str, Callable[[str], str]]:
    """The published extractors, configured as measured in issue 3."""
    import trafilatura
    from readability import Document

    return {
        "trafilatura": lambda html: trafilatura.extract(html) or "",
        "trafilatura favor_precision": lambda html: (
            trafilatura.extract(html, favor_precision=True) or ""
        ),
        "trafilatura no comments": lambda html: (
            trafilatura.extract(html, include_comments=False) or ""
        ),
        "readability-lxml": lambda html: _tree_text(Document(html).summary()),
    }


class Result(NamedTuple):
    """One extractor's figures: (P, R, F1) over all pages, F1 per half, ms per page."""

    overall: tuple[float, float, float]
    tune: float
    check: float
    ms: float


def run(extractor: Callable[[str], str], pages: list[tuple[str, str, str]]) -> Result:
    """Score and time one extractor over the pages."""
    scores: dict[str, Score] = {}
    elapsed = 0.0
    for page_id, html, truth in pages:
        started = time.perf_counter()
        predicted = extractor(html)
        elapsed += time.perf_counter() - started
        scores[page_id] = page_score(truth, predicted)
    halves = {
        name: aggregate([s for page_id, s in scores.items() if (page_id[0] in TUNE_DIGITS) == tune])
        for name, tune in (("tune", True), ("check", False))
    }
    return Result(
        aggregate(list(scores.values())),
        halves["tune"][2],
        halves["check"][2],
        1000 * elapsed / max(1, len(pages)),
    )


class Speed(NamedTuple):
    """ms/page on the tgnews pages; language figures are None when the stage is missing."""

    pages: int
    clean_ms: float
    first_ms: float | None  # cleaning + language, first pass: lingua loads models it meets
    warm_ms: float | None  # cleaning + language, second pass over the same pages


def time_tgnews(limit: int | None) -> Speed:
    """Cleaning, then cleaning + language (first and warm pass), on tgnews HTML."""
    from indexer.config import Settings
    from indexer.context import Context
    from indexer.model import Article
    from indexer.stages.clean import clean_article

    language: Callable[[Article, Context], Article] | None
    try:
        from indexer.stages.language import detect_language as language
    except ImportError:  # the language stage lives in its own module; time cleaning alone
        language = None
    files = sorted(TGNEWS.glob("*.html"))[:limit]
    pages = [(path.name, path.read_text(encoding="utf-8", errors="replace")) for path in files]
    with (
        tempfile.TemporaryDirectory() as data_dir,
        Context(Settings(data_dir=Path(data_dir))) as ctx,
    ):
        articles = [Article(id=name, path=name, html=html) for name, html in pages]
        # Warm-up outside the clock: the line model's file, the language models.
        warm = clean_article(Article(id="warm-up", path="-", html=WARM_UP_HTML), ctx)
        if language is not None:
            language(warm, ctx)
        started = time.perf_counter()
        cleaned = []
        for article in articles:
            try:
                cleaned.append(clean_article(article, ctx))
            except NewsdeskError:
                continue
        clean_ms = 1000 * (time.perf_counter() - started) / max(1, len(pages))
        passes: list[float] = []
        # lingua loads a language's model the first time that language is a candidate (a
        # one-off per process of ~3 s for some): the second pass is what a long ingest sees.
        if language is not None:
            for _ in range(2):
                started = time.perf_counter()
                for article in cleaned:
                    language(article, ctx)
                seconds = time.perf_counter() - started
                passes.append(clean_ms + 1000 * seconds / max(1, len(pages)))
    if not passes:
        return Speed(len(pages), clean_ms, None, None)
    return Speed(len(pages), clean_ms, passes[0], passes[1])


def main(argv: list[str] | None = None) -> None:
    """Print the extraction table and the speed figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--skip-baselines", action="store_true", help="score only our cleaner")
    args = parser.parse_args(argv)
    if not EXTRACTION.is_dir():
        sys.exit(f"benchmark data not found at {EXTRACTION}")
    pages = list(load_pages(args.limit))
    extractors: dict[str, Callable[[str], str]] = {"newsdesk (ours)": ours}
    if not args.skip_baselines:
        extractors["newsdesk + trafilatura vote"] = ours_with_second_opinion
        extractors.update(baselines())
    print(f"Extraction: {len(pages)} pages of {EXTRACTION} (shingle F1, pages averaged)")
    print(f"{'extractor':30} {'precision':>9} {'recall':>7} {'F1':>7} {'F1 tune':>8} "
          f"{'F1 check':>8} {'ms/page':>8}")  # fmt: skip
    for name, extractor in extractors.items():
        result = run(extractor, pages)
        precision, recall, f1 = result.overall
        print(
            f"{name:30} {precision:9.4f} {recall:7.4f} {f1:7.4f} {result.tune:8.4f} "
            f"{result.check:8.4f} {result.ms:8.1f}"
        )
    if TGNEWS.is_dir():
        speed = time_tgnews(args.limit)
        print(f"\nSpeed on {speed.pages} tgnews pages (one core, clean_article incl. metadata):")
        rows = [("cleaning", speed.clean_ms)]
        if speed.first_ms is not None and speed.warm_ms is not None:
            rows += [
                ("cleaning + language, warm", speed.warm_ms),
                ("  (first pass, models loading)", speed.first_ms),
            ]
        for label, ms in rows:
            print(f"  {label:31} {ms:6.2f} ms/page  {1000 / ms:7.1f} pages/s")


if __name__ == "__main__":
    main()
