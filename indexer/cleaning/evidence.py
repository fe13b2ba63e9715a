"""What maintained extractors (trafilatura, readability) find on a page, as evidence beside ours.

Each one's text is reduced to what agreement needs: its word 3-grams, its lines
as word tuples and its length. `coverage` then says how much of one of our
blocks that extractor also kept.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

log = logging.getLogger(__name__)

# Word n-grams for "does this extractor's text contain this block": 3 words
# are specific enough to tell a sentence apart and short enough to survive
# the extractors' different spacing and joining of inline elements.
SHINGLE = 3
# The extractors are pure Python over the whole tree (10-30 ms on a news page,
# growing faster than linearly); past this size a page is inlined data, and
# our own extraction stands alone.
MAX_EVIDENCE_HTML_CHARS = 2_000_000
# readability's summary marks no paragraph breaks; a line ends at each of these.
_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li tr td th blockquote pre br section article dd dt".split()
)
_TOKEN = re.compile(r"\w+")

Gram = tuple[str, ...]


def tokens(text: str) -> list[str]:
    """Lower-cased \\w+ tokens: the unit every comparison here counts in."""
    return _TOKEN.findall(text.lower())


@dataclass(frozen=True)
class ExtractorText:
    """One maintained extractor's result on a page, indexed for coverage questions."""

    name: str
    text: str
    length: int  # tokens
    grams: frozenset[Gram]
    lines: frozenset[Gram]

    @classmethod
    def of(cls, name: str, text: str) -> ExtractorText:
        """Index an extractor's text."""
        words = tokens(text)
        grams = frozenset(tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))
        lines = frozenset(tuple(tokens(line)) for line in text.splitlines() if line.strip())
        return cls(name, text, len(words), grams, lines)

    def coverage(self, words: Sequence[str]) -> float:
        """Share of a block's 3-grams in this text; a block of 1-3 words must be a whole line."""
        if not words or not self.length:
            return 0.0
        if len(words) <= SHINGLE:
            # "Twitter" or "Senate" occurs in many stories: only a line of its own counts.
            return 1.0 if tuple(words) in self.lines else 0.0
        grams = [tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
        return sum(1 for gram in grams if gram in self.grams) / len(grams)


def readability_text(html: str) -> str:
    """readability-lxml's article, as text with a line break at each block element."""
    import lxml.html
    from readability import Document

    root = lxml.html.fromstring(Document(html).summary())
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    return str(root.text_content())


def trafilatura_text(html: str) -> str:
    """trafilatura's main text, precision first and without reader comments."""
    import trafilatura

    return trafilatura.extract(html, favor_precision=True, include_comments=False) or ""


# The extractors asked, best first: trafilatura's precision setting scored highest of
# the published extractors on news pages none of us tuned on (issue 14).
EXTRACTORS: dict[str, Callable[[str], str]] = {
    "trafilatura": trafilatura_text,
    "readability": readability_text,
}


def gather(html: str) -> list[ExtractorText]:
    """Every extractor's text on the page; one that fails or finds nothing gives empty text."""
    if len(html) > MAX_EVIDENCE_HTML_CHARS:
        return []
    found = []
    for name, extract in EXTRACTORS.items():
        try:
            text = extract(html)
        except Exception:  # noqa: BLE001 - their failure only means no evidence from them
            log.debug("%s failed on a page", name, exc_info=True)
            text = ""
        found.append(ExtractorText.of(name, text))
    return found
