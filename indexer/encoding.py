"""Bytes to text: BOMs, UTF-8, single-byte Cyrillic/Western charsets, wrong labels, mojibake."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from indexer.cleaning.charset_guess import (
    SINGLE_BYTE_CANDIDATES,
    decode_single_byte,
    guess_single_byte,
    implausibility,
    oddity,
)
from indexer.cleaning.mojibake import repair_mojibake

# A charset declaration sits in the first bytes of a page; browsers look at 1024,
# we look further because some pages put long comments or scripts first.
DECLARATION_BYTES = 8192
# Share of NUL bytes at odd or even positions (and twenty times fewer at the other) that
# marks BOM-less UTF-16: Russian prose has 15-20% (spaces, digits, punctuation), English ~100%.
MIN_UTF16_NUL_SHARE = 0.05
# Control characters a UTF-16/32 reading may hold (share); binary data decodes to many.
MAX_WIDE_CONTROL_SHARE = 0.01
# Bytes looked at to tell BOM-less UTF-16/32 by its NUL bytes.
WIDE_SNIFF_BYTES = 4096
# A declared charset outside our candidates is used when at most this share of
# its non-ASCII characters is odd (clean text: 0; a wrong code page: 0.1 and more).
TRUSTED_ODDITY = 0.02
# Bytes charset-normalizer looks at when the charset is none we score ourselves.
DETECTOR_SAMPLE_BYTES = 65_536

# Valid UTF-8 sequences needed per broken one to still call the page UTF-8.
MIN_UTF8_SEQUENCES = 20
# UTF-8 bytes of the commonest mojibake characters: "Ã", "Â", "Ð", "Ñ", "â€"
# (cp1252 mojibake) and "Рѕ", "Рё", "Рµ", "Р°", "С‚", "РЅ" (cp1251 mojibake).
# Only pages holding one are repaired; each regex starts with a literal byte,
# so the scan runs at memchr speed.
_MOJIBAKE_MARKERS = (
    re.compile(rb"\xc3[\x82\x83\x90\x91]|\xc3\xa2\xe2\x82\xac"),
    re.compile(rb"\xd0[\xa0\xa1](?:\xd1[\x95\x91]|\xc2[\xb5\xb0]|\xe2\x80\x9a|\xd0\x85)"),
)
_HIGH_BYTES = bytes(range(0x80, 0x100))
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""",
    re.IGNORECASE,
)
# Charsets that browsers treat as windows-1252 (WHATWG encoding standard).
_WESTERN_ALIASES = {"iso8859-1", "latin-1", "ascii", "cp1252"}


def normalize_charset(name: str | None) -> str | None:
    """Python's canonical codec name for a declared charset, or None if unknown."""
    if not name:
        return None
    try:
        canonical = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if canonical in _WESTERN_ALIASES else canonical


def declared_charset(head: bytes) -> str | None:
    """The charset an HTML page declares in <meta> or an XML declaration, if any."""
    match = _META_CHARSET.search(head[:DECLARATION_BYTES])
    if not match:
        return None
    return normalize_charset((match.group(1) or match.group(2)).decode("ascii", "ignore"))


def _bom_charset(data: bytes) -> tuple[str, int] | None:
    for bom, charset in _BOMS:
        if data.startswith(bom):
            return charset, len(bom)
    return None


def _nul_shares(sample: bytes, width: int) -> list[float]:
    """Share of NUL bytes at each position modulo `width`."""
    count = len(sample) // width
    return [sample[i : count * width : width].count(0) / count for i in range(width)]


