"""Extraction benchmark: our cleaner vs trafilatura and readability on ../shared/data/extraction.

    python -m bench.extraction_bench [--limit N] [--skip-baselines]

Scoring is the benchmark's own (bench/extraction_data.py). Our rows are out-of-fold
figures of a site-grouped cross-validation (bench/extraction_cv.py): the combination's
thresholds are re-tuned on the other sites' pages for every fold. Our own extractor's
rules were written beforehand on all 120 pages, so the "rules alone" row is in-sample.
Also times cleaning on the tgnews pages, with and without the other extractors.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.extraction_cv import (  # noqa: E402
    FOLDS,
    Case,
    CrossValidation,
    Scorer,
    cross_validate,
    fit,
    prepare,
    site_folds,
    text_of,
)
from bench.extraction_data import (  # noqa: E402
    DATA,
    EXTRACTION,
    Score,
    aggregate,
    load_pages,
    page_score,
    read_pages,
)
from indexer.cleaning.combine import Rules  # noqa: E402
from indexer.cleaning.doubt import doubtful  # noqa: E402
from indexer.cleaning.evidence import readability_text  # noqa: E402
from indexer.cleaning.html_page import clean_html  # noqa: E402
from indexer.config import EvidenceMode  # noqa: E402
from indexer.errors import NewsdeskError  # noqa: E402

__all__ = ["aggregate", "load_pages", "ours", "page_score"]

TGNEWS = DATA / "html-multilingual" / "tgnews"
# Issue 14: ours must beat the best published extractor by this much (F1).
TARGET_MARGIN = 0.01
WARM_UP_HTML = (
    "<html><body><p>A short warm-up paragraph, so that models load before the clock starts."
    "</p></body></html>"
)


def ours(html: str) -> str:
    """Our own extractor's body for one page (no other extractor asked)."""
    try:
        return "\n\n".join(clean_html(html).body)
    except NewsdeskError:
        return ""


def baselines() -> dict[str, Callable[[str], str]]:
    """The published extractors, each as configured out of the box or as its docs suggest."""
    import trafilatura

    return {
        "trafilatura": lambda html: trafilatura.extract(html) or "",
        "trafilatura favor_precision": lambda html: (
            trafilatura.extract(html, favor_precision=True) or ""
        ),
        "trafilatura no comments": lambda html: (
            trafilatura.extract(html, include_comments=False) or ""
        ),
        "readability-lxml": readability_text,
    }


class Row(NamedTuple):
    """One extractor's figures over the pages."""

    name: str
    scores: dict[str, Score]
    texts: dict[str, str]
    ms: float
    note: str = ""


def run_baseline(name: str, extract: Callable[[str], str], cases: list[Case]) -> Row:
    """Score and time one published extractor."""
    scores, texts, elapsed = {}, {}, 0.0
    for case in cases:
        started = time.perf_counter()
        texts[case.page.id] = extract(case.page.html)
        elapsed += time.perf_counter() - started
        scores[case.page.id] = page_score(case.page.truth, texts[case.page.id])
    return Row(name, scores, texts, 1000 * elapsed / max(1, len(cases)))


def our_rows(cases: list[Case], scorer: Scorer) -> tuple[list[Row], list[CrossValidation]]:
    """Our cleaner: evidence on every page (CV), on doubtful pages (CV), and rules alone."""
    own_ms = statistics.mean(case.own_ms for case in cases)
    evidence_ms = statistics.mean(case.evidence_ms for case in cases)
    always = cross_validate(cases, scorer)
    checked = {
        case.page.id for case in cases if case.votes is None or doubtful(case.votes.extraction)
    }
    sometimes = cross_validate(cases, scorer, lambda case: case.page.id in checked)
    share = len(checked) / max(1, len(cases))
    alone = {case.page.id: text_of(case, None) for case in cases}
    rows = [
        Row("newsdesk + evidence (CV)", always.scores, always.texts, own_ms + evidence_ms),
        Row(
            "newsdesk + evidence if doubtful (CV)",
            sometimes.scores,
            sometimes.texts,
            own_ms + share * evidence_ms,
            f"{share:.0%} of pages checked",
        ),
        Row(
            "newsdesk rules alone (in-sample)",
            {page: scorer(case, alone[page]) for case, page in zip(cases, alone, strict=True)},
            alone,
            own_ms,
        ),
    ]
    return rows, [always, sometimes]


def fold_range(row: Row, cases: list[Case]) -> str:
    """Lowest and highest F1 over the CV folds."""
    folds = site_folds(cases)
    f1s = [
        aggregate([row.scores[c.page.id] for c, f in zip(cases, folds, strict=True) if f == k])[2]
        for k in range(FOLDS)
    ]
    return f"{min(f1s):.3f}-{max(f1s):.3f}"


