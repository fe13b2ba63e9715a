"""A cheap signal that our extraction of a page may be wrong, so other extractors should check it.

Our extractor fails in two ways on pages unlike those its rules were written on:
it finds little or nothing (the text sits in containers it takes for furniture),
or it loses part of the article (a list, a table, a run of paragraphs it dropped).
Both leave traces in its own decisions, at no extra cost.
"""

from __future__ import annotations

from indexer.cleaning.html_extract import NAMED_REASONS, Extraction

# A news article has more text than this (characters); less is a brief, a
# gallery or a miss.
MIN_BODY_CHARS = 1000
# Sentence-like text we dropped, as a share of what we kept: a sidebar's
# teasers are a little, a lost half of the article is a lot.
MAX_LOST_PROSE_SHARE = 0.1
# Text we dropped between our first and last kept block, as a share of what we
# kept: an article's own list or table, taken for furniture.
MAX_GAP_SHARE = 0.05
# A dropped block is sentence-like with this many words, few links and a final stop.
PROSE_MIN_WORDS = 8
PROSE_MAX_LINK_SHARE = 0.25
SENTENCE_END = (".", "!", "?", "…", '"', "”", "»", ")", "\u3002")
# These thresholds were set by hand beside the site-grouped CV of bench.extraction_bench,
# choosing among four variants on the 120 benchmark pages: they are not out-of-fold.


def doubtful(extraction: Extraction) -> bool:
    """Whether our extraction looks incomplete: little text, lost prose or gaps in the article."""
    kept = [index for index, why in enumerate(extraction.reasons) if why is None]
    kept_chars = sum(len(extraction.blocks[index].text) for index in kept)
    if kept_chars < MIN_BODY_CHARS:
        return True
    lost = gap = 0
    for index, (block, why) in enumerate(zip(extraction.blocks, extraction.reasons, strict=True)):
        # A block dropped for what it is (a title, a share bar) is no loss.
        if why is None or why in NAMED_REASONS:
            continue
        if kept[0] <= index <= kept[-1]:
            gap += len(block.text)
        text = block.text.rstrip()
        if (
            len(text.split()) >= PROSE_MIN_WORDS
            and block.link_chars <= PROSE_MAX_LINK_SHARE * len(text)
            and text.endswith(SENTENCE_END)
        ):
            lost += len(text)
    return lost > MAX_LOST_PROSE_SHARE * kept_chars or gap > MAX_GAP_SHARE * kept_chars
