"""How the ranking weights were chosen: a grid over them on the tuning collections.

`python -m bench.relevance_sweep` runs every query of bench.relevance.TUNING on the embedded
index for each combination of COORDINATION_BONUS (plan.py), UNSTEMMED_WEIGHT and
HEADLINE_BOOST (fields.py), and prints nDCG@10 / MRR@10 / Recall@100 beside plain BM25. The
weights are query-time, so one cached index serves every run; the held-out collections are
never looked at here.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Sequence
from dataclasses import replace

from bench.corpus import DEFAULT_CACHE
from bench.relevance import TUNING, Scores, bm25_runs, index_path, our_runs, score
from bench.relevance_data import COLLECTIONS
from indexer.search import embedded_query, fields

BONUSES = (0.0, 1.0, 2.0, 4.0, 8.0)
UNSTEMMED_WEIGHTS = (1.0, 0.5, 0.3, 0.15)
HEADLINE_BOOSTS = (1.0, 1.5, 2.0, 3.0)


def _shown(name: str, scores: Scores) -> str:
    return f"{name} {scores.ndcg10:.3f}/{scores.mrr10:.3f}/{scores.recall100:.3f}"


def main(argv: Sequence[str] | None = None) -> None:
    """Print one line per combination with each tuning collection's scores."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bonus", type=float, nargs="+", default=list(BONUSES))
    parser.add_argument("--unstemmed", type=float, nargs="+", default=list(UNSTEMMED_WEIGHTS))
    parser.add_argument("--headline", type=float, nargs="+", default=list(HEADLINE_BOOSTS))
    args = parser.parse_args(argv)
    collections = [COLLECTIONS[name]() for name in TUNING]
    indexes = [index_path(c, DEFAULT_CACHE, 2) for c in collections]
    plain = [score(bm25_runs(c, c.queries), c) for c in collections]
    print(
        "bm25s:  " + "  ".join(_shown(c.name, s) for c, s in zip(collections, plain, strict=True))
    )
    query_fields = fields.QUERY_FIELDS
    for bonus, unstemmed, headline in itertools.product(args.bonus, args.unstemmed, args.headline):
        # Query-time weights only: set for this run, as the constants would be.
        embedded_query.COORDINATION_BONUS = bonus  # type: ignore[misc]
        fields.UNSTEMMED_WEIGHT = unstemmed  # type: ignore[misc]
        fields.QUERY_FIELDS = tuple(  # type: ignore[misc]
            replace(spec, boost=headline) if spec.name == "title" else spec for spec in query_fields
        )
        line = [f"bonus {bonus:g} unstemmed {unstemmed:g} headline {headline:g}:"]
        for collection, index in zip(collections, indexes, strict=True):
            line.append(
                _shown(collection.name, score(our_runs(index, collection.queries), collection))
            )
        print("  ".join(line), flush=True)


if __name__ == "__main__":
    main()
