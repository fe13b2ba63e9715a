"""Cut a pruned HTML tree into text blocks, with the features the extractor scores."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from indexer.cleaning.limits import MAX_ELEMENTS

# Elements that start a new block of text; everything else is inline.
BLOCK_TAGS = frozenset(
    "p div section article main header footer aside nav h1 h2 h3 h4 h5 h6 ul ol li dl dt dd "
    "table tr thead tbody tfoot caption blockquote pre figure figcaption form fieldset "
    "address hr br details summary center body html menu legend".split()
)
# Table cells stay inline so that a row reads as one line; a space keeps
# neighbouring cells' words apart.
CELL_TAGS = frozenset(("td", "th"))
# Line breaks end a block but hold no text: no region is built for them.
VOID_TAGS = frozenset(("br", "hr"))
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
# The kind of a block comes from its nearest ancestor among these tags.
KIND_OF_TAG = {
    **{tag: "heading" for tag in HEADING_TAGS},
    "li": "item", "dt": "item", "dd": "item",
    "figcaption": "caption", "caption": "caption", "figure": "caption",
    "blockquote": "quote", "pre": "pre", "tr": "cell", "td": "cell", "th": "cell",
    "p": "paragraph", "address": "byline",
}  # fmt: skip

# How much a block's prose says "this is the article" when choosing the
# container: paragraphs most, teaser-like list items and captions least.
KIND_WEIGHT = {
    "paragraph": 1.0, "div": 0.7, "quote": 0.8, "item": 0.4, "cell": 0.5, "heading": 0.3,
    "caption": 0.3, "pre": 0.8, "byline": 0.0,
}  # fmt: skip

# class/id words of containers that hold page furniture, not article text.
_FURNITURE = re.compile(
    r"(?<![a-z])(?:share|sharing|sharebar|social|socials|related|recommended|recommendations"
    r"|newsletter|subscribe|subscription|signup|advert\w*|ad|ads|adunit|dfp|sponsored|promo\w*"
    r"|outbrain|taboola|recirc\w*|breadcrumbs?|cookie\w*|consent|popup|modal|comments?"
    r"|disqus|sidebar|widget|byline|bylines|author|authors|dateline|timestamp|caption|credits?"
    r"|tags|toolbar|footer|navbar|navigation|nav|menu|masthead|trending|popular|most-read"
    r"|sr-only|visually-hidden|screen-reader\w*|print|pagination|pager|rating|meta"
    r"|follow|newsletter\w*|inline-related|read-more|readmore|more-stories|next-article)(?![a-z])"
)
# class/id words of containers that hold the article body.
_ARTICLE = re.compile(
    r"article-?body|articlebody|story-?body|entry-?content|post-?content|post-?body"
    r"|article-?content|article-?text|story-?content|story-?text|body-?text|main-?content"
    r"|articletext|article__body|rich-?text|field-?body|content-?body"
)
_CAMEL = re.compile(r"([a-z])([A-Z])")
# Zero-width characters are layout glue, not text.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")

# Short unpunctuated blocks ("Home", "Share", "12 comments") count as half bad:
# a page of labels is furniture, but a few subheads must not sink an article.
STUB_CHARS = 25
STUB_BADNESS = 0.5

FURNITURE = 1
ARTICLE = 2
# Distinct class/id strings remembered across pages; a site has a few hundred.
HINT_CACHE_SIZE = 50_000
_HINT_CACHE: dict[str, int] = {}


@dataclass(slots=True)
class Block:
    """A run of text between two block boundaries."""

    text: str
    link_chars: int
    kind: str
    position: int
    tag: str
    # Enter positions of the innermost furniture / article-hinted ancestors
    # (-1: none), so the extractor can ignore hints on the container's ancestors.
    furniture_at: int
    article_at: int


@dataclass(slots=True)
class Region:
    """A block-level element and the text mass below it, for choosing the article container."""

    element: etree._Element
    enter: int
    exit: int = 0
    good: float = 0.0
    bad: float = 0.0
    hints: int = 0
    kind: str = "div"
    furniture_at: int = -1
    article_at: int = -1
    block: bool = True


@dataclass
class PageBlocks:
    """All blocks of a page in reading order, plus every block-level region."""

    blocks: list[Block] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    truncated: bool = False


def names_hints(names: str) -> int:
    """FURNITURE/ARTICLE flags for a class/id string (cached: sites repeat class names)."""
    hints = _HINT_CACHE.get(names)
    if hints is None:
        folded = _CAMEL.sub(r"\1-\2", names).lower().replace("_", "-")
        hints = (FURNITURE if _FURNITURE.search(folded) else 0) | (
            ARTICLE if _ARTICLE.search(folded) else 0
        )
        if len(_HINT_CACHE) < HINT_CACHE_SIZE:
            _HINT_CACHE[names] = hints
    return hints


def attribute_hints(element: etree._Element) -> int:
    """FURNITURE/ARTICLE flags read from an element's class, id and itemprop."""
    attrib = element.attrib
    if not attrib:
        return 0
    hints = ARTICLE if attrib.get("itemprop") == "articleBody" else 0
    names = f"{attrib.get('class', '')} {attrib.get('id', '')}"
    if names != " ":
        hints |= names_hints(names)
    return hints


