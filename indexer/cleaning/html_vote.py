"""Optional second opinion: short body blocks that trafilatura also rejects are dropped.

Our extractor keeps long prose reliably; its residual errors are short lines
(teaser headlines, credits, labels). Where trafilatura, which uses different
rules, does not keep such a line either, it goes to boilerplate. This costs a
trafilatura run (~15-20 ms a page), so the cleaning stage leaves it off.
"""

from __future__ import annotations

import re

# Only blocks shorter than this are put to the vote; long prose is ours to keep.
VOTE_MAX_CHARS = 200
# Shingle length for "does trafilatura's text contain this block".
SHINGLE = 3
# Share of a block's shingles that must appear in trafilatura's text.
AGREE_SHARE = 0.5

_TOKEN = re.compile(r"\w+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _contains(block: str, joined: str, shingles: set[tuple[str, ...]]) -> bool:
    tokens = _tokens(block)
    if not tokens:
        return True
    if len(tokens) < 2 * SHINGLE:
        return f" {' '.join(tokens)} " in joined
    grams = [tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)]
    return sum(1 for gram in grams if gram in shingles) >= AGREE_SHARE * len(grams)


def second_opinion(html: str, body: list[str]) -> tuple[list[str], list[str]]:
    """Split `body` into (kept, dropped) by trafilatura's agreement on short blocks."""
    import trafilatura

    other = trafilatura.extract(html, include_comments=False) or ""
    if not other.strip():
        # trafilatura found nothing: no opinion, keep everything.
        return body, []
    tokens = _tokens(other)
    joined = f" {' '.join(tokens)} "
    shingles = {tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}
    kept: list[str] = []
    dropped: list[str] = []
    for block in body:
        agreed = len(block) >= VOTE_MAX_CHARS or _contains(block, joined, shingles)
        (kept if agreed else dropped).append(block)
    return kept, dropped
