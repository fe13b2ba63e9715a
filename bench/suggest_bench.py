"""Did you mean: correction accuracy and latency on real headlines with seeded typos.

    python -m bench.suggest_bench [--per-split 400] [--grid] [--elasticsearch URL]

The index holds every real text of bench/corpus.py (Reuters-21578 in English, Lenta.ru and
Telegram posts in Russian; ~44k articles, a realistic vocabulary). Queries are headlines
typed as written with one word mistyped (one deletion, insertion, substitution or swap of
neighbours, seeded); the same headlines without a typo measure false alarms. Headlines are
split so tuning and reporting never share a source file or a year:

    tune     Reuters titles of the even-numbered files, Lenta headlines of 2013-2014
    report   Reuters titles of the odd-numbered files, Lenta headlines of 2015-2017

Printed side by side in one run: our rules (indexer/search/spelling.py) and the plain
nearest-word baseline (any word the index lacks becomes its most common neighbour within the
same edits, SymSpell's "top" verbosity), then the latency of `EmbeddedBackend.suggest` and
of a search. `--grid` tries other rule settings on the tuning half only. `--elasticsearch`
also indexes the corpus on that node and reports agreement with the embedded answers.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import string
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import product
from pathlib import Path

from bench.corpus import DEFAULT_CACHE, SHARED_DATA, base_texts
from indexer.model import Article
from indexer.search import embedded_schema
from indexer.search.base import SearchBackend, SearchRequest
from indexer.search.embedded import EmbeddedBackend
from indexer.search.embedded_vocabulary import SpellingCounts
from indexer.search.spelling import (
    MIN_SUGGESTED_ARTICLES,
    RULES,
    Rules,
    WordCounts,
    checked_words,
    language_of,
    rewrite,
    suggestions,
)

SEED = 20261206
ALPHABETS = {"en": string.ascii_lowercase, "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"}
GRID_KEEP = (2, 3, 4)
MIN_TYPO_CHARS = 4  # a typo in a three-letter word is as often another real word
csv.field_size_limit(sys.maxsize)


@dataclass(frozen=True)
class Case:
    """One query: the headline as typed (with or without a typo) and the word it should fix."""

    split: str
    language: str
    query: str
    typo: str | None  # the mistyped word, lower-case (None: a clean headline)
    meant: str | None  # the word it came from


def _reuters_titles() -> Iterator[tuple[str, str, str]]:
    from indexer.readers.reuters import read_reuters

    for path in sorted((SHARED_DATA / "news-en" / "reuters21578").glob("*.sgm")):
        split = "tune" if int(path.stem[-3:]) % 2 == 0 else "report"
        for item in read_reuters(path):
            if isinstance(item, Article) and item.title:
                yield split, "en", item.title


def _lenta_titles() -> Iterator[tuple[str, str, str]]:
    with open(SHARED_DATA / "news-ru" / "lenta-crime" / "Lenta_Crime.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            year = int(row["textid"][:4])
            yield ("tune" if year <= 2014 else "report"), "ru", row["textname"]


def _typo(word: str, rng: random.Random) -> str:
    """One keyboard slip: a letter dropped, added, replaced, or swapped with its neighbour."""
    letters = ALPHABETS[language_of(word)]
    at = rng.randrange(len(word))
    kind = rng.choice(("delete", "insert", "replace", "swap"))
    if kind == "delete":
        return word[:at] + word[at + 1 :]
    if kind == "insert":
        return word[:at] + rng.choice(letters) + word[at:]
    if kind == "replace":
        return word[:at] + rng.choice(letters.replace(word[at], "")) + word[at + 1 :]
    at = min(at, len(word) - 2)
    swapped = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return swapped if swapped != word else word[:at] + word[at + 1 :]


def build_cases(per_split: int, known: Callable[[str], int]) -> list[Case]:
    """Per split and language, `per_split` headlines with a typo and the same ones clean."""
    rng = random.Random(SEED)
    pools: dict[tuple[str, str], list[str]] = {}
    for split, language, title in [*_reuters_titles(), *_lenta_titles()]:
        pools.setdefault((split, language), []).append(" ".join(title.split()))
    cases = []
    for (split, language), titles in sorted(pools.items()):
        rng.shuffle(titles)
        taken = 0
        for title in titles:
            words = [w for w in checked_words(title) if len(w) >= MIN_TYPO_CHARS]
            words = [w for w in words if known(w) >= MIN_SUGGESTED_ARTICLES]
            if not words:
                continue  # nothing the index could suggest back
            meant = rng.choice(words)
            typo = _typo(meant, rng)
            if typo == meant or len(typo) < 3:
                continue
            cases.append(Case(split, language, rewrite(title, {meant: typo}), typo, meant))
            cases.append(Case(split, language, title, None, None))
            taken += 1
            if taken == per_split:
                break
    return cases


def _articles() -> Iterator[Article]:
    for n, text in enumerate(base_texts()):
        language = "en" if text["source"] == "Reuters" else "ru"
        yield Article(
            id=f"suggest{n:09d}",
            path=text["url"],
            url=text["url"],
            title=text["title"],
            body=text["text"],
            language=language,
            source=text["source"],
            published_at=text["published_at"] or None,
        )


def embedded_index(cache: Path) -> EmbeddedBackend:
    """The embedded index of every base text, built once into the cache."""
    path = cache / "suggest-index"
    done = path / "complete"
    backend = EmbeddedBackend(path)
    if not done.exists():
        backend.drop()
        backend = EmbeddedBackend(path)
        report = backend.index(_articles())
        print(f"indexed {report.indexed} articles into {path}", file=sys.stderr)
        done.write_text(str(report.indexed))
    return backend


def baseline(counted: dict[str, WordCounts]) -> list[dict[str, str]]:
    """Plain nearest word: a word the index lacks becomes its most common close neighbour."""
    fixed: dict[str, str] = {}
    for word, counts in counted.items():
        if counts.articles:
            continue
        near = [(a, c) for c, a in counts.nearby.items() if c != word]
        if near:
            fixed[word] = max(near)[1]
    return [fixed] if fixed else []


def ours(query: str, counted: dict[str, WordCounts], rules: Rules) -> list[dict[str, str]]:
    """The corrections of each suggestion offered, best first."""
    return [dict(s.corrections) for s in suggestions(query, counted, rules)]


@dataclass
class Score:
    """Outcomes of one method on one set of cases."""

    typos: int = 0
    fixed: int = 0  # the first suggestion: the typo back to its word, nothing else touched
    offered: int = 0  # that correction among the suggestions offered (up to 3)
    wrong: int = 0  # a first suggestion, but not that
    clean: int = 0
    false_alarms: int = 0  # a clean headline got a suggestion

    def add(self, case: Case, offered: list[dict[str, str]]) -> None:
        """Count one case."""
        if case.typo is None:
            self.clean += 1
            self.false_alarms += bool(offered)
            return
        self.typos += 1
        right = {case.typo: case.meant}
        self.fixed += bool(offered) and offered[0] == right
        self.wrong += bool(offered) and offered[0] != right
        self.offered += right in offered

    def row(self) -> str:
        """Accuracy, wrong suggestions and false alarms as percentages."""
        typos, clean = max(1, self.typos), max(1, self.clean)
        shares = (self.fixed / typos, self.offered / typos, self.wrong / typos)
        return "  ".join(f"{100 * x:6.1f}" for x in (*shares, self.false_alarms / clean))


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    """Build the index (once), the cases, and print accuracy and latency side by side."""
    parser = argparse.ArgumentParser("python -m bench.suggest_bench", description=__doc__)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--per-split", type=int, default=400, help="headlines per split/language")
    parser.add_argument("--grid", action="store_true", help="try other rules on the tuning half")
    parser.add_argument("--elasticsearch", metavar="URL", help="also compare with this node")
    args = parser.parse_args()

    backend = embedded_index(args.cache)
    searcher = embedded_schema.open_index(backend.path).searcher()
    counter = SpellingCounts(backend.path)
    began = time.perf_counter()
    vocabulary = counter.vocabulary(searcher)
    load_s = time.perf_counter() - began
    cases = build_cases(
        args.per_split, lambda w: max(searcher.doc_freq(f, w) for f in ("title", "body"))
    )
    # Neighbours of every word the grid's largest `keep` could doubt.
    counted = {
        c.query: counter.count(searcher, checked_words(c.query), GRID_KEEP[-1]) for c in cases
    }

    words = f"letters only, in {MIN_SUGGESTED_ARTICLES}+ articles"
    print(f"index: {backend.count()} articles; vocabulary ({words}): {len(vocabulary)} words,")
    print(f"read from the term dictionary in {load_s:.2f} s")
    print(f"cases: {len(cases) // 2} headlines with one typo and the same {len(cases) // 2} clean")
    print("\nsplit   lang  method      fixed  in-top3  wrong  false-alarm (% of typos; of clean)")
    for split, language in product(("tune", "report"), ("en", "ru")):
        chosen = [c for c in cases if c.split == split and c.language == language]
        for name, method in (
            ("ours", lambda c: ours(c.query, counted[c.query], RULES)),
            ("baseline", lambda c: baseline(counted[c.query])),
        ):
            score = Score()
            for case in chosen:
                score.add(case, method(case))
            print(f"{split:7} {language:5} {name:9} {score.row()}")

    if args.grid:
        print("\ngrid, tuning half (en+ru): keep min_chars more_common edit_cost -> as above")
        tuning = [c for c in cases if c.split == "tune"]
        grid = product(GRID_KEEP, (3, 4, 5), (20, 100, 300, 1000), (4.0, 8.0, 12.0))
        for keep, chars, more, cost in grid:
            rules = Rules(keep, chars, more, cost)
            score = Score()
            for case in tuning:
                score.add(case, ours(case.query, counted[case.query], rules))
            print(f"  {keep} {chars} {more:3} {cost:.1f}  {score.row()}")

    latencies = _latencies(backend, cases)
    print("\nlatency over every case (ms)      p50     p95     max")
    for name, values in latencies.items():
        print(f"{name:30} {_percentile(values, 0.5):7.2f} {_percentile(values, 0.95):7.2f} "
              f"{max(values):7.2f}")  # fmt: skip
    words = [len(checked_words(c.query)) for c in cases]
    print(f"(words checked per query: mean {statistics.mean(words):.1f})")
    if args.elasticsearch:
        _compare_elasticsearch(args.elasticsearch, backend, cases)
    backend.close()


def _latencies(backend: SearchBackend, cases: list[Case]) -> dict[str, list[float]]:
    backend.suggest(SearchRequest(query="warmup"))  # reads the vocabulary (timed above)
    out: dict[str, list[float]] = {"embedded suggest": [], "embedded search (same query)": []}
    for case in cases:
        req = SearchRequest(query=case.query)
        began = time.perf_counter()
        backend.suggest(req)
        out["embedded suggest"].append(1000 * (time.perf_counter() - began))
        began = time.perf_counter()
        backend.search(req)
        out["embedded search (same query)"].append(1000 * (time.perf_counter() - began))
    return out


def _compare_elasticsearch(url: str, embedded: SearchBackend, cases: list[Case]) -> None:
    from indexer.search.elastic import ElasticBackend

    elastic = ElasticBackend(url, "suggest-bench")
    if not elastic.indices.aliased() or elastic.count() != embedded.count():
        elastic.drop()
        elastic.create_index()
        elastic.index(_articles())
    same, first, timings = 0, 0, []
    for case in cases:
        req = SearchRequest(query=case.query)
        began = time.perf_counter()
        answer = [s.query for s in elastic.suggest(req)]
        timings.append(1000 * (time.perf_counter() - began))
        ours_ = [s.query for s in embedded.suggest(req)]
        same += answer == ours_
        first += answer[:1] == ours_[:1]
    print(f"\nElasticsearch beside the embedded index, {len(cases)} queries: the same first "
          f"suggestion (or none) for {100 * first / len(cases):.1f}%, the same list for "
          f"{100 * same / len(cases):.1f}%; suggest p50 {_percentile(timings, 0.5):.1f} ms, "
          f"p95 {_percentile(timings, 0.95):.1f} ms")  # fmt: skip
    elastic.close()


if __name__ == "__main__":
    main()
