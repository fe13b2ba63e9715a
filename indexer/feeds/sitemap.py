"""Sitemaps (`urlset`, `sitemapindex`), with Google News `<news:news>` titles and dates."""

from __future__ import annotations

import re

from lxml import etree

from indexer.feeds.items import FeedItem, ParsedFeed

_ROOT = re.compile(rb"<(?:\w+:)?(urlset|sitemapindex)\b")
_SNIFF_BYTES = 2048


def looks_like_sitemap(data: bytes) -> bool:
    """True when the document's root is a sitemap's `urlset` or `sitemapindex`."""
    return bool(_ROOT.search(data[:_SNIFF_BYTES]))


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(element: etree._Element, name: str) -> str | None:
    for child in element.iter():
        if _local(child.tag) == name and child.text and child.text.strip():
            return str(child.text).strip()
    return None


def parse_sitemap(data: bytes, url: str | None = None) -> ParsedFeed:
    """Pages of a sitemap (kind "sitemap") or the child sitemaps of an index ("sitemapindex")."""
    # No network, no entities: a sitemap is data, never instructions to fetch more.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    root = etree.fromstring(data, parser)
    if root is None:
        raise ValueError("not a sitemap: unreadable XML")
    kind = "sitemapindex" if _local(root.tag) == "sitemapindex" else "sitemap"
    items = []
    for entry in root:
        if _local(entry.tag) not in ("url", "sitemap"):
            continue
        loc = _child_text(entry, "loc")
        if not loc:
            continue
        published = _child_text(entry, "publication_date") or _child_text(entry, "lastmod")
        items.append(FeedItem(url=loc, title=_child_text(entry, "title"), published_at=published))
    return ParsedFeed(kind, None, items)
