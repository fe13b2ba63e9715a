"""The tantivy schema, built from fields.py, and documents in tantivy's form."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import tantivy

from indexer.errors import SearchUnavailable
from indexer.ids import stable_id
from indexer.search.cut_words import CUT_CHARS
from indexer.search.fields import FIELDS, STEMMED_LANGUAGES, stemmed_name
from indexer.search.letters import FOLDING, fold_letters

ORDER_KEY = "order_key"  # engine-internal: unique u64 for keyset paging in exports
# The key is the publication minute (28 bits reach past 2300) then 36 bits of the id, so
# ties are all but impossible; scan() still tolerates them.
ID_BITS = 36
EPOCH_SHIFT = 5_364_662_400  # seconds from 1800-01-01 to 1970: keeps every valid date positive
SCHEMA_STAMP = "newsdesk-schema"  # file beside the index holding the schema fingerprint
_SNOWBALL = {"en": "english", "ru": "russian"}
# Longer "words" are junk (base64, glued URLs). tantivy counts UTF-8 bytes, so its default of 40
# dropped every Russian word of 20+ letters ("неудовлетворительный"); 100 bytes keeps 49 Cyrillic
# letters, and mappings/articles.json drops the same ASCII tokens (`length` max 99 characters).
MAX_TOKEN_BYTES = 100
PLAIN_TOKENIZER = "words"  # the unstemmed analysis of every text field
# A "ranked" field keeps word counts, not positions (BM25 needs no more, and a word of several
# tokens is looked for elsewhere: fields.search_fields); positions would add a fifth to the index.
RANKED_INDEX_OPTION = "freq"
# Every analyzer by name: (max token bytes, Snowball language or None). The writer registers
# these with tantivy-py and the native core registers the same ones (one source of truth).
ANALYZERS: dict[str, tuple[int, str | None]] = {
    PLAIN_TOKENIZER: (MAX_TOKEN_BYTES, None),
    **{f"stem_{language}": (MAX_TOKEN_BYTES, snowball) for language, snowball in _SNOWBALL.items()},
}


def build_schema() -> tantivy.Schema:
    """One tantivy field per fields.py entry, plus stemmed variants of text fields."""
    builder = tantivy.SchemaBuilder()
    for spec in FIELDS:
        if spec.kind == "keyword":
            builder.add_text_field(spec.name, fast=True, tokenizer_name="raw")
        elif spec.kind == "text":
            builder.add_text_field(spec.name, tokenizer_name=PLAIN_TOKENIZER)
            for language in STEMMED_LANGUAGES:
                builder.add_text_field(
                    stemmed_name(spec.name, language), tokenizer_name=f"stem_{language}"
                )
        elif spec.kind == "ranked":
            # Stemmed only: ranked words are looked for through a stemmer (fields.search_fields).
            for language in STEMMED_LANGUAGES:
                builder.add_text_field(
                    stemmed_name(spec.name, language),
                    tokenizer_name=f"stem_{language}",
                    index_option=RANKED_INDEX_OPTION,
                )
        elif spec.kind == "cut":
            builder.add_text_field(
                spec.name, tokenizer_name=PLAIN_TOKENIZER, index_option=RANKED_INDEX_OPTION
            )
        elif spec.kind == "date":
            builder.add_date_field(spec.name, indexed=True, fast=True)
        elif spec.kind == "stored":
            builder.add_bytes_field(spec.name, stored=True)
    builder.add_unsigned_field(ORDER_KEY, indexed=True, fast=True)
    return builder.build()


def text_analyzer(
    snowball: str | None = None, max_token_bytes: int = MAX_TOKEN_BYTES
) -> tantivy.TextAnalyzer:
    """The analysis of text fields: words, lowercased, stemmed by `snowball` when given."""
    builder = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(max_token_bytes))
        .filter(tantivy.Filter.lowercase())
    )
    if snowball:
        builder = builder.filter(tantivy.Filter.stemmer(snowball))
    return builder.build()


def _register_tokenizers(index: tantivy.Index) -> None:
    for name, (max_token_bytes, snowball) in ANALYZERS.items():
        index.register_tokenizer(name, text_analyzer(snowball, max_token_bytes))


def schema_fingerprint() -> str:
    """Changes whenever the field list or the analysis changes (tantivy cannot show a schema)."""
    # Boosts are left out: they weigh a query, not the index, so tuning one needs no reindex.
    described = [repr(replace(spec, boost=1.0)) for spec in FIELDS]
    described += [ORDER_KEY, str(ID_BITS), repr(_SNOWBALL)]
    described.append(f"{PLAIN_TOKENIZER}:{MAX_TOKEN_BYTES}:{RANKED_INDEX_OPTION}")
    described.append(f"cut:{CUT_CHARS}")  # the cut words' length is written into documents
    described.append(FOLDING)  # so is the folded letter
    return stable_id(*described)


def built_by_another_version(path: Path) -> bool:
    """Whether `path` holds an index whose schema is not this version's."""
    if not tantivy.Index.exists(str(path)):
        return False
    stamp = path / SCHEMA_STAMP
    return not stamp.exists() or stamp.read_text().strip() != schema_fingerprint()


