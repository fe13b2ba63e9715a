"""The relevance test collections of ../shared/data: documents, queries and judgments.

CISI, CRAN, MED and NPL (formats in ../shared/data/README.md), and a Russian known-item set
made from Lenta.ru crime articles: each article indexed without its headline, searched for by
its headline as typed and by three of the headline's words.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import SHARED_DATA

RELEVANCE = SHARED_DATA / "relevance"
LENTA = SHARED_DATA / "news-ru" / "lenta-crime" / "Lenta_Crime.csv"
KEYWORDS = 3  # words of a headline a reader types when searching by keywords
_FIELD = re.compile(r"^\.([A-Z])\s*(.*)$")
_WORDS = re.compile(r"[^\W_]+")
csv.field_size_limit(sys.maxsize)  # Lenta articles are longer than csv's default field limit


@dataclass(frozen=True)
class Doc:
    """One document: its id in the collection, a headline when it has one, its text."""

    id: str
    title: str | None
    text: str


@dataclass(frozen=True)
class Collection:
    """Documents, queries (id -> text as typed) and judgments (query id -> doc id -> gain)."""

    name: str
    docs: list[Doc]
    queries: dict[str, str]
    qrels: dict[str, dict[str, int]]


def _blocks(path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """SMART-format records: `.I n` starts one, `.T`/`.W`/… start its fields."""
    number, fields, current = "", {}, ""
    for line in path.read_text(encoding="latin-1").splitlines():
        match = _FIELD.match(line)
        if match and match.group(1) == "I":
            if number:
                yield number, fields
            number, fields, current = match.group(2).strip(), {}, ""
        elif match and len(line.split()) <= 2:
            current = match.group(1)
            fields[current] = match.group(2)
        elif current:
            fields[current] = f"{fields[current]}\n{line}".strip()
    if number:
        yield number, fields


def _smart_docs(path: Path) -> list[Doc]:
    return [
        Doc(number, " ".join(f.get("T", "").split()) or None, f.get("W", "").strip())
        for number, f in _blocks(path)
    ]


def _smart_queries(path: Path) -> dict[str, str]:
    return {number: " ".join(f.get("W", "").split()) for number, f in _blocks(path)}


def _pairs(path: Path, query_col: int, doc_col: int) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        parts = line.split()
        if len(parts) > max(query_col, doc_col):
            qrels.setdefault(parts[query_col], {})[parts[doc_col]] = 1
    return qrels


def cisi() -> Collection:
    """1,460 library-science abstracts with titles; 112 queries, 76 judged."""
    root = RELEVANCE / "cisi"
    return Collection(
        "cisi",
        _smart_docs(root / "CISI.ALL"),
        _smart_queries(root / "CISI.QRY"),
        _pairs(root / "CISI.REL", 0, 1),
    )


def cran() -> Collection:
    """1,400 aeronautics abstracts with titles; 225 queries, graded judgments."""
    root = RELEVANCE / "cran"
    docs = []
    for doc in _smart_docs(root / "cran.all.1400"):
        # Each abstract repeats the title as its first lines: keep the title once, as a headline.
        text = doc.text
        if doc.title and " ".join(text.split()).startswith(doc.title):
            text = " ".join(text.split())[len(doc.title) :].strip(" .")
        docs.append(Doc(doc.id, doc.title, text or doc.text))
    # cranqrel numbers queries 1..225 in file order (cran.qry's own numbers have gaps).
    typed = list(_smart_queries(root / "cran.qry").values())
    queries = {str(i + 1): text for i, text in enumerate(typed)}
    qrels: dict[str, dict[str, int]] = {}
    for line in (root / "cranqrel").read_text().splitlines():
        query, doc, code = line.split()[:3]
        if 1 <= int(code) <= 4:  # Cleverdon's codes: 1 a complete answer … 4 minimum interest
            qrels.setdefault(query, {})[doc] = 5 - int(code)
    return Collection("cran", docs, queries, qrels)


def med() -> Collection:
    """1,033 medical abstracts (no titles); 30 queries."""
    root = RELEVANCE / "med"
    return Collection(
        "med",
        _smart_docs(root / "MED.ALL"),
        _smart_queries(root / "MED.QRY"),
        _pairs(root / "MED.REL", 0, 2),
    )


def _slashed(path: Path) -> Iterator[tuple[str, str]]:
    """NPL records: a number line, the text, then a line with `/`."""
    for record in path.read_text(encoding="latin-1").split("/\n"):
        lines = record.strip().splitlines()
        if lines:
            yield lines[0].strip(), " ".join(" ".join(lines[1:]).split())


def npl() -> Collection:
    """11,429 physics titles/abstracts (no titles of their own); 93 queries, in capitals."""
    root = RELEVANCE / "npl"
    docs = [Doc(number, None, text) for number, text in _slashed(root / "doc-text")]
    qrels: dict[str, dict[str, int]] = {}
    for record in (root / "rlv-ass").read_text().split("/"):
        numbers = record.split()
        if numbers:
            qrels[numbers[0]] = dict.fromkeys(numbers[1:], 1)
    return Collection("npl", docs, dict(_slashed(root / "query-text")), qrels)


def keywords(headline: str, count: int = KEYWORDS) -> str:
    """The `count` longest words of a headline, in their order: what a reader might type."""
    words = _WORDS.findall(headline)
    longest = sorted(range(len(words)), key=lambda i: (-len(words[i]), i))[:count]
    return " ".join(words[i] for i in sorted(longest))


def lenta(typed_as: str) -> Collection:
    """Lenta.ru crime articles without headlines; a query per headline, its article relevant.

    `typed_as` is "headline" (the whole headline as typed) or "keywords" (three of its words).
    """
    docs, queries, qrels = [], {}, {}
    with open(LENTA, encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            doc_id = row["textid"]
            if doc_id in qrels:
                continue  # the same article again (the file repeats 313 of them)
            docs.append(Doc(doc_id, None, row["full_text"]))
            headline = " ".join(row["textname"].split())
            queries[doc_id] = headline if typed_as == "headline" else keywords(headline)
            qrels[doc_id] = {doc_id: 1}
    return Collection(f"lenta-{typed_as}", docs, queries, qrels)


COLLECTIONS = {
    "cisi": cisi,
    "cran": cran,
    "med": med,
    "npl": npl,
    "lenta-headline": lambda: lenta("headline"),
    "lenta-keywords": lambda: lenta("keywords"),
}
