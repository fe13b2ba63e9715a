"""Russian words cut to their first letters: "мошенник" and "мошенничество" meet as "мошен".

A headline and its story often name one thing by words of one root that Snowball stems apart
(мошенник / мошенничество, убийца / убийство, теракт / террорист): suffixes it does not strip.
Cutting every Cyrillic word to its first `CUT_CHARS` letters (truncation stemming, which
Russian retrieval has long used) lets them meet. The index keeps the cut words of a real
headline and the body in a field of their own (word counts only), and a ranked Cyrillic word
also looks for its cut there, an optional word that reorders the matches and never adds one.
"""

from __future__ import annotations

import re

# Letters kept. Chosen on the Lenta sets' half A (bm25s prototype: nDCG@10 headline / keywords
# 0.953 / 0.825 plain, 5 letters 0.962 / 0.837, 6 letters 0.959 / 0.837, 7 letters 0.954 /
# 0.835, each at 0.5 of the plain score). In the engine, at weight 0.5: 3 letters 0.972 /
# 0.875, 4 0.972 / 0.872, 5 0.971 / 0.870, 6 0.972 / 0.868; within a query or two of each
# other on headlines, and shorter cuts join words of no common root ("поли": полиция,
# политика), which a known-item set does not see; so five, a Russian root's usual length.
CUT_CHARS = 5
# Weight of a cut word's match beside the ranked word's own (a ranked word's score times this).
# Chosen on the Lenta sets' half A (nDCG@10 headline / keywords, with the place adjectives:
# 0 0.969 / 0.863, 0.25 0.971 / 0.869, 0.5 0.971 / 0.870, 1 0.970 / 0.871): the middle of a
# flat stretch, as the lead's and the headline's weights are.
CUT_WEIGHT = 0.5
# A Cyrillic word, as the index's word tokenizer reads letters and digits.
_CYRILLIC_WORD = re.compile(r"[а-яё]+", re.IGNORECASE)


def cut_text(*texts: str | None) -> str | None:
    """The cut Cyrillic words of `texts`, space-separated; None when there are none."""
    cut = [_cut(word) for text in texts if text for word in _CYRILLIC_WORD.findall(text)]
    return " ".join(cut) or None


def cut_words(words: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    """(cut word, weight) for each Cyrillic word longer than its cut, once each."""
    found: dict[str, None] = {}
    for word in words:
        if len(word) > CUT_CHARS and _CYRILLIC_WORD.fullmatch(word):
            found.setdefault(_cut(word), None)
    return tuple((cut, CUT_WEIGHT) for cut in found)


def _cut(word: str) -> str:
    return word[:CUT_CHARS].casefold()
