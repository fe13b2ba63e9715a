"""CoNLL-2003 eng.testa through the whole pipeline (`newsdesk extract --json`), beside the raw text.

    python -m bench.conll_pipeline

Each -DOCSTART- document becomes one JSON Lines record `{"text": ...}` (plain-text input,
no title); the real command runs on that file in a fresh process. Printed:
- how much of each document's text stays in its title and body (share of its \\w+ tokens,
  counted with repeats), the number of documents under 98% and the worst ones;
- the language each document was given;
- exact-span P/R/F1 for PER/ORG/LOC of the entities the pipeline found, mapped back to
  offsets in the raw document, beside the entity stage run on the raw text (language "en",
  as bench.ner_bench does). Gold is the same for both.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from bench.ner_bench import CONLL, OURS, Doc, Span, ours, read_conll, score
from indexer.config import Settings

# Share of a document's tokens that must stay in title + body (issue 14).
MIN_KEPT_SHARE = 0.98
_TOKEN = re.compile(r"\w+")


def run_extract(docs: list[Doc], data_dir: Path) -> list[dict[str, Any]]:
    """Records of `newsdesk extract --json` on one JSON Lines file of the documents."""
    data_dir.mkdir(parents=True, exist_ok=True)
    source = data_dir / "conll-testa.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for text, _ in docs:
            handle.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(data_dir), "NEWSDESK_WORKERS": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "newsdesk", "extract", "--json", str(source)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    records = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    by_line = {int(record["path"].rsplit("#", 1)[1]): record for record in records}
    return [by_line.get(number, {}) for number in range(1, len(docs) + 1)]


def kept_share(text: str, record: dict[str, Any]) -> float:
    """Share of the document's tokens (with repeats) found in the record's title and body."""
    want = Counter(_TOKEN.findall(text))
    have = Counter(_TOKEN.findall(f"{record.get('title') or ''}\n{record.get('body', '')}"))
    total = sum(want.values())
    return sum((want & have).values()) / total if total else 1.0


def body_to_raw(text: str, body: str) -> dict[int, int]:
    """Offsets of body characters in the raw text, line by line in order (unfound lines: none)."""
    mapping: dict[int, int] = {}
    cursor = 0
    position = 0
    for line in body.split("\n"):
        stripped = line.strip()
        if stripped:
            found = text.find(stripped, cursor)
            if found >= 0:
                offset = line.index(stripped)
                for index in range(len(stripped) + 1):
                    mapping[position + offset + index] = found + index
                cursor = found + len(stripped)
        position += len(line) + 1
    return mapping


def pipeline_spans(text: str, record: dict[str, Any]) -> set[Span]:
    """The record's PER/ORG/LOC entities as spans of the raw document."""
    mapping = body_to_raw(text, record.get("body", ""))
    spans = set()
    for entity in record.get("entities", ()):
        kind = OURS.get(entity["type"])
        start, end = mapping.get(entity["start"]), mapping.get(entity["end"])
        if kind and start is not None and end is not None and end > start:
            spans.add((start, end, kind))
    return spans


def main(argv: list[str] | None = None) -> int:
    """Print coverage, languages and entity F1 for the pipeline and the raw-text stage."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    args = parser.parse_args(argv)
    if not CONLL.exists():
        sys.exit(f"{CONLL} is missing")
    docs = read_conll(CONLL)[: args.limit]
    with tempfile.TemporaryDirectory() as folder:
        records = run_extract(docs, Path(folder) / "pipeline")
        raw = ours([text for text, _ in docs], "en", Settings(data_dir=Path(folder) / "raw"))
    shares = [kept_share(text, record) for (text, _), record in zip(docs, records, strict=True)]
    short = sorted((share, index) for index, share in enumerate(shares) if share < MIN_KEPT_SHARE)
    print(f"CoNLL-2003 eng.testa through `newsdesk extract --json`: {len(docs)} documents")
    print(f"  lost entirely (skipped or failed): {sum(1 for r in records if not r)}")
    print(
        f"  text kept in title + body: min {min(shares):.3f}, mean {sum(shares) / len(shares):.4f}"
    )
    print(f"  documents under {MIN_KEPT_SHARE:.0%}: {len(short)}", end="")
    print("  " + ", ".join(f"#{index} {share:.3f}" for share, index in short[:8]))
    languages = Counter(record.get("language", "-") for record in records)
    print(f"  languages: {dict(languages.most_common())}")
    gold = [spans for _, spans in docs]
    systems = {
        "raw text, entity stage": raw,
        "whole pipeline": [
            pipeline_spans(text, record) for (text, _), record in zip(docs, records, strict=True)
        ],
    }
    print(f"\n{'PER/ORG/LOC exact spans':28} {'P':>6} {'R':>6} {'F1':>6}")
    for name, predicted in systems.items():
        precision, recall, f1 = score(gold, predicted)["micro"]
        print(f"{name:28} {precision:6.3f} {recall:6.3f} {f1:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