def block_weight(text: str, link_chars: int, kind: str) -> tuple[float, float]:
    """(good, bad) text mass of one block: prose counts as good, links and stubs as bad."""
    chars = len(text)
    if link_chars * 2 > chars:
        return 0.0, float(chars)
    plain = chars - link_chars
    if chars < STUB_CHARS and not text.endswith((".", "!", "?", "\u3002")):
        return 0.0, float(plain) * STUB_BADNESS + link_chars
    return float(plain) * KIND_WEIGHT.get(kind, 1.0), float(link_chars)


def split_blocks(root: etree._Element) -> PageBlocks:
    """Walk the tree once (iteratively: deep trees cannot blow the stack) into blocks."""
    page = PageBlocks()
    parts: list[str] = []
    link_parts: list[str] = []
    root_region = Region(root, enter=0)
    stack: list[Region] = [root_region]
    link_depth = 0
    counter = 0

    def flush(row_end: bool = False) -> None:
        if not parts:
            return
        text = " ".join(_ZERO_WIDTH.sub("", "".join(parts)).split())
        link_chars = len(" ".join("".join(link_parts).split())) if link_parts else 0
        parts.clear()
        link_parts.clear()
        if not text:
            return
        top = stack[-1]
        link_chars = min(link_chars, len(text))
        kind = top.kind
        if kind == "cell" and not row_end:
            # Text cut by a <p> or <br> inside a cell is layout-table prose, not a data row.
            kind = "div"
        page.blocks.append(
            Block(
                text, link_chars, kind, counter, top.element.tag,
                top.furniture_at, top.article_at,
            )
        )  # fmt: skip
        good, bad = block_weight(text, link_chars, kind)
        top.good += good
        top.bad += bad

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if not isinstance(tag, str):
            continue
        parent = stack[-1]
        if event == "start":
            counter += 1
            if counter > MAX_ELEMENTS:
                page.truncated = True
                break
            is_block = tag in BLOCK_TAGS
            if is_block:
                flush()
            hints = attribute_hints(element) if element.attrib else 0
            if (is_block and tag not in VOID_TAGS) or hints:
                stack.append(
                    Region(
                        element,
                        enter=counter,
                        hints=hints,
                        kind=KIND_OF_TAG.get(tag, parent.kind),
                        furniture_at=counter if hints & FURNITURE else parent.furniture_at,
                        article_at=counter if hints & ARTICLE else parent.article_at,
                        block=is_block,
                    )
                )
            else:
                # Plain inline elements share their parent's region: no object to build.
                stack.append(parent)
            if tag == "a":
                link_depth += 1
            elif tag in CELL_TAGS:
                parts.append(" ")
            if element.text:
                parts.append(element.text)
                if link_depth:
                    link_parts.append(element.text)
        else:
            if tag in BLOCK_TAGS:
                flush(row_end=tag == "tr")
            region = stack.pop()
            outer = stack[-1]
            if region is not outer:
                region.exit = counter
                outer.good += region.good
                outer.bad += region.bad
                if region.block:
                    page.regions.append(region)
            if tag == "a":
                link_depth -= 1
            if element.tail:
                parts.append(element.tail)
                if link_depth:
                    link_parts.append(element.tail)
    flush()
    return page
