"""Stage: language of the document and of each body segment."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterable

from indexer.config import Settings
from indexer.context import Context
from indexer.langid import LanguageIdentifier, segment_languages
from indexer.model import Article

RESOURCE_NAME = "language_identifier"

_shared: LanguageIdentifier | None = None
_shared_lock = threading.Lock()


def shared_identifier(settings: Settings | None = None) -> LanguageIdentifier:
    """The process-wide identifier: its models take seconds to load, so build it once."""
    global _shared
    if _shared is None:
        with _shared_lock:
            if _shared is None:
                settings = settings or Settings.from_env()
                _shared = LanguageIdentifier(settings.cache_dir)
    return _shared


def detect_language(article: Article, ctx: Context) -> Article:
    """Set `language`, `language_confidence` and `segments` from the body."""
    identifier = ctx.resource(RESOURCE_NAME, shared_identifier)
    segments, document = segment_languages(article.body, identifier, article.title)
    return dataclasses.replace(
        article,
        language=document.language,
        language_confidence=document.confidence,
        segments=segments,
    )


def warm_up(ctx: Context, lines: Iterable[str]) -> None:
    """Load the detectors' models for the scripts of `lines` (short lines need the most)."""
    ctx.resource(RESOURCE_NAME, shared_identifier).preload(lines)
