"""Recall: names of entities the store already knows, found again where the model missed them.

A short post that opens with «Путина поддержали…» gets no person from the model; the store knows
"Путин" as a name of the entity seen in many articles, so the post is tagged too, and a filter on
that entity does not silently drop it. Only names seen in several articles count, a single word
only when written with a capital, and a phrase only where it starts with one.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from indexer.config import Settings
from indexer.entities.mention import Mention
from indexer.entities.noise import is_noise
from indexer.model import EntityType
from indexer.naming.keys import form_key
from indexer.naming.store import FILENAME

# An entity is known once this many articles named it: one article's mistake is not.
MIN_ARTICLES = 3
# A name typed in that many articles at least (not a one-off spelling).
MIN_NAME_ARTICLES = 2
# Longest known name looked for, in words.
MAX_WORDS = 4
# Shortest single word taken as a known name: shorter ones are too often other words.
MIN_WORD_CHARS = 4
# Seconds between re-reading the store: ingest workers learn from each other's articles.
RELOAD_S = 60.0
# Vote weight of a name found this way: one model vote, so the model's type wins a tie.
KNOWN_WEIGHT = 1.0
WORD = re.compile(r"[^\W\d_][^\W_]*(?:[-'’][^\W_]+)*")


@dataclass(frozen=True)
class Known:
    """A known name: the entity's type and the name in its dictionary form."""

    type: EntityType
    normal: str


class KnownNames:
    """The store's well-known names by form key, re-read now and then."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._names: dict[str, Known] = {}
        self._loaded = float("-inf")

    @classmethod
    def for_settings(cls, settings: Settings) -> KnownNames:
        """The names of the store under `settings.data_dir` (a `ctx.resource` factory)."""
        return cls(Path(settings.data_dir) / FILENAME)

    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path, "_names": {}, "_loaded": float("-inf")}

    def names(self) -> Mapping[str, Known]:
        """Form key -> known name, fresh within `RELOAD_S`."""
        if time.monotonic() - self._loaded > RELOAD_S:
            self._names = self._read()
            self._loaded = time.monotonic()
        return self._names

    def _read(self) -> dict[str, Known]:
        if not self.path.exists():
            return {}
        try:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        except sqlite3.Error:
            return {}
        try:
            rows = db.execute(
                "SELECT n.form, n.name, e.type FROM names n JOIN entities e ON e.id = n.entity_id"
                " WHERE e.articles >= ? AND n.articles >= ? AND e.merged_into IS NULL"
                " AND e.hidden = 0 AND e.type != 'misc'",
                (MIN_ARTICLES, MIN_NAME_ARTICLES),
            ).fetchall()
        except sqlite3.Error:
            return {}
        finally:
            db.close()
        found: dict[str, Known | None] = {}
        for form, name, type_ in rows:
            known = Known(type_, name)
            # A form two entities share (or one entity under two types) names neither.
            found[form] = known if found.get(form, known) == known else None
        return {form: known for form, known in found.items() if known is not None}


def known_mentions(
    text: str, language: str, taken: Sequence[Mention], names: Mapping[str, Known]
) -> list[Mention]:
    """Mentions of known names in `text` that no mention in `taken` covers."""
    if not names:
        return []
    words = list(WORD.finditer(text))
    spans = sorted((m.start, m.end) for m in taken)
    found: list[Mention] = []
    i = 0
    while i < len(words):
        first = words[i]
        if not first.group()[0].isupper():
            i += 1
            continue
        for size in range(min(MAX_WORDS, len(words) - i), 0, -1):
            last = words[i + size - 1]
            if size > 1 and not _one_phrase(text, words[i : i + size]):
                continue
            surface = text[first.start() : last.end()]
            if size == 1 and (len(surface) < MIN_WORD_CHARS or surface.isupper()):
                continue
            known = names.get(form_key(surface))
            if known is None or is_noise(surface) or _overlaps(spans, first.start(), last.end()):
                continue
            found.append(
                Mention(first.start(), last.end(), known.type, known.normal, language, KNOWN_WEIGHT)
            )
            i += size - 1
            break
        i += 1
    return found


def _one_phrase(text: str, words: Sequence[re.Match[str]]) -> bool:
    """Words separated by single spaces only (no punctuation or line break between them)."""
    return all(text[a.end() : b.start()] == " " for a, b in zip(words, words[1:], strict=False))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
