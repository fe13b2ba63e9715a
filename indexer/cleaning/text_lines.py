"""Text pages (HTML already gone): sort lines into article text and page furniture.

A line is furniture when a pattern names it (share bar, "Read more", byline,
cookie notice, …), when it recurs on other pages of the source, when it is a
short line in another script than the article (a Cyrillic "log in" prompt on an
English page), when it repeats a paragraph word for word, or when it is
title-like (no final punctuation) and sits in a run of such lines or is not
followed by article text: a list of headlines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from indexer.cleaning.line_rules import furniture_reason
from indexer.cleaning.scripts import dominant_script, script_counts

# Title-like lines: a headline is 2-25 words, at most this long, and has no
# sentence-final full stop.
MAX_TITLE_CHARS = 160
MAX_TITLE_WORDS = 25
# A headline holds at most one figure; lines with more are table data.
MAX_TITLE_NUMBERS = 2
# This many title-like lines in a row are a headline list, not subheadings
# (a subheading is followed by its paragraph).
HEADLINE_RUN = 3
# A run of title-like lines is table rows, not headlines, when at least this
# share of them holds a figure (headline lists: a figure in one of ten).
TABLE_FIGURE_SHARE = 0.5
# A line in another script than the article is UI when shorter than this
# ("Log in, please"); longer ones are quotations or a bilingual article.
MAX_FOREIGN_CHARS = 80
# Share of a line's letters that must be in another script to call it foreign.
FOREIGN_SHARE = 0.6
# A line is foreign when at most this share of its letters are in the article's script.
MAX_NATIVE_SHARE = 0.1
# The article's own script is only trusted from this much prose (a two-line
# post with a link has no "main text" to mismatch).
MIN_SCRIPT_LETTERS = 200
# Headline lists and dangling headlines are only looked for on pages with at
# least this many prose lines: a short post or a list is all content.
MIN_PROSE_UNITS = 2
# Repeated paragraphs shorter than this ("Also at Walmart") are list content.
MIN_DUPLICATE_CHARS = 40
# Prose: a line that ends like a sentence, or is long, with enough words.
PROSE_MIN_WORDS = 5
PROSE_LONG_CHARS = 120
# Hard-wrapped text (wire copy) has lines of about the same length, most not
# ending a sentence; such paragraphs are classified whole.
WRAPPED_LINE_SHARE = 0.6
# Wrapped prose continues in lower case on at least this share of lines…
CONTINUED_SHARE = 0.3
# …or nearly all lines (FULL_LINE_SHARE) reach FULL_WIDTH of the widest one.
FULL_WIDTH = 0.75
FULL_LINE_SHARE = 0.8
# Without lower-case continuations, only this many even-width lines say "wrapped"
# (a menu, a title and a dateline are three open-ended lines).
MIN_WRAPPED_LINES = 5
# Hard wraps happen at 60-80 characters; narrower even lines are a table.
MIN_WRAP_WIDTH = 55

SENTENCE_END = (".", "!", "?", "…", '."', ".”", "!”", "?”", ".»", ".'", ":", ";")
_BETWEEN_TITLE_AND_STORY = frozenset(("dateline", "byline", "share", "caption", "advert"))
_TITLE_END = (".", ",", ";", ":", "…")
_BULLET = re.compile(r"^\s*([-–—•*·▪►]|\d+[.)])\s")
# A sentence ends inside the line ("…car. One witness…"), not an abbreviation ("U.S. Army").
_INNER_SENTENCE_END = re.compile(r"(?<=[a-zа-яё0-9])[.!?…]\W*\s+\W*[A-ZА-ЯЁ]")
# Code (a programming channel's snippet) is written in Latin whatever the article's language.
_CODE = re.compile(r"[(){}\[\]=;<>`]")
_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n+")


@dataclass
class Unit:
    """One line (or one hard-wrapped paragraph) of a text page."""

    text: str
    paragraph: int
    reason: str | None = None
    # The next line of the paragraph goes on in lower case: this one is part of a
    # wrapped sentence ("Australia will defend the Ashes in" / "a six-test series"),
    # whatever its shape.
    continued: bool = False


@dataclass
class TextSplit:
    """Body paragraphs, removed lines and a title line found at the top, if any."""

    body: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    title: str | None = None


def is_title_like(line: str, loose: bool = False) -> bool:
    """A headline-shaped line: short, capitalised, without final punctuation.

    `loose` also admits headlines ending in "?" or "!", which inside a list of
    headlines are headlines too but alone are as likely a closing question.
    """
    text = line.strip()
    # A closing quote after the full stop still ends a sentence ('he said . "').
    if not text or len(text) > MAX_TITLE_CHARS or text.rstrip("\"'»”’ ").endswith(_TITLE_END):
        return False
    if not loose and text.rstrip("\"'»”’").endswith(("?", "!")):
        return False
    if _BULLET.match(text) or not (text[0].isupper() or text[0].isdigit() or text[0] in "\"'«“‘"):
        return False
    if _INNER_SENTENCE_END.search(text):
        return False
    tokens = text.split()
    # Lines with several figures are data ("Net loss 7,041,000 vs loss 467,000").
    if sum(1 for token in tokens if any(char.isdigit() for char in token)) >= MAX_TITLE_NUMBERS:
        return False
    return 2 <= len(tokens) <= MAX_TITLE_WORDS


def is_prose(line: str) -> bool:
    """A sentence-like line: ends like a sentence (or is long) and has several words."""
    text = line.strip()
    if len(text.split()) < PROSE_MIN_WORDS:
        return False
    return text.endswith(SENTENCE_END) or len(text) >= PROSE_LONG_CHARS


def _is_wrapped(lines: list[str]) -> bool:
    if len(lines) < 3:
        return False
    inner = lines[:-1]
    open_ended = sum(1 for line in inner if not line.endswith(SENTENCE_END))
    if open_ended < WRAPPED_LINE_SHARE * len(inner):
        return False
    # A wrapped line continues on the next one (often mid-sentence, in lower
    # case) and wrapped lines are all about as long as the widest one.
    continued = sum(1 for line in lines[1:] if line[0].islower())
    if continued >= CONTINUED_SHARE * len(inner):
        return True
    widest = max(len(line) for line in inner)
    full = sum(1 for line in inner if len(line) >= FULL_WIDTH * widest)
    return (
        len(lines) >= MIN_WRAPPED_LINES
        and widest >= MIN_WRAP_WIDTH
        and full >= FULL_LINE_SHARE * len(inner)
    )


def split_units(text: str) -> list[Unit]:
    """Cut a text page into lines, keeping hard-wrapped paragraphs whole."""
    units = []
    for index, paragraph in enumerate(_PARAGRAPHS.split(text.replace("\r\n", "\n"))):
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        if _is_wrapped(lines):
            units.append(Unit(" ".join(lines), index))
            continue
        for position, line in enumerate(lines):
            following = lines[position + 1] if position + 1 < len(lines) else ""
            units.append(Unit(line, index, continued=following[:1].islower()))
    return units


def _without_urls(text: str) -> str:
    return _URL.sub(" ", text)


def _main_script(units: list[Unit]) -> str | None:
    """The script of the article's prose, if there is enough prose to tell."""
    prose = _without_urls(" ".join(unit.text for unit in units if is_prose(unit.text)))
    script, share = dominant_script(prose)
    letters = sum(1 for char in prose if char.isalpha())
    return script if letters >= MIN_SCRIPT_LETTERS and share >= FOREIGN_SHARE else None


