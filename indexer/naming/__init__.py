"""Names shared by ingest and search: comparison keys, the gazetteer, the entity store.

Ingest (`indexer.entities`) writes entities into the store; search (`indexer.search`) reads
it; both compare names with the same keys (`keys.py`) and know the same places (`places.py`).
"""
