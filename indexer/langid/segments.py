"""A body's language per line, merged into segments, and the document's language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.langid import scripts
from indexer.langid.combine import (
    CONFIRM_MIN_LETTERS,
    MAX_SAMPLE_CHARS,
    UNKNOWN,
    Guess,
    LanguageIdentifier,
)
from indexer.model import Segment

# Nats of support a line gets for the language of the long lines around it: a
# caption "Photo: Reuters" inside a German article is German unless its own
# evidence says otherwise. Worth about one lingua vote on a two-word string.
CONTEXT_BONUS = 1.5
# Characters of the longest lines read to name the document's language first
# (the identifier reads at most MAX_SAMPLE_CHARS of it).
SAMPLE_CHARS = MAX_SAMPLE_CHARS
# Bodies are read up to here (some 15,000 words; the longest article of the
# extraction benchmark has 8,000); the rest of a runaway page becomes one "und"
# segment, so the work per page is bounded (about a second at worst).
MAX_BODY_CHARS = 100_000

# A line with fewer letters than this in running words (see _speech_letters) is
# names and figures ("Chonbuk 3 Anyang 1", "SAN DIEGO AT MONTREAL"): its own
# evidence is noise, so it takes the document's language when written in the
# document's script. Above it sits a short clause of function words ("und die
# Stadt", "log in, please": 8-10 letters).
MIN_SPEECH_LETTERS = 10

_LINE = re.compile(r"[^\n]+")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    letters: int
    # Letters in running words: lower-case words, or words of a script without case.
    speech: int


def _speech_letters(text: str) -> int:
    """Letters in words that carry a language: not capitalised names, not ALL-CAPS headers."""
    return sum(len(word) for word in _WORD.findall(text) if not word[0].isupper())


def segment_languages(
    body: str, identifier: LanguageIdentifier, title: str | None = None
) -> tuple[tuple[Segment, ...], Guess]:
    """Segments covering the non-blank lines of `body`, and the body's dominant language.

    The document is read first on a sample of its longest lines, with the
    title's language as context (and as fallback); each line then either
    confirms that language by its words alone (cheap) or is identified on its
    own, with the document's language as context.
    """
    lines = _lines(body[:MAX_BODY_CHARS])
    if not lines:
        return _unread_tail(body, 0), UNKNOWN
    # The headline is context for the body, as the body is for its short lines:
    # a photo story's two-word caption says little, its headline says more.
    headline = identifier.identify(title) if title else UNKNOWN
    headline_language = None if headline.language == UNKNOWN.language else headline.language
    document = identifier.identify(
        _document_sample(body, lines), context=headline_language, bonus=CONTEXT_BONUS
    )
    # Rows of names inherit the language of the body's prose, never the headline's alone.
    inherited = document.language
    if document.language == UNKNOWN.language:
        document = headline
    guesses: dict[int, Guess] = {}
    document_script = _script(_document_sample(body, lines))
    for index, line in enumerate(lines):
        text = body[line.start : line.end]
        if (
            line.speech < MIN_SPEECH_LETTERS
            and inherited != UNKNOWN.language
            and _script(text) == document_script
        ):
            # A table row or a list of names: the document's prose decides.
            guesses[index] = document
            continue
        confirmed = None
        if document.language != UNKNOWN.language and line.letters >= CONFIRM_MIN_LETTERS:
            confirmed = identifier.confirm(text, document.language)
        if confirmed is not None:
            # The word lists alone can be overconfident; the document's own
            # confidence (with every detector) caps the line's.
            confidence = min(confirmed.confidence, document.confidence)
            guesses[index] = Guess(confirmed.language, confidence)
        else:
            guesses[index] = identifier.identify(
                text, context=document.language, bonus=CONTEXT_BONUS
            )
    segments = _merge(lines, guesses) + _unread_tail(body, lines[-1].end)
    dominant = _dominant(lines, guesses)
    if dominant.language == UNKNOWN.language:
        # No line of the body can be named: the headline's language is the
        # best word on the document (its segments stay "und").
        dominant = Guess(headline.language, round(headline.confidence, 4))
    return segments, dominant


def _unread_tail(body: str, read_up_to: int) -> tuple[Segment, ...]:
    """One "und" segment over non-blank text past MAX_BODY_CHARS, so segments cover the body."""
    tail = body[max(read_up_to, MAX_BODY_CHARS) :]
    stripped = tail.strip()
    if not stripped:
        return ()
    start = len(body) - len(tail) + (len(tail) - len(tail.lstrip()))
    return (Segment(start, start + len(stripped), UNKNOWN.language, 0.0),)


def _script(text: str) -> str | None:
    return scripts.profile(text).primary


def _document_sample(body: str, lines: list[_Line]) -> str:
    """The lines with most running words (prose before tables of names), up to ~SAMPLE_CHARS."""
    chosen: list[_Line] = []
    size = 0
    prose = [line for line in lines if line.speech >= MIN_SPEECH_LETTERS]
    for line in sorted(prose or lines, key=lambda ln: (-ln.speech, -ln.letters, ln.start)):
        if size >= SAMPLE_CHARS:
            break
        chosen.append(line)
        size += line.end - line.start
    return "\n".join(body[ln.start : ln.end] for ln in sorted(chosen, key=lambda ln: ln.start))


def _lines(body: str) -> list[_Line]:
    lines = []
    for match in _LINE.finditer(body):
        text = match.group()
        stripped = text.strip()
        if not stripped:
            continue
        start = match.start() + (len(text) - len(text.lstrip()))
        letters = _LETTER.subn("", stripped)[1]
        lines.append(_Line(start, start + len(stripped), letters, _speech_letters(stripped)))
    return lines


def _dominant(lines: list[_Line], guesses: dict[int, Guess]) -> Guess:
    """The language with the most letters, and the share of letters it holds, times confidence."""
    weight: dict[str, float] = {}
    confident: dict[str, float] = {}
    total = 0
    for index, guess in guesses.items():
        letters = lines[index].letters
        total += letters
        if guess.language == UNKNOWN.language:
            continue
        weight[guess.language] = weight.get(guess.language, 0) + letters
        confident[guess.language] = confident.get(guess.language, 0.0) + letters * guess.confidence
    if not weight or not total:
        return UNKNOWN
    language = min(weight, key=lambda k: (-weight[k], k))
    return Guess(language, round(confident[language] / total, 4))


def _merge(lines: list[_Line], guesses: dict[int, Guess]) -> tuple[Segment, ...]:
    """Consecutive lines in the same language become one segment (letter-weighted confidence)."""
    segments: list[Segment] = []
    run: list[int] = []

    def close() -> None:
        first, last = lines[run[0]], lines[run[-1]]
        letters = sum(lines[i].letters for i in run)
        if letters:
            confidence = sum(lines[i].letters * guesses[i].confidence for i in run) / letters
        else:
            confidence = guesses[run[0]].confidence
        segments.append(
            Segment(first.start, last.end, guesses[run[0]].language, round(confidence, 4))
        )

    for index in range(len(lines)):
        if run and guesses[index].language != guesses[run[-1]].language:
            close()
            run = []
        run.append(index)
    close()
    return tuple(segments)
