"""The connection to an Elasticsearch node, and its errors translated into ours.

The client retries transient failures itself (connection errors, 429, 502-504) with
exponential backoff; whatever still fails leaves here as `SearchUnavailable` naming the URL,
or as `BadQuery` when the node refused the user's query.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from elasticsearch import ApiError, Elasticsearch, TransportError

from indexer.errors import BadQuery, SearchUnavailable

REQUEST_TIMEOUT_S = 30.0  # a search answers in milliseconds; this is for a node under load
# Transient failures (connection, 429, 502-504) are retried with exponential backoff:
# 0.5 + 1 + 2 + 4 s rides out a node restart or a GC pause before giving up.
RETRIES = 4
BACKOFF_BASE_S = 0.5
BACKOFF_CAP_S = 8.0
TRANSIENT_STATUS = (429, 502, 503, 504)
# Rejections quote the offending value at length; a report line needs what failed and why.
MAX_REASON_CHARS = 400
OUTER_REASON_CHARS = 120


def reason(error: ApiError) -> str:
    """The node's own explanation of a refused request, root cause first."""
    body = error.body if isinstance(error.body, dict) else {}
    detail = body.get("error")
    if isinstance(detail, dict):
        causes = detail.get("root_cause") or [detail]
        text = causes[0].get("reason") or detail.get("reason") or detail.get("type")
        caused_by = detail.get("caused_by", {}).get("reason")
        if caused_by and caused_by not in str(text):
            text = f"{text} ({caused_by})"
        return str(text)
    return str(detail or error.message)


def item_reason(info: dict[str, Any]) -> str:
    """Why one bulk item was rejected, short enough for a report line."""
    error = info.get("error")
    text = str(error or f"status {info.get('status')}")
    if isinstance(error, dict):
        text = f"{error.get('type')}: {_shorten(str(error.get('reason')), OUTER_REASON_CHARS)}"
        caused_by = error.get("caused_by")
        if isinstance(caused_by, dict) and caused_by.get("reason"):
            text += f" – {caused_by['reason']}"
    return _shorten(text, MAX_REASON_CHARS)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


class Connection:
    """A client for the node at `url`, retrying transient errors, with error translation."""

    def __init__(self, url: str, retries: int = RETRIES, backoff: float = BACKOFF_BASE_S) -> None:
        self.url = url.rstrip("/")
        self.retries = retries
        try:
            self.client = Elasticsearch(
                self.url,
                request_timeout=REQUEST_TIMEOUT_S,
                max_retries=retries,
                retry_on_timeout=True,
                retry_on_status=TRANSIENT_STATUS,
                retry_backoff_base=backoff,
                retry_backoff_cap=BACKOFF_CAP_S,
            )
        except ValueError as error:
            raise SearchUnavailable(f"bad Elasticsearch URL {url!r}: {error}") from error

    @contextlib.contextmanager
    def errors(self, doing: str, bad_request_is_user_error: bool = False) -> Iterator[None]:
        """Translate engine errors raised inside the block; the client has already retried."""
        try:
            yield
        except ApiError as error:
            status = error.meta.status
            if status == 400 and bad_request_is_user_error:
                raise BadQuery(f"cannot search for that: {reason(error)}") from error
            if status in TRANSIENT_STATUS:
                raise SearchUnavailable(
                    f"Elasticsearch at {self.url} is overloaded or restarting (HTTP {status}) "
                    f"after {self.retries} retries while trying to {doing}; try again later"
                ) from error
            raise SearchUnavailable(
                f"Elasticsearch at {self.url} failed to {doing}: HTTP {status} {reason(error)}"
            ) from error
        except TransportError as error:
            raise SearchUnavailable(
                f"Elasticsearch at {self.url} is unreachable after {self.retries} retries "
                f"while trying to {doing}: {error.message}"
            ) from error

    def close(self) -> None:
        """Close the connection pool."""
        self.client.close()
