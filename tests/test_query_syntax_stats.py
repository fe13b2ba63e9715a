"""bench.query_syntax_stats counts refusals and operator readings the way it says."""

from pathlib import Path

from bench.query_syntax_stats import _load, figures, query_sets
from indexer.search import query_syntax
from tests.shared_data import SHARED, require

QUERIES = ["oil NOT crude", "THE LABOR PARTY OR THE CONSERVATIVES", "x" * 5000, "solar OR wind"]


def test_figures_count_refusals_and_operators() -> None:
    refused, operators, micros = figures(query_syntax.parse_query, QUERIES)
    assert (refused, operators) == (1, 2)  # the 5,000-character paste; NOT and OR, not capitals
    assert micros > 0


def test_a_parser_loads_from_another_checkout() -> None:
    other = _load(Path(query_syntax.__file__))
    assert other is not query_syntax
    assert figures(other.parse_query, QUERIES)[:2] == (1, 2)


def test_reads_every_query_set() -> None:
    sets = query_sets(require(SHARED / "data"))
    assert {name: len(queries) for name, queries in sets.items()} == {
        "CISI": 112,
        "CRAN": 225,
        "MED": 30,
        "NPL": 93,
        "Lenta headlines": 989,
    }
    assert all(query.strip() for queries in sets.values() for query in queries)
