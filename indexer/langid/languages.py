"""The candidate languages of each script, and a prior on how often each turns up in news."""

from __future__ import annotations

import math

# Languages written in each script that the statistical detectors can tell
# apart. Serbian and Uzbek are written in Latin and in Cyrillic.
LANGUAGES_BY_SCRIPT: dict[str, frozenset[str]] = {
    "LATIN": frozenset(
        "af an az br bs ca cs cy da de en eo es et eu fi fo fr fy ga gd gl ha hr ht hu id ig "
        "is it jv ku la lb lg ln lt lv mg mi ms mt nb nl nn oc om pl pt qu ro rw se sk sl sn "
        "so sq sr st sv sw tk tl tn tr ts uz vi vo wa xh yo zu".split()
    ),
    "CYRILLIC": frozenset("ru uk be bg mk sr kk mn uz tg ky tt ba".split()),
    "ARABIC": frozenset("ar fa ur ps ug".split()),
    "DEVANAGARI": frozenset("hi mr ne sa".split()),
    "BENGALI": frozenset("bn as".split()),
}

# Codes the detectors use for a language we name otherwise (ISO 639-1 wins).
CODE_ALIASES = {
    "no": "nb",
    "fil": "tl",
    "ary": "ar",
    "arz": "ar",
    "zh-cn": "zh",
    "zh-tw": "zh",
    "yue": "zh",
    "wuu": "zh",
}

# How much of the web is written in each language, in per cent (W3Techs'
# content-language survey, rounded; languages it does not list get
# UNLISTED_SHARE). A short string that reads equally well as English and as
# Latin is English: Latin news is vanishingly rare. The prior is tempered by
# PRIOR_WEIGHT in the combination, so that it only tips near-ties and any
# real evidence (a letter only Kazakh has, a Mongolian word) outweighs it.
WEB_SHARE_PERCENT = {
    "en": 50.0, "es": 6.0, "de": 5.5, "ru": 4.5, "ja": 4.5, "fr": 4.4, "pt": 3.8,
    "it": 2.6, "nl": 1.8, "pl": 1.7, "tr": 1.7, "zh": 1.3, "fa": 1.2, "vi": 1.1,
    "id": 0.9, "cs": 0.9, "ko": 0.8, "uk": 0.6, "ar": 0.6, "hu": 0.6, "el": 0.5,
    "sv": 0.5, "ro": 0.5, "da": 0.4, "he": 0.3, "sk": 0.3, "fi": 0.3, "th": 0.3,
    "bg": 0.25, "sr": 0.2, "hr": 0.2, "nb": 0.2, "lt": 0.15, "sl": 0.12, "ca": 0.12,
    "et": 0.1, "lv": 0.08, "hi": 0.07, "ms": 0.05, "az": 0.05, "kk": 0.05, "bn": 0.03,
    "mk": 0.03, "be": 0.03, "ka": 0.03, "uz": 0.03, "hy": 0.02, "is": 0.02, "sq": 0.02,
    "bs": 0.02, "ta": 0.02, "ur": 0.02, "mn": 0.01, "tl": 0.01,
}  # fmt: skip
# Share given to every language the survey does not list (Latin, Esperanto,
# Tsonga, ...): half the smallest listed share.
UNLISTED_SHARE = 0.005


def canonical_code(code: str) -> str:
    """The ISO 639-1 code for a detector's language code."""
    return CODE_ALIASES.get(code, code)


def log_prior(language: str) -> float:
    """Log of the language's web share (a relative number; only differences matter)."""
    return math.log(WEB_SHARE_PERCENT.get(language, UNLISTED_SHARE))