def print_table(rows: list[Row], cases: list[Case], reference: list[Row]) -> None:
    """The comparison table; `empty` counts pages a row leaves empty while a reference does not."""
    print(f"{'extractor':38} {'P':>6} {'R':>6} {'F1':>6} {'F1 per fold':>11} {'empty':>5} "
          f"{'ms/page':>7}")  # fmt: skip
    for row in rows:
        precision, recall, f1 = aggregate(list(row.scores.values()))
        empty = sum(
            1
            for case in cases
            if not row.texts[case.page.id].strip()
            and any(other.texts[case.page.id].strip() for other in reference)
        )
        print(
            f"{row.name:38} {precision:6.4f} {recall:6.4f} {f1:6.4f} {fold_range(row, cases):>11} "
            f"{empty:5d} {row.ms:7.1f}  {row.note}"
        )


def _shown(rules: Rules) -> str:
    values = {k: sorted(v) if isinstance(v, frozenset) else v for k, v in asdict(rules).items()}
    return str(values)


def print_rules(cvs: list[CrossValidation], cases: list[Case], scorer: Scorer) -> None:
    """The thresholds each fold chose (evidence on every page), and the fit on all pages."""
    print("\nRules chosen per fold (evidence on every page), on the other folds' sites:")
    for fold, rules in enumerate(cvs[0].chosen):
        print(f"  fold {fold}: {_shown(rules)}")
    overall = fit(cases, scorer)
    same = "the defaults" if overall == Rules() else "NOT the defaults"
    print(f"  all pages: {_shown(overall)} ({same} in indexer/cleaning/combine.py)")


class Speed(NamedTuple):
    """ms/page on the tgnews pages for one evidence mode."""

    mode: str
    pages: int
    clean_ms: float
    language_ms: float | None


def time_tgnews(limit: int | None, mode: EvidenceMode) -> Speed:
    """clean_article (and then the language stage, warm) on tgnews HTML, one process."""
    from indexer.config import Settings
    from indexer.context import Context
    from indexer.model import Article
    from indexer.stages.clean import clean_article
    from indexer.stages.language import detect_language

    files = sorted(TGNEWS.glob("*.html"))[:limit]
    pages = [(path.name, path.read_text(encoding="utf-8", errors="replace")) for path in files]
    settings_dir = tempfile.TemporaryDirectory()
    with settings_dir as data_dir:
        settings = Settings(data_dir=Path(data_dir), workers=1, cleaning_evidence=mode)
        with Context(settings) as ctx:
            warm = clean_article(Article(id="warm-up", path="-", html=WARM_UP_HTML), ctx)
            detect_language(warm, ctx)
            started = time.perf_counter()
            cleaned = []
            for name, html in pages:
                try:
                    cleaned.append(clean_article(Article(id=name, path=name, html=html), ctx))
                except NewsdeskError:
                    continue
            clean_ms = 1000 * (time.perf_counter() - started) / max(1, len(pages))
            if mode != "never":
                return Speed(mode, len(pages), clean_ms, None)
            # lingua loads each language's model on first use: the second pass is a long ingest.
            for article in cleaned:
                detect_language(article, ctx)
            started = time.perf_counter()
            for article in cleaned:
                detect_language(article, ctx)
            language_ms = 1000 * (time.perf_counter() - started) / max(1, len(pages))
    return Speed(mode, len(pages), clean_ms, language_ms)


def main(argv: list[str] | None = None) -> None:
    """Print the extraction table, the target check and the speed figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--skip-baselines", action="store_true", help="score only our cleaner")
    args = parser.parse_args(argv)
    if not EXTRACTION.is_dir():
        sys.exit(f"benchmark data not found at {EXTRACTION}")
    cases = prepare(read_pages(args.limit))
    sites = len({case.page.site for case in cases})
    print(f"Extraction: {len(cases)} pages from {sites} sites of {EXTRACTION}")
    print(f"Our rows: out-of-fold, {FOLDS} folds grouped by site (no site on both sides).\n")
    scorer = Scorer()
    rows, cvs = our_rows(cases, scorer)
    published = [] if args.skip_baselines else [
        run_baseline(name, extract, cases) for name, extract in baselines().items()
    ]  # fmt: skip
    print_table(rows + published, cases, published)
    print("  empty: pages left empty while a published extractor found text")
    if published:
        best = max(published, key=lambda row: aggregate(list(row.scores.values()))[2])
        best_f1 = aggregate(list(best.scores.values()))[2]
        our_f1 = aggregate(list(rows[0].scores.values()))[2]
        verdict = "met" if our_f1 >= best_f1 + TARGET_MARGIN else "NOT met"
        print(
            f"\nTarget: {rows[0].name} F1 {our_f1:.4f} >= best published ({best.name}) "
            f"{best_f1:.4f} + {TARGET_MARGIN}: {verdict}"
        )
    print_rules(cvs, cases, scorer)
    if TGNEWS.is_dir():
        print("\nSpeed on tgnews pages (one core, clean_article incl. metadata), by evidence mode:")
        for mode in ("never", "doubtful", "always"):
            speed = time_tgnews(args.limit, mode)
            print(
                f"  cleaning, evidence {mode:9} {speed.clean_ms:6.2f} ms/page ({speed.pages} pages)"
            )
            if speed.language_ms is not None:
                print(f"  language stage, warm          {speed.language_ms:6.2f} ms/page")


if __name__ == "__main__":
    main()
