"""Document-level recall: a name the model found once is the same name where it missed it."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence

from indexer.entities.aliases import PARTICLES, Cluster
from indexer.entities.mention import Mention
from indexer.entities.noise import is_noise
from indexer.model import NAMED_TYPES

# Shorter names are too often ordinary words or initials.
MIN_REPEAT_CHARS = 3
SENTENCE_END = frozenset('.!?:;\n"»”')
Span = tuple[int, int]
WORD_JOINERS = frozenset("_'’-")
REPEATABLE = frozenset(NAMED_TYPES)


def add_repeats(
    body: str, clusters: list[Cluster], regions: Mapping[str, Sequence[Span]] | None = None
) -> list[Cluster]:
    """Add untagged occurrences of each entity's names (and a person's surname) to it.

    With `regions`, an occurrence counts only inside a stretch of the language its
    entity was found in (a German paragraph is not searched for English names).
    """
    taken = sorted((m.start, m.end) for c in clusters for m in c.mentions)
    starts = [s for s, _ in taken]
    owner: dict[str, int] = {}
    for index, cluster in enumerate(clusters):
        for surface in _surfaces(body, cluster):
            owner.setdefault(surface, index)
            if owner[surface] != index:
                owner[surface] = -1  # two entities share the name: leave it alone
    for surface, index in sorted(owner.items()):
        if index < 0:
            continue
        cluster = clusters[index]
        like = cluster.mentions[0]
        for start in _occurrences(body, surface):
            end = start + len(surface)
            if regions is not None and not _inside(regions.get(like.language, ()), start, end):
                continue
            if _overlaps(taken, starts, start, end):
                continue
            if " " not in surface and not surface.isupper() and _starts_sentence(body, start):
                continue  # a capitalised first word may be an ordinary word
            if surface.isupper() and _in_shouted_line(body, start):
                continue  # in a headline in capitals every word looks like an acronym
            cluster.mentions.append(Mention(start, end, cluster.type, surface, like.language))
            taken.insert(bisect_right(starts, start), (start, end))
            starts.insert(bisect_right(starts, start), start)
    for cluster in clusters:
        cluster.mentions.sort(key=lambda m: m.start)
    return clusters


def _surfaces(body: str, cluster: Cluster) -> set[str]:
    if cluster.type not in REPEATABLE:
        return set()
    surfaces = {body[m.start : m.end] for m in cluster.mentions}
    if cluster.type == "person":
        for surface in list(surfaces):
            words = surface.split()
            if len(words) >= 2 and words[-1].casefold() not in PARTICLES:
                surfaces.add(words[-1])
    return {
        s for s in surfaces if len(s) >= MIN_REPEAT_CHARS and s[0].isupper() and not is_noise(s)
    }


def _overlaps(taken: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    i = bisect_right(starts, start)
    return any(s < end and start < e for s, e in taken[max(0, i - 2) : i + 2])


def _inside(spans: Sequence[Span], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _occurrences(body: str, surface: str) -> list[int]:
    """Where `surface` occurs as whole words (a plain search: a regex per name costs more)."""
    found, start = [], body.find(surface)
    while start >= 0:
        end = start + len(surface)
        before = body[start - 1] if start else " "
        after = body[end] if end < len(body) else " "
        if not (
            before.isalnum() or before in WORD_JOINERS or after.isalnum() or after in WORD_JOINERS
        ):
            found.append(start)
        start = body.find(surface, end)
    return found


def _starts_sentence(body: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and body[i] in " \t":
        i -= 1
    return i < 0 or body[i] in SENTENCE_END


def _in_shouted_line(body: str, start: int) -> bool:
    line_start = body.rfind("\n", 0, start) + 1
    line_end = body.find("\n", start)
    letters = [c for c in body[line_start : line_end if line_end >= 0 else None] if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 0.8 * len(letters)
