"""The single list of indexed fields; the tantivy schema and mappings/articles.json follow it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from indexer.model import ENTITY_TYPES, NAMED_TYPES, EntityType

FieldKind = Literal["keyword", "text", "ranked", "cut", "date", "stored"]
# How a query word is scored (search_fields): as typed, inside a quoted phrase, as a ranked
# word of a long query, or as a word that pseudo-relevance feedback added (feedback.py).
WordUse = Literal["typed", "phrase", "ranked", "feedback", "cut"]

# A word in a real headline times this. The headline is its own short field, so a word there
# already adds its own BM25 score to the body's. Tuned on CRAN's titles (bench/relevance_sweep.py):
# nDCG@10 0.359 at 1, 0.349 at 1.5, 0.337 at 2 (3, before: 0.320).
HEADLINE_BOOST = 1.0
# Languages with a stemmed sub-field on every text field (Snowball stemmers in both engines).
STEMMED_LANGUAGES = ("en", "ru")
# The letters each stemmer changes: a word in other letters is left as it is, so its stemmed
# field holds it as written and adds nothing to the unstemmed match but weight.
STEMMED_SCRIPTS = {"en": re.compile("[A-Za-z]"), "ru": re.compile("[\u0400-\u04ff]")}
# A match of the word as written, beside the match of its stem (weight 1): the exact form
# counts a little more than another form of the word. Tuned on CRAN and MED: from 0.15 to 1
# within 0.01 of each other (CRAN best low, MED best at 1); the middle value.
UNSTEMMED_WEIGHT = 0.5
# The same for the ranked words of a long query (search_fields, "ranked"). Tuned on CRAN and
# MED with feedback (bench/relevance_sweep.py --ranked-unstemmed), nDCG@10: 0.389 / 0.718 at 0,
# 0.390 / 0.711 at 0.25, 0.389 / 0.719 at 0.5, 0.388 / 0.717 at 1: level, so none, which
# halves the clauses of a ranked query and scores it as plain BM25 does. Again level over the
# ranked field (RANKED_FIELD, headline 0.5): 0.400 / 0.718 at 0, 0.399 / 0.711 at 0.25.
RANKED_UNSTEMMED_WEIGHT = 0.0
# The same for feedback words (feedback.py): nDCG@10 0.382 / 0.716 at 0, 0.389 / 0.718 at 0.5
# (CRAN / MED, ranked words at 0); over RANKED_FIELD 0.398 / 0.716 at 0, 0.400 / 0.718 at 0.5.
FEEDBACK_UNSTEMMED_WEIGHT = 0.5
# Ranked and feedback words are scored over RANKED_FIELD, a real headline and the body as one
# text (as plain BM25 scores a document): one idf and one length for both, where a sum of
# per-field scores counts a word's rarity twice and a short headline's length apart.
RANKED_FIELD = "all_text"
# A ranked word's stemmed match in a real headline adds this much of the headline's own score
# beside the one-field score. Tuned on CRAN (MED has no headlines: 0.718 at every value) with
# bench/relevance_sweep.py --ranked-headline, nDCG@10: 0.381 at 0, 0.397 at 0.25, 0.399 at 0.35,
# 0.400 at 0.5, 0.399 at 0.7, 0.397 at 1 (title and body scored apart, before: 0.389).
RANKED_HEADLINE_WEIGHT = 0.5
# The same for an article without a real headline: its made title, the first sentence of its
# body (the lead, which names what the article is about as a headline would), adds this much of
# its own score. Tuned on MED and half A of the Lenta known-item sets (bench.relevance
# query_half), where no article has a headline (CRAN's all have: 0.400 at every value), with
# bench/relevance_sweep.py --ranked-lead, nDCG@10 MED / Lenta A headline / Lenta A keywords:
# 0.718 / 0.943 / 0.826 at 0, 0.745 / 0.960 / 0.853 at 0.25, 0.738 / 0.964 / 0.855 at 0.5,
# 0.748 / 0.965 / 0.849 at 1: flat from 0.25 to 1, the middle value (a real headline's too).
RANKED_LEAD_WEIGHT = 0.5
LEAD_FIELD = "lead"
# Cyrillic words of a real headline and the body cut to their first letters (cut_words.py).
CUT_FIELD = "all_text_cut"


@dataclass(frozen=True)
class FieldSpec:
    """One field: how it is indexed and whether it is a facet."""

    name: str
    kind: FieldKind
    multi: bool = False  # holds a list of values
    facet: bool = False  # counted and filterable in the search UI
    boost: float = 1.0  # relevance weight of a text field
    nullable: bool = True  # an article may lack it
    # A "ranked" field holds these text fields' words (none: the document holds its own text).
    copied_from: tuple[str, ...] = ()


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", "keyword", nullable=False),
    FieldSpec("url", "keyword"),
    FieldSpec("source", "keyword", facet=True),
    # A headline only: a title made from the body's first sentence is searched as the body text
    # it is (document.py), and `title_source` says which one the article has.
    FieldSpec("title", "text", boost=HEADLINE_BOOST),
    FieldSpec("title_source", "keyword"),  # "headline", or "body" for a made title
    FieldSpec("body", "text"),
    FieldSpec("boilerplate", "text", boost=0.0),  # searchable on its own, never in the main query
    # Headline (a real one only, as above) and body as one stemmed text, for ranked words.
    FieldSpec(RANKED_FIELD, "ranked", copied_from=("title", "body")),
    # A title made from the body's first sentence, the article's lead: only ranked words look
    # there (RANKED_LEAD_WEIGHT); to every other search it is the body text it is.
    FieldSpec(LEAD_FIELD, "ranked"),  # stemmed only, word counts only, as RANKED_FIELD
    FieldSpec(CUT_FIELD, "cut"),  # the document holds the cut words; word counts only
    FieldSpec("language", "keyword", facet=True, nullable=False),
    # Canonical entity names, one field per type; "misc" is kept but not a facet.
    *(FieldSpec(kind, "keyword", multi=True, facet=kind in NAMED_TYPES) for kind in ENTITY_TYPES),
    FieldSpec("published_at", "date"),
    FieldSpec("published_at_source", "keyword"),
    # Calendar buckets as keywords: both engines count them with a plain `terms`
    # aggregation, so histograms agree exactly (tantivy rejects calendar intervals).
    FieldSpec("published_day", "keyword"),
    FieldSpec("published_week", "keyword"),
    FieldSpec("published_month", "keyword"),
    FieldSpec("published_year", "keyword"),
    # When the article was last written to the index: saved searches count what is new.
    FieldSpec("indexed_at", "date"),
    FieldSpec("article", "stored"),  # the whole extract record, for article pages and export
)

FIELD_NAMES = tuple(spec.name for spec in FIELDS)
# Facets in the order the page and the API show them.
FACETS: tuple[str, ...] = (*NAMED_TYPES, "language", "source")
assert set(FACETS) == {spec.name for spec in FIELDS if spec.facet}
# The entity types an analyst filters by, in facet order.
ENTITY_FACETS: tuple[EntityType, ...] = NAMED_TYPES
# What a result row shows, in this order: `base.Hit` holds these (then snippet and score), and
# the API schema, the embedded hits and Elasticsearch's _source filter follow this list.
HIT_FIELDS: tuple[str, ...] = ("id", "title", "url", "source", "published_at", "language")
BY_NAME = {spec.name: spec for spec in FIELDS}
TEXT_FIELDS = tuple(spec for spec in FIELDS if spec.kind == "text")
QUERY_FIELDS = tuple(spec for spec in TEXT_FIELDS if spec.boost > 0)
HISTOGRAM_INTERVALS = ("day", "week", "month", "year")


def stemmed_name(field: str, language: str) -> str:
    """Name of a text field's stemmed variant: `body_en` (tantivy) / `body.en` (Elasticsearch)."""
    return f"{field}_{language}"


