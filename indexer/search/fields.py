"""The single list of indexed fields; the tantivy schema and mappings/articles.json follow it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from indexer.model import ENTITY_TYPES, NAMED_TYPES, EntityType

FieldKind = Literal["keyword", "text", "date", "stored"]

# How much more a word in a real headline counts than one in the body. TUNED below
# (bench/relevance.py): was 3.0, which the relevance collections measured as too much.
HEADLINE_BOOST = 3.0
# Languages with a stemmed sub-field on every text field (Snowball stemmers in both engines).
STEMMED_LANGUAGES = ("en", "ru")


@dataclass(frozen=True)
class FieldSpec:
    """One field: how it is indexed and whether it is a facet."""

    name: str
    kind: FieldKind
    multi: bool = False  # holds a list of values
    facet: bool = False  # counted and filterable in the search UI
    boost: float = 1.0  # relevance weight of a text field
    nullable: bool = True  # an article may lack it


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
