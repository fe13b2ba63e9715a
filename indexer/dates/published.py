"""Choose an article's publication date from the best evidence, and say which evidence it was.

Evidence, best first: HTML meta tags ("html:meta"), JSON-LD datePublished ("json-ld"),
<time datetime> ("html:time"), the input's own metadata ("input"), the URL ("url"),
the dateline in the text or a date line the cleaner moved to the boilerplate ("dateline");
then the file's mtime ("mtime") only when the caller asked for it by setting
`metadata["mtime_fallback"]`. A candidate that does not
parse, lies in the future or predates 1800 is rejected and the next one is tried; with
no usable evidence the date stays None.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from indexer.dates.dateline import dateline_date
from indexer.dates.html_evidence import JSON_LD_LABEL, META_LABEL, TIME_LABEL, html_date_candidates
from indexer.dates.mentions import explicit_years, find_date_mentions
from indexer.dates.parse import is_plausible, parse_datetime
from indexer.dates.url_dates import date_from_url, year_from_url
from indexer.model import Article

INPUT_LABEL = "input"
URL_LABEL = "url"
DATELINE_LABEL = "dateline"
DATE_LINE_MAX_CHARS = 120  # bylines and date lines are short; longer lines are prose
_DAY = re.compile(r"(?<!\d)\d{1,2}(?!\d)")
MTIME_LABEL = "mtime"
# Labels the cleaning stage may record in metadata["date_candidates"]; others are ignored
# so `published_at_source` only ever names evidence documented above.
HTML_LABELS = (META_LABEL, JSON_LD_LABEL, TIME_LABEL)


@dataclass(frozen=True)
class PublishedDate:
    """The chosen date and the label of the evidence it came from."""

    moment: datetime
    source: str


def _html_candidates(article: Article) -> list[tuple[str, str]]:
    recorded = article.metadata.get("date_candidates")
    if recorded is None:
        return html_date_candidates(article.html) if article.html else []
    candidates = [
        (str(item[0]), str(item[1]))
        for item in recorded
        if isinstance(item, list | tuple) and len(item) == 2 and item[0] in HTML_LABELS
    ]
    # A stable sort keeps the cleaning stage's order within each label.
    return sorted(candidates, key=lambda item: HTML_LABELS.index(item[0]))


def _mtime(article: Article, requested: Any) -> datetime | None:
    """The mtime the caller passed (epoch seconds or ISO), or the file's when it passed True."""
    if requested is True:
        file_path = article.path.split("#", 1)[0]
        try:
            return datetime.fromtimestamp(os.stat(file_path).st_mtime, UTC).replace(microsecond=0)
        except OSError:
            return None
    if isinstance(requested, int | float) and not isinstance(requested, bool):
        return datetime.fromtimestamp(requested, UTC).replace(microsecond=0)
    if isinstance(requested, str):
        return parse_datetime(requested)
    return None


def _dateline_year_hint(article: Article) -> int | None:
    if year := year_from_url(article.url):
        return year
    years = explicit_years(article.body)
    return max(years) if years else None


def _date_line(boilerplate: str) -> datetime | None:
    """A byline or date line the cleaner moved out of the body ("By Ann Lee | 28 May 2023")."""
    for line in boilerplate.splitlines():
        if len(line) > DATE_LINE_MAX_CHARS:
            continue  # a paragraph that merely mentions a date is not the page's date line
        for mention in find_date_mentions(line, None):
            if _DAY.search(mention.text):  # "May 2023" alone dates a month, not an article
                return parse_datetime(line[mention.start :]) or parse_datetime(mention.text)
    return None


def _evidence(article: Article) -> Iterator[tuple[str, datetime | None]]:
    """(label, parsed candidate) in order of trust; parsing happens lazily."""
    for label, raw in _html_candidates(article):
        yield label, parse_datetime(raw)
    if article.published_at:
        yield INPUT_LABEL, parse_datetime(article.published_at)
    yield URL_LABEL, date_from_url(article.url)
    dateline_text = "\n".join(filter(None, (article.metadata.get("dateline"), article.body)))
    if dateline_text:
        yield DATELINE_LABEL, dateline_date(dateline_text, _dateline_year_hint(article))
    if article.boilerplate:
        yield DATELINE_LABEL, _date_line(article.boilerplate)
    requested = article.metadata.get("mtime_fallback")
    if requested:
        yield MTIME_LABEL, _mtime(article, requested)


def choose_published(article: Article, now: datetime) -> PublishedDate | None:
    """The first plausible date from the best evidence, or None when there is none."""
    for label, moment in _evidence(article):
        if moment is not None and is_plausible(moment, now):
            return PublishedDate(moment, label)
    return None
