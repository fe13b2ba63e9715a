"""How the query parser reads queries people wrote: today's parser beside another checkout's.

Every query of the four relevance collections (as written by their makers) and every Lenta
headline (as a reader might paste it) is parsed, and the figures are printed side by side:
queries refused (a BadQuery: an error page instead of hits), queries read with operators
(an OR or an exclusion in the tree), and the parse time. Nothing is tuned on these queries.

    python -m bench.query_syntax_stats --before ../main/indexer/search/query_syntax.py
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from bench.corpus import SHARED_DATA
from indexer.errors import BadQuery
from indexer.search import query_syntax

REPEATS = 5  # timings of each query: the best one counts (the machine is shared)
_BLOCK = re.compile(r"^\.W\n(.*?)(?=^\.[A-Z]\b|\Z)", re.M | re.S)


def _dot_w(path: Path) -> list[str]:
    """The `.W` text of each `.I` block (CISI, CRAN, MED query files)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    blocks = re.split(r"^\.I ", text, flags=re.M)[1:]
    return [" ".join(m.group(1).split()) for b in blocks if (m := _BLOCK.search(b))]


def _npl(path: Path) -> list[str]:
    """`number`, text, `/` records: the text of each."""
    records = path.read_text(encoding="utf-8").split("/")
    return [" ".join(r.split()[1:]) for r in records if r.split()]


def _lenta(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["textname"] for row in csv.DictReader(handle)]


def query_sets(data: Path) -> dict[str, list[str]]:
    """Each set's queries as written."""
    relevance = data / "relevance"
    return {
        "CISI": _dot_w(relevance / "cisi" / "CISI.QRY"),
        "CRAN": _dot_w(relevance / "cran" / "cran.qry"),
        "MED": _dot_w(relevance / "med" / "MED.QRY"),
        "NPL": _npl(relevance / "npl" / "query-text"),
        "Lenta headlines": _lenta(data / "news-ru" / "lenta-crime" / "Lenta_Crime.csv"),
    }


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("query_syntax_before", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: not a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def _operators(node: Any) -> bool:
    """Whether the tree holds an OR or an exclusion (an operator was read)."""
    name = type(node).__name__
    if name == "Or":
        return True
    if name == "And":
        children = (*node.must, *getattr(node, "plain", ()))
        return bool(node.must_not) or any(_operators(child) for child in children)
    return False


def _read(parse: Callable[[str], Any], query: str) -> Any:
    try:
        return parse(query)
    except BadQuery:
        return None


def _best_seconds(parse: Callable[[str], Any], query: str) -> float:
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        _read(parse, query)
        best = min(best, time.perf_counter() - start)
    return best


def figures(parse: Callable[[str], Any], queries: list[str]) -> tuple[int, int, float]:
    """(refused, read with operators, mean microseconds per parse, each its best of REPEATS)."""
    trees = [_read(parse, query) for query in queries]
    refused = sum(tree is None for tree in trees)
    operators = sum(tree is not None and _operators(tree) for tree in trees)
    seconds = sum(_best_seconds(parse, query) for query in queries)
    return refused, operators, seconds / len(queries) * 1e6


def main() -> None:
    """Print the side-by-side table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="another checkout's query_syntax.py")
    parser.add_argument("--data", type=Path, default=SHARED_DATA)
    args = parser.parse_args()
    parsers = {"now": query_syntax.parse_query}
    if args.before:
        parsers = {"before": _load(args.before).parse_query, **parsers}
    print(f"{'set':16} {'queries':>7}  " + "  ".join(f"{n:>27}" for n in parsers))
    print(f"{'':16} {'':>7}  " + "  ".join(f"{'refused operators  us/query':>27}" for _ in parsers))
    for name, queries in query_sets(args.data).items():
        cells = []
        for parse in parsers.values():
            refused, operators, micros = figures(parse, queries)
            cells.append(f"{refused:>7} {operators:>9} {micros:>11.1f}")
        print(f"{name:16} {len(queries):>7}  " + "  ".join(cells))


if __name__ == "__main__":
    main()
