"""NER quality and speed: our entities stage beside the plain models, in one run.

    python -m bench.ner_bench            # English, Russian and speed
    python -m bench.ner_bench --only en  # one part: en, ru or speed

English: exact-span P/R/F1 for PER/ORG/LOC on CoNLL-2003 eng.testa, one document
(split at -DOCSTART-) per article; spaCy PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC,
everything else and gold MISC left out. Russian: FactRuEval-2016 devset, one .txt
per article; a gold entity is a Person/Org/Location/LocOrg object (LocOrg scored as
LOC) spanning from its first to its last name span, descriptor spans (job,
org_descr, loc_descr, geo_adj) left out, and objects with no name span of their
kind dropped ("мэрии Москвы" is scored as the location "Москвы" only). Both are
also scored on each half of the documents, to show the rules are not tuned to one.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from indexer.config import Settings
from indexer.context import Context
from indexer.entities.english import LABELS as SPACY_LABELS
from indexer.entities.english import load_pipeline
from indexer.model import Article
from indexer.stages.entities import extract_entities_batch

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
CONLL = DATA / "ner" / "conll2003" / "eng.testa"
FACTRU = DATA / "ner" / "factrueval2016" / "devset"
EXTRACTION = DATA / "extraction" / "ground-truth.json"
TYPES = ("PER", "ORG", "LOC")
OURS = {"person": "PER", "organization": "ORG", "location": "LOC"}
FACTRU_TYPES = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
FACTRU_DESCRIPTORS = {"job", "org_descr", "loc_descr", "geo_adj", "prj_descr"}
FACTRU_NAMES = {
    "PER": {"name", "surname", "patronymic", "nickname"},
    "ORG": {"org_name"},
    "LOC": {"loc_name"},
}
# Words per speed-test article, the size the speed target is stated for.
SPEED_WORDS = 500
SPEED_ARTICLES = 200

Span = tuple[int, int, str]
Doc = tuple[str, set[Span]]


def read_conll(path: Path) -> list[Doc]:
    """Documents of a CoNLL-2003 file as (text, gold spans); tokens joined by spaces."""
    docs: list[list[tuple[str, str] | None]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            docs.append([])
        elif not line.strip():
            if docs[-1] and docs[-1][-1] is not None:
                docs[-1].append(None)
        else:
            word, *_, tag = line.split(" ")
            docs[-1].append((word, tag))
    return [_conll_doc(tokens) for tokens in docs if tokens]


def _conll_doc(tokens: list[tuple[str, str] | None]) -> Doc:
    text, gold, open_span = "", set(), None
    for token in tokens + [None]:
        if (
            token is None
            or token[1] == "O"
            or token[1].startswith("B-")
            or (open_span and token[1][2:] != open_span[2])
        ):
            if open_span and open_span[2] in TYPES:
                gold.add(tuple(open_span))
            open_span = None
        if token is None:
            text = text.rstrip(" ") + "\n" if text else text
            continue
        word, tag = token
        text += "" if not text or text.endswith("\n") else " "
        start = len(text)
        text += word
        if tag != "O":
            if open_span is None:
                open_span = [start, len(text), tag[2:]]
            open_span[1] = len(text)
    return text, gold  # type: ignore[return-value]


def read_factru(folder: Path) -> list[Doc]:
    """FactRuEval documents as (text, gold spans), scored as the module docstring says."""
    docs = []
    for path in sorted(folder.glob("*.txt")):
        spans = {}
        for line in path.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
            fields = line.split("#")[0].split()
            if fields:
                start = int(fields[2])
                spans[fields[0]] = (fields[1], start, start + int(fields[3]))
        gold = set()
        for line in path.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
            fields = line.split("#")[0].split()
            if not fields or fields[1] not in FACTRU_TYPES:
                continue
            type_ = FACTRU_TYPES[fields[1]]
            parts = [spans[i] for i in fields[2:] if i in spans]
            names = [p for p in parts if p[0] not in FACTRU_DESCRIPTORS]
            if not any(p[0] in FACTRU_NAMES[type_] for p in names):
                continue
            gold.add((min(p[1] for p in names), max(p[2] for p in names), type_))
        docs.append((path.read_text(encoding="utf-8"), gold))
    return docs


def plain_spacy(texts: list[str], model: str) -> list[set[Span]]:
    """The spaCy model alone, labels mapped as for scoring."""
    nlp = load_pipeline(model)
    mapping = {label: OURS.get(type_) for label, type_ in SPACY_LABELS.items()}
    return [
        {(e.start_char, e.end_char, mapping[e.label_]) for e in doc.ents if mapping.get(e.label_)}
        for doc in nlp.pipe(texts)
    ]


def plain_natasha(texts: list[str]) -> list[set[Span]]:
    """natasha's NER alone."""
    from natasha import Doc as NatashaDoc
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())
    found = []
    for text in texts:
        doc = NatashaDoc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        found.append({(s.start, s.stop, s.type) for s in doc.spans})
    return found