def _reads_as(sample: bytes, charset: str) -> bool:
    """Whether the sample decodes cleanly as `charset`, with (almost) no control characters."""
    try:
        text = sample[: len(sample) // 4 * 4].decode(charset)
    except UnicodeDecodeError:
        # A surrogate pair cut at the sample's end is not an error; anything else is.
        try:
            text = sample[: (len(sample) // 4 - 1) * 4].decode(charset)
        except UnicodeDecodeError:
            return False
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bool(text) and control <= MAX_WIDE_CONTROL_SHARE * len(text)


def bomless_wide_charset(data: bytes) -> str | None:
    """UTF-32 or UTF-16 (either byte order) without a BOM, told by where the NUL bytes fall.

    In UTF-32 the top byte of every code unit is NUL, and the next one nearly always. In
    UTF-16 the NULs are the high bytes of Latin letters, digits, spaces and markup: all at
    one parity, whatever the text's script (Cyrillic text still has spaces and digits).
    A candidate must then decode cleanly, so binary data with NULs is not taken for text.
    """
    sample = data[:WIDE_SNIFF_BYTES]
    if len(sample) < 8:
        return None
    p0, p1, p2, p3 = _nul_shares(sample, 4)
    candidates = []
    if p3 > 0.99 and p2 > 0.9 and p0 < 0.05:
        candidates.append("utf-32-le")
    if p0 > 0.99 and p1 > 0.9 and p3 < 0.05:
        candidates.append("utf-32-be")
    even, odd = _nul_shares(sample, 2)
    if odd >= MIN_UTF16_NUL_SHARE and even * 20 <= odd:
        candidates.append("utf-16-le")
    if even >= MIN_UTF16_NUL_SHARE and odd * 20 <= even:
        candidates.append("utf-16-be")
    return next((charset for charset in candidates if _reads_as(sample, charset)), None)


def _decode_mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text, also when a few stray bytes are broken (a truncated or spliced page)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - broken
    # Single-byte text decoded as UTF-8 yields almost nothing but U+FFFD.
    return text if multibyte >= MIN_UTF8_SEQUENCES * max(1, broken) else None


def _has_mojibake_marker(data: bytes) -> bool:
    return any(marker.search(data) for marker in _MOJIBAKE_MARKERS)


def _is_single_byte(charset: str) -> bool:
    # Single-byte charsets decode any bytes, so decoding cleanly proves nothing;
    # they are scored against our candidates instead.
    try:
        return len(_HIGH_BYTES.decode(charset, errors="replace")) == len(_HIGH_BYTES)
    except LookupError:
        return False


def _detect_other(data: bytes) -> str | None:
    best = from_bytes(data[:DETECTOR_SAMPLE_BYTES]).best()
    return normalize_charset(best.encoding) if best else None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode `data`, trusting a declared charset only when the text reads right."""
    declared = normalize_charset(declared)
    bom = _bom_charset(data)
    if bom:
        charset, skip = bom
        return repair_mojibake(data[skip:].decode(charset, errors="replace"))
    wide = bomless_wide_charset(data)
    if wide:
        return data.decode(wide, errors="replace")
    utf8 = _decode_mostly_utf8(data)
    if utf8 is not None:
        return repair_mojibake(utf8) if _has_mojibake_marker(data) else utf8
    if declared and declared != "utf-8" and not _is_single_byte(declared):
        # A declared multi-byte charset (gbk, shift_jis, euc-kr, …) that decodes
        # cleanly is trusted: for these a clean decode is real evidence.
        try:
            return repair_mojibake(data.decode(declared))
        except (UnicodeDecodeError, LookupError):
            declared = None
    if declared and declared not in SINGLE_BYTE_CANDIDATES:
        # A single-byte charset we do not score ourselves (Greek, Hebrew, Thai,
        # koi8-u, …) is trusted when its reading has no odd symbols or words.
        text = data.decode(declared, errors="replace")
        if oddity(text[:DETECTOR_SAMPLE_BYTES]) <= TRUSTED_ODDITY:
            return repair_mojibake(text)
    charset = guess_single_byte(data, declared)
    text = decode_single_byte(data, charset)
    if implausibility(text[:DETECTOR_SAMPLE_BYTES]) > 1.0:
        # None of our single-byte charsets reads well: some other script
        # (Greek, CJK, Arabic), so ask a general detector.
        other = _detect_other(data)
        if other and other not in SINGLE_BYTE_CANDIDATES:
            try:
                return data.decode(other)
            except (UnicodeDecodeError, LookupError):
                pass
    return repair_mojibake(text)
