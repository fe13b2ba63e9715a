"""Reader for Reuters-21578 SGML files (reut2-NNN.sgm): one Article per <REUTERS> story.

The files are latin-1 SGML, not XML (bare "&", control characters as &#3;), so they are
cut apart with regexes. Every story keeps its <DATE> as `published_at` (source "input"),
its TOPICS / PLACES / PEOPLE / ORGS / EXCHANGES lists and its dateline in `metadata`.
Stories come in three shapes: a normal one with <BODY>; a "BRIEF" that is only a
headline (its text is the headline, so it stays searchable); an "UNPROC" table or
report with raw text and no <TITLE> (its first line becomes the title). A story with
no text at all is still yielded, so the cleaning stage reports it as skipped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from indexer.dates.parse import parse_datetime, to_iso
from indexer.ids import stable_id
from indexer.model import Article, Failure
from indexer.readers.streams import read_capped

SOURCE = "Reuters"
ENCODING = "latin-1"
CATEGORY_FIELDS = ("topics", "places", "people", "orgs", "exchanges")
# The corpus's files are 1.3 MB each (1,000 stories); a hundred times that is no such file.
MAX_SGML_BYTES = 128 * 1024 * 1024

_STORY_START = re.compile(r"<REUTERS\b([^>]*)>", re.IGNORECASE)
_STORY_END = re.compile(r"</REUTERS>", re.IGNORECASE)
_NEWID = re.compile(r"""\bNEWID\s*=\s*"?(\d+)""", re.IGNORECASE)
_TEXT = re.compile(r"<TEXT\b([^>]*)>(.*?)</TEXT>", re.IGNORECASE | re.DOTALL)
_TEXT_TYPE = re.compile(r"""\bTYPE\s*=\s*"?(\w+)""", re.IGNORECASE)
_ITEM = re.compile(r"<D>(.*?)</D>", re.IGNORECASE | re.DOTALL)
# Control characters are SGML-era framing (&#2; start of text, &#3; end); keep \n and \t.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# The date part of "26-FEB-1987 15:01:01.79", for stamps whose time is broken (hour 605).
_DATE_PART = re.compile(r"\d{1,2}-[A-Za-z]{3}-\d{4}")
# A wire story ends with a "Reuter" sign-off line: boilerplate, not body.
_SIGN_OFF = re.compile(r"\s*\bREUTER\b\s*$", re.IGNORECASE)
# A brief's placeholder body.
_BRIEF_FILLER = re.compile(r"^\s*Blah blah blah\.?\s*$", re.IGNORECASE)


def _element(name: str, text: str) -> str | None:
    match = re.search(rf"<{name}\b[^>]*>(.*?)</{name}>", text, re.IGNORECASE | re.DOTALL)
    return match.group(1) if match else None


def _clean(raw: str) -> str:
    return _CONTROL.sub("", html.unescape(raw))


def _one_line(raw: str | None) -> str:
    return " ".join(_clean(raw or "").split())


def _paragraphs(raw: str) -> str:
    """Rejoin hard-wrapped lines; an indented line or a blank line starts a paragraph."""
    paragraphs: list[list[str]] = []
    for line in _clean(raw).splitlines():
        if not line.strip():
            paragraphs.append([])
            continue
        if not paragraphs or line[:1].isspace():
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
    return "\n".join(" ".join(words) for words in paragraphs if words)


def _lines(raw: str) -> str:
    """Keep line structure (tables), trimmed."""
    return "\n".join(line.strip() for line in _clean(raw).splitlines() if line.strip())


def parse_reuters_date(raw: str) -> datetime | None:
    """The <DATE> stamp as a datetime (UTC: the corpus names no zone); a bad time keeps the date."""
    cleaned = _clean(raw).split("#", 1)[0].strip()
    found = parse_datetime(cleaned)
    if found is None and (date_part := _DATE_PART.search(cleaned)):
        found = parse_datetime(date_part.group(0))
    return found


def _categories(story: str) -> dict[str, list[str]]:
    lists: dict[str, list[str]] = {}
    for name in CATEGORY_FIELDS:
        element = _element(name.upper(), story) or ""
        lists[name] = [_one_line(item) for item in _ITEM.findall(element) if item.strip()]
    return lists


def _story_article(path: Path, newid: str, story: str) -> Article | Failure:
    where = f"{path}#{newid}"
    raw_date = _element("DATE", story)
    if raw_date is None:
        return Failure(where, "no <DATE> element")
    published = parse_reuters_date(raw_date)
    if published is None:
        return Failure(where, f"unreadable <DATE>: {_one_line(raw_date)!r}")
    text_match = _TEXT.search(story)
    if text_match is None:
        return Failure(where, "no <TEXT> element")
    type_match = _TEXT_TYPE.search(text_match.group(1))
    text_type = type_match.group(1).lower() if type_match else "normal"
    inner = text_match.group(2)
    title = _one_line(_element("TITLE", inner))
    body_raw = _element("BODY", inner)
    if body_raw is not None:
        text = _SIGN_OFF.sub("", _paragraphs(body_raw))
    elif text_type == "unproc":
        text = _lines(inner)
    else:
        rest = re.sub(r"<TITLE>.*?</TITLE>", "", inner, flags=re.IGNORECASE | re.DOTALL)
        # Briefs put "******" before the headline and a filler sentence after it.
        rest = rest.replace("*", " ")
        text = "" if _BRIEF_FILLER.match(_one_line(rest)) else _paragraphs(rest)
    made = not title and bool(text)
    if made:
        title = text.split("\n", 1)[0][:200]
    # An empty story (one in the corpus) is still read; cleaning skips it as "no text".
    text = text or title
    return Article(
        id=stable_id("reuters", newid),
        path=where,
        source=SOURCE,
        title=title or None,
        title_from_body=made,
        text=text,
        published_at=to_iso(published),
        published_at_source="input",
        metadata={
            **_categories(story),
            "dateline": _one_line(_element("DATELINE", inner)).rstrip(" -–") or None,
            "text_type": text_type,
            "date_raw": _one_line(raw_date),
            "text_is_clean": True,
        },
    )


def read_reuters(path: Path) -> Iterator[Article | Failure]:
    """Yield one Article per story in `path`, or a Failure naming the story and the reason."""
    try:
        data = read_capped(Path(path), MAX_SGML_BYTES, "not a Reuters SGML file")
        content = data.decode(ENCODING)
    except OSError as error:
        yield Failure(str(path), f"cannot read file: {error.strerror or error}")
        return
    starts = list(_STORY_START.finditer(content))
    if not starts:
        yield Failure(str(path), "no <REUTERS> story in file")
        return
    for index, start in enumerate(starts):
        limit = starts[index + 1].start() if index + 1 < len(starts) else len(content)
        newid_match = _NEWID.search(start.group(1))
        newid = newid_match.group(1) if newid_match else None
        end = _STORY_END.search(content, start.end(), limit)
        where = f"{path}#{newid or f'story-{index + 1}'}"
        if newid is None:
            yield Failure(where, "<REUTERS> tag without NEWID")
        elif end is None:
            yield Failure(where, "<REUTERS> story is not closed")
        else:
            yield _story_article(Path(path), newid, content[start.end() : end.start()])
