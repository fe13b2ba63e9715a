"""English words and phrases in Russian, from Müller's English-Russian dictionary.

The dictionary is Debian's `mueller7-dict` package (V. K. Müller's dictionary, 7th edition, in
the dict server's format: an index of headwords and a gzipped text, under /usr/share/dictd).
It is optional: without it nothing is translated and `available()` says so. Each entry lists
its senses ("1) министерство 2) кабинет министров") and set phrases with the headword
abbreviated ("Chamber of C. Торговая палата"); both are read on first use of a word.
"""

from __future__ import annotations

import gzip
import logging
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

DICTIONARY_DIR = Path("/usr/share/dictd")
INDEX_FILE, TEXT_FILE = "mueller7.index", "mueller7.dict.dz"
# Senses read per word: the first few are the common ones ("court": двор, суд). 4, 6 and 8
# found the same on the SlavicNER tuning topics (brexit, nord_stream).
MAX_SENSES = 4
# The label of a noun's sense as the word before another noun ("labour": 6) _attr.
# лейбористский): how a word reads in a name, kept whichever sense it is.
ATTRIBUTIVE = "_attr."
# A sense longer than this many words is an explanation, not a translation.
MAX_SENSE_WORDS = 3
_BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_SENSE_START = re.compile(r"\n\s*(?:\d+\)|\d+\.\s)")
_NOISE = re.compile(r"\[[^\]]*\]|\([^)]*\)|\{[^}]*\}|_\S+")  # transcription, notes, labels
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LATIN = re.compile(r"[A-Za-z]")
_RUSSIAN_TEXT = r"[А-Яа-яЁё][А-Яа-яЁё\- ]*[А-Яа-яЁё]"


@dataclass(frozen=True)
class _Dictionary:
    where: dict[str, tuple[int, int]]  # headword, lower case -> (offset, length) in `text`
    text: bytes


_loading = threading.Lock()


@lru_cache(maxsize=1)
def _dictionary() -> _Dictionary | None:
    index, text = DICTIONARY_DIR / INDEX_FILE, DICTIONARY_DIR / TEXT_FILE
    if not (index.is_file() and text.is_file()):
        log.info("no English-Russian dictionary at %s: names are not translated", index)
        return None
    with _loading:
        where: dict[str, tuple[int, int]] = {}
        try:
            for line in index.read_text(encoding="utf-8", errors="replace").splitlines():
                parts = line.split("\t")
                if len(parts) == 3 and not parts[0].startswith("00-"):  # 00-database-*: about
                    where.setdefault(parts[0].casefold(), (_number(parts[1]), _number(parts[2])))
            return _Dictionary(where, gzip.decompress(text.read_bytes()))
        except (OSError, EOFError, ValueError) as error:  # a broken install translates nothing
            log.warning("English-Russian dictionary unreadable (%s): %s", index.parent, error)
            return None


def available() -> bool:
    """Whether the dictionary is installed."""
    return _dictionary() is not None


def _number(digits: str) -> int:
    """The dict format's base-64 numbers."""
    value = 0
    for digit in digits:
        value = value * 64 + _BASE64.index(digit)
    return value


@lru_cache(maxsize=16384)
def _entry(word: str) -> str | None:
    """The entry of an English headword (a plural's singular when it has none), or None."""
    dictionary = _dictionary()
    if dictionary is None:
        return None
    folded = word.casefold()
    found = dictionary.where.get(folded)
    if found is None and folded.endswith("s"):
        found = dictionary.where.get(folded[:-1])
    if found is None:
        return None
    offset, length = found
    return dictionary.text[offset : offset + length].decode("utf-8", errors="replace")


def entry(word: str) -> str | None:
    """The whole entry of an English headword (senses, set phrases, examples), or None."""
    return _entry(word)


def proper(word: str) -> bool:
    """Whether the dictionary writes `word` itself with a capital: a name ("Kremlin"), not a
    word; not a plural of one ("Caesars", a casino, is no Caesar)."""
    dictionary = _dictionary()
    entry = _entry(word) if dictionary and word.casefold() in dictionary.where else None
    return entry is not None and entry[:1].isupper()


@lru_cache(maxsize=16384)
def senses(word: str) -> tuple[str, ...]:
    """The first Russian translation of each of the word's first senses, in the dictionary's
    order, then of its attributive senses: "court" -> двор, суд, ...; "labour" -> труд, ...,
    трудовой, лейбористский; none for a word it lacks."""
    entry = _entry(word)
    if entry is None:
        return ()
    body = entry.split("\n", 1)[1] if "\n" in entry else entry
    found: dict[str, None] = {}
    attributive: dict[str, None] = {}
    for chunk in _SENSE_START.split("\n" + body):
        first = _NOISE.sub(" ", chunk).split(";")[0]
        for piece in first.split(","):
            piece = " ".join(piece.split())
            if _CYRILLIC.match(piece) and not _LATIN.search(piece):
                if len(piece.split()) <= MAX_SENSE_WORDS:
                    found.setdefault(piece, None)
                    if chunk.lstrip().startswith(ATTRIBUTIVE):
                        attributive.setdefault(piece, None)
                break
    first_senses = tuple(found)[:MAX_SENSES]
    return first_senses + tuple(a for a in attributive if a not in first_senses)


@lru_cache(maxsize=16384)
def _phrases(word: str) -> dict[str, str]:
    """The set phrases of a headword's entry: English (lower case, the headword written out)
    -> Russian. "Chamber of C. Торговая палата" in "commerce" -> "chamber of commerce"."""
    entry = _entry(word)
    if entry is None:
        return {}
    letter = re.escape(word[0].upper())
    text = " ".join(_NOISE.sub(" ", entry).split())
    pattern = re.compile(
        rf"((?:[A-Za-z'-]+\.? ){{0,4}}?(?:{letter}\.|{re.escape(word)})(?: [A-Za-z'-]+\.?){{0,4}})"
        rf" ({_RUSSIAN_TEXT})",
        re.IGNORECASE,
    )
    found: dict[str, str] = {}
    for match in pattern.finditer(text):
        english = re.sub(rf"\b{letter}\.", word, match.group(1), flags=re.IGNORECASE)
        found.setdefault(english.casefold().strip(), match.group(2).strip())
    return found


def phrase(words: tuple[str, ...]) -> str | None:
    """The Russian of a set phrase ("House of Commons" -> палата общин), looked up in the
    entries of its words, with or without a leading "the"; None when none lists it."""
    typed = " ".join(words).casefold()
    for word in words:
        for key in (typed, f"the {typed}"):
            if found := _phrases(word.casefold()).get(key):
                return found
    return None
