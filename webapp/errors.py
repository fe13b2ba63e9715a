"""Every error answered in one place: an HTML page for people, JSON for /api/*."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from indexer.errors import BadQuery, NewsdeskError, NotFound, SearchUnavailable
from indexer.search.query_syntax import MAX_QUERY_CHARS

_JSON_PREFIXES = ("/api/", "/healthz")
_TITLES = {
    400: "That search could not be run",
    404: "Not found",
    405: "Method not allowed",
    413: "Request too large",
    500: "Something went wrong on our side",
    503: "Search is unavailable",
}
_LOG = logging.getLogger(__name__)
# What a visitor is told when search is down; why (an index path, a host) is for the log.
UNAVAILABLE_MESSAGE = "Search is unavailable right now. Please try again in a moment."


def _wants_json() -> bool:
    return request.path.startswith(_JSON_PREFIXES)


def _respond(status: int, message: str) -> tuple[Response | str, int]:
    if _wants_json():
        return jsonify({"error": {"status": status, "message": message}}), status
    query = request.args.get("q", "")[:MAX_QUERY_CHARS] if status == 400 else ""
    page = render_template(
        "error.html",
        status=status,
        title=_TITLES.get(status, "Error"),
        message=message,
        query=query,
        max_query_chars=MAX_QUERY_CHARS,
    )
    return page, status


def bad_query(error: BadQuery) -> tuple[Response | str, int]:
    """A query or parameter the search cannot understand: 400 with the reason."""
    return _respond(error.status, error.message)


def not_found(error: NotFound) -> tuple[Response | str, int]:
    """An article id that is not in the index: 404."""
    return _respond(error.status, error.message)


def unavailable(error: SearchUnavailable) -> tuple[Response | str, int]:
    """The backend cannot be reached: 503; the reason (paths, addresses) goes to the log only."""
    _LOG.warning("search backend unavailable: %s", error.message)
    return _respond(error.status, UNAVAILABLE_MESSAGE)


def other_newsdesk_error(error: NewsdeskError) -> tuple[Response | str, int]:
    """Any other error of ours carries its own status; a server-side one's text is logged only."""
    if error.status >= 500:
        _LOG.error("error on %s: %s", request.path, error.message)
        return _respond(error.status, "The error has been logged. Please try again.")
    return _respond(error.status, error.message)


def http_error(error: HTTPException) -> tuple[Response | str, int]:
    """Unknown URLs, wrong methods, oversized requests: werkzeug's status, our page."""
    status = error.code or 500
    if status == 404:
        return _respond(status, "There is no page at this address.")
    return _respond(status, error.description or _TITLES.get(status, "Error"))


def unexpected(error: Exception) -> tuple[Response | str, int]:
    """A bug: logged with its traceback, and a 500 page that reveals nothing internal."""
    if isinstance(error, HTTPException):
        return http_error(error)
    _LOG.exception("unhandled error on %s", request.path, exc_info=error)
    return _respond(InternalServerError.code, "The error has been logged. Please try again.")


def init_app(app: Flask) -> None:
    """Register one handler per error class."""
    app.register_error_handler(BadQuery, bad_query)
    app.register_error_handler(NotFound, not_found)
    app.register_error_handler(SearchUnavailable, unavailable)
    app.register_error_handler(NewsdeskError, other_newsdesk_error)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected)
