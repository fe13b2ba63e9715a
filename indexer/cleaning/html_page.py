"""One HTML page to article paragraphs, removed text and metadata, within a bounded budget."""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.cleaning.html_blocks import split_blocks
from indexer.cleaning.html_extract import extract_blocks
from indexer.cleaning.html_tree import parse_html, prune, too_deep
from indexer.cleaning.html_vote import second_opinion as vote_short_blocks
from indexer.cleaning.limits import check_input
from indexer.cleaning.metadata import PageMetadata, read_metadata


@dataclass
class HtmlPage:
    """The cleaned page: paragraphs in reading order, and what the page says about itself."""

    body: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    metadata: PageMetadata = field(default_factory=PageMetadata)
    # Why the body may be incomplete: the tree was cut by depth or element count.
    truncated: str | None = None


def clean_html(html: str, second_opinion: bool = False) -> HtmlPage:
    """Extract the article from a page; Skip on binary junk or unparseable input.

    `second_opinion` also asks trafilatura about short body blocks (slower, a
    little more precise: see html_vote).
    """
    html = check_input(html, "html")
    root = parse_html(html)
    deep = too_deep(root)
    metadata = read_metadata(root)
    prune(root)
    blocks = split_blocks(root)
    extraction = extract_blocks(blocks, title=metadata.title)
    body, boilerplate = extraction.body, extraction.boilerplate
    if second_opinion:
        body, dropped = vote_short_blocks(html, body)
        boilerplate = boilerplate + dropped
    truncated = None
    if deep:
        truncated = "HTML nested deeper than the parser's depth limit"
    elif blocks.truncated:
        truncated = "page has more elements than the cleaning budget"
    return HtmlPage(body, boilerplate, metadata, truncated)