def search_fields(text: str, use: WordUse = "typed") -> tuple[tuple[str, str | None, float], ...]:
    """Where a query word is looked for: (field, stemmer language or None, weight).

    A word as typed: every query field as written, and through the stemmer of the word's
    letters (both stemmers for a word in neither alphabet or in both), each times the field's
    boost. A quoted phrase: only through the stemmer, weighted for both. A ranked word (a bare
    word of a long query) and a feedback word are scored like
    plain BM25: RANKED_FIELD (headline and body as one text) through the stemmer of the word's
    letters only (a word in neither alphabet: each stemmer, which leaves it as written), a
    real headline's stemmed match adding RANKED_HEADLINE_WEIGHT of its own score (a made
    title's, the lead's, RANKED_LEAD_WEIGHT), and the
    exact form in each query field adding RANKED_UNSTEMMED_WEIGHT (feedback words:
    FEEDBACK_UNSTEMMED_WEIGHT) of a match.
    """
    if use == "cut":  # a cut word, as the document wrote them (cut_words.py)
        return ((CUT_FIELD, None, 1.0),)
    languages = [lang for lang in STEMMED_LANGUAGES if STEMMED_SCRIPTS[lang].search(text)]
    if use != "typed" and not text.isalnum():
        # Several tokens (`covid-19`) match as a phrase, and the ranked field keeps no word
        # positions: such a word is scored over each query field apart, as before the ranked
        # field (a word in neither alphabet: as written).
        apart: tuple[str | None, ...] = tuple(languages) or (None,)
        return tuple(
            (spec.name, language, spec.boost) for spec in QUERY_FIELDS for language in apart
        )
    if use == "phrase" and languages:
        # A quoted phrase in the stemmed fields only: the same tokens stem alike, so every
        # exact match is a stemmed match too, and the exact phrase scores nearly what the
        # stemmed one does, so its weight joins the stemmed one's. Matching a phrase reads
        # word positions, a search's costliest step; this halves it.
        return tuple(
            (spec.name, language, spec.boost * (1.0 + UNSTEMMED_WEIGHT))
            for spec in QUERY_FIELDS
            for language in languages
        )
    if use in ("typed", "phrase"):
        return tuple(
            (spec.name, language, spec.boost * (1.0 if language else UNSTEMMED_WEIGHT))
            for spec in QUERY_FIELDS
            for language in (None, *(languages or STEMMED_LANGUAGES))
        )
    # The ranked field is stemmed only: a word no stemmer changes is held as written in each.
    chosen = tuple(languages) or STEMMED_LANGUAGES[:1]
    out: list[tuple[str, str | None, float]] = [
        (RANKED_FIELD, language, 1.0) for language in chosen
    ]
    if RANKED_HEADLINE_WEIGHT:
        out += [("title", language, RANKED_HEADLINE_WEIGHT) for language in chosen]
    if RANKED_LEAD_WEIGHT:
        out += [(LEAD_FIELD, language, RANKED_LEAD_WEIGHT) for language in chosen]
    exact = RANKED_UNSTEMMED_WEIGHT if use == "ranked" else FEEDBACK_UNSTEMMED_WEIGHT
    if exact and languages:
        out += [(spec.name, None, spec.boost * exact) for spec in QUERY_FIELDS]
    return tuple(out)