def ours(texts: list[str], language: str, settings: Settings) -> list[set[Span]]:
    """Our entities stage, one article per document."""
    articles = [
        Article(id=str(i), path=str(i), body=t, language=language) for i, t in enumerate(texts)
    ]
    with Context(settings) as ctx:
        done = extract_entities_batch(articles, ctx)
    return [{(e.start, e.end, OURS[e.type]) for e in a.entities if e.type in OURS} for a in done]


def score(
    gold: Iterable[set[Span]], predicted: Iterable[set[Span]]
) -> dict[str, tuple[float, ...]]:
    """Exact-span precision, recall and F1 per type and micro-averaged."""
    counts: Counter[tuple[str, str]] = Counter()
    for g, p in zip(gold, predicted, strict=True):
        for type_ in TYPES:
            gt = {s for s in g if s[2] == type_}
            pt = {s for s in p if s[2] == type_}
            counts[type_, "tp"] += len(gt & pt)
            counts[type_, "fp"] += len(pt - gt)
            counts[type_, "fn"] += len(gt - pt)
    rows = {}
    for type_ in (*TYPES, "micro"):
        keys = TYPES if type_ == "micro" else (type_,)
        tp, fp, fn = (sum(counts[k, c] for k in keys) for c in ("tp", "fp", "fn"))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows[type_] = (precision, recall, f1)
    return rows


def report(title: str, docs: list[Doc], systems: dict[str, list[set[Span]]]) -> None:
    """Print P/R/F1 per type for each system: all documents, then each half."""
    half = len(docs) // 2
    parts = {"all": slice(None), "1st half": slice(0, half), "2nd half": slice(half, None)}
    print(f"\n{title}: {len(docs)} documents, {sum(len(g) for _, g in docs)} gold entities")
    print(f"{'part':<9} {'system':<7} " + " ".join(f"{t:>17}" for t in (*TYPES, "micro")))
    print(f"{'':<9} {'':<7} " + " ".join(f"{'P    R    F1':>17}" for _ in (*TYPES, "micro")))
    for part, cut in parts.items():
        for name, predicted in systems.items():
            rows = score([g for _, g in docs][cut], predicted[cut])
            cells = " ".join(f"{p:5.3f} {r:5.3f} {f:5.3f}" for p, r, f in rows.values())
            print(f"{part:<9} {name:<7} {cells}")


def quality(language: str, settings: Settings) -> None:
    """Score plain model and our stage on the language's test set."""
    path = CONLL if language == "en" else FACTRU
    if not path.exists():
        print(f"\n{path} is missing: skipping {language}")
        return
    docs = read_conll(path) if language == "en" else read_factru(path)
    texts = [t for t, _ in docs]
    plain = plain_spacy(texts, settings.spacy_model) if language == "en" else plain_natasha(texts)
    title = "English, CoNLL-2003 eng.testa" if language == "en" else "Russian, FactRuEval-2016 dev"
    report(title, docs, {"plain": plain, "ours": ours(texts, language, settings)})


def speed_articles() -> list[str]:
    """~500-word English articles cut from the extraction benchmark's true bodies."""
    bodies = [v["articleBody"] for v in json.loads(EXTRACTION.read_text(encoding="utf-8")).values()]
    words = " ".join(bodies).split(" ")
    pieces = [" ".join(words[i : i + SPEED_WORDS]) for i in range(0, len(words), SPEED_WORDS)]
    return (pieces * (1 + SPEED_ARTICLES // max(1, len(pieces))))[:SPEED_ARTICLES]


def speed(settings: Settings) -> None:
    """Articles per second (wall and per CPU second), plain spaCy and our stage; peak memory."""
    if not EXTRACTION.exists():
        print(f"\n{EXTRACTION} is missing: skipping speed")
        return
    texts = speed_articles()
    articles = [Article(id=str(i), path=str(i), body=t, language="en") for i, t in enumerate(texts)]
    with Context(settings) as ctx:
        extract_entities_batch(articles[:8], ctx)  # load the model outside the timing
        nlp = ctx.resource("ner_english", lambda s: None).nlp
        ours = _timed(lambda: extract_entities_batch(articles, ctx))
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        plain = _timed(lambda: sum(len(doc.ents) for doc in nlp.pipe(texts)))
    print(f"\nSpeed: {len(texts)} English articles of {SPEED_WORDS} words, one process")
    print(f"{'system':<7} {'articles/s':>11} {'per CPU-s':>10}")
    for name, (wall, cpu) in (("plain", plain), ("ours", ours)):
        print(f"{name:<7} {len(texts) / wall:>11.1f} {len(texts) / cpu:>10.1f}")
    print(f"peak RSS {peak_mb:.0f} MB (with --only speed: spaCy and the entity table only)")


def _timed(work: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    """Run the parts asked for and print their tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("en", "ru", "speed"), action="append")
    args = parser.parse_args(argv)
    parts: dict[str, Callable[[Settings], None]] = {
        "en": lambda s: quality("en", s),
        "ru": lambda s: quality("ru", s),
        "speed": speed,
    }
    with tempfile.TemporaryDirectory() as data_dir:
        settings = Settings(data_dir=Path(data_dir))
        for name in args.only or parts:
            parts[name](settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
