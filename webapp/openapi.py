"""The OpenAPI 3.1 document of the JSON API, built from the same facet list as the search."""

from __future__ import annotations

from functools import cache
from typing import Any

from indexer.search.base import MAX_FACET_SIZE, MAX_PAGE_SIZE, MAX_RESULT_WINDOW, SORTS
from indexer.search.fields import BY_NAME, FACETS, HISTOGRAM_INTERVALS, HIT_FIELDS, FieldSpec
from indexer.search.params import EXCLUDE_PREFIX
from indexer.search.query_syntax import MAX_QUERY_CHARS

_STRING = {"type": "string"}
_NULLABLE_STRING = {"type": ["string", "null"]}


def _field_schema(spec: FieldSpec) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": ["string", "null"] if spec.nullable else "string"}
    if spec.kind == "date":
        schema["format"] = "date-time"
    return schema


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _query(name: str, schema: dict[str, Any], text: str, repeat: bool = False) -> dict[str, Any]:
    if repeat:
        schema = {"type": "array", "items": schema}
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": text,
        "schema": schema,
        **({"style": "form", "explode": True} if repeat else {}),
    }


def search_parameters() -> list[dict[str, Any]]:
    """The parameters shared by the search page, /api/search and /export."""
    params = [
        _query(
            "q",
            {"type": "string", "maxLength": MAX_QUERY_CHARS},
            "Words (one or two: all must match; three or more: articles with the most of them"
            ' first), "exact phrase", -exclude, +required, a AND b, a OR b, a NOT b (operators'
            " in upper case; a query all in capitals is words), prefix*, (groups).",
        )
    ]
    for facet in FACETS:
        params.append(
            _query(facet, _STRING, f"Only articles with this {facet} (repeat: OR).", True)
        )
    for facet in FACETS:
        params.append(
            _query(EXCLUDE_PREFIX + facet, _STRING, f"Leave out articles with this {facet}.", True)
        )
    date = {"type": "string", "format": "date"}
    params += [
        _query("from", date, "Published on or after this day (YYYY-MM-DD)."),
        _query("to", date, "Published on or before this day (YYYY-MM-DD)."),
        _query("sort", {"type": "string", "enum": list(SORTS), "default": "relevance"}, "Order."),
        _query("page", {"type": "integer", "minimum": 1, "default": 1}, "Page number."),
        _query(
            "page_size",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": 10},
            f"Hits per page; page × page_size may not exceed {MAX_RESULT_WINDOW}.",
        ),
        _query(
            "facet_size",
            {"type": "integer", "minimum": 1, "maximum": MAX_FACET_SIZE, "default": 10},
            "Values counted per facet.",
        ),
        _query(
            "exact",
            {"type": "boolean", "default": False},
            "Only what I typed: a name in the query does not also match the entity's other"
            " names, forms and scripts (Putin also finds Путин, Путина unless this is set).",
        ),
        _query(
            "strict",
            {"type": "boolean", "default": False},
            "Every word must match, however many there are (by default, from three words on"
            " the articles with the most of them come first).",
        ),
    ]
    return params


