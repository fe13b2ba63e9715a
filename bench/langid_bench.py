"""Language-identification benchmark: ours beside langdetect alone, on real data.

Run from the project root: `python -m bench.langid_bench` (add `--sample N` to read only
the first N items per language and file, `--others` to add a table of languages outside
the targets, `--no-langdetect` to skip the slow baseline). Reads ../shared/data; prints
tables, asserts nothing.

Tables:
1. langid test data (sentences, word pairs) for the nine target languages: accuracy
   (exactly right), "und" rate, wrong rate, confidently-wrong rate (wrong at confidence
   >= 0.9), and langdetect alone; then the same over the even and the odd items (the
   identifier's constants were tuned on even items, so the odd row is the held-out one).
2. Calibration: answers bucketed by confidence, and how often each bucket is right.
3. tgnews: the uza.uz pages (Uzbek in Cyrillic) and the document language of every site.
4. Speed: CPU ms per article for the language stage on the extraction benchmark's bodies
   and the tgnews pages (models loaded beforehand; their load time is printed first).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from indexer.config import Settings
from indexer.context import Context
from indexer.langid import LanguageIdentifier
from indexer.langid.detectors import langdetect_probabilities
from indexer.model import Article
from indexer.stages.language import detect_language, shared_identifier

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
TESTDATA = DATA / "langid" / "language-testdata"
TGNEWS = DATA / "html-multilingual" / "tgnews"
EXTRACTION = DATA / "extraction" / "ground-truth.json"
TARGETS = ("en", "ru", "uk", "bg", "kk", "mn", "de", "fr", "es")
# Languages outside the targets, to see that the open candidate set holds up.
OTHERS = ("be", "mk", "sr", "pt", "it", "nl", "ca", "pl", "cs", "tr", "ro", "sv", "cy", "la")
KINDS = ("sentences", "word-pairs")
# An answer this confident that is wrong counts as "confidently wrong".
CONFIDENT = 0.9


def read_items(kind: str, language: str, sample: int | None) -> list[str]:
    """One test item per non-blank line of language-testdata/<kind>/<language>.txt."""
    path = TESTDATA / kind / f"{language}.txt"
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    items = [line for line in lines if line]
    return items[:sample] if sample else items


def langdetect_top(text: str) -> str:
    """langdetect alone, as a user of the library would call it (seeded)."""
    votes = langdetect_probabilities(text)
    return max(votes, key=votes.__getitem__) if votes else "und"


def accuracy_table(
    identifier: LanguageIdentifier,
    languages: tuple[str, ...],
    sample: int | None,
    with_langdetect: bool,
    calibration: dict[int, list[int]],
) -> None:
    """Print one row per language and kind, and an overall row per kind."""
    header = f"{'kind':<11}{'lang':<6}{'n':>6}{'ours':>8}{'und':>7}{'wrong':>7}{'conf-wr':>8}"
    print(header + (f"{'langdetect':>12}" if with_langdetect else ""))
    for kind in KINDS:
        totals: Counter[str] = Counter()
        # Even and odd item numbers: constants were tuned on the even half only.
        halves: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
        for language in languages:
            items = read_items(kind, language, sample)
            row: Counter[str] = Counter(n=len(items))
            for index, text in enumerate(items):
                guess = identifier.identify(text)
                outcome = _outcome(guess.language, guess.confidence, language)
                row.update(outcome)
                halves[index % 2].update(outcome, n=1)
                if guess.language != "und":
                    bucket = calibration[min(9, int(guess.confidence * 10))]
                    bucket[0] += 1
                    bucket[1] += guess.language == language
                if with_langdetect:
                    row["langdetect"] += langdetect_top(text) == language
            totals.update(row)
            _print_row(kind, language, row, with_langdetect)
        _print_row(kind, "all", totals, with_langdetect)
        _print_row(kind, "even", halves[0], False)
        _print_row(kind, "odd", halves[1], False)


def _outcome(answer: str, confidence: float, language: str) -> Counter[str]:
    """One answer counted as right, und, or wrong (and maybe confidently wrong)."""
    if answer == language:
        return Counter(right=1)
    if answer == "und":
        return Counter(und=1)
    return Counter(wrong=1, confidently_wrong=int(confidence >= CONFIDENT))


def _print_row(kind: str, language: str, row: Counter[str], with_langdetect: bool) -> None:
    n = row["n"] or 1
    cells = f"{kind:<11}{language:<6}{row['n']:>6}{100 * row['right'] / n:>7.2f}%"
    cells += f"{100 * row['und'] / n:>6.2f}%{100 * row['wrong'] / n:>6.2f}%"
    cells += f"{100 * row['confidently_wrong'] / n:>7.2f}%"
    if with_langdetect:
        cells += f"{100 * row['langdetect'] / n:>11.2f}%"
    print(cells)


def calibration_table(calibration: dict[int, list[int]]) -> None:
    """Print how often answers in each confidence bucket were right."""
    print("\nconfidence   answers   right")
    for bucket in sorted(calibration):
        answers, right = calibration[bucket]
        share = 100 * right / answers
        print(f"{bucket / 10:.1f}-{(bucket + 1) / 10:.1f}   {answers:>8}  {share:6.1f}%")


def tgnews_pages() -> list[Page]:
    """One Page per tgnews file: og:site_name, og:title, og:description and <p> text."""
    pages = []
    for path in sorted(TGNEWS.glob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8", errors="replace"), "lxml")
        site = _meta(soup, "og:site_name") or _meta(soup, "og:url") or "?"
        parts = [_meta(soup, "og:description") or ""]
        parts += [p.get_text(" ", strip=True) for p in soup.find_all("p")]
        text = "\n".join(part for part in parts if part)
        pages.append(Page(path.name, site, _meta(soup, "og:title"), text))
    return pages


@dataclass(frozen=True)
class Page:
    """A tgnews page reduced to what the language stage reads."""

    name: str
    site: str
    title: str | None
    text: str

    def article(self) -> Article:
        """The page as the cleaning stage would hand it on (simplified)."""
        return Article(id=self.name, path=self.name, title=self.title, body=self.text)


def _meta(soup: BeautifulSoup, prop: str) -> str | None:
    tag = soup.find("meta", attrs={"property": prop})
    content = tag.get("content") if tag else None
    return str(content) if content else None


def tgnews_table(ctx: Context, pages: list[Page]) -> None:
    """Print the uza.uz verdicts and the majority document language of every site."""
    by_site: dict[str, Counter[str]] = defaultdict(Counter)
    uza_wrong = []
    for page in pages:
        article = detect_language(page.article(), ctx)
        by_site[page.site][article.language] += 1
        if page.site == "uza.uz" and article.language != "uz":
            uza_wrong.append((page.name, article.language))
    uza = by_site.get("uza.uz", Counter())
    print(f"\ntgnews uza.uz pages: {uza['uz']}/{sum(uza.values())} uz;  others: {uza_wrong[:5]}")
    print(f"{'site':<42}{'pages':>6}  document languages")
    for site, counts in sorted(by_site.items(), key=lambda kv: -sum(kv[1].values())):
        print(f"{site[:40]:<42}{sum(counts.values()):>6}  {dict(counts.most_common())}")


def speed_table(ctx: Context, pages: list[Page]) -> None:
    """Print ms per article for the language stage (models already loaded)."""
    bodies = [v["articleBody"] for v in json.loads(EXTRACTION.read_text()).values()]
    print(
        f"\n{'corpus':<24}{'articles':>9}{'words (median)':>16}{'CPU ms/article mean':>21}"
        f"{'median':>8}{'p95':>8}"
    )
    for label, texts in (
        ("extraction (120 pages)", bodies),
        ("tgnews (13+ langs)", [page.text for page in pages]),
    ):
        timings = []
        for index, text in enumerate(texts):
            article = Article(id=str(index), path=str(index), body=text)
            # CPU time: the wall clock also counts other processes on a shared machine.
            start = time.process_time()
            detect_language(article, ctx)
            timings.append(1000 * (time.process_time() - start))
        timings.sort()
        words = statistics.median(len(t.split()) for t in texts)
        print(
            f"{label:<24}{len(texts):>9}{words:>16.0f}{statistics.mean(timings):>21.2f}"
            f"{statistics.median(timings):>8.2f}{timings[int(0.95 * len(timings))]:>8.2f}"
        )


def main() -> None:
    """Run every table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=None, help="items per language and kind")
    parser.add_argument("--others", action="store_true", help="also languages outside targets")
    parser.add_argument("--no-langdetect", action="store_true", help="skip the baseline")
    args = parser.parse_args()

    start = time.perf_counter()
    ctx = Context(Settings())
    identifier = shared_identifier()
    for warm in ("warm up", "прогрев", "Ернинг бир", "ثم", "नमस्ते"):
        detect_language(Article(id="w", path="w", body=warm), ctx)
        identifier.identify(warm)
    print(f"models loaded in {time.perf_counter() - start:.1f} s\n")

    calibration: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    accuracy_table(identifier, TARGETS, args.sample, not args.no_langdetect, calibration)
    calibration_table(calibration)
    if args.others:
        print("\nOutside the targets (open candidate set):")
        accuracy_table(
            identifier, OTHERS, args.sample, not args.no_langdetect, defaultdict(lambda: [0, 0])
        )
    pages = tgnews_pages()
    tgnews_table(ctx, pages)
    speed_table(ctx, pages)


if __name__ == "__main__":
    main()
