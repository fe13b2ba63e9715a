"""English NER with spaCy: only the components NER needs, batched, decoded with the GIL held."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from indexer.entities.gazetteer import is_country, is_team_place
from indexer.entities.lookalikes import read_as_latin
from indexer.entities.mention import Mention
from indexer.entities.noise import clean_name
from indexer.model import EntityType

# spaCy OntoNotes labels we keep; NORP ("Iraqi"), dates, money and numbers are not
# entities an analyst filters by.
LABELS: dict[str, EntityType] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "location",
    "LOC": "location",
    "FAC": "location",
    "EVENT": "misc",
    "PRODUCT": "misc",
    "WORK_OF_ART": "misc",
    "LAW": "misc",
}
# Components that can feed NER; everything else is removed after loading.
NER_COMPONENTS = frozenset({"ner", "tok2vec", "transformer", "entity_ruler", "span_ruler"})
# Components of the stock pipelines that NER never needs: excluded before they load.
NOT_FOR_NER = ["tagger", "parser", "attribute_ruler", "lemmatizer", "morphologizer", "senter"]
# Texts per batch: large enough to amortise the model's per-batch cost, small enough to
# keep memory flat (measured in bench/ner_bench.py); as in spaCy's own pipe, each batch
# is decoded in length-sorted quarters so short texts do not wait on long ones.
BATCH_SIZE = 64
DECODE_BATCH = BATCH_SIZE // 4
# Longer texts are cut into pieces of at most this many characters at a line break,
# so one huge input cannot exhaust memory.
MAX_PIECE_CHARS = 100_000
SHOUTED_WORD = re.compile(r"\b[A-Z][A-Z'’&-]*[A-Z]\b")
# Words not at the start of a sentence: their case in running text tells a name from a word.
MID_SENTENCE_WORD = re.compile(r"(?<=[\w,;)] )[A-Za-z][a-z'’-]*\b")
# Words a headline shouts that are never names on their own.
FUNCTION_WORDS = frozenset(
    """a an the of in on at to for from by with and or but as is are was were be been has have
    had will would not no over after before into up down out off than that this it its his her
    their new says said""".split()
)
LINE = re.compile(r"[^\n]+")


def load_pipeline(model_name: str) -> Any:
    """Load a spaCy pipeline with only NER and the embedding layers it listens to."""
    import spacy

    try:
        nlp = spacy.load(model_name, exclude=NOT_FOR_NER)
    except OSError as error:
        raise RuntimeError(
            f"spaCy model {model_name!r} is not installed; pip install it or set "
            "NEWSDESK_SPACY_MODEL to an installed pipeline"
        ) from error
    if "ner" not in nlp.pipe_names:
        raise RuntimeError(f"spaCy model {model_name!r} has no 'ner' component")
    for name in list(nlp.pipe_names):
        if name not in NER_COMPONENTS:
            nlp.remove_pipe(name)
    # A shared tok2vec that NER does not listen to (en_core_web_sm's NER has its own)
    # would run for nothing.
    for name in ("tok2vec", "transformer"):
        if name in nlp.pipe_names and not getattr(nlp.get_pipe(name), "listening_components", []):
            nlp.remove_pipe(name)
    nlp.max_length = MAX_PIECE_CHARS + 1
    return nlp


def _steppable_ner(nlp: Any) -> Any:
    """The pipeline's NER when it is the only component and a greedy transition model."""
    from spacy.pipeline import EntityRecognizer
    from thinc.api import NumpyOps

    if nlp.pipe_names != ["ner"]:
        return None
    ner = nlp.get_pipe("ner")
    greedy = isinstance(ner, EntityRecognizer) and ner.cfg.get("beam_width", 1) == 1
    stepped = ner.model.name == "parser_model" and type(ner.model.ops) is NumpyOps
    return ner if greedy and stepped else None


def use_openblas(nlp: Any) -> Any:
    """Run the NER's embedding and feature layers on numpy's BLAS instead of blis.

    The blis bundled with thinc falls back to its generic kernels on CPUs it does not
    know: 3x slower than OpenBLAS on this machine's EPYC (31 -> 20 CPU ms per 500-word
    article). The output layer keeps blis, as spaCy's own decoder does; bench/pipeline_speed.py
    checks that the entities stay the same.
    """
    from thinc.api import NumpyOps

    ner = _steppable_ner(nlp)
    if ner is not None:
        ops = NumpyOps(use_blis=False)
        for layer in ("tok2vec", "lower"):
            for node in ner.model.get_ref(layer).walk():
                node.ops = ops
    return nlp


