"""Russian NER with natasha (models ship in its wheel), names put in the nominative."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from indexer.entities.mention import Mention
from indexer.entities.noise import clean_name
from indexer.model import EntityType
from indexer.naming.keys import morphology

LABELS: dict[str, EntityType] = {"PER": "person", "ORG": "organization", "LOC": "location"}
NOUN_TAGS = frozenset({"NOUN", "PROPN"})


class _Models:
    """natasha's segmenter, NER and morphology taggers, built once per process."""

    def __init__(self) -> None:
        from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

        embedding = NewsEmbedding()
        self.segmenter = Segmenter()
        self.ner = NewsNERTagger(embedding)
        self.morph = NewsMorphTagger(embedding)
        self.vocab = morphology()


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
        from natasha import Doc

        models = self.models
        docs = [Doc(text) for text in texts]
        for doc in docs:
            doc.segment(models.segmenter)
        _tag_names(models, docs)
        _tag_morphology(models, docs)
        return [_doc_mentions(models, doc) for doc in docs]


def _tag_names(models: _Models, docs: list[Any]) -> None:
    """NER over every text in one pass, in length order so that each padded batch is even."""
    from natasha.doc import adapt_spans

    for doc in docs:
        doc.spans = []
    live = [i for i, doc in enumerate(docs) if doc.text.strip()]
    # natasha pads each batch of 8 texts to its longest: neighbours in length waste least.
    live.sort(key=lambda i: len(docs[i].tokens))
    markups = models.ner.map([docs[i].text for i in live])
    for i, markup in zip(live, markups, strict=True):
        doc = docs[i]
        doc.spans = list(adapt_spans(doc, markup.spans))
        doc.envelop_span_tokens()
        doc.envelop_sent_spans()


def _tag_morphology(models: _Models, docs: list[Any]) -> None:
    """Part of speech and case for the sentences that hold a name (it costs more than NER)."""
    sents = [
        sent
        for doc in docs
        for sent in doc.sents
        if any(sent.start <= span.start < sent.stop for span in doc.spans)
    ]
    sents.sort(key=lambda sent: len(sent.tokens))
    tagged = models.morph.map([[token.text for token in sent.tokens] for sent in sents])
    for sent, markup in zip(sents, tagged, strict=True):
        for token, tag in zip(sent.tokens, markup.tokens, strict=True):
            token.pos, token.feats = tag.pos, tag.feats


def _doc_mentions(models: _Models, doc: Any) -> list[Mention]:
    found = []
    for span in doc.spans:
        type_ = LABELS.get(span.type)
        if type_ is None:
            continue
        normal = _nominative(models, span.tokens, type_)
        found.append(Mention(span.start, span.stop, type_, clean_name(normal), "ru"))
    return found
