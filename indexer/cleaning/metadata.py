"""Page metadata from HTML: title, canonical URL, site name and publication-date candidates.

Dates are only collected here, as raw strings with where they came from; the
dates stage parses and validates them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

# Meta names/properties that carry the publication date, strongest first.
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "datepublished", "article.published", "parsely-pub-date", "sailthru.date", "pubdate",
    "publishdate", "publish-date", "publish_date", "pub_date", "published", "published_at",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created",
    "datecreated", "og:pubdate", "article_date_original", "date", "created",
)  # fmt: skip
# JSON-LD blocks larger than this are data dumps, not article metadata.
MAX_JSON_LD_CHARS = 500_000
# A page lists a handful of <time> elements for the article; more are comment dates.
MAX_TIME_CANDIDATES = 3
# A site-name suffix ("Title | Site") is at most this many words.
MAX_SITE_SUFFIX_WORDS = 6

_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|/|:)\s+")
# The only elements metadata comes from; one filtered C-level walk finds them all.
_METADATA_TAGS = ("meta", "link", "title", "h1", "time", "script")
_SPACE = re.compile(r"\s+")


@dataclass
class PageMetadata:
    """What the page says about itself."""

    title: str | None = None
    h1: str | None = None
    url: str | None = None
    site_name: str | None = None
    date_candidates: list[list[str]] = field(default_factory=list)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = _SPACE.sub(" ", value).strip()
    return value or None


@dataclass
class _Elements:
    meta: list[etree._Element] = field(default_factory=list)
    link: list[etree._Element] = field(default_factory=list)
    title: list[etree._Element] = field(default_factory=list)
    h1: list[etree._Element] = field(default_factory=list)
    time: list[etree._Element] = field(default_factory=list)
    script: list[etree._Element] = field(default_factory=list)


def _collect(root: etree._Element) -> _Elements:
    found = _Elements()
    for element in root.iter(*_METADATA_TAGS):
        getattr(found, element.tag).append(element)
    return found


def _meta_values(elements: _Elements) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for meta in elements.meta:
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = _clean(meta.get("content"))
        if key and content:
            values.setdefault(key.strip().lower(), []).append(content)
    return values


def _json_ld_objects(elements: _Elements) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in elements.script:
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        if not text.strip() or len(text) > MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            continue
        pending = [data]
        # Iterative walk: @graph lists and nested objects, without recursion.
        while pending and len(objects) < 100:
            item = pending.pop(0)
            if isinstance(item, list):
                pending.extend(item)
            elif isinstance(item, dict):
                objects.append(item)
                pending.extend(value for value in item.values() if isinstance(value, list | dict))
    return objects


def _json_ld_name(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    return _clean(value) if isinstance(value, str) else None


def _date_candidates(
    elements: _Elements, metas: dict[str, list[str]], objects: list[dict[str, Any]]
) -> list[list[str]]:
    candidates: list[list[str]] = []
    for key in PUBLISHED_META:
        for value in metas.get(key, []):
            candidates.append(["html:meta", value])
    for item in objects:
        published = item.get("datePublished")
        if isinstance(published, str) and published.strip():
            candidates.append(["json-ld", published.strip()])
    times: list[tuple[int, str]] = []
    for element in elements.time:
        moment = _clean(element.get("datetime"))
        if moment:
            marked = "pubdate" in element.attrib or element.get("itemprop") == "datePublished"
            times.append((0 if marked else 1, moment))
    # Marked <time pubdate>/itemprop elements first, then the rest in page order.
    times.sort(key=lambda pair: pair[0])
    for _, value in times[:MAX_TIME_CANDIDATES]:
        candidates.append(["html:time", value])
    unique: list[list[str]] = []
    for candidate in candidates:
        if candidate not in unique:
            unique.append(candidate)
    return unique


def strip_site_name(title: str, site_name: str | None, url: str | None) -> str:
    """Drop a " | Site" / "Site - " part from a page title."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    names = {name.lower() for name in (site_name,) if name}
    if url:
        host = urlsplit(url).hostname or ""
        names.add(host.removeprefix("www.").lower())
        names.add(host.removeprefix("www.").split(".")[0].lower())

    def is_site(part: str) -> bool:
        lowered = part.lower().strip()
        squashed = lowered.replace(" ", "")
        return any(lowered == name or squashed == name.replace(" ", "") for name in names if name)

    if is_site(parts[-1]):
        parts = parts[:-1]
    elif is_site(parts[0]):
        parts = parts[1:]
    elif len(parts[-1].split()) <= MAX_SITE_SUFFIX_WORDS and len(parts[0]) > 3 * len(parts[-1]):
        # An unknown short tail after a long title is nearly always the site name.
        parts = parts[:-1]
    return " - ".join(parts) if len(parts) > 1 else parts[0]


def read_metadata(root: etree._Element) -> PageMetadata:
    """Collect title, canonical URL, site name and date candidates from an unpruned tree."""
    elements = _collect(root)
    metas = _meta_values(elements)
    objects = _json_ld_objects(elements)
    first = {key: values[0] for key, values in metas.items()}
    canonical = [
        link.get("href") for link in elements.link if (link.get("rel") or "").lower() == "canonical"
    ]
    url = _clean(canonical[0]) if canonical else None
    url = url or first.get("og:url")
    if url and not url.startswith(("http://", "https://")):
        url = None
    site_name = first.get("og:site_name") or first.get("application-name")
    for item in objects:
        site_name = site_name or _json_ld_name(item.get("publisher"))
    titles = [element.text for element in elements.title if element.text]
    h1 = _clean("".join(elements.h1[0].itertext())) if elements.h1 else None
    raw_title = (
        first.get("og:title")
        or first.get("twitter:title")
        or (_clean(titles[0]) if titles else None)
        or h1
    )
    title = strip_site_name(raw_title, site_name, url) if raw_title else None
    return PageMetadata(
        title=title,
        h1=h1,
        url=url,
        site_name=site_name,
        date_candidates=_date_candidates(elements, metas, objects),
    )
