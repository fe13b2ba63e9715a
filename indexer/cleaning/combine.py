"""Our block decisions, checked against what trafilatura and readability keep on the same page.

Three steps, each a vote on our blocks of the maintained extractors that read the
same article as we did (most of their text in what we kept, most of what we kept in
their text; one that read a comment or a sidebar story instead has no say):
1. a short block we kept that no extractor keeps goes (teasers, credits, labels:
   the residual errors of our rules);
2. a block we dropped that every such extractor keeps comes back, when it lies within
   our article's span (a list, a table or a paragraph our rules took for furniture),
   or anywhere when we kept nothing;
3. when the result is still far shorter than the best extractor's text, or empty,
   that extractor's text (less the lines our furniture rules name) is the body: no
   article is lost to our extractor alone.

The thresholds are a `Rules` value; bench/extraction_cv.py re-tunes them per fold
of a site-grouped cross-validation and prints only out-of-fold figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.cleaning.evidence import SHINGLE, ExtractorText, tokens
from indexer.cleaning.html_blocks import Block
from indexer.cleaning.html_extract import NAMED_REASONS, Extraction
from indexer.cleaning.line_rules import furniture_reason

OURS = "newsdesk"
# An extractor's text shorter than this (words) is a menu or a button row, not an
# article to fall back to: both extractors return "Home News" on a page of links.
MIN_FALLBACK_WORDS = 15
# Our reasons for dropping a block that a longer text elsewhere does not overturn.
DELIBERATE = NAMED_REASONS | {"links", "link-list"}
# A line of the fallback text this much inside such a block is that block.
FURNITURE_SHARE = 0.9


@dataclass(frozen=True)
class Rules:
    """Thresholds of the combination; the defaults are what the CV picks on all 120 pages."""

    # An extractor keeps a block when this share of the block's 3-grams is in its text.
    agree: float = 0.9
    # Kept blocks shorter than this (characters) need one extractor to agree.
    vote_max_chars: int = 400
    # A dropped block comes back this many blocks beyond our first or last kept block at most.
    add_window: int = 0
    # Reasons that no vote overturns: the headline (shown apart) and bylines. Blocks
    # that are mostly link text never come back either: they lead away from the article.
    protected: frozenset[str] = field(default_factory=lambda: frozenset({"title", "byline"}))
    # Below this share of the best extractor's length (tokens), our body gives way to its text.
    fallback_share: float = 0.8
    # An extractor votes on our blocks only when this share of its text lies inside what
    # we kept and this share of what we kept lies inside its text (the same article).
    min_overlap: float = 0.5


@dataclass
class Combined:
    """The article paragraphs, the removed text and who produced the body."""

    body: list[str]
    boilerplate: list[str]
    extracted_by: str = OURS


@dataclass
class Votes:
    """Per block: its length in tokens and each live extractor's coverage of it; and the
    best extractor's text as a fallback body. All rule-free, so computed once per page."""

    extraction: Extraction
    live: list[ExtractorText]
    lengths: list[int]
    coverages: list[list[float]]
    fallback: Combined | None
    fallback_length: int  # words of fallback.body outside blocks we named as furniture


def count_votes(extraction: Extraction, evidence: list[ExtractorText]) -> Votes:
    """Measure every block against every extractor that found text (the costly part)."""
    live = [text for text in evidence if text.length]
    words = [tokens(block.text) for block in extraction.blocks]
    coverages = [[text.coverage(block) for text in live] for block in words]
    fallback, length = _their_article(live[0], extraction, coverages) if live else (None, 0)
    return Votes(extraction, live, [len(block) for block in words], coverages, fallback, length)


def _named_furniture(block: Block, why: str | None) -> bool:
    """A block we dropped for what it is: a rule names it, or it is mostly link text."""
    if why is None:
        return False
    return (
        why in DELIBERATE
        or block.link_chars * 2 > len(block.text)
        or bool(furniture_reason(block.text))
    )


