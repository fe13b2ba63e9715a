"""Person names typed in Latin over Russian news, on FactRuEval dev: a check apart from SlavicNER.

    python -m bench.person_search_factru

FactRuEval-2016's dev set (../shared/data/ner/factrueval2016/devset, 122 Russian articles) marks
every person with its surname. The articles go through the whole pipeline as JSON Lines into a
fresh embedded index; then each gold surname, put in its dictionary form (pymorphy2) and
romanised as English-language news writes Russian names (iuliia's Wikipedia schema: Путин is
Putin), is typed into the search box. Recall: the share of the articles naming a person of
that surname found (averaged over surnames); precision: the share of the articles found that
name one (over all results). Printed for all surnames and for each half (`query_half`: the
parity of the CRC-32 of the surname). Until 2026-12-07 nothing was tuned on it; since then half
A's misses have been read surname by surname (a one-word person's surname sound key came of
it), and half B stays unread: it shows whether cross-script person search holds on articles
and names no rule was written for.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import iuliia

from bench.relevance import query_half
from indexer.config import Settings
from indexer.ingest import ingest
from indexer.naming.keys import morphology
from indexer.search import SearchBackend, SearchRequest, open_backend

FOLDER = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "ner" / "factrueval2016" / "devset"
)
PAGE_SIZE = 100
MIN_SURNAME_CHARS = 3  # shorter "surnames" are initials


def _surname(word: str) -> str:
    """A surname's dictionary form: its surname reading's, else its likeliest."""
    parses = morphology().parse(word.casefold())
    return str(next((p.normal_form for p in parses if "Surn" in p.tag), parses[0].normal_form))


def read_articles(folder: Path = FOLDER) -> list[tuple[str, str, set[str]]]:
    """(key, text, surnames of the gold persons) for each article."""
    articles = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        spans = {}
        for line in path.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
            fields = line.split("#")[0].split()
            if fields:
                spans[fields[0]] = (fields[1], int(fields[2]), int(fields[2]) + int(fields[3]))
        surnames = set()
        for line in path.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
            fields = line.split("#")[0].split()
            if not fields or fields[1] != "Person":
                continue
            for kind, start, end in (spans[i] for i in fields[2:] if i in spans):
                if kind == "surname":
                    surnames.add(_surname(text[start:end]))
        articles.append((path.stem, text, surnames))
    return articles


def measure(work: Path) -> dict[str, Any]:
    """Ingest the articles under `work`, type every surname, and score what comes back."""
    articles = read_articles()
    feed = work / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for key, text, _ in articles:
            record = {"url": f"https://factru.test/{key}", "text": text}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    settings = Settings(data_dir=work / "data", workers=1)
    backend = open_backend(settings)
    ingest([feed], settings, backend)
    naming: dict[str, set[str]] = defaultdict(set)
    for key, _, surnames in articles:
        for surname in surnames:
            naming[surname].add(f"https://factru.test/{key}")
    rows = []  # (half, recall, right, found) per surname
    for surname, urls in sorted(naming.items()):
        if len(surname) < MIN_SURNAME_CHARS:
            continue
        found = _found(backend, iuliia.WIKIPEDIA.translate(surname.capitalize()))
        rows.append(
            (query_half(surname), len(found & urls) / len(urls), len(found & urls), len(found))
        )
    backend.close()
    return {**_scores(rows), **{half: _scores([r for r in rows if r[0] == half]) for half in "AB"}}


def _scores(rows: list[tuple[str, float, int, int]]) -> dict[str, float | int]:
    found_total = sum(found for *_, found in rows)
    return {
        "surnames": len(rows),
        "recall": round(sum(recall for _, recall, _, _ in rows) / len(rows), 3),
        "precision": round(sum(right for *_, right, _ in rows) / found_total, 3)
        if found_total
        else 0.0,
        "found": found_total,
    }


def _found(backend: SearchBackend, query: str) -> set[str]:
    urls: set[str] = set()
    page = 1
    while True:
        result = backend.search(SearchRequest(query=query, page=page, page_size=PAGE_SIZE))
        urls |= {hit.url for hit in result.hits if hit.url}
        if len(urls) >= result.total or not result.hits:
            return urls
        page += 1


def main() -> int:
    if not FOLDER.is_dir():
        print(f"no FactRuEval dev set at {FOLDER}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as work:
        print(json.dumps(measure(Path(work))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