def _schemas() -> dict[str, Any]:
    facet_list = {"type": "array", "items": _ref("FacetValue")}
    return {
        "Hit": {
            "type": "object",
            "required": [*HIT_FIELDS, "snippet"],
            "properties": {
                **{name: _field_schema(BY_NAME[name]) for name in HIT_FIELDS},
                "snippet": {
                    "type": "string",
                    "description": "HTML-escaped text; matches wrapped in <mark>.",
                },
            },
        },
        "FacetValue": {
            "type": "object",
            "required": ["value", "count", "label"],
            "properties": {
                "value": {
                    "type": "string",
                    "description": "What to filter by: for an entity, its stable id.",
                },
                "count": {"type": "integer"},
                "label": {
                    "type": "string",
                    "description": "What to show: an entity's display name, else the value.",
                },
            },
        },
        "Bucket": {
            "type": "object",
            "required": ["date", "count"],
            "properties": {
                "date": {"type": "string", "format": "date"},
                "count": {"type": "integer"},
            },
        },
        "SearchResult": {
            "type": "object",
            "required": ["total", "hits", "facets", "histogram"],
            "properties": {
                "total": {"type": "integer"},
                "hits": {"type": "array", "items": _ref("Hit")},
                "facets": {
                    "type": "object",
                    "required": list(FACETS),
                    "properties": {facet: facet_list for facet in FACETS},
                },
                "histogram": {"type": "array", "items": _ref("Bucket")},
                "interval": {"type": "string", "enum": list(HISTOGRAM_INTERVALS)},
                "all_words": {
                    "type": ["integer", "null"],
                    "description": "How many words ranked rather than filtered (three or more"
                    " typed bare, without strict); null when every word was required.",
                },
                "relaxed": {
                    "type": "boolean",
                    "description": "No article has every one of those words: the hits are the"
                    " articles that match the most of them.",
                },
                "suggestions": {
                    "type": "array",
                    "items": _ref("Suggestion"),
                    "description": "Did you mean: corrected queries when few articles match.",
                },
            },
        },
        "Suggestion": {
            "type": "object",
            "required": ["query", "corrections", "total"],
            "properties": {
                "query": _STRING,
                "corrections": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["typed", "suggested"],
                        "properties": {"typed": _STRING, "suggested": _STRING},
                    },
                },
                "total": {"type": ["integer", "null"]},
            },
        },
        "Article": {
            "type": "object",
            "description": "The stored record, as `newsdesk extract --json` prints it.",
            "required": ["id", "body", "language", "entities", "segments"],
            "properties": {
                "id": _STRING,
                "path": _STRING,
                "url": _NULLABLE_STRING,
                "source": _NULLABLE_STRING,
                "title": _NULLABLE_STRING,
                "body": _STRING,
                "boilerplate": _STRING,
                "extracted_by": _NULLABLE_STRING,
                "language": _STRING,
                "published_at": _NULLABLE_STRING,
                "published_at_source": _NULLABLE_STRING,
                "segments": {"type": "array", "items": {"type": "object"}},
                "dates_mentioned": {"type": "array", "items": {"type": "object"}},
                "entities": {"type": "array", "items": {"type": "object"}},
                "metadata": {"type": "object"},
            },
        },
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["status", "message"],
                    "properties": {"status": {"type": "integer"}, "message": _STRING},
                }
            },
        },
    }


def _json(schema: str, text: str) -> dict[str, Any]:
    return {"description": text, "content": {"application/json": {"schema": _ref(schema)}}}


@cache
def openapi_document() -> dict[str, Any]:
    """The whole document (built once: it depends on code, not on data)."""
    bad = _json("Error", "Parameters that cannot be understood; the message says why.")
    down = _json("Error", "The search backend cannot be reached.")
    return {
        "openapi": "3.1.0",
        "info": {"title": "Newsdesk API", "version": "1"},
        "paths": {
            "/api/search": {
                "get": {
                    "summary": "Search articles: a page of hits, facet counts, date histogram.",
                    "parameters": search_parameters(),
                    "responses": {
                        "200": _json("SearchResult", "Results."),
                        "400": bad,
                        "503": down,
                    },
                }
            },
            "/api/articles/{id}": {
                "get": {
                    "summary": "One article's stored record.",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": _STRING}
                    ],
                    "responses": {
                        "200": _json("Article", "The article."),
                        "404": _json("Error", "No article with that id."),
                        "503": down,
                    },
                }
            },
            "/export": {
                "get": {
                    "summary": "Every matching article, streamed as CSV or JSON Lines.",
                    "parameters": [
                        _query("format", {"type": "string", "enum": ["csv", "jsonl"]}, "Format."),
                        *search_parameters(),
                    ],
                    "responses": {
                        "200": {
                            "description": "An attachment, one article per row or line.",
                            "content": {
                                "text/csv": {"schema": _STRING},
                                "application/x-ndjson": {"schema": _STRING},
                            },
                        },
                        "400": bad,
                    },
                }
            },
            "/healthz": {
                "get": {
                    "summary": "Whether the search backend answers.",
                    "responses": {
                        "200": {"description": "The backend answers."},
                        "503": {"description": "The backend does not answer."},
                    },
                }
            },
        },
        "components": {"schemas": _schemas()},
    }