def recognize(nlp: Any, texts: Iterable[str]) -> Iterator[Any]:
    """Docs with entities, in order: `nlp.pipe`, but greedy NER decoded step by step here.

    spaCy's greedy decoder releases the GIL, and every transition check in its compiled
    NER module (built with Cython profiling hooks) takes it back: on Python 3.11 a third
    of the NER's time. Stepping the same model from Python, with the GIL held, runs the
    same arithmetic and the same transitions (44 -> 31 CPU ms per 500-word article).
    """
    ner = _steppable_ner(nlp)
    if ner is None:
        yield from nlp.pipe(texts, batch_size=BATCH_SIZE)
        return
    pending = iter(texts)
    while batch := list(islice(pending, BATCH_SIZE)):
        docs = [nlp.make_doc(text) for text in batch]
        by_length = sorted(docs, key=len)  # similar lengths decode together with less padding
        for start in range(0, len(by_length), DECODE_BATCH):
            _decode(ner, by_length[start : start + DECODE_BATCH])
        yield from docs


def _decode(ner: Any, docs: list[Any]) -> None:
    states = ner.moves.init_batch(docs)
    if any(len(doc) for doc in docs):
        model = ner.model.predict(docs)
        todo = [state for state in states if not state.is_final()]
        while todo:
            todo = ner.transition_states(todo, model.predict(todo))
        model.clear_memory()
    ner.set_annotations(docs, states)


def restore_case(text: str) -> str:
    """Re-case shouted lines ("SHEARER NAMED AS ENGLAND CAPTAIN") keeping length, so offsets hold.

    The model reads all-capitals headlines as one long name or as nothing. Each
    shouted word takes the case the same word has elsewhere in the text; words
    never seen elsewhere are lower-cased unless they start the line or are places.
    """
    lines = list(LINE.finditer(text))
    shouted = [_is_shouted(line.group()) for line in lines]
    if not any(shouted):
        return text
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for line, loud in zip(lines, shouted, strict=True):
        if not loud:
            for word in MID_SENTENCE_WORD.findall(line.group()):
                (capital if word[0].isupper() else lower)[word.casefold()] += 1
    chars = list(text)
    for line, loud in zip(lines, shouted, strict=True):
        if not loud:
            continue
        for number, word in enumerate(SHOUTED_WORD.finditer(line.group())):
            folded = word.group().casefold()
            if lower[folded] > capital[folded] or folded in FUNCTION_WORDS:
                keep = 1 if number == 0 else 0
            elif capital[folded] or number == 0 or is_team_place(folded) or is_country(folded):
                keep = 1
            elif len(folded) <= 3:
                continue  # an acronym we cannot tell from a short word: leave it
            else:
                keep = 0
            start = line.start() + word.start()
            for i in range(start + keep, line.start() + word.end()):
                if len(chars[i].lower()) == 1:
                    chars[i] = chars[i].lower()
    return "".join(chars)


def _is_shouted(line: str) -> bool:
    letters = sum(map(str.isalpha, line))
    # Upper-case characters of any kind bound the upper-case letters from above: most
    # lines fail this test without a per-letter loop.
    if letters < 4 or sum(map(str.isupper, line)) < 0.8 * letters:
        return False
    return sum(c.isupper() for c in line if c.isalpha()) >= 0.8 * letters


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    while len(text) - start > MAX_PIECE_CHARS:
        cut = text.rfind("\n", start, start + MAX_PIECE_CHARS)
        cut = cut + 1 if cut > start else start + MAX_PIECE_CHARS
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


class EnglishNer:
    """Finds English mentions in many texts at once; the spaCy model loads on first use."""

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name
        self._nlp: Any = None

    def __getstate__(self) -> dict[str, Any]:
        # Worker processes rebuild the model themselves rather than pickling it.
        return {"model_name": self.model_name, "_nlp": None}

    @property
    def nlp(self) -> Any:
        """The loaded spaCy pipeline."""
        if self._nlp is None:
            self._nlp = use_openblas(load_pipeline(self.model_name))
        return self._nlp

    def mentions(self, texts: Sequence[str]) -> list[list[Mention]]:
        """Mentions per text, offsets relative to that text, spaCy labels mapped to ours."""
        # Each piece read with Cyrillic look-alikes as Latin ("Mоscow"): the same length, so
        # the model's offsets and the names taken from the read piece fit the written text.
        jobs = [
            (i, start, read_as_latin(piece))
            for i, text in enumerate(texts)
            for start, piece in _pieces(text)
        ]
        found: list[list[Mention]] = [[] for _ in texts]
        docs = recognize(self.nlp, (restore_case(piece) for _, _, piece in jobs))
        for (i, offset, piece), doc in zip(jobs, docs, strict=True):
            for ent in doc.ents:
                type_ = LABELS.get(ent.label_)
                if type_ is None:
                    continue
                surface = piece[ent.start_char : ent.end_char]
                found[i].append(
                    Mention(
                        ent.start_char + offset,
                        ent.end_char + offset,
                        type_,
                        clean_name(surface),
                        "en",
                    )
                )
        return found