def _mark_rules(units: list[Unit], recurring: set[str]) -> None:
    main_script = _main_script(units)
    seen: set[str] = set()
    for unit in units:
        text = unit.text
        unit.reason = furniture_reason(text)
        if unit.reason is None and text in recurring:
            unit.reason = "recurring"
        code_like = len(_CODE.findall(text)) >= 2
        if unit.reason is None and len(text) < MAX_FOREIGN_CHARS and main_script and not code_like:
            counts = script_counts(_without_urls(text))
            letters = sum(counts.values())
            # Foreign only when the line has next to none of the article's letters:
            # "Microsoft запустила бота" is a Russian line with brand names.
            if letters and counts[main_script] <= MAX_NATIVE_SHARE * letters:
                unit.reason = "other-script"
        if unit.reason is None and len(text) >= MIN_DUPLICATE_CHARS:
            if text in seen:
                unit.reason = "duplicate"
            seen.add(text)


def _title_like(unit: Unit, loose: bool = False) -> bool:
    return not unit.continued and is_title_like(unit.text, loose)


def _is_table(lines: list[Unit]) -> bool:
    """Rows of data (an itinerary, standings, a scorecard): most lines hold a figure."""
    with_figures = sum(1 for unit in lines if any(char.isdigit() for char in unit.text))
    return with_figures >= TABLE_FIGURE_SHARE * len(lines)


