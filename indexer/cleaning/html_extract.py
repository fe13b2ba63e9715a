"""Main-text extraction from HTML: pick the article container, then filter its blocks."""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.cleaning.html_blocks import ARTICLE, FURNITURE, Block, PageBlocks, Region
from indexer.cleaning.line_rules import furniture_reason

# Boilerplate text costs this much against article text when choosing the
# container: above 1 the choice shrinks towards the densest prose.
BAD_WEIGHT = 1.5
# Class names such as "article-body" are strong evidence, furniture names
# ("footer", "related") evidence against; these scale a region's score.
ARTICLE_BONUS = 1.5
FURNITURE_PENALTY = 0.5
# A class name is weak evidence beside the text itself: a "widget" or "promo"
# region holding this share of the page's prose is where the article is (page
# builders wrap everything in "elementor-widget-container").
MAJORITY_SHARE = 0.5
# A list item whose links cover this share of it, without final punctuation,
# is a teaser in a "more stories" list.
LINKED_ITEM_SHARE = 0.25
# Teasers are headlines; shorter items ("See it now: Amazon") are shop buttons.
TEASER_MIN_WORDS = 6
# A container with less than this share of the page's prose is a mistake;
# the smallest region holding COVER_SHARE of it is taken instead.
MIN_COVER_SHARE = 0.25
COVER_SHARE = 0.8
# Lines repeated outside the container are teasers up to this length.
REPEATED_MAX_CHARS = 200
# Lines shorter than this without final punctuation are labels or headings.
STUB_CHARS = 50
SENTENCE_END = (".", "!", "?", "…", ":", '"', "”", "»", ")", "\u3002")
# Reasons that say what a dropped block is (a title, a share bar, a cookie notice), as
# opposed to where it sits ("outside", "stub", "repeated") or how it is marked up.
NAMED_REASONS = frozenset(
    "title byline caption read-more share dateline copyright login cookie advert menu".split()
)


@dataclass
class Extraction:
    """Every block of the page in reading order, with why it is not article text (None: kept)."""

    blocks: list[Block] = field(default_factory=list)
    reasons: list[str | None] = field(default_factory=list)

    @property
    def body(self) -> list[str]:
        """The kept blocks' text."""
        return [
            block.text for block, why in zip(self.blocks, self.reasons, strict=True) if why is None
        ]

    @property
    def boilerplate(self) -> list[str]:
        """The removed blocks' text."""
        return [
            block.text
            for block, why in zip(self.blocks, self.reasons, strict=True)
            if why is not None
        ]


def furniture_cleared(page: PageBlocks) -> set[int]:
    """Enter positions of furniture-named regions that hold most of the page's prose."""
    total = max((region.good for region in page.regions), default=0.0)
    return {
        region.enter
        for region in page.regions
        if region.hints & FURNITURE and total > 0 and region.good >= MAJORITY_SHARE * total
    }


def choose_container(page: PageBlocks, cleared: set[int] | None = None) -> Region | None:
    """The region whose text is most article-like (good minus weighted bad mass)."""
    cleared = furniture_cleared(page) if cleared is None else cleared
    best: Region | None = None
    best_score = 0.0
    for region in page.regions:
        score = region.good - BAD_WEIGHT * region.bad
        if region.hints & ARTICLE:
            score *= ARTICLE_BONUS
        if region.hints & FURNITURE and region.enter not in cleared:
            score *= FURNITURE_PENALTY
        if score > best_score:
            best, best_score = region, score
    total = max((region.good for region in page.regions), default=0.0)
    if total > 0 and (best is None or best.good < MIN_COVER_SHARE * total):
        # The winner holds a sliver of the page's prose (links mixed into the
        # one big paragraph sank everything else): take the smallest region
        # that holds most of the prose, and let the block filters clean it.
        covering = [region for region in page.regions if region.good >= COVER_SHARE * total]
        best = min(covering, key=lambda region: region.exit - region.enter)
    return best


def drop_reason(
    block: Block,
    container: Region,
    title: str = "",
    cleared: frozenset[int] | set[int] = frozenset(),
) -> str | None:
    """Why one block inside the container is not article text, or None to keep it."""
    text = block.text
    if (
        block.furniture_at > container.enter
        and block.furniture_at > block.article_at
        and block.furniture_at not in cleared
    ):
        return "furniture-class"
    if block.link_chars * 2 > len(text):
        return "links"
    if block.kind in ("caption", "byline"):
        return block.kind
    if block.tag == "h1" or (title and text.casefold() == title):
        return "title"
    if (
        block.kind == "item"
        and block.link_chars >= LINKED_ITEM_SHARE * len(text)
        and not text.endswith(SENTENCE_END)
        and len(text.split()) >= TEASER_MIN_WORDS
    ):
        # "More stories" lists: headline-shaped items that are partly links.
        return "link-list"
    return furniture_reason(text)


def is_stub(block: Block) -> bool:
    """A heading or a short line without final punctuation: kept only before kept text."""
    if block.kind == "heading":
        return True
    if block.kind == "cell":
        return False
    return len(block.text) < STUB_CHARS and not block.text.endswith(SENTENCE_END)


def extract_blocks(page: PageBlocks, title: str | None = None) -> Extraction:
    """Decide for each block of the page whether it is article text; `title` is not."""
    folded_title = title.casefold() if title else ""
    cleared = furniture_cleared(page)
    container = choose_container(page, cleared)
    if container is None:
        return Extraction(page.blocks, ["no-container"] * len(page.blocks))
    reasons: list[str | None] = [
        drop_reason(block, container, folded_title, cleared)
        if container.enter <= block.position <= container.exit
        else "outside"
        for block in page.blocks
    ]
    # A short line that the page also shows outside the article is a teaser
    # headline repeated in a sidebar, not a sentence of this story.
    outside = {
        block.text
        for block in page.blocks
        if block.kind != "heading" and not container.enter <= block.position <= container.exit
    }
    for index, block in enumerate(page.blocks):
        if (
            reasons[index] is None
            and len(block.text) < REPEATED_MAX_CHARS
            and block.text in outside
        ):
            reasons[index] = "repeated"
    # Backwards, so that a run of stubs before dropped text ("Most popular",
    # then a list of links) goes as a whole.
    following_kept = False
    for index in range(len(page.blocks) - 1, -1, -1):
        if reasons[index] is None and is_stub(page.blocks[index]) and not following_kept:
            reasons[index] = "stub"
        following_kept = reasons[index] is None
    return Extraction(page.blocks, reasons)
