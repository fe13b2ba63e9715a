"""Parse HTML into an lxml tree and prune what can never be article text."""

from __future__ import annotations

import re

from lxml import etree

from indexer.errors import Skip

# Elements whose content is never readable article text. Removing them in C
# (strip_elements) before any Python walk keeps cleaning fast on script-heavy pages.
NON_TEXT_TAGS = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "source", "track", "map", "select", "option", "button",
    "input", "textarea", "link", "meta", "head", "title", "base", "dialog",
)  # fmt: skip
# libxml2 stops building the tree below this depth (it needs XML_PARSE_HUGE to
# go deeper, which we do not set); text deeper than that is lost, so we say so.
MAX_DEPTH = 255

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HIDDEN_XPATH = etree.XPath(
    "//*[@hidden or @aria-hidden='true' or contains(@style, 'none') or contains(@style, 'hidden')]"
)
# Hover cards and inline "related" widgets nested inside a paragraph: an inline
# element holding an image and several links is never part of the sentence.
_INLINE_WIDGET_XPATH = etree.XPath("//span[.//img and count(.//a) >= 3 and ancestor::p]")
# The plain etree parser, not lxml.html's: its elements need no Python-level
# class lookup, which makes walking the tree about a third faster.
_PARSER = etree.HTMLParser(
    remove_comments=True, remove_pis=True, no_network=True, default_doctype=False
)


def parse_html(html: str) -> etree._Element:
    """Parse a page into a tree; Skip pages that are not HTML at all."""
    # lxml refuses str input that carries an XML encoding declaration.
    html = _XML_DECLARATION.sub("", html, count=1)
    if "<" not in html:
        raise Skip("no HTML markup in the page")
    try:
        root = etree.fromstring(html, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise Skip(f"unparseable HTML: {exc}") from exc
    if root is None:
        raise Skip("unparseable HTML: empty document")
    return root


def too_deep(root: etree._Element) -> bool:
    """Whether the parser cut the tree at MAX_DEPTH (deeply nested junk)."""
    return any("Excessive depth" in entry.message for entry in _PARSER.error_log)


def drop_tree(element: etree._Element) -> None:
    """Remove an element and its children, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def prune(root: etree._Element) -> None:
    """Remove non-text elements and hidden elements in place (tails are kept)."""
    etree.strip_elements(root, *NON_TEXT_TAGS, with_tail=False)
    # XPath runs in C and narrows the candidates; the regex then checks the style.
    for element in _HIDDEN_XPATH(root):
        if "hidden" not in element.attrib and element.get("aria-hidden") != "true":
            if not _HIDDEN_STYLE.search(element.get("style", "")):
                continue
        drop_tree(element)
    for element in _INLINE_WIDGET_XPATH(root):
        drop_tree(element)
