"""Where each ranking component gains and loses, query by query, on the tuning sets.

`python -m bench.relevance_split` runs every query of the tuning collections (and of half A of
each halved set: CISI and the Lenta sets) with the current settings and with each component
switched off in turn (COMPONENTS), and prints each component's mean nDCG@10 gain split into
quarters of the queries by their length and by the first pass's confidence (the top score over
the tenth's, a signal a search has before it ranks), then the queries where plain BM25 beats us
most.
`--save FILE` keeps the per-query figures as JSON. The held-out collections are never run.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bench.corpus import DEFAULT_CACHE
from bench.relevance import Ranked, bm25_runs, doc_ids, index_path, ndcg, our_hits
from bench.relevance_sweep import SETTINGS, SWEPT, _tuning
from indexer.search.query_syntax import WORD

# Each component and the setting that switches it off.
COMPONENTS = {
    "headline": ("ranked-headline", 0.0),
    "lead": ("ranked-lead", 0.0),
    "bonus": ("bonus", 0.0),
    "feedback": ("feedback-share", 0.0),
}
QUARTERS = 4
LOSERS = 20  # the queries listed where plain BM25 beats us most
# A component caused a loss when switching it off wins back at least this share of the gap.
CAUSE_SHARE = 0.5


def _runs(index: Path, queries: dict[str, str]) -> tuple[dict[str, Ranked], dict[str, float]]:
    """Each query's top DEPTH doc ids, and its confidence (top score / tenth score)."""
    found = our_hits(index, queries)
    confidence: dict[str, float] = {}
    for query_id, hits in found.items():
        scores = [hit.score or 0.0 for hit in hits[:10]]
        confidence[query_id] = scores[0] / scores[-1] if scores and scores[-1] > 0 else 1.0
    return {query_id: doc_ids(hits) for query_id, hits in found.items()}, confidence


def _set(name: str, value: float) -> float:
    module, constant, cast = SETTINGS[name]
    before = getattr(module, constant)
    setattr(module, constant, cast(str(value)) if cast is int else value)
    return float(before)


def quarters(keys: Sequence[str], signal: dict[str, float]) -> list[list[str]]:
    """The keys in QUARTERS groups of (nearly) equal size, by ascending signal."""
    ordered = sorted(keys, key=lambda q: signal[q])
    size = len(ordered) / QUARTERS
    return [ordered[round(i * size) : round((i + 1) * size)] for i in range(QUARTERS)]


def causes(row: dict[str, float]) -> tuple[str, ...]:
    """Why a query ranks worse than plain BM25: the components whose absence wins back at
    least CAUSE_SHARE of the gap; else "two words" (one or two words are all required and
    scored as typed) or "base score" (BM25 itself: k1, stop lists, tokens, near ties)."""
    gap = row["bm25s"] - row["ours"]
    found = tuple(c for c in COMPONENTS if row["no-" + c] - row["ours"] >= CAUSE_SHARE * gap)
    if found:
        return found
    return ("two words",) if row["words"] <= 2 else ("base score",)


def measure(name: str, cache: Path) -> dict[str, dict[str, float]]:
    """Per query: nDCG@10 of bm25s, ours, ours without each component; length; confidence."""
    whole, part = _tuning(name)
    index = index_path(whole, cache, 2)
    judged = {q: t for q, t in part.queries.items() if part.qrels.get(q)}
    table: dict[str, dict[str, float]] = {q: {} for q in judged}
    plain = bm25_runs(whole, judged)
    ours, confidence = _runs(index, judged)
    for component, (setting, off) in COMPONENTS.items():
        before = _set(setting, off)
        runs, conf = _runs(index, judged)
        if component == "feedback":
            confidence = conf  # the first pass's own confidence
        _set(setting, before)
        for q in judged:
            table[q]["no-" + component] = ndcg(runs[q], part.qrels[q])
    for q, text in judged.items():
        table[q]["bm25s"] = ndcg(plain[q], part.qrels[q])
        table[q]["ours"] = ndcg(ours[q], part.qrels[q])
        table[q]["words"] = len(WORD.findall(text))
        table[q]["confidence"] = confidence.get(q, 1.0)
    return table


def report(name: str, table: dict[str, dict[str, float]], texts: dict[str, str]) -> None:
    """Print each component's gain by quarter of length and of confidence, and the losers."""
    keys = list(table)

    def mean(queries: Sequence[str], column: str) -> float:
        return sum(table[q][column] for q in queries) / (len(queries) or 1)

    ours, plain = mean(keys, "ours"), mean(keys, "bm25s")
    print(f"\n{name}: {len(keys)} queries, ours {ours:.3f} bm25s {plain:.3f}")
    for signal in ("words", "confidence"):
        groups = quarters(keys, {q: table[q][signal] for q in keys})
        bounds = " | ".join(
            f"{table[g[0]][signal]:.3g}-{table[g[-1]][signal]:.3g} ({len(g)})" for g in groups if g
        )
        print(f"  by {signal}: {bounds}")
        for component in COMPONENTS:
            gains = [mean(g, "ours") - mean(g, "no-" + component) for g in groups]
            print(f"    {component:<9} " + " ".join(f"{g:+.3f}" for g in gains))
        print(
            f"    {'vs bm25s':<9} "
            + " ".join(f"{mean(g, 'ours') - mean(g, 'bm25s'):+.3f}" for g in groups)
        )
    lost = [q for q in keys if table[q]["ours"] < table[q]["bm25s"]]
    losers = sorted(lost, key=lambda q: table[q]["ours"] - table[q]["bm25s"])[:LOSERS]
    counted = Counter(cause for q in losers for cause in causes(table[q]))
    print(f"  lost to bm25s: {len(lost)}; causes among the {len(losers)} worst: {dict(counted)}")
    print("  (ours bm25s | without headline lead bonus feedback)")
    for q in losers:
        row = table[q]
        offs = " ".join(f"{row['no-' + c]:.2f}" for c in COMPONENTS)
        why = "+".join(causes(row))
        print(
            f"    {q:>6} {row['ours']:.2f} {row['bm25s']:.2f} | {offs} {why:<18} {texts[q][:90]!r}"
        )


def main(argv: Sequence[str] | None = None) -> None:
    """Measure and print each chosen tuning collection."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--collections", nargs="+", choices=SWEPT, default=list(SWEPT))
    parser.add_argument("--save", type=Path, help="write the per-query figures here")
    args = parser.parse_args(argv)
    saved: dict[str, dict[str, dict[str, float]]] = {}
    for name in args.collections:
        table = measure(name, args.cache)
        report(name, table, _tuning(name)[1].queries)
        saved[name] = table
    if args.save:
        args.save.write_text(json.dumps(saved, indent=1))


if __name__ == "__main__":
    main()
