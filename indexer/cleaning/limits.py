"""Bounds on the work spent per page, so that no input can hang a batch."""

from __future__ import annotations

import re

from indexer.errors import Skip

# Real news pages are 20 KB - 2 MB of HTML; 5 MB leaves room for pages that
# inline their images or scripts while keeping one page's parse under ~100 ms.
MAX_HTML_CHARS = 5_000_000
# A text page (a wire story, a feed body) longer than this is not one article.
MAX_TEXT_CHARS = 2_000_000
# Cleaning walks this many elements at most; a 1.5 MB news page has ~30,000.
MAX_ELEMENTS = 100_000
# Share of control characters (other than tab/newline) above which input is
# binary junk rather than a page; text has none, a PDF or image has ~20%.
MAX_CONTROL_SHARE = 0.02
# Only the first chunk of a page is sampled for control characters.
CONTROL_SAMPLE_CHARS = 65_536

_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def control_share(text: str) -> float:
    """Share of control (or U+FFFD replacement) characters in the start of `text`."""
    sample = text[:CONTROL_SAMPLE_CHARS]
    if not sample:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)


def check_input(text: str, kind: str) -> str:
    """Return `text` cut to the size bound for `kind` ("html" or "text"); Skip binary junk."""
    limit = MAX_HTML_CHARS if kind == "html" else MAX_TEXT_CHARS
    share = control_share(text)
    if share > MAX_CONTROL_SHARE:
        raise Skip(f"binary content, not a {kind} page ({share:.0%} control characters)")
    if len(text) > limit:
        # Cut, not refuse: the article is nearly always in the first megabytes
        # and the rest of a huge page is inlined data.
        return text[:limit]
    return text
