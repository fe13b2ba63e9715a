"""Extraction benchmark: our cleaner vs trafilatura and readability on ../shared/data/extraction.

    python -m bench.extraction_bench [--limit N] [--skip-baselines] [--strip-classes]

Scoring is the benchmark's own (bench/extraction_data.py). Our rows are out-of-fold
figures of a site-grouped cross-validation (bench/extraction_cv.py): the combination's
thresholds are re-tuned on the other sites' pages for every fold. Our own extractor's
rules were written beforehand on all 120 pages, so the "rules alone" row is in-sample.
Also times cleaning on the tgnews pages, with and without the other extractors.

`--strip-classes` removes every class and id attribute from the pages first: a
stand-in for templates our rules never saw (they lean on names like "article-body"),
scored the same way.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.cleaning_speed import TGNEWS, time_tgnews  # noqa: E402
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
from indexer.config import Settings  # noqa: E402
from indexer.errors import NewsdeskError  # noqa: E402

__all__ = ["aggregate", "load_pages", "ours", "page_score"]

# A page is "far below" when its F1 is this much under the best published extractor's.
FAR_BELOW = 0.1
_CLASS_OR_ID = re.compile(r"""\s(?:class|id)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
# Issue 14: ours must beat the best published extractor by this much (F1).
TARGET_MARGIN = 0.01


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
        started = time.process_time()
        texts[case.page.id] = extract(case.page.html)
        elapsed += time.process_time() - started
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
            f"the default; {share:.0%} of pages checked",
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


def page_f1(score: Score) -> float:
    """F1 of one page's precision and recall."""
    return aggregate([score])[2]


def print_far_below(row: Row, cases: list[Case], published: list[Row]) -> None:
    """Pages where `row` is far below the best published extractor on that page."""
    gaps = []
    for case in cases:
        best = max(published, key=lambda other: page_f1(other.scores[case.page.id]))
        gap = page_f1(best.scores[case.page.id]) - page_f1(row.scores[case.page.id])
        if gap > FAR_BELOW:
            gaps.append((gap, case.page.site, best.name))
    shown = ", ".join(f"{site} -{gap:.2f} ({name})" for gap, site, name in sorted(gaps)[::-1])
    print(f"  {row.name}: {len(gaps)} pages over {FAR_BELOW} F1 below the best published on "
          f"that page{': ' + shown if shown else ''}")  # fmt: skip


def print_table(rows: list[Row], cases: list[Case], reference: list[Row]) -> None:
    """The comparison table; `empty` counts pages a row leaves empty while a reference does not."""
    print(f"{'extractor':38} {'P':>6} {'R':>6} {'F1':>6} {'F1 per fold':>11} {'empty':>5} "
          f"{'CPU ms':>7}")  # fmt: skip
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


def main(argv: list[str] | None = None) -> None:
    """Print the extraction table, the target check and the speed figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--skip-baselines", action="store_true", help="score only our cleaner")
    parser.add_argument("--strip-classes", action="store_true", help="remove class and id first")
    args = parser.parse_args(argv)
    if not EXTRACTION.is_dir():
        sys.exit(f"benchmark data not found at {EXTRACTION}")
    pages = list(read_pages(args.limit))
    if args.strip_classes:
        pages = [page._replace(html=_CLASS_OR_ID.sub(" ", page.html)) for page in pages]
    cases = prepare(pages)
    sites = len({case.page.site for case in cases})
    stripped = " (class and id attributes removed)" if args.strip_classes else ""
    print(f"Extraction: {len(cases)} pages from {sites} sites of {EXTRACTION}{stripped}")
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
        for row in rows[:2]:  # evidence always, and on doubtful pages (the default)
            our_f1 = aggregate(list(row.scores.values()))[2]
            verdict = "met" if our_f1 >= best_f1 + TARGET_MARGIN else "NOT met"
            print(
                f"\nTarget: {row.name} F1 {our_f1:.4f} >= best published ({best.name}) "
                f"{best_f1:.4f} + {TARGET_MARGIN}: {verdict}"
            )
        for row in rows:
            print_far_below(row, cases, published)
    print_rules(cvs, cases, scorer)
    if TGNEWS.is_dir() and not args.strip_classes:
        print("\nCPU time on tgnews pages (clean_article incl. metadata), by evidence mode:")
        for mode in ("never", "doubtful", "always"):
            speed = time_tgnews(args.limit, mode)
            default = " (the default)" if mode == Settings().cleaning_evidence else ""
            print(
                f"  cleaning, evidence {mode:9} {speed.clean_ms:6.2f} ms/page ({speed.pages} "
                f"pages){default}"
            )
            if speed.language_ms is not None:
                print(f"  language stage, warm          {speed.language_ms:6.2f} ms/page")


if __name__ == "__main__":
    main()
