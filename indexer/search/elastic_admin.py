"""The versioned indices behind one Elasticsearch alias: create, list, swap, block, merge, drop.

Articles live in `alias`-v1, `alias`-v2, … with the alias pointing at the live one. A rebuild
fills the next version while the alias still points at the old one (write-blocked meanwhile,
so a concurrent ingest fails loudly instead of writing into an index about to vanish), merges
it, then moves the alias in one atomic step and drops the old index.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from elasticsearch import BadRequestError, NotFoundError

from indexer.errors import SearchUnavailable
from indexer.model import IndexReport
from indexer.search.elastic_client import Connection, reason

MAPPINGS_PATH = Path(__file__).resolve().parents[2] / "mappings" / "articles.json"
MERGE_TIMEOUT_S = 6 * 3600  # merging millions of articles on 2 cores takes minutes
_VERSION = re.compile(r"-v(\d+)$")
# How a node without the analysis-common module refuses the mapping's analysers.
_MISSING_ANALYSIS = re.compile(r"(tokenizer|filter).*\[(pattern|snowball|length)\]", re.I)


@lru_cache(maxsize=1)
def index_definition() -> dict[str, Any]:
    """Settings and mappings from mappings/articles.json."""
    try:
        return json.loads(MAPPINGS_PATH.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except OSError as error:
        raise SearchUnavailable(f"cannot read the mapping {MAPPINGS_PATH}: {error}") from error


def _version(index: str) -> int:
    match = _VERSION.search(index)
    return int(match.group(1)) if match else 0


class Indices:
    """The indices named `alias`-v<N> on one node, and the alias that picks the live one."""

    def __init__(self, connection: Connection, alias: str) -> None:
        self._connection = connection
        self._client = connection.client
        self._errors = connection.errors
        self.alias = alias

    def ensure_alias(self) -> None:
        """Create `alias`-v1 and point the alias at it, unless the alias exists already."""
        with self._errors("create the index"):
            if self._client.indices.exists_alias(name=self.alias):
                return
            if self._client.indices.exists(index=self.alias):
                raise SearchUnavailable(
                    f"{self.alias!r} at {self._connection.url} is an index, not an alias; "
                    "remove it or choose another NEWSDESK_INDEX_NAME"
                )
            name = self.create_version()
            self._client.indices.update_aliases(
                actions=[{"add": {"index": name, "alias": self.alias}}]
            )

    def check_fields(self) -> None:
        """Refuse an index made with an older mapping that lacks fields or analysis the queries use.

        Searching it would not fail but silently miss (a ranked word looked for in a field the
        index does not have matches nothing); `newsdesk reindex` rebuilds it from its stored
        articles into a version with the current mapping.
        """
        definition = index_definition()
        wanted = set(definition["mappings"]["properties"])
        # A char filter changes what a word is indexed as (letters.py): without it, a word
        # the queries fold would be missed.
        wanted_filters = set(definition["settings"]["analysis"].get("char_filter", {}))
        # Mapping and settings in one request: read apart, a reindex's alias swap between the
        # two had the mapping of one index checked against the settings of the next.
        with self._errors("read the mapping"):
            found = self._client.indices.get(index=self.alias).body
        for name, index in found.items():
            missing = wanted - set(index["mappings"].get("properties", {}))
            analysis = index.get("settings", {}).get("index", {}).get("analysis", {})
            missing |= {
                f"the character filter {f}"
                for f in wanted_filters - set(analysis.get("char_filter", {}))
            }
            if missing:
                raise SearchUnavailable(
                    f"the index {name} at {self._connection.url} was created by another version "
                    f"of Newsdesk (it lacks {', '.join(sorted(missing))}); run `newsdesk reindex`"
                )

    def versions(self) -> list[str]:
        """Every `alias`-v<N> index, oldest first."""
        with self._errors("list the indices"):
            found = self._client.indices.get(
                index=f"{self.alias}-v*", allow_no_indices=True, expand_wildcards="open"
            )
        return sorted((name for name in found if _VERSION.search(name)), key=_version)

    def aliased(self) -> list[str]:
        """The indices the alias points to now (one, except mid-swap by another client)."""
        with self._errors("read the alias"):
            try:
                return sorted(self._client.indices.get_alias(name=self.alias).body)
            except NotFoundError:
                return []

    def create_version(self) -> str:
        """Create the next `alias`-v<N> index with the current mappings; not yet aliased."""
        existing = self.versions()
        name = f"{self.alias}-v{_version(existing[-1]) + 1 if existing else 1}"
        definition = index_definition()
        with self._errors(f"create the index {name}"):
            try:
                self._client.indices.create(
                    index=name, settings=definition["settings"], mappings=definition["mappings"]
                )
            except BadRequestError as error:
                if "resource_already_exists" in str(error.body):
                    pass  # another process created it a moment ago: use theirs
                elif _MISSING_ANALYSIS.search(reason(error)):
                    raise SearchUnavailable(
                        f"Elasticsearch at {self._connection.url} lacks the analysis-common "
                        f"module that mappings/articles.json needs ({reason(error)}); on a test "
                        "distribution run scripts/install-es-analysis-plugin ES_HOME"
                    ) from error
                else:
                    raise
            self._client.cluster.health(index=name, wait_for_status="yellow", timeout="30s")
        return name

    def swap_alias(self, new: str) -> list[str]:
        """Point the alias at `new` in one atomic step; returns the indices it left."""
        old = [name for name in self.aliased() if name != new]
        actions: list[dict[str, Any]] = [{"add": {"index": new, "alias": self.alias}}]
        actions += [{"remove": {"index": name, "alias": self.alias}} for name in old]
        with self._errors(f"point {self.alias} at {new}"):
            self._client.indices.update_aliases(actions=actions)
        return old

    def set_read_only(self, name: str, read_only: bool) -> None:
        """Block (or allow again) writes to one index, so a rebuild loses no late write."""
        with self._errors(f"change the write block of {name}"):
            self._client.indices.put_settings(
                index=name, settings={"index.blocks.write": read_only or None}
            )

    def refresh(self, name: str) -> None:
        """Make one index (or the alias) show everything written to it so far."""
        with self._errors("refresh the index"):
            self._client.indices.refresh(index=name)

    def merge_segments(self, name: str) -> None:
        """Merge a finished, no longer written index into one segment.

        Facet counts then read each segment's own term ordinals instead of mapping them
        through global ordinals (the query mix ran 1.45x faster at 100k articles,
        `python -m bench.es_segments`). Only for an index nothing writes to any more: merged
        segments of a growing index are rewritten again and again.
        """
        with self._errors("merge the index segments"):
            self._client.options(request_timeout=MERGE_TIMEOUT_S).indices.forcemerge(
                index=name, max_num_segments=1
            )

    def drop_index(self, name: str) -> None:
        """Delete one concrete index (never the alias)."""
        with self._errors(f"delete the index {name}"):
            self._client.indices.delete(index=name, ignore_unavailable=True)

    def drop_all(self) -> None:
        """Delete every version, and with them the alias."""
        for name in self.versions():
            self.drop_index(name)

    def rebuild(self, fill: Callable[[str], IndexReport]) -> IndexReport:
        """Fill a new version with `fill(name)`, merge it, swap the alias to it, drop the old.

        On any failure the new version is dropped and the old one is writable again.
        """
        self.ensure_alias()
        old = self.aliased()
        new = self.create_version()
        for name in old:
            self.set_read_only(name, True)
        try:
            report = fill(new)
            self.refresh(new)
            self.merge_segments(new)  # complete before it goes live: merged for reading
        except BaseException:
            for name in old:
                self.set_read_only(name, False)
            self.drop_index(new)
            raise
        for name in self.swap_alias(new):
            self.drop_index(name)
        return report
