"""Repair UTF-8 text that was once decoded with a single-byte charset ("РџСЂРёРІРµС‚", "cafÃ©")."""

from __future__ import annotations

import re

from indexer.cleaning.charset_guess import implausibility

# A run needs this many mis-decoded characters before we touch it: one pair can
# be real text ("Рёв" is a Russian word whose letters look like UTF-8 bytes).
MIN_CYRILLIC_PAIRS = 2


def _byte_table(charset: str) -> dict[str, int]:
    """Character -> byte for a single-byte charset, with latin-1 filling cp1252's holes."""
    table: dict[str, int] = {}
    for byte in range(256):
        try:
            table[bytes([byte]).decode(charset)] = byte
        except UnicodeDecodeError:
            continue
    if charset == "cp1252":
        for byte in range(0x80, 0xA0):
            table.setdefault(chr(byte), byte)
    return table


def _chars(table: dict[str, int], low: int, high: int) -> str:
    return "".join(sorted(re.escape(char) for char, byte in table.items() if low <= byte <= high))


_CP1251 = _byte_table("cp1251")
_CP1252 = _byte_table("cp1252")
# UTF-8 Cyrillic lead bytes D0-D3 read as cp1251 are Р С Т У; the next byte is a
# continuation byte 0x80-0xBF.
_CP1251_PAIR = f"[{_chars(_CP1251, 0xD0, 0xD3)}][{_chars(_CP1251, 0x80, 0xBF)}]"
# Runs start and end on a pair so that matching stays linear on long ASCII text;
# ASCII between pairs decodes to itself.
_CP1251_RUN = re.compile(f"{_CP1251_PAIR}(?:[ -~]*{_CP1251_PAIR})*")
_CP1251_PAIR_RE = re.compile(_CP1251_PAIR)
# UTF-8 sequences read as cp1252/latin-1: a lead byte C2-F4 and 1-3 continuation bytes.
_CONT = f"[{_chars(_CP1252, 0x80, 0xBF)}]"
_LATIN_SEQUENCE = (
    f"(?:[{_chars(_CP1252, 0xC2, 0xDF)}]{_CONT}"
    f"|[{_chars(_CP1252, 0xE0, 0xEF)}]{_CONT}{{2}}"
    f"|[{_chars(_CP1252, 0xF0, 0xF4)}]{_CONT}{{3}})"
)
_LATIN_SEQUENCE_RE = re.compile(_LATIN_SEQUENCE)
_LATIN_RUN = re.compile(f"{_LATIN_SEQUENCE}(?:[ -~]*{_LATIN_SEQUENCE})*")


# The commonest mis-decoded letters: о, е, а, т, н, и in cp1251 mojibake, and
# lead bytes C2, C3 (Latin-1 letters), E2 (punctuation), D0, D1 (Cyrillic) in
# cp1252 mojibake. Real text almost never holds these pairs.
_CP1251_MARKERS = ("Рѕ", "Рµ", "Р°", "С‚", "РЅ", "Рё", "СЊ", "СЏ")
_LATIN_MARKERS = ("Ã", "Â", "â€", "Ð", "Ñ")


# Characters a real repair never yields: C1 controls, Latin Extended-B, IPA,
# combining marks. "É»" in French quotes is valid UTF-8 for "ɻ", which is not text.
_RARE_RESULT = re.compile("[\u0080-\u009f\u0180-\u036f\ufffd]")


def _transcode(run: str, table: dict[str, int]) -> str | None:
    try:
        return bytes(table[char] for char in run).decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return None


def _repair_runs(
    text: str, pattern: re.Pattern[str], single: re.Pattern[str], table: dict[str, int]
) -> str:
    def fix_one(match: re.Match[str]) -> str:
        repaired = _transcode(match.group(0), table)
        return match.group(0) if repaired is None else repaired

    def fix(match: re.Match[str]) -> str:
        run = match.group(0)
        if single is _CP1251_PAIR_RE and len(single.findall(run)) < MIN_CYRILLIC_PAIRS:
            return run
        repaired = _transcode(run, table)
        if repaired is None:
            # One broken sequence (a lost byte) should not block the rest of the run.
            repaired = single.sub(fix_one, run)
        if _RARE_RESULT.search(repaired) or implausibility(repaired) > implausibility(run):
            return run
        return repaired

    return pattern.sub(fix, text)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 mis-decoded as cp1251, cp1252 or latin-1, leaving real text alone."""
    if text.isascii():
        return text
    # str.find runs at memchr speed; the regexes only run when a telltale is present.
    if any(marker in text for marker in _CP1251_MARKERS):
        text = _repair_runs(text, _CP1251_RUN, _CP1251_PAIR_RE, _CP1251)
    if any(marker in text for marker in _LATIN_MARKERS):
        text = _repair_runs(text, _LATIN_RUN, _LATIN_SEQUENCE_RE, _CP1252)
    return text
