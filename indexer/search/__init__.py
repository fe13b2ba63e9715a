"""Search backends behind one interface; nothing outside this package imports an engine."""

from __future__ import annotations

from indexer.config import Settings
from indexer.search.base import SearchBackend, SearchRequest, SearchResult


def open_backend(settings: Settings) -> SearchBackend:
    """The backend `settings.backend` names, ready to use."""
    if settings.backend == "elasticsearch":
        from indexer.search.elastic import ElasticBackend

        return ElasticBackend(settings.elasticsearch_url, settings.index_name)
    from indexer.search.embedded import EmbeddedBackend

    return EmbeddedBackend(settings.embedded_index_path)


__all__ = ["SearchBackend", "SearchRequest", "SearchResult", "open_backend"]
