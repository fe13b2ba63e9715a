"""The three statistical detectors, each answering P(language | text) over given candidates.

- lingua-language-detector: n-gram models built for short text; the strongest
  signal on word pairs. Its detector is built per candidate set and cached
  (building is cheap, the models load once per process and are shared). Its
  full models (1- to 5-grams) are given to the languages we read most; the
  others get its trigram models only (see DETAILED_LANGUAGES).
- py3langid: fast and knows languages lingua lacks (Uzbek, Tajik, Kyrgyz, Tatar).
- langdetect: accurate on long text, erratic on short strings and slow (pure
  Python), so it only arbitrates long segments the others disagree on.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import langdetect
from langdetect import DetectorFactory, detector_factory
from langdetect.lang_detect_exception import LangDetectException
from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from indexer.langid import py3cache
from indexer.langid.languages import LANGUAGES_BY_SCRIPT, WEB_SHARE_PERCENT, canonical_code

# langdetect samples n-grams at random; a fixed seed makes it deterministic.
DetectorFactory.seed = 0

Distribution = dict[str, float]

_LINGUA_CODES: dict[str, IsoCode639_1] = {
    language.iso_code_639_1.name.lower(): language.iso_code_639_1 for language in Language.all()
}
LINGUA_LANGUAGES = frozenset(_LINGUA_CODES)


# lingua's full models take ~27 MB and 0.3 s to load per language: for the 50 Latin-script
# languages alone, 1.0 GB and 10 s in every ingest (a short line of names is weighed against
# all of them). Its low-accuracy mode (trigrams only) holds all 50 in 80 MB. The full models
# are loaded for the languages most read on the web and for the Cyrillic ones (our Russian
# news, and the hardest to tell apart); the rarer languages are told apart with trigrams
# (bench/langid_bench.py --others measures what that costs them).
DETAILED_MIN_WEB_SHARE = 0.5
# Trigrams alone, on a word pair, spread probability over rare languages by chance (English
# pairs went to Latin, Sesotho, Tagalog); their share is discounted by this factor. Chosen on
# the even lines of the langid word pairs (1.0, 0.3, 0.1, 0.03): 0.1 keeps both the target
# and the other languages' accuracy where the full models for all had it.
COARSE_DISCOUNT = 0.1
DETAILED_LANGUAGES = frozenset(
    language
    for language in LINGUA_LANGUAGES
    if language in LANGUAGES_BY_SCRIPT["CYRILLIC"]
    or WEB_SHARE_PERCENT.get(language, 0.0) >= DETAILED_MIN_WEB_SHARE
)


def _builder(codes: tuple[str, ...]) -> LanguageDetectorBuilder:
    return LanguageDetectorBuilder.from_iso_codes_639_1(*(_LINGUA_CODES[c] for c in codes))


@lru_cache(maxsize=64)
def _lingua_detector(codes: tuple[str, ...], detailed: bool) -> LanguageDetector:
    builder = _builder(codes)
    return builder.build() if detailed else builder.with_low_accuracy_mode().build()


def preload_lingua(candidates: frozenset[str]) -> None:
    """Load now every lingua model `lingua_probabilities` may need for these candidates.

    lingua keeps its models per process, shared by all its detectors: loaded here they
    are the same models a first text would load, but read on every core at once (its
    preloading runs in parallel; loading on first use reads one language at a time).
    """
    codes = tuple(sorted(candidates & LINGUA_LANGUAGES))
    if len(codes) < 2:
        return
    detailed = tuple(code for code in codes if code in DETAILED_LANGUAGES)
    builders = []
    if len(detailed) < len(codes):
        builders.append(_builder(codes).with_low_accuracy_mode())
    if len(detailed) > 1:
        builders.append(_builder(detailed))
    for builder in builders:
        builder.with_preloaded_language_models().build()


def _confidences(codes: tuple[str, ...], text: str, detailed: bool) -> Distribution:
    values = _lingua_detector(codes, detailed).compute_language_confidence_values(text)
    return {v.language.iso_code_639_1.name.lower(): v.value for v in values}


def lingua_probabilities(text: str, candidates: frozenset[str]) -> Distribution:
    """lingua's confidence values over the candidates it knows (they sum to 1).

    With both kinds of language among the candidates, the trigram models share the
    probability out between all of them, and the full models divide again what the
    detailed languages got among those.
    """
    codes = tuple(sorted(candidates & LINGUA_LANGUAGES))
    if not codes:
        return {}
    if len(codes) == 1:
        return {codes[0]: 1.0}
    detailed = tuple(code for code in codes if code in DETAILED_LANGUAGES)
    if len(detailed) == len(codes):
        return _confidences(codes, text, detailed=True)
    shares = {
        code: share if code in DETAILED_LANGUAGES else share * COARSE_DISCOUNT
        for code, share in _confidences(codes, text, detailed=False).items()
    }
    total = sum(shares.values())
    if total > 0.0:
        shares = {code: share / total for code, share in shares.items()}
    if len(detailed) > 1:
        mass = sum(shares.get(code, 0.0) for code in detailed)
        fine = _confidences(detailed, text, detailed=True)
        for code in detailed:
            shares[code] = mass * fine.get(code, 0.0)
    return shares


class Py3Langid:
    """py3langid's 142-class model; probabilities renormalised over the candidates."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        # norm_probs tempers the naive-Bayes scores by the text's length, which
        # keeps its probabilities comparable between short and long texts.
        self._identifier = py3cache.load_identifier(cache_dir, norm_probs=True)
        self._lock = threading.Lock()
        self._codes = {code: canonical_code(code) for code in self._identifier.nb_classes}
        self.languages = frozenset(self._codes.values())

    def probabilities(self, text: str, candidates: frozenset[str]) -> Distribution:
        """P(language | text) restricted to the candidates py3langid knows."""
        with self._lock:
            ranked = self._identifier.rank(text)
        scores: Distribution = {}
        codes = self._codes
        for code, probability in ranked:
            language = codes[code]
            if language in candidates:
                scores[language] = scores.get(language, 0.0) + probability
        total = sum(scores.values())
        if total <= 0.0:
            return {}
        return {language: p / total for language, p in scores.items()}


LANGDETECT_LANGUAGES = frozenset(
    canonical_code(c)
    for c in (
        "af ar bg bn ca cs cy da de el en es et fa fi fr gu he hi hr hu id it ja kn ko lt lv "
        "mk ml mr ne nl no pa pl pt ro ru sk sl so sq sv sw ta te th tl tr uk ur vi zh-cn zh-tw"
    ).split()
)
_LANGDETECT_LOCK = threading.Lock()


def preload_langdetect() -> None:
    """Read langdetect's language profiles now (about a second) rather than on first use."""
    with _LANGDETECT_LOCK:
        detector_factory.init_factory()


def langdetect_probabilities(text: str) -> Distribution:
    """langdetect's probabilities (deterministic: seeded); empty when it finds no features."""
    with _LANGDETECT_LOCK:
        try:
            guesses = langdetect.detect_langs(text)
        except LangDetectException:
            return {}
    out: Distribution = {}
    for guess in guesses:
        language = canonical_code(guess.lang)
        out[language] = out.get(language, 0.0) + guess.prob
    return out
