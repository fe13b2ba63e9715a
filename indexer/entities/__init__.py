"""Named entities: English (spaCy) and Russian (natasha) NER, alias resolution, entity table.

The stage is `indexer.stages.entities.extract_entities`; the entity table
(`indexer.entities.table`) learns aliases into the store the search side reads
(`indexer.alias_store`).
"""
