"""How deeply a JSON text nests, measured before parsing it (a deep one exhausts the stack)."""

from __future__ import annotations

import re

# A JSON string, escapes included (the unrolled form: no backtracking per character).
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_OPEN = frozenset(b"[{")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def too_deep(raw: bytes, limit: int) -> bool:
    """Whether brackets outside strings nest more than `limit` levels."""
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False  # the common case: too few brackets to nest that deep
    depth = 0
    for byte in _STRING.sub(b"", raw).translate(None, _NOT_BRACKETS):
        depth += 1 if byte in _OPEN else -1
        if depth > limit:
            return True
    return False


def depth_reason(limit: int) -> str:
    """The failure reason for a record nested too deeply."""
    return f"JSON nested deeper than {limit} levels (NEWSDESK_MAX_JSON_DEPTH)"