def _their_article(
    best: ExtractorText, extraction: Extraction, coverages: list[list[float]]
) -> tuple[Combined, int]:
    """The best extractor's lines less what our rules name as furniture, and their length.

    A line goes when a rule names it (a byline, "Read also") or when it lies inside a
    block we dropped for what it is (the headline, a link list). The length counts the
    kept lines' words that start no 3-gram of such blocks: trafilatura writes a layout
    table as one line, menu and teasers included.
    """
    named = zip(extraction.blocks, extraction.reasons, strict=True)
    dropped = ExtractorText.of(
        "ours", "\n".join(block.text for block, why in named if _named_furniture(block, why))
    )
    body: list[str] = []
    boilerplate: list[str] = []
    length = 0
    for line in (line.strip() for line in best.text.splitlines()):
        words = tokens(line)
        if not words:
            continue
        if furniture_reason(line) or dropped.coverage(words) >= FURNITURE_SHARE:
            boilerplate.append(line)
            continue
        body.append(line)
        grams = (tuple(words[i : i + SHINGLE]) for i in range(len(words)))
        length += sum(1 for gram in grams if gram not in dropped.grams)
    # coverages[i][0] is the best extractor's coverage of our block i.
    boilerplate += [
        block.text
        for block, shares in zip(extraction.blocks, coverages, strict=True)
        if shares[0] < FURNITURE_SHARE
    ]
    return Combined(body, boilerplate, best.name), length


def _witnesses(votes: Votes, kept: list[int], min_overlap: float) -> list[int]:
    """Extractors that read the same article as we did: most of their text is in what we
    kept, and most of what we kept is in their text.

    One that read another part of the page (a comment, a sidebar story), or only a
    sliver of ours, has no say on our blocks. With nothing kept, every extractor counts.
    """
    if not kept:
        return list(range(len(votes.live)))
    ours = sum(votes.lengths[index] for index in kept)
    witnesses = []
    for position, text in enumerate(votes.live):
        shared = sum(votes.coverages[index][position] * votes.lengths[index] for index in kept)
        if shared >= min_overlap * text.length and shared >= min_overlap * ours:
            witnesses.append(position)
    return witnesses


def decide(votes: Votes, rules: Rules) -> tuple[list[str | None], Combined | None]:
    """Each block's reason after the votes (None: kept), and the extractor to fall back to."""
    reasons = list(votes.extraction.reasons)
    if not votes.live:
        return reasons, None
    kept = [index for index, why in enumerate(reasons) if why is None]
    witnesses = _witnesses(votes, kept, rules.min_overlap)
    low = kept[0] - rules.add_window if kept else 0
    high = kept[-1] + rules.add_window if kept else len(reasons)
    for index, block in enumerate(votes.extraction.blocks if witnesses else ()):
        shares = votes.coverages[index]
        agreeing = sum(1 for position in witnesses if shares[position] >= rules.agree)
        if reasons[index] is None:
            if agreeing == 0 and len(block.text) < rules.vote_max_chars:
                reasons[index] = "unsupported"
        elif (
            len(witnesses) > 1
            and agreeing == len(witnesses)
            and low <= index <= high
            and reasons[index] not in rules.protected
            and block.link_chars * 2 <= len(block.text)  # mostly links: leads away
        ):
            reasons[index] = None
    return reasons, _fallback(votes, reasons, rules)


def _fallback(votes: Votes, reasons: list[str | None], rules: Rules) -> Combined | None:
    """The best extractor's article, when our body is empty or far shorter than it."""
    ours = sum(length for length, why in zip(votes.lengths, reasons, strict=True) if why is None)
    found = votes.fallback_length
    if found >= MIN_FALLBACK_WORDS and (ours == 0 or ours < rules.fallback_share * found):
        return votes.fallback
    return None


def combine(extraction: Extraction, evidence: list[ExtractorText], rules: Rules) -> Combined:
    """Apply the three votes to our per-block decisions; see the module docstring."""
    reasons, fallback = decide(count_votes(extraction, evidence), rules)
    if fallback is not None:
        return fallback
    result = Extraction(extraction.blocks, reasons)
    return Combined(result.body, result.boilerplate)
