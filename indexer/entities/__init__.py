"""Named entities: English (spaCy) and Russian (natasha) NER, alias resolution, entity table.

The stage is `indexer.stages.entities.extract_entities`; the search side uses
`EntityTable.aliases_of` to expand a filter on a canonical name to older aliases.
"""

from indexer.entities.table import EntityTable

__all__ = ["EntityTable"]
