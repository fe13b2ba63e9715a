"""Publication-date candidates in raw HTML: meta tags, JSON-LD and <time datetime>.

A cheap regex pass, used when the cleaning stage did not already record
`metadata["date_candidates"]`; labels are the same ones the cleaning stage uses.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

META_LABEL = "html:meta"
JSON_LD_LABEL = "json-ld"
TIME_LABEL = "html:time"

# Meta keys (property, name, itemprop or http-equiv, lower-cased) that declare the
# publication date, best first. Modification dates are left out on purpose: an
# article edited today was not published today.
META_PUBLISHED_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "published_time",
    "article:published",
    "datepublished",
    "article.published",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "originalpublicationdate",
    "date",
)
_META_RANK = {key: rank for rank, key in enumerate(META_PUBLISHED_KEYS)}
# Keys that name a date and are looked up in a tag's attributes, in this order.
_META_KEY_ATTRIBUTES = ("property", "name", "itemprop", "http-equiv")

_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_TIME_TAG = re.compile(r"<time\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_JSON_LD = re.compile(
    r"""<script\b[^>]*type\s*=\s*["']?application/ld\+json["']?[^>]*>(.*?)</script>""",
    re.IGNORECASE | re.DOTALL,
)
_PUBDATE_FLAG = re.compile(r"\spubdate\b", re.IGNORECASE)
_DATE_PUBLISHED_IN_TEXT = re.compile(r""""datePublished"\s*:\s*"([^"]+)\"""")
# JSON-LD graphs nest; deeper than this is not an article's own date.
JSON_LD_MAX_DEPTH = 6


def _attributes(tag: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, double, single, bare in _ATTRIBUTE.findall(tag):
        found.setdefault(name.lower(), html.unescape(double or single or bare))
    return found


def _meta_candidates(page: str) -> list[str]:
    ranked: list[tuple[int, int, str]] = []
    for position, tag in enumerate(_META_TAG.findall(page)):
        attributes = _attributes(tag)
        content = attributes.get("content", "").strip()
        if not content:
            continue
        for attribute in _META_KEY_ATTRIBUTES:
            rank = _META_RANK.get(attributes.get(attribute, "").strip().lower())
            if rank is not None:
                ranked.append((rank, position, content))
                break
    return [content for _, _, content in sorted(ranked)]


def _date_published_values(node: Any, depth: int = 0) -> Iterator[str]:
    if depth > JSON_LD_MAX_DEPTH:
        return
    if isinstance(node, dict):
        value = node.get("datePublished")
        if isinstance(value, str) and value.strip():
            yield value.strip()
        for child in node.values():
            if isinstance(child, dict | list):
                yield from _date_published_values(child, depth + 1)
    elif isinstance(node, list):
        for child in node:
            yield from _date_published_values(child, depth + 1)


def _json_ld_candidates(page: str) -> list[str]:
    values: list[str] = []
    for block in _JSON_LD.findall(page):
        try:
            values.extend(_date_published_values(json.loads(block)))
        except ValueError:
            # Hand-written JSON-LD is often invalid (trailing commas, raw newlines).
            values.extend(_DATE_PUBLISHED_IN_TEXT.findall(block))
    return values


def _time_candidates(page: str) -> list[str]:
    explicit: list[str] = []
    others: list[str] = []
    for tag in _TIME_TAG.findall(page):
        attributes = _attributes(tag)
        value = attributes.get("datetime", "").strip()
        if not value:
            continue
        marked = bool(_PUBDATE_FLAG.search(tag)) or attributes.get("itemprop") == "datePublished"
        (explicit if marked else others).append(value)
    return explicit + others


def html_date_candidates(page: str) -> list[tuple[str, str]]:
    """[(label, raw value)] for every publication-date hint in `page`, best first."""
    candidates = [(META_LABEL, value) for value in _meta_candidates(page)]
    candidates += [(JSON_LD_LABEL, value) for value in _json_ld_candidates(page)]
    candidates += [(TIME_LABEL, value) for value in _time_candidates(page)]
    return candidates
