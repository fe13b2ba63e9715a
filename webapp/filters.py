"""Jinja filters: dates, language names, numbers, safe links and snippets."""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urlsplit

from flask import Flask
from markupsafe import Markup

# Names for the languages the pipeline is likely to report; other codes are shown as is.
LANGUAGE_NAMES = {
    "ar": "Arabic", "be": "Belarusian", "bg": "Bulgarian", "cs": "Czech", "de": "German",
    "el": "Greek", "en": "English", "es": "Spanish", "fa": "Persian", "fr": "French",
    "he": "Hebrew", "hi": "Hindi", "it": "Italian", "ja": "Japanese", "kk": "Kazakh",
    "ko": "Korean", "mk": "Macedonian", "mn": "Mongolian", "nl": "Dutch", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sr": "Serbian", "tr": "Turkish",
    "uk": "Ukrainian", "uz": "Uzbek", "zh": "Chinese", "und": "Undetermined",
}  # fmt: skip
LINK_SCHEMES = ("http", "https")  # anything else (javascript:, data:) is shown as text only
# Backends return snippets as escaped text with <mark> only; any other "<" is escaped again
# so that a backend bug cannot become markup.
_NOT_MARK_TAG = re.compile(r"<(?!/?mark>)")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


def language_name(code: str | None) -> str:
    """ "ru" -> "Russian"; unknown codes as they are."""
    if not code:
        return LANGUAGE_NAMES["und"]
    return LANGUAGE_NAMES.get(code, code)


def _parse(value: str | date | None) -> date | datetime | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def lang_code(code: str | None) -> str:
    """The code if it can go into a lang="" attribute ("en", "ru"), else ""."""
    return code if code and _LANGUAGE_CODE.match(code) and code != "und" else ""


def display_date(value: str | date | None) -> str:
    """An ISO date or timestamp as "8 Mar 2024"; "" when missing or unreadable."""
    parsed = _parse(value)
    if parsed is None:
        return ""
    return f"{parsed.day} {parsed.strftime('%b %Y')}"


def display_time(value: str | None) -> str:
    """An ISO timestamp as "8 Mar 2024, 10:15 UTC+03:00"; the date alone when it has no time."""
    parsed = _parse(value)
    if not isinstance(parsed, datetime) or not value or "T" not in value:
        return display_date(value)
    offset = parsed.strftime("%z")
    zone = ""
    if offset:
        zone = " UTC" if offset == "+0000" else f" UTC{offset[:3]}:{offset[3:]}"
    return f"{display_date(parsed)}, {parsed.strftime('%H:%M')}{zone}"


def http_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) link, else None (it is then shown as text)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        return None
    return url.strip()


def number(value: int) -> str:
    """12345 -> "12,345"."""
    return f"{value:,}"


def snippet_html(snippet: str) -> Markup:
    """A backend snippet as markup that can hold nothing but <mark>."""
    return Markup(_NOT_MARK_TAG.sub("&lt;", snippet))


def init_app(app: Flask) -> None:
    """Register the filters with the app's Jinja environment."""
    app.jinja_env.filters.update(
        language_name=language_name,
        lang_code=lang_code,
        display_date=display_date,
        display_time=display_time,
        http_url=http_url,
        number=number,
        snippet_html=snippet_html,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
