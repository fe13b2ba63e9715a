"""Error classes; each carries the HTTP status the web app answers with."""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base class: a message meant for the user, and an HTTP status."""

    status = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Skip(NewsdeskError):
    """An input was read but holds nothing to index (no text, a page of links)."""

    status = 422


class ReadError(NewsdeskError):
    """An input file cannot be read or decoded; the batch goes on without it."""

    status = 422


class BadQuery(NewsdeskError):
    """The user's query or parameters cannot be understood."""

    status = 400


class NotFound(NewsdeskError):
    """No article with that id."""

    status = 404


class SearchUnavailable(NewsdeskError):
    """The search backend cannot be reached, after retries."""

    status = 503
