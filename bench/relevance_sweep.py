"""How the ranking weights were chosen: a grid over them on the tuning collections.

`python -m bench.relevance_sweep` runs every query of bench.relevance.TUNING on the embedded
index for each pair of values and prints nDCG@10 and MRR@10 beside plain BM25. Only the query
side changes between runs (the weights are query-time), so one cached index serves them all;
the held-out collections are never looked at here.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Sequence

from bench.corpus import DEFAULT_CACHE
from bench.relevance import TUNING, bm25_runs, index_path, our_runs, score
from bench.relevance_data import COLLECTIONS
from indexer.search import embedded_query
from indexer.search.fields import QUERY_FIELDS, STEMMED_LANGUAGES, stemmed_name

BONUSES = (0.0, 0.5, 1.0, 2.0, 4.0, 100.0)
HEADLINE_BOOSTS = (1.0, 1.5, 2.0, 3.0)
PAIR_BOOSTS = (0.0, 0.5, 1.0)


def _fields(headline: float) -> tuple[tuple[str, float], ...]:
    return tuple(
        (name, headline if spec.name == "title" else spec.boost)
        for spec in QUERY_FIELDS
        for name in (spec.name, *(stemmed_name(spec.name, lang) for lang in STEMMED_LANGUAGES))
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Print one line per (bonus, headline boost, pair boost) with the tuning scores."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bonus", type=float, nargs="+", default=list(BONUSES))
    parser.add_argument("--headline", type=float, nargs="+", default=list(HEADLINE_BOOSTS))
    parser.add_argument("--pair", type=float, nargs="+", default=list(PAIR_BOOSTS))
    args = parser.parse_args(argv)
    collections = [COLLECTIONS[name]() for name in TUNING]
    indexes = [index_path(c, DEFAULT_CACHE, 2) for c in collections]
    plain = [score(bm25_runs(c, c.queries), c) for c in collections]
    print(
        "bm25s: "
        + "  ".join(
            f"{c.name} {s.ndcg10:.3f}/{s.mrr10:.3f}"
            for c, s in zip(collections, plain, strict=True)
        )
    )
    for bonus, headline, pair in itertools.product(args.bonus, args.headline, args.pair):
        # Query-time weights only: set for this run, as the constants would be.
        embedded_query.COORDINATION_BONUS = bonus  # type: ignore[misc]
        embedded_query.SEARCH_FIELDS = _fields(headline)  # type: ignore[misc]
        embedded_query.PAIR_BOOST = pair  # type: ignore[misc]
        line = [f"bonus {bonus:5g} headline {headline:3g} pair {pair:3g}:"]
        for collection, index in zip(collections, indexes, strict=True):
            mine = score(our_runs(index, collection.queries), collection)
            line.append(
                f"{collection.name} {mine.ndcg10:.3f}/{mine.mrr10:.3f} zero {mine.zero_hits}"
            )
        print("  ".join(line), flush=True)


if __name__ == "__main__":
    main()
