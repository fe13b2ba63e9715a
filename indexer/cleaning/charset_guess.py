"""Pick the single-byte charset of a page by how plausible each decoding reads.

cp1251, koi8-r and iso-8859-5 all map high bytes to Cyrillic letters, so a
byte-level detector often confuses them. Decoded text tells them apart: real
Russian is mostly lower case and uses о, е, а, и often and ъ, ё, ђ rarely;
a wrong Cyrillic decoding flips case or lands on rare letters, and a
Western decoding of Cyrillic bytes gives words made only of accented letters.
"""

from __future__ import annotations

import math
import re
import unicodedata

from indexer.cleaning.scripts import script_of

# Charsets tried for bytes that are not UTF-8, in order of how common they are
# on news sites; ties go to the earlier one.
SINGLE_BYTE_CANDIDATES = ("cp1251", "koi8-r", "iso8859-5", "cp1252")
# Enough text to judge; scoring the whole of a 2 MB page buys nothing.
SAMPLE_BYTES = 65_536

# Letter frequencies (per cent) of Russian, with Ukrainian and Bulgarian
# letters added, so that all three read as plausible.
_CYRILLIC_FREQUENCY = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47,
    "р": 4.73, "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81,
    "у": 2.62, "я": 2.01, "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59,
    "ч": 1.44, "й": 1.21, "х": 0.97, "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48,
    "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.30, "ё": 0.04, "і": 1.5, "ї": 0.3,
    "є": 0.2, "ґ": 0.02, "ў": 0.05,
}  # fmt: skip
# Log-frequency given to Cyrillic letters outside the table (ђ, ѓ, ѕ, …).
_RARE_LETTER = math.log(0.005)
# Non-letters that real text uses; other symbols (box drawing, controls, ¤, ¦)
# are what a wrong decoding produces.
_COMMON_SYMBOLS = frozenset("«»—–…’‘“”„‚•№€©®°±§·\u00a0\u2009\u202f™′″×½¼¾²³µ¶†‡¿¡")
_WORD = re.compile(r"[^\W\d_]+")
_GLUED_SYMBOL = re.compile(r"(?<=[^\W\d_])[^\w\s.,;:!?'\"’‘“”«»()\[\]/-](?=[^\W\d_])")


def _symbol_penalty(text: str) -> int:
    odd = 0
    for char in text:
        if char >= "\x80" and not char.isalpha() and char not in _COMMON_SYMBOLS:
            if not char.isspace() and unicodedata.category(char) not in ("Pd", "Pi", "Pf"):
                odd += 1
    return odd


def _word_penalty(word: str) -> float:
    """Penalty for one word: mixed scripts, flipped case, rare or over-accented letters."""
    scripts = {script_of(char) for char in word}
    if len(scripts) > 1:
        return float(len(word))
    script = scripts.pop() if scripts else None
    if script == "cyrillic":
        penalty = 0.0
        # Upper case after lower case inside a word ("пРИВЕТ") never happens in text.
        for previous, char in zip(word, word[1:], strict=False):
            if previous.islower() and char.isupper():
                penalty += 1.0
        if not word.isupper():
            penalty -= (
                sum(math.log(_CYRILLIC_FREQUENCY.get(char.lower(), 0.005)) + 3.0 for char in word)
                / 4.0
            )
        else:
            penalty += 0.3 * len(word)
        return penalty
    if script == "latin":
        accented = sum(1 for char in word if char >= "\x80")
        # French or German words carry one or two accents; "Ïðèâåò" is all accents.
        if accented and len(word) >= 4 and accented / len(word) > 0.5:
            return float(accented)
    return 0.0


def implausibility(text: str) -> float:
    """How unlike natural text the non-ASCII part of `text` is (lower is better)."""
    letters = sum(1 for char in text if char >= "\x80")
    if not letters:
        return 0.0
    penalty = 2.0 * _symbol_penalty(text)
    for word in _WORD.findall(text):
        if any(char >= "\x80" for char in word):
            penalty += _word_penalty(word)
    return penalty / letters


def oddity(text: str) -> float:
    """Share of non-ASCII characters that no real text has (absolute, unlike implausibility).

    Odd symbols, symbols glued between letters ("за€вил"), letters in mixed-script
    words, case flips inside a word and Cyrillic letters outside Russian,
    Ukrainian and Bulgarian all count.
    """
    non_ascii = sum(1 for char in text if char >= "\x80")
    if not non_ascii:
        return 0.0
    odd = _symbol_penalty(text) + len(_GLUED_SYMBOL.findall(text))
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        scripts = {script_of(char) for char in word}
        if len(scripts) > 1:
            odd += len(word)
        elif scripts == {"cyrillic"}:
            odd += sum(1 for char in word if char.lower() not in _CYRILLIC_FREQUENCY)
            odd += sum(
                1 for a, b in zip(word, word[1:], strict=False) if a.islower() and b.isupper()
            )
    return odd / non_ascii


def decode_single_byte(data: bytes, charset: str) -> str:
    """Decode with one single-byte charset; cp1252 falls back to latin-1 for its holes."""
    try:
        return data.decode(charset)
    except UnicodeDecodeError:
        # A stray undefined byte (0x98 in cp1251) becomes U+FFFD and counts
        # against the charset instead of ruling it out.
        return data.decode("latin-1" if charset == "cp1252" else charset, errors="replace")


def guess_single_byte(data: bytes, declared: str | None = None) -> str:
    """The single-byte charset under which `data` reads most like natural text."""
    sample = data[:SAMPLE_BYTES]
    candidates = list(SINGLE_BYTE_CANDIDATES)
    if declared and declared not in candidates:
        candidates.insert(0, declared)
    scored = []
    for rank, charset in enumerate(candidates):
        try:
            text = decode_single_byte(sample, charset)
        except LookupError:
            continue
        score = implausibility(text)
        # The declared charset wins ties and near-ties: it is usually right.
        if charset == declared:
            score -= 0.05
        scored.append((score, rank, charset))
    return min(scored)[2] if scored else "cp1252"