def _stands_apart(run: list[Unit], units: list[Unit]) -> bool:
    """The run fills paragraphs of its own before the first or after the last prose line."""
    paragraphs = {unit.paragraph for unit in run}
    if sum(1 for unit in units if unit.paragraph in paragraphs) != len(run):
        return False
    prose = [unit.paragraph for unit in units if unit.reason is None and is_prose(unit.text)]
    return bool(prose) and (min(paragraphs) > max(prose) or max(paragraphs) < min(prose))


def _mark_headline_runs(units: list[Unit]) -> None:
    # A run counts furniture lines too: "All news" closes a headline list.
    runs: list[list[Unit]] = [[]]
    for unit in units:
        if _title_like(unit, loose=True) or unit.reason is not None:
            runs[-1].append(unit)
        elif runs[-1]:
            runs.append([])
    for run in runs:
        titles = [member for member in run if member.reason is None]
        strict = sum(1 for member in titles if _title_like(member))
        if len(titles) < HEADLINE_RUN or strict < HEADLINE_RUN - 1 or _is_table(titles):
            continue
        # Short lines alone prove nothing (a schedule, a list of names): a headline
        # list is labelled by page furniture ("All news") or stands apart from the story.
        if len(titles) < len(run) or _stands_apart(run, units):
            for member in titles:
                member.reason = "headline-list"


def _mark_dangling_titles(units: list[Unit]) -> None:
    # Backwards: a title-like line right before furniture ("Most read", then a
    # headline list or a menu) heads that furniture. Before text or another short
    # line it is a subheading or a row of the story's own list, and at the very end
    # nothing says it is furniture ("Attendance: 9,402", a reporter's name).
    heads_furniture = False
    for position in range(len(units) - 1, -1, -1):
        unit = units[position]
        if unit.reason is not None:
            # A dateline or share bar between a headline and its story does not
            # separate them; a menu or a link label does.
            if unit.reason not in _BETWEEN_TITLE_AND_STORY:
                heads_furniture = True
            continue
        if heads_furniture and position > 0 and _title_like(unit):
            unit.reason = "headline"
            continue
        heads_furniture = False


def classify_text(text: str, recurring: Callable[[list[str]], set[str]] | None = None) -> TextSplit:
    """Split a text page into body paragraphs, boilerplate lines and a leading title."""
    units = split_units(text)
    _mark_rules(units, recurring([unit.text for unit in units]) if recurring else set())
    if sum(1 for unit in units if unit.reason is None and is_prose(unit.text)) >= MIN_PROSE_UNITS:
        _mark_headline_runs(units)
        _mark_dangling_titles(units)
    result = TextSplit()
    kept = [unit for unit in units if unit.reason is None]
    if len(kept) > 1 and is_title_like(kept[0].text) and is_prose(kept[1].text):
        result.title = kept[0].text
        kept = kept[1:]
    paragraphs: list[list[str]] = []
    last_paragraph = None
    for unit in kept:
        if unit.paragraph != last_paragraph:
            paragraphs.append([])
            last_paragraph = unit.paragraph
        paragraphs[-1].append(unit.text)
    result.body = ["\n".join(lines) for lines in paragraphs]
    result.boilerplate = [unit.text for unit in units if unit.reason is not None]
    return result
