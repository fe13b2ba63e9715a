"""Russian NER with natasha (models ship in its wheel), names put in the nominative."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from indexer.entities.mention import Mention
from indexer.entities.noise import clean_name
from indexer.model import EntityType

LABELS: dict[str, EntityType] = {"PER": "person", "ORG": "organization", "LOC": "location"}
NOUN_TAGS = frozenset({"NOUN", "PROPN"})


class _Models:
    """natasha's segmenter, NER and morphology taggers, built once per process."""

    def __init__(self) -> None:
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

        embedding = NewsEmbedding()
        self.segmenter = Segmenter()
        self.ner = NewsNERTagger(embedding)
        self.morph = NewsMorphTagger(embedding)
        self.vocab = MorphVocab()


def _nominative(models: _Models, tokens: list[Any], type_: EntityType) -> str:
    """Put a name in the nominative: every word of a person's name, and of an organisation
    or place only the words up to the head noun ("Тверской площади" -> "Тверская площадь",
    but "Союза журналистов" -> "Союз журналистов")."""
    from natasha.norm import inflect_word, recover_shapes, recover_spaces

    head = len(tokens)
    if type_ != "person":
        head = next((i + 1 for i, t in enumerate(tokens) if t.pos in NOUN_TAGS), len(tokens))
    words = [
        inflect_word(models.vocab, token) if i < head else token.text
        for i, token in enumerate(tokens)
    ]
    return str(recover_spaces(recover_shapes(words, tokens), tokens))


class RussianNer:
    """Finds Russian mentions; natasha's models load on first use."""

    def __init__(self) -> None:
        self._models: _Models | None = None

    def __getstate__(self) -> dict[str, Any]:
        # Worker processes rebuild the models rather than pickling them.
        return {"_models": None}

    @property
    def models(self) -> _Models:
        """The loaded natasha models."""
        if self._models is None:
            self._models = _Models()
        return self._models

    def mentions(self, texts: Sequence[str]) -> list[list[Mention]]:
        """Mentions per text, offsets relative to that text, names in the nominative."""
        return [self._text_mentions(text) for text in texts]

    def _text_mentions(self, text: str) -> list[Mention]:
        from natasha import Doc

        models = self.models
        doc = Doc(text)
        doc.segment(models.segmenter)
        doc.tag_ner(models.ner)
        if not doc.spans:
            return []
        # Morphology only for sentences that hold a name: it costs more than NER.
        for sent in doc.sents:
            if any(sent.start <= span.start < sent.stop for span in doc.spans):
                morph = models.morph([token.text for token in sent.tokens])
                for token, tagged in zip(sent.tokens, morph.tokens, strict=True):
                    token.pos, token.feats = tagged.pos, tagged.feats
        found = []
        for span in doc.spans:
            type_ = LABELS.get(span.type)
            if type_ is None:
                continue
            normal = _nominative(models, span.tokens, type_)
            found.append(Mention(span.start, span.stop, type_, clean_name(normal), "ru"))
        return found
