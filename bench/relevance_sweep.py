"""How the ranking weights were chosen: a grid over them on the tuning collections.

`python -m bench.relevance_sweep` runs every query of bench.relevance.TUNING (or of
--collections, which may name the tuning half A of a Lenta set) on the embedded index for
each combination of the query-time settings in SETTINGS (each `--NAME v1 v2 ...`
gives a setting's values; the others keep their current value), and prints nDCG@10 / MRR@10 /
Recall@100 beside plain BM25. One cached index serves every run; the held-out collections are
never looked at here.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from types import ModuleType

from bench.corpus import DEFAULT_CACHE
from bench.relevance import HALVED, TUNING, Scores, bm25_runs, half_of, index_path, our_runs, score
from bench.relevance_data import COLLECTIONS, Collection
from indexer.search import embedded_query, feedback, fields, word_weights

# Setting name -> (module holding it, constant name, cast).
SETTINGS: dict[str, tuple[ModuleType, str, Callable[[str], float]]] = {
    "bonus": (embedded_query, "COORDINATION_BONUS", float),  # plan.py
    "unstemmed": (fields, "UNSTEMMED_WEIGHT", float),
    "ranked-unstemmed": (fields, "RANKED_UNSTEMMED_WEIGHT", float),
    "ranked-headline": (fields, "RANKED_HEADLINE_WEIGHT", float),
    "ranked-lead": (fields, "RANKED_LEAD_WEIGHT", float),
    "feedback-unstemmed": (fields, "FEEDBACK_UNSTEMMED_WEIGHT", float),
    "feedback-share": (feedback, "FEEDBACK_SHARE", float),
    "feedback-docs": (feedback, "FEEDBACK_DOCS", int),
    "feedback-min-words": (feedback, "FEEDBACK_MIN_WORDS", int),
    "feedback-words": (feedback, "FEEDBACK_WORDS", int),
    "feedback-max-words": (feedback, "FEEDBACK_MAX_WORDS", int),
    "verbose-min-words": (word_weights, "VERBOSE_MIN_WORDS", int),
    "idf-power": (word_weights, "IDF_POWER", float),
}


# What a sweep may look at: the tuning collections and the tuning half of each halved one.
SWEPT = (*TUNING, *(f"{name}/A" for name in HALVED))


def _tuning(name: str) -> tuple[Collection, Collection]:
    """The collection to index and the one to score (a Lenta half: its queries only)."""
    whole = COLLECTIONS[name.split("/")[0]]()
    return whole, half_of(whole, name.split("/")[1]) if "/" in name else whole


def _shown(name: str, scores: Scores) -> str:
    return f"{name} {scores.ndcg10:.3f}/{scores.mrr10:.3f}/{scores.recall100:.3f}"


def _set_headline(boost: float, query_fields: tuple[fields.FieldSpec, ...]) -> None:
    fields.QUERY_FIELDS = tuple(
        replace(spec, boost=boost) if spec.name == "title" else spec for spec in query_fields
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Print one line per combination with each tuning collection's scores."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for name, (module, constant, cast) in SETTINGS.items():
        parser.add_argument(f"--{name}", type=cast, nargs="+", default=[getattr(module, constant)])
    parser.add_argument("--headline", type=float, nargs="+", default=[fields.HEADLINE_BOOST])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--collections", nargs="+", choices=SWEPT, default=list(TUNING))
    args = parser.parse_args(argv)
    pairs = [_tuning(name) for name in args.collections]
    collections = [scored for _, scored in pairs]
    indexes = [index_path(whole, args.cache, 2) for whole, _ in pairs]
    plain = [score(bm25_runs(c, c.queries), c) for c in collections]
    print(
        "bm25s:  " + "  ".join(_shown(c.name, s) for c, s in zip(collections, plain, strict=True))
    )
    names = [*SETTINGS, "headline"]
    grids = [getattr(args, name.replace("-", "_")) for name in names]
    query_fields = fields.QUERY_FIELDS
    for values in itertools.product(*grids):
        # Query-time weights only: set for this run, as the constants would be.
        for name, value in zip(SETTINGS, values, strict=False):
            module, constant, _ = SETTINGS[name]
            setattr(module, constant, value)
        _set_headline(values[-1], query_fields)
        line = [" ".join(f"{n} {v}" for n, v in zip(names, values, strict=True)) + ":"]
        for collection, index in zip(collections, indexes, strict=True):
            line.append(
                _shown(collection.name, score(our_runs(index, collection.queries), collection))
            )
        print("  ".join(line), flush=True)


if __name__ == "__main__":
    main()
