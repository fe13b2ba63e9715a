"""Elasticsearch housekeeping the benchmarks need and the search backend does not offer.

The backend's alias may point at a versioned index, so sizes and deletions go through
whatever concrete indices the name resolves to.
"""

from __future__ import annotations

import time

from elasticsearch import Elasticsearch, NotFoundError

MERGE_POLL_S = 1.0  # how often to ask whether background merges are done
MERGE_WAIT_S = 600  # a 1M-article index finishes merging well within this on 2 cores


def _client(url: str) -> Elasticsearch:
    return Elasticsearch(url, request_timeout=120)


def concrete_indices(url: str, name: str) -> list[str]:
    """The indices `name` (an index or an alias) resolves to; empty when there are none."""
    try:
        return sorted(_client(url).indices.get(index=name))
    except NotFoundError:
        return []


def store_bytes(url: str, name: str) -> int:
    """Primary store size on disk of the indices behind `name`."""
    stats = _client(url).indices.stats(index=name, metric="store")
    return int(stats["_all"]["primaries"]["store"]["size_in_bytes"])


def drop(url: str, name: str) -> None:
    """Delete the indices behind `name` (and so its alias)."""
    client = _client(url)
    for index in concrete_indices(url, name):
        client.indices.delete(index=index)


def wait_until_idle(url: str, name: str) -> float:
    """Refresh, then wait until no merge runs on `name`; returns the seconds waited."""
    client = _client(url)
    client.indices.refresh(index=name)
    began = time.monotonic()
    while time.monotonic() - began < MERGE_WAIT_S:
        stats = client.indices.stats(index=name, metric="merge")
        if int(stats["_all"]["total"]["merges"]["current"]) == 0:
            break
        time.sleep(MERGE_POLL_S)
    return time.monotonic() - began


def node_memory_bytes(url: str) -> dict[str, int]:
    """Current and peak resident memory of the (single, local) node's JVM, from /proc."""
    info = _client(url).nodes.info(metric="process")
    pid = next(iter(info["nodes"].values()))["process"]["id"]
    fields = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) * 1024
    return {"rss": fields.get("VmRSS", 0), "peak_rss": fields.get("VmHWM", 0)}
