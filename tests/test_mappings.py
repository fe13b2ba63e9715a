"""mappings/articles.json follows fields.py and analyses text as the embedded index does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from indexer.search import embedded_schema
from indexer.search.elastic_admin import MAPPINGS_PATH, index_definition
from indexer.search.elastic_query import SNIPPET_FIELD
from indexer.search.fields import FACETS, FIELDS, STEMMED_LANGUAGES, FieldSpec

PROJECT = Path(__file__).resolve().parents[1]
MAPPING = json.loads((PROJECT / "mappings" / "articles.json").read_text(encoding="utf-8"))
PROPERTIES: dict[str, Any] = MAPPING["mappings"]["properties"]
ANALYSIS: dict[str, Any] = MAPPING["settings"]["analysis"]
SNOWBALL_LANGUAGE = {"en": "English", "ru": "Russian"}


def test_backend_reads_this_file() -> None:
    assert MAPPINGS_PATH == PROJECT / "mappings" / "articles.json"
    assert index_definition() == MAPPING


def test_every_field_is_mapped_and_nothing_else() -> None:
    assert list(PROPERTIES) == [spec.name for spec in FIELDS]
    assert MAPPING["mappings"]["dynamic"] == "strict"  # a field not in fields.py is an error


@pytest.mark.parametrize("spec", FIELDS, ids=lambda spec: spec.name)
def test_field_type_follows_its_kind(spec: FieldSpec) -> None:
    mapped = PROPERTIES[spec.name]
    expected = {
        "keyword": "keyword",
        "text": "text",
        "ranked": "text",
        "cut": "text",
        "date": "date",
        "stored": "object",
    }
    assert mapped["type"] == expected[spec.kind]
    if spec.kind == "stored":
        assert mapped["enabled"] is False  # kept in _source, never indexed


def test_facets_are_keywords() -> None:
    assert all(PROPERTIES[name]["type"] == "keyword" for name in FACETS)


@pytest.mark.parametrize(
    "spec", [s for s in FIELDS if s.kind in ("text", "ranked")], ids=lambda s: s.name
)
def test_text_fields_have_one_stemmed_subfield_per_language(spec: FieldSpec) -> None:
    mapped = PROPERTIES[spec.name]
    assert mapped["analyzer"] == "newsdesk_text"
    assert set(mapped["fields"]) == set(STEMMED_LANGUAGES)
    for language in STEMMED_LANGUAGES:
        analyzer = ANALYSIS["analyzer"][mapped["fields"][language]["analyzer"]]
        stemmer = ANALYSIS["filter"][analyzer["filter"][-1]]
        assert stemmer == {"type": "snowball", "language": SNOWBALL_LANGUAGE[language]}


@pytest.mark.parametrize("spec", [s for s in FIELDS if s.kind == "ranked"], ids=lambda s: s.name)
def test_ranked_field_is_copied_from_its_fields_and_stemmed_only(spec: FieldSpec) -> None:
    # Elasticsearch fills it by copy_to, the embedded index from the same fields (to_tantivy).
    copying = [name for name, mapped in PROPERTIES.items() if mapped.get("copy_to") == spec.name]
    assert copying == list(spec.copied_from)
    assert PROPERTIES[spec.name]["index"] is False  # as in the embedded schema: no plain form
    # Word counts only, as embedded_schema.RANKED_INDEX_OPTION.
    assert embedded_schema.RANKED_INDEX_OPTION == "freq"
    assert all(sub["index_options"] == "freqs" for sub in PROPERTIES[spec.name]["fields"].values())


@pytest.mark.parametrize("spec", [s for s in FIELDS if s.kind == "cut"], ids=lambda s: s.name)
def test_cut_field_holds_words_as_the_document_wrote_them(spec: FieldSpec) -> None:
    # The document holds the cut words (cut_words.py): read plain, word counts only, as the
    # embedded schema's word tokenizer with RANKED_INDEX_OPTION reads them.
    assert PROPERTIES[spec.name] == {
        "type": "text",
        "analyzer": "newsdesk_text",
        "index_options": "freqs",
    }


def test_analysis_mirrors_the_embedded_tokenizer() -> None:
    tokenizer = ANALYSIS["tokenizer"]["newsdesk_words"]
    # tantivy splits on what is not char::is_alphanumeric(): Unicode Alphabetic or Numeric.
    assert tokenizer == {"type": "pattern", "pattern": "[^\\p{IsAlphabetic}\\p{N}]+"}
    # tantivy drops tokens of MAX_TOKEN_BYTES UTF-8 bytes or more; equal for ASCII words.
    assert ANALYSIS["filter"]["newsdesk_max_length"]["max"] == embedded_schema.MAX_TOKEN_BYTES - 1
    for analyzer in ANALYSIS["analyzer"].values():
        assert analyzer["tokenizer"] == "newsdesk_words"
        assert analyzer["filter"][:2] == ["newsdesk_max_length", "lowercase"]


def test_snippet_field_stores_offsets() -> None:
    # The highlighter then reads match positions from the postings instead of re-analysing
    # each hit's body with three analysers (Elasticsearch's `took` fell 40-65% at 10k).
    body = PROPERTIES[SNIPPET_FIELD]
    assert body["index_options"] == "offsets"
    assert all(sub["index_options"] == "offsets" for sub in body["fields"].values())


def test_single_shard_without_replicas() -> None:
    index = MAPPING["settings"]["index"]
    # One shard keeps facet counts exact; no replica lets a single node turn green.
    assert (index["number_of_shards"], index["number_of_replicas"]) == (1, 0)
