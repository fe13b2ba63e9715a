"""One HTML page to article paragraphs, removed text and metadata, within a bounded budget."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from indexer.cleaning.combine import OURS, Rules, combine
from indexer.cleaning.doubt import doubtful
from indexer.cleaning.evidence import gather
from indexer.cleaning.html_blocks import split_blocks
from indexer.cleaning.html_extract import Extraction, extract_blocks
from indexer.cleaning.html_tree import parse_html, prune, too_deep
from indexer.cleaning.limits import check_input
from indexer.cleaning.metadata import PageMetadata, read_metadata
from indexer.config import EvidenceMode
from indexer.errors import Skip

log = logging.getLogger(__name__)


@dataclass
class HtmlPage:
    """The cleaned page: paragraphs in reading order, and what the page says about itself."""

    body: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    metadata: PageMetadata = field(default_factory=PageMetadata)
    # Why the body may be incomplete: the tree was cut by depth or element count.
    truncated: str | None = None
    # Who produced the body: our extractor, or the maintained one it fell back to.
    extracted_by: str = OURS


@dataclass
class OwnReading:
    """Our extractor's per-block decisions on a page, before any other extractor is asked."""

    extraction: Extraction
    metadata: PageMetadata
    truncated: str | None


def read_page(html: str) -> OwnReading:
    """Parse, prune and split a page and decide each block; Skip on junk or unparseable input."""
    html = check_input(html, "html")
    root = parse_html(html)
    deep = too_deep(root)
    metadata = read_metadata(root)
    prune(root)
    blocks = split_blocks(root)
    truncated = None
    if deep:
        truncated = "HTML nested deeper than the parser's depth limit"
    elif blocks.truncated:
        truncated = "page has more elements than the cleaning budget"
    return OwnReading(extract_blocks(blocks, title=metadata.title), metadata, truncated)


def clean_html(html: str, evidence: EvidenceMode = "never", rules: Rules | None = None) -> HtmlPage:
    """Extract the article from a page; Skip on binary junk or unparseable input.

    `evidence` says when trafilatura and readability also read the page and vote
    on our blocks (indexer.cleaning.combine, ~5-45 ms a page): "always", only
    when our extraction looks incomplete ("doubtful", indexer.cleaning.doubt),
    or "never".
    """
    try:
        own = read_page(html)
    except Skip:
        raise
    except Exception:  # noqa: BLE001 - our extractor broke; the maintained ones may still read it
        if evidence == "never":
            raise
        log.warning("our HTML extractor failed on a page; asking the others", exc_info=True)
        own = OwnReading(Extraction(), PageMetadata(), "our extractor failed on this page")
    extraction = own.extraction
    if evidence == "never" or (evidence == "doubtful" and not doubtful(extraction)):
        return HtmlPage(extraction.body, extraction.boilerplate, own.metadata, own.truncated)
    combined = combine(extraction, gather(check_input(html, "html")), rules or Rules())
    return HtmlPage(
        combined.body, combined.boilerplate, own.metadata, own.truncated, combined.extracted_by
    )
