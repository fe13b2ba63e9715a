"""Search backends behind one interface; nothing outside this package imports an engine."""

from __future__ import annotations

from indexer.config import Settings
from indexer.naming.store import FILENAME as ENTITY_STORE
from indexer.search.aliases import AliasExpandingBackend
from indexer.search.base import SearchBackend, SearchRequest, SearchResult
from indexer.search.entity_lookup import EntityLookup


def open_backend(settings: Settings) -> SearchBackend:
    """The backend `settings.backend` names, wrapped to speak entities (`aliases.py`)."""
    backend: SearchBackend
    if settings.backend == "elasticsearch":
        from indexer.search.elastic import ElasticBackend

        backend = ElasticBackend(settings.elasticsearch_url, settings.index_name)
    else:
        from indexer.search.embedded import EmbeddedBackend

        backend = EmbeddedBackend(settings.embedded_index_path, native=settings.native)
    return AliasExpandingBackend(backend, EntityLookup(settings.data_dir / ENTITY_STORE))


__all__ = ["SearchBackend", "SearchRequest", "SearchResult", "open_backend"]
