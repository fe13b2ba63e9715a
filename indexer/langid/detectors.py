"""The three statistical detectors, each answering P(language | text) over given candidates.

- lingua-language-detector: n-gram models built for short text; the strongest
  signal on word pairs. Its detector is built per candidate set and cached
  (building is cheap, the models load once per process and are shared).
- py3langid: fast and knows languages lingua lacks (Uzbek, Tajik, Kyrgyz, Tatar).
- langdetect: accurate on long text, erratic on short strings and slow (pure
  Python), so it only arbitrates long segments the others disagree on.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import langdetect
from langdetect import DetectorFactory
from langdetect.lang_detect_exception import LangDetectException
from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from indexer.langid.languages import canonical_code

# langdetect samples n-grams at random; a fixed seed makes it deterministic.
DetectorFactory.seed = 0

Distribution = dict[str, float]

_LINGUA_CODES: dict[str, IsoCode639_1] = {
    language.iso_code_639_1.name.lower(): language.iso_code_639_1 for language in Language.all()
}
LINGUA_LANGUAGES = frozenset(_LINGUA_CODES)


@lru_cache(maxsize=64)
def _lingua_detector(codes: tuple[str, ...]) -> LanguageDetector:
    return LanguageDetectorBuilder.from_iso_codes_639_1(*(_LINGUA_CODES[c] for c in codes)).build()


def lingua_probabilities(text: str, candidates: frozenset[str]) -> Distribution:
    """lingua's confidence values over the candidates it knows (they sum to 1)."""
    codes = tuple(sorted(candidates & LINGUA_LANGUAGES))
    if not codes:
        return {}
    if len(codes) == 1:
        return {codes[0]: 1.0}
    values = _lingua_detector(codes).compute_language_confidence_values(text)
    return {v.language.iso_code_639_1.name.lower(): v.value for v in values}


class Py3Langid:
    """py3langid's 142-class model; probabilities renormalised over the candidates."""

    def __init__(self) -> None:
        # norm_probs tempers the naive-Bayes scores by the text's length, which
        # keeps its probabilities comparable between short and long texts.
        self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
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
