"""Generic words typed organisation ("Finance", "Bank", "Note"): our English stage with and without
the rule that drops them, in one run.

    python -m bench.org_noise                   # CoNLL tuning and reporting files, then Reuters
    python -m bench.org_noise --only conll --files eng.train   # the tuning file alone

CoNLL-2003: exact-span P/R/F1 of ORG and of PER/ORG/LOC together (scored as bench.ner_bench
does), and the predicted one-word ORG spans that are no gold entity. eng.train TUNED the rule;
eng.testa (the project's gate) and eng.testb, when present, are REPORTED. Reuters-21578: the
English Reuters articles of the bench corpus (bench.corpus, processed-10000-*.jsonl; never used
for tuning), the 40 organisation values in most articles, before and after: the article's own
cluster name (no entity table), so both sides are named the same way.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from bench.corpus import DEFAULT_CACHE
from bench.ner_bench import DATA, Doc, Span, read_conll, score
from indexer.config import Settings
from indexer.context import Context
from indexer.entities.article import SegmentRules
from indexer.entities.english_rules import english_rules, name_rules
from indexer.model import Article, Segment
from indexer.stages import entities as stage

CONLL_DIR = DATA / "ner" / "conll2003"
TUNING = ("eng.train",)
REPORTING = ("eng.testa", "eng.testb")
OURS = {"person": "PER", "organization": "ORG", "location": "LOC"}
TOP = 40


@contextmanager
def english(rules: SegmentRules) -> Iterator[None]:
    """Run the entity stage with these English segment rules."""
    saved = stage.RULES["en"]
    stage.RULES["en"] = rules
    try:
        yield
    finally:
        stage.RULES["en"] = saved


def run(articles: Sequence[Article]) -> list[Article]:
    """The entity stage over the articles, with a fresh entity table."""
    with tempfile.TemporaryDirectory() as folder, Context(Settings(data_dir=Path(folder))) as ctx:
        return stage.extract_entities_batch(articles, ctx)


def both(articles: Sequence[Article]) -> dict[str, list[Article]]:
    """The articles through the stage before (no generic-word rule) and after."""
    found = {}
    for name, rules in (("before", name_rules), ("after", english_rules)):
        with english(rules):
            found[name] = run(articles)
    return found


def conll(path: Path, role: str) -> None:
    """ORG and overall scores, and one-word ORG spans that are no gold entity."""
    docs: list[Doc] = read_conll(path)
    articles = [
        Article(id=str(i), path=str(i), body=text, language="en")
        for i, (text, _) in enumerate(docs)
    ]
    gold = [spans for _, spans in docs]
    print(f"\nCoNLL-2003 {path.name} ({role}): {len(docs)} documents")
    print(
        f"{'':7} {'ORG P':>6} {'ORG R':>6} {'ORG F1':>6} {'all F1':>6} {'1-word ORG not gold':>20}"
    )
    for name, done in both(articles).items():
        predicted: list[set[Span]] = [
            {(e.start, e.end, OURS[e.type]) for e in a.entities if e.type in OURS} for a in done
        ]
        rows = score(gold, predicted)
        stray = sum(
            1
            for article, g, p in zip(done, gold, predicted, strict=True)
            for s in p
            if s[2] == "ORG" and " " not in article.body[s[0] : s[1]] and s[:2] not in _spans(g)
        )
        org, micro = rows["ORG"], rows["micro"]
        print(f"{name:7} {org[0]:6.3f} {org[1]:6.3f} {org[2]:6.3f} {micro[2]:6.3f} {stray:20d}")


def _spans(gold: set[Span]) -> set[tuple[int, int]]:
    return {(s, e) for s, e, _ in gold}


def reuters(cache: Path) -> None:
    """The top organisation values by article count, before and after."""
    files = sorted(cache.glob("processed-10000-*.jsonl"), key=lambda p: p.stat().st_mtime)
    if not files:
        print(f"\nno processed-10000-*.jsonl in {cache}: run bench.pipeline_speed first")
        return
    articles = []
    with files[-1].open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["language"] == "en" and record.get("source") == "Reuters":
                segments = tuple(Segment(**s) for s in record.get("segments") or ())
                articles.append(
                    Article(
                        id=record["id"],
                        path=record["path"],
                        body=record["body"],
                        language="en",
                        segments=segments,
                    )
                )
    print(f"\nReuters-21578, {files[-1].name}: {len(articles)} English articles (held out)")
    counts = {name: _org_counts(done) for name, done in both(articles).items()}
    before, after = counts["before"].most_common(TOP), counts["after"].most_common(TOP)
    print(f"{'rank':>4}  {'before':<36} {'after':<36}")
    for rank, (old, new) in enumerate(zip(before, after, strict=True), 1):
        print(f"{rank:4}  {old[0][:30]:<30} {old[1]:5}  {new[0][:30]:<30} {new[1]:5}")
    gone = len(set(counts["before"]) - set(counts["after"]))
    pairs = ", ".join(f"{name} {count.total()}" for name, count in counts.items())
    print(f"organisation values gone: {gone}; value-article pairs: {pairs}")


def _org_counts(done: Sequence[Article]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for article in done:
        counts.update({e.canonical for e in article.entities if e.type == "organization"})
    return counts


def main(argv: list[str] | None = None) -> int:
    """Print the CoNLL and Reuters tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("conll", "reuters"), action="append")
    parser.add_argument("--files", nargs="+", default=[*TUNING, *REPORTING])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args(argv)
    parts = args.only or ["conll", "reuters"]
    if "conll" in parts:
        for name in args.files:
            path = CONLL_DIR / name
            role = "tuning" if name in TUNING else "reporting"
            if path.exists():
                conll(path, role)
            else:
                print(f"\n{path} is missing: skipping it")
    if "reuters" in parts:
        reuters(args.cache)
    return 0


if __name__ == "__main__":
    sys.exit(main())
