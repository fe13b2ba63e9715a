"""Query latency and throughput: the same fixed mix on every engine, side by side.

Every query asks for the top 10 hits, all facets and the histogram. Each client process
opens its own handle, warms up with queries of the mix, waits for the others at a barrier
and then runs whole passes over the mix (at least one) for a time budget: latency percentiles
come from every query timed, queries/s from all clients' queries over the span they ran
together.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from itertools import cycle
from pathlib import Path
from typing import Any

from indexer.config import Settings
from indexer.model import Article
from indexer.search.base import SearchRequest
from indexer.search.fields import ENTITY_FACETS

Mix = list[tuple[str, SearchRequest]]
Samples = list[tuple[str, float]]  # (query label, seconds)

_LATIN = re.compile(r"\b[a-z]{4,}\b")
_CYRILLIC = re.compile(r"\b[а-яё]{4,}\b")
_WORD = re.compile(r"[^\W_]+")  # any word, as the engines tokenize: for true adjacency
# Document-frequency targets as shares of the corpus: a broad term (a fifth of all articles,
# the worst case for counting facets), a medium one (2%) and a rare one (0.05%).
HIGH_SHARE, MEDIUM_SHARE, LOW_SHARE = 1 / 5, 1 / 50, 1 / 2000
PHRASE_SAMPLE = 5_000  # articles scanned for word pairs: enough to find a 2% phrase
DATE_RANGE = (date(2019, 1, 1), date(2019, 12, 31))  # one year of the ten the corpus spans
BROAD_QUERIES = ("term high", "match all")  # "broad terms" in the targets
CLIENT_TIMEOUT_S = 3_600  # a client that has not answered in an hour is stuck


@dataclass(frozen=True)
class Engine:
    """How to open one engine in any process: kind plus location."""

    name: str
    kind: str  # "embedded", "elasticsearch" or "sqlite"
    location: str  # index directory, Elasticsearch URL or SQLite file
    index_name: str = "articles"
    # Where the entity table lives (entity filters are widened by its aliases); empty: none.
    data_dir: str = ""
    # The loaded index merged as `newsdesk reindex` leaves it (Elasticsearch: one segment;
    # embedded: a merged copy, one segment per search thread); its "load" is the merge of
    # the index another engine entry loaded.
    merged: bool = False
    # Embedded only: False searches on the pure-Python path (the index another entry loaded).
    native: bool = True

    @property
    def shares_an_index(self) -> bool:
        """Whether this entry measures an index another entry loads (no load of its own)."""
        return self.merged or not self.native

    def settings(self) -> Settings:
        """Newsdesk settings for the embedded or Elasticsearch backend."""
        data_dir = Path(self.data_dir) if self.data_dir else Path(self.location).parent / "none"
        if self.kind == "embedded":
            return Settings(
                backend="embedded",
                index_path=Path(self.location),
                data_dir=data_dir,
                native=self.native,
            )
        return Settings(
            backend="elasticsearch",
            elasticsearch_url=self.location,
            index_name=self.index_name,
            data_dir=data_dir,
        )

    def open(self) -> Callable[[SearchRequest], Any]:
        """A search function bound to a fresh handle."""
        if self.kind == "sqlite":
            from bench.sqlite_baseline import SqliteBaseline

            return SqliteBaseline(Path(self.location)).search
        from indexer.search import open_backend

        return open_backend(self.settings()).search


def _document_frequencies(records: Iterable[Article], pattern: re.Pattern[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for article in records:
        counts.update(set(pattern.findall(article.body.lower())))
    return counts


def _near(counts: Counter[str], target: float) -> str:
    """The word whose document frequency is closest to `target` (ties: alphabetical)."""
    if not counts:
        raise ValueError("the corpus has no words of this script to choose a query term from")
    return min(counts, key=lambda word: (abs(counts[word] - target), word))


def _most_common(records: Iterable[Article], facet: str) -> str | None:
    if facet in ENTITY_FACETS:
        counts = Counter(name for a in records for name in a.entity_names(facet))
    else:
        counts = Counter(v for a in records if (v := getattr(a, facet)))
    return counts.most_common(1)[0][0] if counts else None


def _has(article: Article, facet: str, value: str) -> bool:
    if facet in ENTITY_FACETS:
        return value in article.entity_names(facet)
    return bool(getattr(article, facet) == value)


def _facet_choices(records: list[Article]) -> tuple[tuple[str, str], tuple[str, str]]:
    """A common (facet, value) pair, and a second one common among the articles with the first.

    Entities when NER ran, else source and language.
    """
    facets = ("location", "person", "organization", "source", "language")
    first = next(((f, v) for f in facets if (v := _most_common(records, f))), None)
    if first is None:
        raise ValueError("no article has a facet value")
    with_first = [a for a in records if _has(a, *first)]
    second = next(
        ((f, v) for f in facets if f != first[0] and (v := _most_common(with_first, f))), None
    )
    if second is None:
        raise ValueError("the corpus has fewer than two facets with values")
    return first, second


def _adjacent_pairs(text: str) -> set[str]:
    """Pairs of neighbouring words (both Latin, 4+ letters), as a phrase query would match."""
    words = _WORD.findall(text.lower())
    return {
        f"{a} {b}"
        for a, b in zip(words, words[1:], strict=False)
        if _LATIN.fullmatch(a) and _LATIN.fullmatch(b) and a != b
    }


def query_mix(records: list[Article]) -> Mix:
    """The fixed mix, with terms chosen by document frequency in this corpus."""
    n = len(records)
    latin = _document_frequencies(records, _LATIN)
    cyrillic = _document_frequencies(records, _CYRILLIC)
    high = _near(latin, n * HIGH_SHARE)
    medium = _near(latin, n * MEDIUM_SHARE)
    low = _near(latin, max(3, n * LOW_SHARE))
    # English articles only: Latin word pairs in Russian posts are mostly link fragments.
    english = [a for a in records if a.language == "en"]
    sample = (english or records)[:PHRASE_SAMPLE]
    pairs: Counter[str] = Counter()
    for article in sample:
        pairs.update(_adjacent_pairs(article.body))
    phrase = _near(pairs, len(sample) * MEDIUM_SHARE)
    (facet_a, value_a), (facet_b, value_b) = _facet_choices(records)
    return [
        ("term high", SearchRequest(query=high)),
        ("term medium", SearchRequest(query=medium)),
        ("term low", SearchRequest(query=low)),
        ("phrase", SearchRequest(query=f'"{phrase}"')),
        ("bool exclude", SearchRequest(query=f"{medium} -{high}")),
        ("prefix", SearchRequest(query=medium[:4] + "*")),
        ("one facet", SearchRequest(query=high, filters={facet_a: (value_a,)})),
        ("two facets", SearchRequest(filters={facet_a: (value_a,), facet_b: (value_b,)})),
        ("date range", SearchRequest(query=medium, date_from=DATE_RANGE[0], date_to=DATE_RANGE[1])),
        ("cyrillic", SearchRequest(query=_near(cyrillic, n * MEDIUM_SHARE))),
        ("match all", SearchRequest()),
    ]


def describe(mix: Mix) -> dict[str, str]:
    """Each query of the mix in words, for the report."""
    described = {}
    for label, req in mix:
        parts = [f"`{req.query}`" if req.query else "(everything)"]
        parts += [f"{facet}={' or '.join(values)}" for facet, values in req.filters.items()]
        if req.date_from or req.date_to:
            parts.append(f"{req.date_from}..{req.date_to}")
        described[label] = " ".join(parts)
    return described


def _total(result: Any) -> int:
    return int(result["total"] if isinstance(result, dict) else result.total)


def totals(engine: Engine, mix: Mix) -> dict[str, int]:
    """How many articles each query matches on this engine (to check they do the same work)."""
    search = engine.open()
    return {label: _total(search(req)) for label, req in mix}


def _timed_passes(
    search: Callable[[SearchRequest], Any], mix: Mix, budget_s: float, min_rounds: int
) -> tuple[Samples, float, float, dict[str, int]]:
    samples: Samples = []
    matches: dict[str, int] = {}
    start = time.monotonic()
    rounds = 0
    while rounds < min_rounds or time.monotonic() - start < budget_s:
        for label, req in mix:
            began = time.perf_counter()
            result = search(req)
            samples.append((label, time.perf_counter() - began))
            matches[label] = _total(result)
        rounds += 1
    return samples, start, time.monotonic(), matches


def _warm_up(search: Callable[[SearchRequest], Any], mix: Mix, warmup_s: float) -> None:
    """Queries of the mix in turn for `warmup_s`: caches filled, JIT compiled.

    Counted in queries, not passes: one pass of the SQLite baseline at 1M takes minutes.
    """
    start = time.monotonic()
    for _, req in cycle(mix):
        if time.monotonic() - start >= warmup_s:
            return
        search(req)


def _client(
    engine: Engine,
    mix: Mix,
    budget_s: float,
    warmup_s: float,
    min_rounds: int,
    barrier: Any,
    results: Any,
) -> None:
    search = engine.open()
    _warm_up(search, mix, warmup_s)
    barrier.wait()
    results.put(_timed_passes(search, mix, budget_s, min_rounds))


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def measure(
    engine: Engine,
    mix: Mix,
    clients: int,
    budget_s: float,
    warmup_s: float = 0.0,
    min_rounds: int = 1,
) -> dict[str, Any]:
    """Latency percentiles (ms) and queries/s with `clients` concurrent client processes.

    Each client first warms up for `warmup_s`: Elasticsearch's JVM needs seconds of queries
    before its JIT-compiled code settles, and a running server would be warm.
    """
    if clients == 1:
        search = engine.open()
        _warm_up(search, mix, warmup_s)
        parts = [_timed_passes(search, mix, budget_s, min_rounds)]
    else:
        mp = multiprocessing.get_context("spawn")
        barrier, results = mp.Barrier(clients), mp.Queue()
        arguments = (engine, mix, budget_s, warmup_s, min_rounds, barrier, results)
        processes = [mp.Process(target=_client, args=arguments) for _ in range(clients)]
        for process in processes:
            process.start()
        try:
            parts = [results.get(timeout=CLIENT_TIMEOUT_S) for _ in processes]
        finally:
            for process in processes:
                process.join(timeout=30)
                if process.is_alive():
                    process.terminate()
    samples = [sample for part, _, _, _ in parts for sample in part]
    span = max(end for _, _, end, _ in parts) - min(start for _, start, _, _ in parts)
    latencies = [seconds for _, seconds in samples]
    by_query: dict[str, list[float]] = {}
    for label, seconds in samples:
        by_query.setdefault(label, []).append(seconds)
    return {
        "engine": engine.name,
        "clients": clients,
        "queries": len(latencies),
        "p50": 1000 * statistics.median(latencies),
        "p95": 1000 * percentile(latencies, 95),
        "p99": 1000 * percentile(latencies, 99),
        "qps": len(latencies) / span,
        # The machine is shared: the 1-minute load average says how busy it was meanwhile.
        "load_average": os.getloadavg()[0],
        "per_query_p50": {k: 1000 * statistics.median(v) for k, v in by_query.items()},
        "totals": parts[0][3],
        "latencies_ms": [1000 * s for s in latencies],
    }
