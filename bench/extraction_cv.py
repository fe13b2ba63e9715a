"""Site-grouped cross-validation of the combination's rules (indexer/cleaning/combine.py).

Pages are grouped by site (the URL host in ground-truth.json); sites are dealt into
FOLDS folds, so no site is on both sides. For each fold the `Rules` are chosen by
grid search on the other folds' pages (highest F1, the benchmark's scoring) and only
that fold's pages are scored with them: every figure printed is out-of-fold.

What the CV does not re-tune: our own extractor's rules (html_blocks, html_extract,
line_rules) were written beforehand, by hand, looking at all 120 pages. The
"rules alone" row is therefore in-sample, and the combination's rows inherit some
of that optimism through the blocks they vote on.
"""

from __future__ import annotations

import hashlib
import itertools
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bench.extraction_data import Page, Score, aggregate, page_score
from indexer.cleaning.combine import Rules, Votes, count_votes, decide
from indexer.cleaning.evidence import gather
from indexer.cleaning.html_extract import Extraction
from indexer.cleaning.html_page import read_page
from indexer.errors import NewsdeskError

FOLDS = 5
# Every combination of these is tried on each fold's training pages. Ties (many
# rules give the same text on most pages) go to the first value listed: our prior.
GRID: dict[str, tuple[object, ...]] = {
    "agree": (0.9, 0.8),
    "vote_max_chars": (400, 200),
    "add_window": (0, 3, 1_000_000),
    "protected": (
        frozenset({"title", "byline"}),
        frozenset({"title", "byline", "caption", "link-list"}),
    ),
    "fallback_share": (0.5, 0.3, 0.7, 0.8, 0.9),
    "min_overlap": (0.5, 0.3),
}


@dataclass
class Case:
    """One page read once: our per-block votes (None when our reader refused the page)."""

    page: Page
    votes: Votes | None
    own_ms: float
    evidence_ms: float


def prepare(pages: Iterable[Page]) -> list[Case]:
    """Read each page with our extractor and gather the other extractors' evidence, timed."""
    cases = []
    for page in pages:
        started = time.process_time()
        try:
            extraction: Extraction | None = read_page(page.html).extraction
        except NewsdeskError:
            extraction = None
        own = time.process_time() - started
        evidence = gather(page.html)
        votes = count_votes(extraction, evidence) if extraction else None
        spent = time.process_time() - started - own
        cases.append(Case(page, votes, 1000 * own, 1000 * spent))
    return cases


def text_of(case: Case, rules: Rules | None) -> str:
    """The body text for one page: our rules alone (`rules` None) or combined with the votes."""
    if case.votes is None:
        return ""
    extraction = case.votes.extraction
    if rules is None:
        return "\n\n".join(extraction.body)
    reasons, fallback = decide(case.votes, rules)
    if fallback is not None:
        return "\n\n".join(fallback.body)
    return "\n\n".join(Extraction(extraction.blocks, reasons).body)


def site_folds(cases: list[Case]) -> list[int]:
    """Each case's fold: sites in a fixed pseudo-random order, dealt round-robin."""
    sites = sorted(
        {case.page.site for case in cases}, key=lambda s: hashlib.sha1(s.encode()).hexdigest()
    )
    fold_of = {site: index % FOLDS for index, site in enumerate(sites)}
    return [fold_of[case.page.site] for case in cases]


def grid() -> list[Rules]:
    """Every Rules value of the grid."""
    names = list(GRID)
    return [
        Rules(**dict(zip(names, values, strict=True)))  # type: ignore[arg-type]
        for values in itertools.product(*GRID.values())
    ]


class Scorer:
    """Page scores, remembered by output text (most rules give the same text on a page)."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], Score] = {}

    def __call__(self, case: Case, text: str) -> Score:
        key = (case.page.id, text)
        if key not in self._seen:
            self._seen[key] = page_score(case.page.truth, text)
        return self._seen[key]


def fit(
    cases: list[Case],
    scorer: Scorer,
    use: Callable[[Case], bool] = lambda case: True,
    candidates: list[Rules] | None = None,
) -> Rules:
    """The grid's Rules with the highest F1 on `cases` (the first of equals)."""

    def f1(rules: Rules) -> float:
        texts = [text_of(case, rules if use(case) else None) for case in cases]
        return aggregate([scorer(case, text) for case, text in zip(cases, texts, strict=True)])[2]

    return max(candidates or grid(), key=f1)


@dataclass
class CrossValidation:
    """Out-of-fold page scores of the combination, and the rules each fold chose."""

    scores: dict[str, Score]
    texts: dict[str, str]
    chosen: list[Rules]


def cross_validate(
    cases: list[Case],
    scorer: Scorer,
    use: Callable[[Case], bool] = lambda case: True,
) -> CrossValidation:
    """Tune Rules on the other folds, score each fold's pages; `use` says which pages combine."""
    folds = site_folds(cases)
    candidates = grid()

    def text(case: Case, rules: Rules) -> str:
        return text_of(case, rules if use(case) else None)

    result = CrossValidation({}, {}, [])
    for fold in range(FOLDS):
        train = [case for case, f in zip(cases, folds, strict=True) if f != fold]
        best = fit(train, scorer, use, candidates)
        result.chosen.append(best)
        for case, f in zip(cases, folds, strict=True):
            if f == fold:
                result.texts[case.page.id] = text(case, best)
                result.scores[case.page.id] = scorer(case, result.texts[case.page.id])
    return result
