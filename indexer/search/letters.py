"""The letter both engines fold before matching words: ё, printed as е in most Russian text.

An unstemmed field that kept ё made "Семин" miss "Сёмин" (and a name spelled from Latin,
"Vorobyov" -> "Воробьев", miss "Воробьёв"); Snowball's Russian stemmer folds it already.
Elasticsearch folds it in its analyzers (mappings/articles.json, `newsdesk_letters`); tantivy-py
has no such filter, so the embedded engine is handed folded text, written and searched. Both
letters are one character and two UTF-8 bytes, so offsets in a folded text are the text's own.
"""

from __future__ import annotations

_FOLDED = str.maketrans("ёЁ", "еЕ")
FOLDING = "ё=е"  # what the folding does, for the embedded schema's fingerprint


def fold_letters(text: str) -> str:
    """`text` with ё written е (and Ё as Е); `text` itself when it has neither (most words:
    two membership tests cost a tenth of a translation, on every word of every query)."""
    return text.translate(_FOLDED) if "ё" in text or "Ё" in text else text