def open_stored(path: Path) -> tantivy.Index:
    """Open an index of any version by its own schema, to read its stored records (reindex).

    Every version has the `article` record and the ORDER_KEY that scanning reads."""
    return tantivy.Index.open(str(path))


def open_index(path: Path) -> tantivy.Index:
    """Open the index at `path` (creating it); refuse one built with another schema."""
    path.mkdir(parents=True, exist_ok=True)
    stamp = path / SCHEMA_STAMP
    if tantivy.Index.exists(str(path)):
        if built_by_another_version(path):
            raise SearchUnavailable(
                f"the index at {path} was built by another version of Newsdesk; "
                "run `newsdesk reindex` (from its stored articles, or SOURCE...)"
            )
    else:
        stamp.write_text(schema_fingerprint() + "\n")
    index = tantivy.Index(build_schema(), path=str(path), reuse=True)
    _register_tokenizers(index)
    return index


def order_key(published_at: str | None, article_id: str) -> int:
    """Near-unique u64: publication minute first, then id bits (undated articles: 0)."""
    minutes = 0
    if published_at:
        seconds = int(datetime.fromisoformat(published_at).timestamp()) + EPOCH_SHIFT
        minutes = max(0, seconds // 60)
    try:
        tie = int(article_id, 16)
    except ValueError:
        tie = int(stable_id(article_id), 16)
    return (minutes << ID_BITS) | (tie & ((1 << ID_BITS) - 1))


def to_tantivy(document: dict[str, Any]) -> tantivy.Document:
    """A flat index document (document.py) as a tantivy Document."""
    out = tantivy.Document()
    for spec in FIELDS:
        value = document.get(spec.name)
        if spec.kind == "ranked" and spec.copied_from:
            # The copied fields' texts, as Elasticsearch's copy_to indexes them.
            value = [document[name] for name in spec.copied_from if document.get(name)]
        elif spec.kind == "ranked":
            value = [value] if value else []
        if value is None or value == []:
            continue
        if spec.kind == "keyword":
            for item in value if spec.multi else [value]:
                out.add_text(spec.name, str(item))
        elif spec.kind == "text":
            for name in (spec.name, *(stemmed_name(spec.name, lang) for lang in STEMMED_LANGUAGES)):
                out.add_text(name, fold_letters(value))
        elif spec.kind == "ranked":
            for language in STEMMED_LANGUAGES:
                for text in value:
                    out.add_text(stemmed_name(spec.name, language), fold_letters(text))
        elif spec.kind == "cut":
            out.add_text(spec.name, fold_letters(value))
        elif spec.kind == "date":
            out.add_date(spec.name, datetime.fromisoformat(value))
        elif spec.kind == "stored":
            out.add_bytes(spec.name, json.dumps(value, ensure_ascii=False).encode("utf-8"))
    out.add_unsigned(ORDER_KEY, order_key(document.get("published_at"), document["id"]))
    return out
