"""Sports pages: a place named in a results line is a team, i.e. an organisation.

"Leicestershire beat Somerset", "Haitai 2 Samsung 0", "Boston at California":
in a sports text a city or county that plays, scores or stands in a table is a
club, while the same name after "in" or "at" is where the match was played.
"""

from __future__ import annotations

import re

from indexer.entities.gazetteer import is_country, is_team_place, starts_with_first_name
from indexer.entities.mention import Mention
from indexer.entities.tidy import drop_overlaps, make_mention

SPORT_WORDS = re.compile(
    r"""(?i)\b(?:soccer|football|cricket|tennis|golf|rugby|baseball|basketball|hockey|athletics
    |cycling|boxing|skiing|motor\s?racing|formula\s+one|league|cup|championship|tournament
    |innings|wickets?|goals?|scored|halftime|half-time|seeded|quarter-?finals?|semi-?finals?
    |standings|season|coach|striker|midfielder|goalkeeper|batsman|bowler|pitcher|homer|match
    |beat|defeated|drew|draw|points|stadium|final|round|lap|sets?|game)\b""",
    re.VERBOSE,
)
# A sports text names its sport several times; one "cup" or "round" is not enough.
MIN_SPORT_WORDS = 6
SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b")
NAME_RUN = re.compile(r"[A-Z][\w'’.&-]*(?: (?:[A-Z][\w'’.&-]*|de|of|the|and|St\.?))*")
NUMBER_AFTER = re.compile(r"\s+\(?\d")
FIXTURE_LINE = re.compile(r"^\s*([A-Z][\w .'-]*?)\s+(?:at|v|vs\.?|versus)\s+([A-Z][\w .'-]*?)\s*$")
VENUE_BEFORE = re.compile(r"(?i)\b(?:in|at|from|near|to)\s+(?:the\s+)?$")
PLAYS = re.compile(r"^\s+(?:beat|beats|defeated|drew|lost|won|v|vs\.?|versus|and)\b")
SCORECARD_MARK = re.compile(r"(?:^|\s)(?:b|c|st|lbw|c&b|run out)\s+$")
# Vote weights: a results line is strong evidence, a team place in prose a hint.
RESULTS_WEIGHT = 5.0
PROSE_WEIGHT = 1.5


def is_sports_text(text: str) -> bool:
    """True when the text reads like a sports report or results list."""
    words = len(SPORT_WORDS.findall(text))
    return words >= MIN_SPORT_WORDS or (words >= 2 and len(SCORE.findall(text)) >= 2)


def sports_rules(text: str, mentions: list[Mention]) -> list[Mention]:
    """Retype team names in a sports text (offsets in `text`); other texts pass unchanged."""
    if not is_sports_text(text):
        return mentions
    teams = [m for m in _results_teams(text, mentions)]
    mentions = drop_overlaps(mentions + teams)
    for mention in mentions:
        if mention.forced or mention.type not in ("location", "person", "organization"):
            continue
        name = text[mention.start : mention.end]
        if not is_team_place(name) or mention.weight >= RESULTS_WEIGHT:
            continue
        if VENUE_BEFORE.search(text, max(0, mention.start - 12), mention.start):
            mention.type, mention.weight = "location", PROSE_WEIGHT
        else:
            mention.type, mention.weight = "organization", PROSE_WEIGHT
    return mentions


def _results_teams(text: str, mentions: list[Mention]) -> list[Mention]:
    """Team mentions from results lines, tables and fixtures."""
    people = {text[m.start : m.end] for m in mentions if m.type == "person"}
    like = Mention(0, 0, "organization", "", "en", RESULTS_WEIGHT)
    found = []
    for line in re.finditer(r"[^\n]+", text):
        fixture = FIXTURE_LINE.match(line.group())
        spans = (
            [(line.start() + fixture.start(g), line.start() + fixture.end(g)) for g in (1, 2)]
            if fixture
            else list(_scored_names(text, line.start(), line.end(), people))
        )
        for start, end in spans:
            mention = make_mention(text, start, end, like)
            if mention is not None and mention.type == "organization":
                found.append(mention)
    return found


def _scored_names(text: str, start: int, end: int, people: set[str]) -> list[tuple[int, int]]:
    """Names in a results or table line that a score or a row of figures follows."""
    line = text[start:end]
    tokens = line.split()
    numbers = sum(any(c.isdigit() for c in t) for t in tokens)
    if not tokens or numbers < 2 or numbers < 0.3 * len(tokens):
        return []
    runs = []
    for run in NAME_RUN.finditer(line):
        name = run.group()
        followed = NUMBER_AFTER.match(line, run.end()) or PLAYS.match(line, run.end())
        if not followed or is_country(name) or name in people or starts_with_first_name(name):
            continue
        if SCORECARD_MARK.search(line, 0, run.start()) or re.match(r"[A-Z]\.", name):
            continue  # "b Such 24", "P. Simmons 69": a player in a scorecard
        runs.append((start + run.start(), start + run.end()))
    # One name and figures is a player's line as often as a team's; two is a result.
    return runs if len(runs) >= 2 or (runs and _is_table_row(line)) else []


def _is_table_row(line: str) -> bool:
    """A standings row: a name at the start, then three or more figures."""
    match = NAME_RUN.match(line.strip())
    return match is not None and len(re.findall(r"\b\d+\b", line.strip()[match.end() :])) >= 3
