"""The JSON API: search, one article, the OpenAPI document and the health check."""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, Response, jsonify, request

from indexer.errors import NewsdeskError
from indexer.search.did_you_mean import with_suggestions
from webapp.backend import get_backend
from webapp.openapi import openapi_document
from webapp.params import search_request

bp = Blueprint("api", __name__)
_LOG = logging.getLogger(__name__)


@bp.get("/api/search")
def search() -> dict[str, Any]:
    """Hits, facet counts, histogram and (when little is found) corrected spellings."""
    backend = get_backend()
    req = search_request(request.args)
    return with_suggestions(backend, req, backend.search(req)).to_json()


@bp.get("/api/articles/<article_id>")
def article(article_id: str) -> dict[str, Any]:
    """The stored record of one article, as `newsdesk extract` prints it."""
    return get_backend().get(article_id).to_json()


@bp.get("/api/openapi.json")
def openapi() -> dict[str, Any]:
    """The OpenAPI 3.1 description of this API."""
    return openapi_document()


# What /healthz shows of the backend's health: never where the index lives, the
# Elasticsearch address or an error's text (they name paths and hosts); the log has those.
PUBLIC_HEALTH_KEYS = ("backend", "ok", "search_path", "articles", "version", "status")


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    """Whether the search backend answers: 200 when it does, 503 when it does not."""
    try:
        health = dict(get_backend().health())
    except NewsdeskError as error:
        health = {"ok": False, "error": error.message}
    except OSError as error:  # an index directory that cannot be opened at all
        health = {"ok": False, "error": str(error)}
    ok = bool(health.get("ok"))
    if not ok:
        _LOG.warning("health check failed: %s", health.get("error", health))
    public = {key: health[key] for key in PUBLIC_HEALTH_KEYS if key in health}
    if not ok:
        public["error"] = "the search backend does not answer; the server log says why"
    return jsonify({"status": "ok" if ok else "unavailable", "backend": public}), 200 if ok else 503
