"""Search backends behind one interface; nothing outside this package imports an engine."""

from __future__ import annotations

from indexer.alias_store import FILENAME as ALIAS_FILENAME
from indexer.alias_store import AliasStore
from indexer.config import Settings
from indexer.search.aliases import AliasExpandingBackend
from indexer.search.base import SearchBackend, SearchRequest, SearchResult


def open_backend(settings: Settings) -> SearchBackend:
    """The backend `settings.backend` names; entity filters also match learnt aliases."""
    backend: SearchBackend
    if settings.backend == "elasticsearch":
        from indexer.search.elastic import ElasticBackend

        backend = ElasticBackend(settings.elasticsearch_url, settings.index_name)
    else:
        from indexer.search.embedded import EmbeddedBackend

        backend = EmbeddedBackend(settings.embedded_index_path, native=settings.native)
    return AliasExpandingBackend(backend, AliasStore(settings.data_dir / ALIAS_FILENAME))


__all__ = ["SearchBackend", "SearchRequest", "SearchResult", "open_backend"]
