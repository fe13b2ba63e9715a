"""One language for one piece of text: script analysis, three detectors and a word list, combined.

Each candidate language gets a log-score

    lingua + py3langid (weight growing with length) + word list + prior
    + Cyrillic alphabet penalty (+ langdetect when arbitrating)

and the softmax of the scores, at a temperature fitted per script, is the
confidence. Every term is a log-probability (or a difference of them), so the
confidence behaves like a probability: measured on the langid test sets,
answers given with confidence c are right about c of the time (see
bench/langid_bench.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from indexer.langid import cyrillic, detectors, lexicon, scripts
from indexer.langid.languages import LANGUAGES_BY_SCRIPT, log_prior

# Below this confidence the answer is "und": a guess right less than half the
# time is worse than no label for search facets.
UND_BELOW = 0.5
# The scores' softmax is a little too cautious, more so among the few Cyrillic
# candidates than among the many Latin ones; dividing the scores by these
# temperatures before the final softmax makes the confidence a probability.
# Fitted (negative log-likelihood) on the even lines of the langid word pairs
# of 23 languages, the nine targets and fourteen others; the odd lines give
# about the same values (0.9-0.95 and 0.8-0.85).
CONFIDENCE_TEMPERATURE = {"LATIN": 0.9, "CYRILLIC": 0.8}
# Texts with fewer letters have no language ("12:30", "© AP", "–").
MIN_LETTERS = 2
# Detectors read at most this many characters: a few sentences decide a
# language, and it bounds the work on a 50 MB "paragraph".
MAX_SAMPLE_CHARS = 400
# Only this much of a text is examined at all (its scripts, its sample): a
# line of 50 MB costs no more than one of 2 KB.
PROFILE_CHARS = 4 * MAX_SAMPLE_CHARS
# Probability floor for one detector's vote, so no single detector can veto a
# language (lingua's rule filter gives Ukrainian sentences 0.0 and Kazakh 1.0).
PROBABILITY_FLOOR = 1e-3
# lingua's log-probabilities set the scale the other weights are relative to.
LINGUA_WEIGHT = 1.0
# py3langid is weak on word pairs (74-90 %) and strong on sentences, so its
# weight rises linearly to PY3_WEIGHT at PY3_FULL_WEIGHT_LETTERS letters.
PY3_WEIGHT = 0.3
PY3_FULL_WEIGHT_LETTERS = 60
# The word list overlaps with lingua's unigram evidence, so it counts half;
# on the langid word pairs 0.3-1.0 all score within 0.2 points.
LEXICON_WEIGHT = 0.5
# Tempers the web-share prior: 0.3 makes English vs Latin ~2.8 nats, Russian
# vs Ukrainian ~0.6 nats, Spanish vs Portuguese ~0.1 nats.
PRIOR_WEIGHT = 0.3
# langdetect is consulted only for texts this long whose answer is still
# below ARBITRATE_BELOW confidence: it is slow and unreliable on less.
LANGDETECT_WEIGHT = 0.3
LANGDETECT_MIN_LETTERS = 40
ARBITRATE_BELOW = 0.9
# lingua is skipped when py3langid, the word list, the prior and the alphabet
# already give this confidence; on the langid test sets that changes no answer
# at any length and halves the time.
FAST_PATH_CONFIDENCE = 0.999
# lingua's cost grows with text length times candidates (~2 ms for 400
# characters against 45 Latin-script languages). From this many letters on,
# py3langid and the word list are reliable enough to pick the SHORTLIST_SIZE
# best candidates, and lingua only re-ranks those.
SHORTLIST_LETTERS = 25
SHORTLIST_SIZE = 8
# A line confirms the document's language without any detector when it has
# this many letters, its words are this often in that language's list, and
# the word evidence alone gives that language this confidence.
CONFIRM_MIN_LETTERS = 30
CONFIRM_COVERAGE = 0.6
CONFIRM_CONFIDENCE = 0.999
# Answers for lines up to CACHED_LINE_CHARS long are remembered, the last
# CACHED_LINES of them (a few hundred kilobytes).
CACHED_LINE_CHARS = 120
CACHED_LINES = 4096
# Confidence for scripts only one language writes (Hangul, Greek, Thai, ...).
SINGLE_SCRIPT_CONFIDENCE = 0.99
# Han without kana: Chinese, but a Japanese line written only in kanji exists.
HAN_CONFIDENCE = 0.95


@dataclass(frozen=True)
class Guess:
    """A language (ISO 639-1, or "und") and the probability that it is right."""

    language: str
    confidence: float


UNKNOWN = Guess("und", 0.0)


@dataclass(frozen=True)
class _Text:
    """A text ready for the detectors: its script's candidates and a bounded sample."""

    sample: str
    script: str
    candidates: frozenset[str]
    letters: int


