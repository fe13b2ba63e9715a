"""Pipeline speed end to end: read -> clean -> language -> dates -> entities (-> index).

Corpora are built at run time from the real text in ../shared/data (nothing is copied into
the repository) and written to a temporary folder:
- en500: English articles of ~500 words, consecutive Reuters-21578 stories joined paragraph
  by paragraph (JSON Lines);
- ru: Lenta.ru crime articles, one CSV row each (~210 words; JSON Lines);
- reuters: Reuters-21578 stories as they are (~120 words), read from reut2-000.sgm.

Every configuration runs in a fresh process: the runner starts (workers spawn and load their
models) and says it is ready; a first corpus goes through ("cold": lingua loads the n-gram
models of each language it meets on first use, ~1 GB and seconds per process); then a
second corpus of the same kind is timed ("warm", the rate of a long ingest). Loading is
timed apart. Peak RSS sums the process and its workers, sampled from /proc.

    python -m bench.pipeline_speed                 # the full grid
    python -m bench.pipeline_speed --quick         # en500, no index, NER on/off, 1 and 2 workers
    python -m bench.pipeline_speed --corpus en500 --workers 2 --ner on --backend embedded
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from threadpoolctl import threadpool_limits

from bench.process_tree import PeakMemory, tree_cpu_seconds
from indexer.config import Settings
from indexer.ingest import BLAS_THREADS, LocalRunner, ingest, open_runner, processed
from indexer.model import Article, IndexReport
from indexer.readers.reuters import read_reuters

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
REUTERS = DATA / "news-en" / "reuters21578"
LENTA = DATA / "news-ru" / "lenta-crime" / "Lenta_Crime.csv"
# Articles per corpus half (cold, then warm): ~10 s of NER per half, enough to swamp timer
# noise; Lenta has 989 articles, so at most 494.
ARTICLES = 300
WORDS = 500  # words per en500 article (issue 4's "~500-word English articles")
TIMEOUT_S = 1800  # one configuration takes seconds to a minute; a hang must not stall the bench


def english_articles(count: int, words: int = WORDS) -> list[dict[str, Any]]:
    """`count` records of ~`words` words: Reuters bodies joined paragraph by paragraph."""
    records: list[dict[str, Any]] = []
    paragraphs: list[str] = []
    head: Article | None = None
    for path in sorted(REUTERS.glob("reut2-*.sgm")):
        for story in read_reuters(path):
            if not isinstance(story, Article) or not story.text:
                continue
            head = head if paragraphs else story
            for paragraph in story.text.split("\n"):
                paragraphs.append(paragraph)
                if sum(len(p.split()) for p in paragraphs) < words:
                    continue
                assert head is not None
                records.append(
                    {
                        "url": f"https://bench.example/reuters/{len(records)}",
                        "title": head.title,
                        "text": "\n\n".join(paragraphs),
                        "source": "Reuters",
                        "published_at": head.published_at,
                    }
                )
                paragraphs, head = [], story
                if len(records) == count:
                    return records
    return records


def russian_articles(count: int) -> list[dict[str, Any]]:
    """The first `count` Lenta.ru articles as feed records."""
    with open(LENTA, encoding="utf-8", newline="") as handle:
        rows = list(itertools.islice(csv.DictReader(handle), count))
    return [
        {
            "url": f"https://lenta.example/{row['textid']}",
            "title": row["textname"],
            "text": row["full_text"],
            "source": "Lenta",
        }
        for row in rows
    ]


def build_corpora(folder: Path, count: int) -> dict[str, tuple[Path, Path]]:
    """(cold, warm) corpus paths per name, written under `folder`; reuters is SGML as it is."""
    paths = {"reuters": (REUTERS / "reut2-000.sgm", REUTERS / "reut2-001.sgm")}
    built = {"en500": english_articles(2 * count), "ru": russian_articles(2 * count)}
    for name, records in built.items():
        halves = []
        for half, part in (("cold", records[:count]), ("warm", records[count:])):
            path = folder / f"{name}-{half}.jsonl"
            lines = (json.dumps(record, ensure_ascii=False) + "\n" for record in part)
            path.write_text("".join(lines), encoding="utf-8")
            halves.append(path)
        paths[name] = (halves[0], halves[1])
    return paths


def run_one(config: dict[str, Any]) -> dict[str, Any]:
    """One configuration in this process: load, a cold corpus, then time the warm corpus."""
    from indexer.search import open_backend

    cold, corpus = Path(config["cold"]), Path(config["path"])
    with tempfile.TemporaryDirectory() as data, PeakMemory() as rss:
        settings = Settings(data_dir=Path(data), ner=config["ner"], workers=config["workers"])
        report = IndexReport()
        started = time.perf_counter()
        with open_runner(settings) as runner:
            runner.wait_ready()
            loaded = time.perf_counter()
            first = sum(1 for _ in processed([cold], settings, IndexReport(), runner=runner))
            ready = time.perf_counter()
            main_cpu, tree_cpu = time.process_time(), tree_cpu_seconds(os.getpid())
            if config["backend"] == "embedded":
                backend = open_backend(settings)
                try:
                    report = ingest([corpus], settings, backend, runner=runner)
                finally:
                    backend.close()
                done = report.indexed
            else:
                done = sum(1 for _ in processed([corpus], settings, report, runner=runner))
            seconds = time.perf_counter() - ready
            main_cpu = time.process_time() - main_cpu
            tree_cpu = tree_cpu_seconds(os.getpid()) - tree_cpu
    return {
        **config,
        "articles": done,
        "skipped": report.skipped,
        "failed": report.failed,
        "load_s": loaded - started,
        "cold_per_s": first / (ready - loaded),
        "per_s": done / seconds,
        "main_cpu_ms": 1000 * main_cpu / max(1, done),
        "cpu_ms": 1000 * tree_cpu / max(1, done),
        "peak_mb": rss.peak / 2**20,
    }


def stage_profile(cold: Path, corpus: Path) -> dict[str, float]:
    """CPU ms per article of reading, each stage and embedded indexing, in one process (warm)."""
    from indexer.pipeline import chunks, process_chunk
    from indexer.readers import read_paths
    from indexer.search import open_backend

    cpu: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as data:
        settings = Settings(data_dir=Path(data), ner=True, workers=1)
        report = IndexReport()
        started = time.process_time()
        batches = list(chunks(read_paths([corpus]), report))
        cpu["read"] = time.process_time() - started
        out: list[Article] = []
        runner = LocalRunner(settings)
        try:
            runner.wait_ready()
            for _ in processed([cold], settings, IndexReport(), runner=runner):
                pass
            for batch in batches:
                out += process_chunk(batch, runner.ctx, cpu)[0]
        finally:
            runner.close()
        backend = open_backend(settings)
        try:
            started = time.process_time()
            backend.index(out)
            cpu["index (embedded)"] = time.process_time() - started
        finally:
            backend.close()
    read = sum(len(batch) for batch in batches)
    return {name: 1000 * seconds / read for name, seconds in cpu.items()}


def ner_check(corpus: Path) -> tuple[float, float, bool, int]:
    """spaCy alone on the corpus: stock nlp.pipe vs our decoder (CPU ms/article), same ents?"""
    from indexer.entities.english import load_pipeline, recognize, use_openblas

    lines = corpus.read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines]
    stock = load_pipeline(Settings().spacy_model)
    ours = use_openblas(load_pipeline(Settings().spacy_model))

    def timed(docs: Any) -> tuple[float, list[list[tuple[int, int, str]]]]:
        started = time.process_time()
        ents = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]
        return 1000 * (time.process_time() - started) / len(texts), ents

    with threadpool_limits(BLAS_THREADS, user_api="blas"):  # as in the pipeline's runners
        stock_ms, stock_ents = timed(stock.pipe(texts, batch_size=64))
        ours_ms, ours_ents = timed(recognize(ours, texts))
    return stock_ms, ours_ms, stock_ents == ours_ents, sum(map(len, stock_ents))


def _child(config: dict[str, Any]) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.pipeline_speed", "--one", json.dumps(config)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{config} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _print_runs(runs: list[dict[str, Any]]) -> None:
    print(
        f"\n{'corpus':<8} {'backend':<9} {'NER':<4} {'workers':>7} {'articles':>8} {'art/s':>7}"
        f" {'cold art/s':>10} {'load s':>7} {'CPU ms/art':>10} {'main':>5} {'2-core bound':>12}"
        f" {'peak RSS MB':>11}"
    )
    for r in runs:
        print(
            f"{r['corpus']:<8} {r['backend']:<9} {'on' if r['ner'] else 'off':<4}"
            f" {r['workers']:>7} {r['articles']:>8} {r['per_s']:>7.1f} {r['cold_per_s']:>10.1f}"
            f" {r['load_s']:>7.1f} {r['cpu_ms']:>10.1f} {r['main_cpu_ms']:>5.1f}"
            f" {2000 / max(r['cpu_ms'], 1e-9):>12.0f} {r['peak_mb']:>11.0f}"
        )


def main(argv: list[str] | None = None) -> int:
    """Build the corpora, run the chosen grid (each cell in a fresh process), print tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", action="append", choices=["en500", "ru", "reuters"])
    parser.add_argument("--workers", action="append", type=int)
    parser.add_argument("--ner", action="append", choices=["on", "off"])
    parser.add_argument("--backend", action="append", choices=["none", "embedded"])
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--repeat", type=int, default=1, help="run each configuration N times")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--no-profile", action="store_true", help="skip stage profile and NER check"
    )
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(json.loads(args.one))))
        return 0
    if not REUTERS.exists() or not LENTA.exists():
        print(f"{DATA} is missing: nothing to measure")
        return 1
    corpora = args.corpus or (["en500"] if args.quick else ["en500", "ru", "reuters"])
    backends = args.backend or (["none"] if args.quick else ["none", "embedded"])
    print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory() as folder:
        paths = build_corpora(Path(folder), args.articles)
        grid = itertools.product(
            corpora, backends, args.ner or ["on", "off"], args.workers or [1, 2], range(args.repeat)
        )
        runs = []
        for corpus, backend, ner, workers, _ in grid:
            config = {
                "corpus": corpus,
                "cold": str(paths[corpus][0]),
                "path": str(paths[corpus][1]),
                "backend": backend,
                "ner": ner == "on",
                "workers": workers,
            }
            runs.append(_child(config))
            _print_runs(runs[-1:])
        print(
            "\nAll runs. art/s: warm corpus, load excluded; cold art/s: the first corpus after"
            " loading; CPU ms/art: whole process tree in the warm run (main: the main process"
            " alone); 2-core bound: 2000 / CPU ms/art, the rate if the tree had two idle cores;"
            " peak RSS: main process + workers."
        )
        _print_runs(runs)
        if not (args.quick or args.no_profile):
            print("\nCPU ms per article, one process, NER on (reading, stages, indexing):")
            for corpus in corpora:
                profile = stage_profile(*paths[corpus])
                print(f"  {corpus:<8} " + "  ".join(f"{k} {v:.2f}" for k, v in profile.items()))
            stock_ms, ours_ms, same, count = ner_check(paths["en500"][1])
            print(
                f"\nspaCy alone on en500, CPU ms/article: stock nlp.pipe {stock_ms:.1f}, our"
                f" decoder {ours_ms:.1f}; entities identical: {same} ({count} entities)"
            )
    print(f"load average {os.getloadavg()[0]:.1f} at end (other work on this machine slows runs)")
    own_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"peak RSS of this bench process (corpora, NER check): {own_mb} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
