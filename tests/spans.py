"""Mentions for rule tests: each (text, type, normal form) found in the body in order."""

from __future__ import annotations

from indexer.entities.mention import Mention


def mentions_at(body: str, spans: list[tuple[str, str, str]]) -> list[Mention]:
    """One Russian mention per span, at the span text's next occurrence in `body`."""
    found, at = [], 0
    for text, type_, normal in spans:
        at = body.index(text, at)
        found.append(Mention(at, at + len(text), type_, normal, "ru"))  # type: ignore[arg-type]
        at += len(text)
    return found