class LanguageIdentifier:
    """Holds the detectors and word lists; build once, call `identify` per text."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.py3 = detectors.Py3Langid(cache_dir)
        self.lexicon = lexicon.Lexicon(cache_dir)
        # Short lines recur across pages (bylines, "Advertisement", captions);
        # the answer is a pure function of the arguments, so it can be kept.
        self._identify_short = lru_cache(maxsize=CACHED_LINES)(self._identify)

    def preload(self, lines: Iterable[str]) -> None:
        """Load the detectors' models now: langdetect's profiles, and lingua's for a short
        line in each of these lines' scripts.

        A line of names only is weighed against every language of its script; those
        models load here, on every core, instead of one by one on the first such line.
        """
        for line in lines:
            prepared = _prepare(line)
            if isinstance(prepared, _Text):
                detectors.preload_lingua(prepared.candidates)
        detectors.preload_langdetect()

    def identify(self, text: str, context: str | None = None, bonus: float = 0.0) -> Guess:
        """The language of `text`; `context` (the document's language) gains `bonus` nats."""
        if len(text) <= CACHED_LINE_CHARS:
            return self._identify_short(text, context, bonus)
        return self._identify(text, context, bonus)

    def _identify(self, text: str, context: str | None, bonus: float) -> Guess:
        prepared = _prepare(text)
        if isinstance(prepared, Guess):
            return prepared
        sample, candidates, letters = prepared.sample, prepared.candidates, prepared.letters
        py3 = self.py3.probabilities(sample, candidates)
        py3_weight = PY3_WEIGHT * min(1.0, letters / PY3_FULL_WEIGHT_LETTERS)
        scores, _ = self._word_scores(sample, prepared.script, candidates, context, bonus)
        for language in candidates:
            scores[language] += py3_weight * _log(py3.get(language, 0.0))
        temperature = CONFIDENCE_TEMPERATURE.get(prepared.script, 1.0)
        best = _softmax_best(scores)
        if best.confidence >= FAST_PATH_CONFIDENCE:
            return _softmax_best(scores, temperature)
        if letters >= SHORTLIST_LETTERS or context in candidates:
            # A short line inside a document is ranked against the document's
            # language and the few others its words and py3langid point to.
            ranked = sorted(scores, key=lambda k: (scores[k], k))
            shortlist = frozenset(ranked[-SHORTLIST_SIZE:])
            if context in candidates:
                shortlist |= {context}
        else:
            shortlist = candidates
        _add_lingua(scores, sample, shortlist, py3)
        scores = {language: scores[language] for language in shortlist}
        best = _softmax_best(scores)
        if best.confidence < ARBITRATE_BELOW and letters >= LANGDETECT_MIN_LETTERS:
            _add_langdetect(scores, sample)
        best = _softmax_best(scores, temperature)
        return best if best.confidence >= UND_BELOW else UNKNOWN

    def confirm(self, text: str, language: str) -> Guess | None:
        """`language` for `text` when its words alone make that near certain, else None.

        The cheap check for the lines of a document whose language is known:
        no detector runs, only the word list, the alphabet and the prior.
        """
        prepared = _prepare(text)
        if isinstance(prepared, Guess):
            return prepared if prepared.language == language else None
        if language not in prepared.candidates or prepared.letters < CONFIRM_MIN_LETTERS:
            return None
        scores, coverage = self._word_scores(
            prepared.sample, prepared.script, prepared.candidates, None, 0.0
        )
        if coverage.get(language, 0.0) < CONFIRM_COVERAGE:
            return None
        best = _softmax_best(scores)
        return best if best.language == language and best.confidence >= CONFIRM_CONFIDENCE else None

    def _word_scores(
        self,
        sample: str,
        script: str,
        candidates: frozenset[str],
        context: str | None,
        bonus: float,
    ) -> tuple[dict[str, float], dict[str, float]]:
        """The cheap terms (prior, word list, alphabet, context), and word-list coverage."""
        evidence = self.lexicon.evidence(lexicon.words(sample), candidates, script)
        alphabet = cyrillic.alphabet_penalties(sample) if "ru" in candidates else {}
        scores = dict(_priors(candidates))
        for language, score in evidence.scores.items():
            scores[language] += LEXICON_WEIGHT * score
        for language, penalty in alphabet.items():
            if language in scores:
                scores[language] += penalty
        if context in scores:
            scores[context] += bonus
        return scores, evidence.coverage


@lru_cache(maxsize=16)
def _priors(candidates: frozenset[str]) -> dict[str, float]:
    return {language: PRIOR_WEIGHT * log_prior(language) for language in candidates}


def _prepare(text: str) -> _Text | Guess:
    """The script's candidates and a sample of `text`, or a Guess when the script decides."""
    text = text[:PROFILE_CHARS]
    profile = scripts.profile(text)
    if profile.letters < MIN_LETTERS or profile.primary is None:
        return UNKNOWN
    script = profile.primary
    if script in scripts.SINGLE_LANGUAGE_SCRIPTS:
        return Guess(scripts.SINGLE_LANGUAGE_SCRIPTS[script], SINGLE_SCRIPT_CONFIDENCE)
    if script == scripts.HAN:
        return Guess("zh", HAN_CONFIDENCE)
    candidates = LANGUAGES_BY_SCRIPT.get(script)
    if not candidates:
        return UNKNOWN
    if profile.share(script) < 1.0:
        text = scripts.keep_script_words(text, script)
    sample = _sample(text)
    return _Text(sample, script, candidates, min(profile.counts.get(script, 0), len(sample)))


def _add_lingua(
    scores: dict[str, float], sample: str, shortlist: frozenset[str], py3: dict[str, float]
) -> None:
    lingua = detectors.lingua_probabilities(sample, shortlist)
    for language in shortlist:
        if language in detectors.LINGUA_LANGUAGES:
            probability = lingua.get(language, 0.0)
        else:
            # Uzbek, Tajik, Kyrgyz ...: py3langid stands in for lingua.
            probability = py3.get(language, 0.0)
        scores[language] += LINGUA_WEIGHT * _log(probability)


def _add_langdetect(scores: dict[str, float], sample: str) -> None:
    votes = detectors.langdetect_probabilities(sample)
    if not votes:
        return
    for language in scores:
        if language in detectors.LANGDETECT_LANGUAGES:
            scores[language] += LANGDETECT_WEIGHT * _log(votes.get(language, 0.0))
        else:
            # A language langdetect cannot name gets its neutral vote, not a veto.
            scores[language] += LANGDETECT_WEIGHT * math.log(0.5)


def _log(probability: float) -> float:
    return math.log(max(probability, PROBABILITY_FLOOR))


def _softmax_best(scores: dict[str, float], temperature: float = 1.0) -> Guess:
    if not scores:
        return UNKNOWN
    # Highest score wins; ties go to the alphabetically first code, for determinism.
    language = min(scores, key=lambda k: (-scores[k], k))
    top = scores[language]
    total = sum(math.exp((v - top) / temperature) for v in scores.values())
    return Guess(language, 1.0 / total)


def _sample(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= MAX_SAMPLE_CHARS:
        return text
    cut = text.rfind(" ", 0, MAX_SAMPLE_CHARS)
    return text[: cut if cut > 0 else MAX_SAMPLE_CHARS]
