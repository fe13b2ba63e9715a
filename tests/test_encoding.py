"""decode_bytes: each charset, wrong declarations, BOMs, mojibake repair, declared_charset."""

from __future__ import annotations

import codecs

import pytest

from indexer.cleaning.mojibake import repair_mojibake
from indexer.encoding import declared_charset, decode_bytes

RUSSIAN = (
    "Паромная переправа возобновила работу в понедельник после ремонта причала. "
    "Съешь же ещё этих мягких булок, да выпей чаю."
)
UKRAINIAN = "Переправа знову працює: їжак з'їв ґрунт, а єнот пішов додому."
BULGARIAN = "Фериботът отново работи след ремонта на кея, съобщиха от общината."
SHORT_RUSSIAN = "Привет"
FRENCH = "Le bac a repris du service lundi après des réparations ; l’été sera chargé à Genève."
GERMAN = "Die Fähre fährt wieder: Grüße aus Köln, sagte die Sprecherin."
ENGLISH = "The ferry resumed service on Monday after repairs to its landing stage."

CASES = [
    *[(text, charset) for text in (RUSSIAN, UKRAINIAN, BULGARIAN) for charset in ("cp1251",)],
    *[(text, charset) for text in (RUSSIAN, BULGARIAN) for charset in ("koi8-r", "iso-8859-5")],
    (SHORT_RUSSIAN, "cp1251"),
    (SHORT_RUSSIAN, "koi8-r"),
    (FRENCH, "cp1252"),
    (GERMAN, "latin-1"),
    *[(text, "utf-8") for text in (RUSSIAN, FRENCH, ENGLISH)],
]


@pytest.mark.parametrize(("text", "charset"), CASES)
@pytest.mark.parametrize("declared", [None, "utf-8", "windows-1252", "cp1251", "koi8-r"])
def test_charset_is_found_whatever_is_declared(
    text: str, charset: str, declared: str | None
) -> None:
    assert decode_bytes(text.encode(charset), declared) == text


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + RUSSIAN.encode("utf-8"),
        codecs.BOM_UTF16_LE + RUSSIAN.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be"),
        ENGLISH.encode("utf-16"),
    ],
    ids=["utf-8 bom", "utf-16-le bom", "utf-16-be bom", "utf-16 native"],
)
def test_bom_decides_and_is_dropped(data: bytes) -> None:
    text = decode_bytes(data, "cp1251")
    assert text in (RUSSIAN, FRENCH, ENGLISH)


def test_utf16_without_bom() -> None:
    assert decode_bytes(ENGLISH.encode("utf-16-le")) == ENGLISH


def test_declared_multibyte_charset_is_trusted_when_it_decodes() -> None:
    chinese = "渡轮在码头修复后于周一恢复运营。"
    assert decode_bytes(chinese.encode("gb18030"), "gb2312") == chinese


def test_stray_invalid_byte_in_utf8_keeps_utf8() -> None:
    data = RUSSIAN.encode("utf-8") + b"\xff" + RUSSIAN.encode("utf-8")
    text = decode_bytes(data, "utf-8")
    assert text == RUSSIAN + "\ufffd" + RUSSIAN


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        (RUSSIAN.encode("utf-8").decode("cp1251"), RUSSIAN),
        ("РџСЂРёРІРµС‚ РјРёСЂ", "Привет мир"),
        (FRENCH.encode("utf-8").decode("cp1252"), FRENCH),
        ("cafÃ©", "café"),
        ("ÐŸÑ€Ð¸Ð²ÐµÑ‚", "Привет"),
        (f"{ENGLISH} â€œquotedâ€\x9d", f"{ENGLISH} “quoted”"),
    ],
    ids=[
        "cp1251 sentence",
        "cp1251 words",
        "cp1252 sentence",
        "latin-1 word",
        "cyr as cp1252",
        "quotes",
    ],
)
def test_mojibake_is_repaired(broken: str, fixed: str) -> None:
    assert repair_mojibake(broken) == fixed
    assert decode_bytes(broken.encode("utf-8")) == fixed


@pytest.mark.parametrize(
    "text", [RUSSIAN, FRENCH, GERMAN, "Рёв моторов", "«ÉTÉ» en capitales", "Ä, Ö und Ü"]
)
def test_real_text_is_not_touched(text: str) -> None:
    assert repair_mojibake(text) == text


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<html><head><meta charset="windows-1251">', "cp1251"),
        (b"<meta http-equiv='Content-Type' content='text/html; charset=KOI8-R'>", "koi8-r"),
        (b'<?xml version="1.0" encoding="ISO-8859-5"?><html>', "iso8859-5"),
        (b'<meta charset="latin1">', "cp1252"),
        (b'<meta charset="utf-8">', "utf-8"),
        (b'<meta charset="no-such-charset">', None),
        (b"<html><head><title>x</title></head>", None),
    ],
)
def test_declared_charset(head: bytes, charset: str | None) -> None:
    assert declared_charset(head) == charset


def test_empty_and_junk_bytes_decode_without_error() -> None:
    assert decode_bytes(b"") == ""
    assert isinstance(decode_bytes(bytes(range(256)) * 20), str)


@pytest.mark.parametrize("declared", ["koi8-u", "cp866", "mac-cyrillic"])
def test_wrong_cyrillic_declaration_outside_the_scored_set(declared: str) -> None:
    assert decode_bytes(RUSSIAN.encode("cp1251"), declared) == RUSSIAN


@pytest.mark.parametrize(
    ("text", "charset"),
    [
        ("Ο πρόεδρος δήλωσε ότι οι συνομιλίες θα συνεχιστούν την επόμενη εβδομάδα.", "iso-8859-7"),
        ("הנשיא אמר ביום שני כי השיחות יימשכו בשבוע הבא.", "windows-1255"),
        ("Переправа знову працює, їжак пішов додому.", "koi8-u"),
    ],
)
def test_right_declaration_of_another_single_byte_charset_is_trusted(
    text: str, charset: str
) -> None:
    assert decode_bytes(text.encode(charset), charset) == text
