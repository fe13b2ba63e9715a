"""Elasticsearch figures on the Reuters-21578 corpus: start-up, bulk throughput, stemmer agreement.

    python -m bench.es_bulk [--url http://127.0.0.1:9200] [--rounds 3]

Starts a single-node Elasticsearch (devtools/es_node.py) unless --url names one, reads
the 21,578 Reuters stories (no cleaning, language detection or NER: this times the backend,
not the pipeline), then times `ElasticBackend.index()` into a fresh index, best of --rounds.
Last, it counts how often the node's English stems differ from tantivy's on the corpus
vocabulary (Lucene ships Snowball 2's English stemmer, tantivy 0.27 Snowball 3's).
Prints one table. Needs ../shared/data beside the project.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import uuid
from collections import Counter
from dataclasses import replace
from pathlib import Path

from devtools import es_node
from indexer.model import Article
from indexer.readers.reuters import read_reuters
from indexer.search import embedded_schema
from indexer.search.elastic import ElasticBackend

PROJECT = Path(__file__).resolve().parents[1]
REUTERS = PROJECT.parent / "shared" / "data" / "news-en" / "reuters21578"
PLUGIN_SCRIPT = PROJECT / "scripts" / "install-es-analysis-plugin"
ANALYZE_BATCH = 2000  # words per _analyze call: one token each, well under the 10k-token cap


def reuters_articles() -> list[Article]:
    """Every Reuters story as an indexable article: its text becomes the body as is."""
    articles = []
    for path in sorted(REUTERS.glob("reut2-*.sgm")):
        for item in read_reuters(path):
            if isinstance(item, Article):
                articles.append(replace(item, body=item.text or "", text=None, language="en"))
    return articles


def time_bulk(url: str, articles: list[Article]) -> tuple[float, int, int]:
    """Seconds to index and refresh `articles` into a fresh alias, failures, final count."""
    backend = ElasticBackend(url, f"bench-{uuid.uuid4().hex[:8]}")
    try:
        backend.create_index()
        began = time.perf_counter()
        report = backend.index(articles)
        backend.refresh()
        seconds = time.perf_counter() - began
        return seconds, report.failed, backend.count()
    finally:
        backend.drop()
        backend.close()


def stem_disagreement(url: str, articles: list[Article], field: str, snowball: str) -> str:
    """Share of distinct words (and of word occurrences) whose stems differ between engines."""
    plain = embedded_schema.text_analyzer()
    counts: Counter[str] = Counter()
    for article in articles:
        counts.update(plain.analyze(article.body))
    words = sorted(counts)
    tantivy_stems = embedded_schema.text_analyzer(snowball)
    backend = ElasticBackend(url, f"bench-stems-{uuid.uuid4().hex[:8]}")
    differing: list[str] = []
    try:
        backend.create_index()
        for start in range(0, len(words), ANALYZE_BATCH):
            batch = words[start : start + ANALYZE_BATCH]
            node_stems = backend.analyze(field, " ".join(batch))
            mine = [stem for word in batch for stem in tantivy_stems.analyze(word)]
            differing += [w for w, a, b in zip(batch, node_stems, mine, strict=True) if a != b]
    finally:
        backend.drop()
        backend.close()
    occurrences = sum(counts[word] for word in differing)
    examples = ", ".join(sorted(differing, key=lambda w: -counts[w])[:4])
    return (
        f"{len(differing)}/{len(words)} words ({100 * len(differing) / len(words):.2f}%), "
        f"{100 * occurrences / sum(counts.values()):.2f}% of occurrences; e.g. {examples}"
    )


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.es_bulk", description=__doc__)
    parser.add_argument("--url", help="an Elasticsearch node to use instead of starting one")
    parser.add_argument("--rounds", type=int, default=3, help="bulk runs; the best one counts")
    args = parser.parse_args(argv)
    if not REUTERS.is_dir():
        print(f"es_bulk: {REUTERS} is missing (../shared/data beside the project)", file=sys.stderr)
        return 2
    articles = reuters_articles()
    megabytes = sum(len(a.body.encode()) + len((a.title or "").encode()) for a in articles) / 1e6
    node = None
    started = 0.0
    url = args.url
    if not url:
        es_home = es_node.find_distribution()
        subprocess.run([str(PLUGIN_SCRIPT), str(es_home)], check=True)
        node = es_node.ElasticsearchNode(es_home)
        node.start()
        started, url = node.startup_seconds, node.url
    try:
        probe = ElasticBackend(url, "bench-health")
        health = probe.health()
        probe.close()
        runs = [time_bulk(url, articles) for _ in range(args.rounds)]
        best, failed, count = min(runs)
        english = stem_disagreement(url, articles, "body.en", "english")
    finally:
        if node:
            node.stop()
    rows = [
        ("Elasticsearch version", health.get("version", "?")),
        ("node start-up (s)", f"{started:.1f}" if node else "not started here"),
        ("articles", f"{len(articles)} ({megabytes:.1f} MB of text)"),
        (
            "bulk + refresh, best run (s)",
            f"{best:.1f}  (all: {', '.join(f'{r[0]:.1f}' for r in runs)})",
        ),
        ("throughput (docs/s)", f"{len(articles) / best:.0f}"),
        ("throughput (MB of text/s)", f"{megabytes / best:.2f}"),
        ("failed / indexed", f"{failed} / {count}"),
        ("English stems differing from tantivy", english),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
