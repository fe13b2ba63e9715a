"""The working record of one entity mention while rules refine it."""

from __future__ import annotations

from dataclasses import dataclass

from indexer.model import EntityType

# Vote weight of a type that a gazetteer or a strong rule fixed; it outweighs
# any number of model votes in one article.
FORCED_WEIGHT = 100.0


@dataclass
class Mention:
    """A span of the body the model or a rule named, with its current type and normal form.

    Offsets are into the text the mention was found in (a segment, then the body
    once shifted). `normal` is the name in dictionary form: whitespace and quotes
    normalised, and for Russian the nominative case ("Алексеем Миллером" ->
    "Алексей Миллер").
    """

    start: int
    end: int
    type: EntityType
    normal: str
    language: str
    weight: float = 1.0

    @property
    def forced(self) -> bool:
        """True when a gazetteer or strong rule fixed the type."""
        return self.weight >= FORCED_WEIGHT

    def shifted(self, offset: int) -> Mention:
        """The same mention with offsets moved by `offset` characters."""
        return Mention(
            self.start + offset,
            self.end + offset,
            self.type,
            self.normal,
            self.language,
            self.weight,
        )
