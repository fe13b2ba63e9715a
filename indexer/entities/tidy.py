"""Turn raw model spans into clean mentions: trimmed, split, de-noised, gazetteer-typed."""

from __future__ import annotations

import re

from indexer.entities.gazetteer import fixed_type
from indexer.entities.mention import FORCED_WEIGHT, Mention
from indexer.entities.noise import clean_name, is_noise, is_row_label, trim_span
from indexer.model import NAMED_TYPES
from indexer.naming.keys import legal_words

# Inside one model span these separate two names: "Romania - Cosmin Contra",
# "Grace Road, Leicestershire", "Yorkshire at Headingley", "X (Y)", "Haitai 2 Samsung", the
# angle brackets round a company's name or ticker in Reuters' wires ("<Steak Inc>", "<RJR>"),
# and a line break (the body has one paragraph per line).
SEPARATORS = re.compile(
    r"\s+[-–—]\s+|\s+(?:at|v|vs\.?|versus)\s+|\s*[()<>]\s*|\s*[\n•·|;]\s*|\s+\d[\d.,:/-]*\s+"
    r"|\s*,\s+(?!(?:Inc|Ltd|Co|Corp|LLC|LLP|plc|PLC|GmbH|AG|SA|NV|Jr|Sr)\b)"
)
# A sentence that ends on a word in capitals, then the next one's name: a news agency's
# dateline ("МОСКВА, 26 апр ПРАЙМ. Nord Stream 2 AG ..."), which the model reads as one name.
# Shorter words before a full stop are initials and abbreviations ("U.S. Army", "Б. Джонсон").
SENTENCE_END = re.compile(r"(?<![\w.])([A-ZА-ЯЁ]{3,})\.\s+(?=[A-ZА-ЯЁ])")
# What a name glues on after a full stop, with no space: capitals ("Leave.EU") or a short
# lower-case domain ("Mail.ru", "Change.org", "Лента.ру"); "London.Then", a missing space, is
# two words.
GLUED_END = re.compile(r"\.(?:[A-ZА-ЯЁ]{2,}|[a-zа-яё]{2,4})(?!\w)")
# A score, count or year glued to a name by the model: "Kent 108-3", "H. Morris 69".
LEADING_NUMBER = re.compile(r"(?:[\d.,:/x-]+\s+)+")
TRAILING_NUMBER = re.compile(r"(?:\s+[\d.,:/x()-]+)+$")
NAME_TYPES = frozenset(NAMED_TYPES)


def tidy(body: str, mentions: list[Mention]) -> list[Mention]:
    """Clean spans (offsets into `body`), sorted; overlaps resolved in favour of the longer."""
    cleaned: list[Mention] = []
    for mention in mentions:
        cleaned.extend(_parts(body, _with_glued_end(body, mention)))
    return drop_overlaps(cleaned)


def _with_glued_end(body: str, mention: Mention) -> Mention:
    """The mention with the part its name has glued on after a full stop, which the model
    left out ("Leave" of "Leave.EU", "Лента" of "Лента.ру")."""
    glued = GLUED_END.match(body, mention.end)
    if glued is None or body[mention.end - 1 : mention.end].isspace():
        return mention
    normal = mention.normal + glued.group() if mention.normal else mention.normal
    return Mention(
        mention.start, glued.end(), mention.type, normal, mention.language, mention.weight
    )


def drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Sort by start and keep, of overlapping mentions, the heavier then the longer one."""
    ranked = sorted(mentions, key=lambda m: (-m.weight, -(m.end - m.start), m.start))
    kept: list[Mention] = []
    for mention in ranked:
        if all(mention.end <= k.start or k.end <= mention.start for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def make_mention(
    body: str, start: int, end: int, like: Mention, normal: str | None = None
) -> Mention | None:
    """A clean mention of body[start:end] with `like`'s type, or None when it is noise.

    `normal` is the model's dictionary form of the span, trimmed the same way.
    """
    span = _trim(body, start, end, like.type)
    if span is None:
        return None
    start, end = span
    text = body[start:end]
    if is_noise(text) or (" " not in text and is_row_label(body, start)):
        return None
    normal_span = _trim(normal, 0, len(normal), like.type) if normal else None
    normal = clean_name(normal[normal_span[0] : normal_span[1]] if normal and normal_span else text)
    mention = Mention(start, end, like.type, normal, like.language, like.weight)
    if mention.type == "person" and any(c.isdigit() for c in text):
        mention.type = "misc"  # "Covid-19": no one's name has a figure in it
    fixed = fixed_type(normal)
    if fixed is not None:
        mention.type, mention.weight = fixed, FORCED_WEIGHT
    return mention


def _trim(text: str, start: int, end: int, type_: str) -> tuple[int, int] | None:
    span = trim_span(text, start, end)
    if span is None or type_ not in NAME_TYPES:
        return span
    start, end = span
    leading = LEADING_NUMBER.match(text, start, end)
    trailing = TRAILING_NUMBER.search(text[start:end])
    if leading:
        start = leading.end()
    if trailing:
        end = min(end, span[0] + trailing.start())
    return trim_span(text, start, end) if start < end else None


def _pieces(text: str) -> list[tuple[int, int]]:
    pieces, start = [], 0
    for at, after in _separators(text):
        pieces.append((start, at))
        start = after
    pieces.append((start, len(text)))
    return [(a, b) for a, b in pieces if b > a]


def _separators(text: str) -> list[tuple[int, int]]:
    """Where each separator between two names starts and ends, in order."""
    found = [(m.start(), m.end()) for m in SEPARATORS.finditer(text)]
    found += [
        (m.end(1), m.end())
        for m in SENTENCE_END.finditer(text)
        if m.group(1).casefold() not in legal_words()  # "MEDIQ INC. Shares": one company
    ]
    kept: list[tuple[int, int]] = []
    for at, after in sorted(found):
        if not kept or at >= kept[-1][1]:
            kept.append((at, after))
    return kept


def _parts(body: str, mention: Mention) -> list[Mention]:
    pieces = _pieces(body[mention.start : mention.end])
    normal_pieces = _pieces(mention.normal)
    # The model's normal form splits the same way when it kept the separators.
    normals = (
        [mention.normal[a:b] for a, b in normal_pieces]
        if len(normal_pieces) == len(pieces)
        else [None] * len(pieces)
    )
    found = []
    for (a, b), normal in zip(pieces, normals, strict=True):
        part = make_mention(body, mention.start + a, mention.start + b, mention, normal)
        if part is not None:
            found.append(part)
    return found
