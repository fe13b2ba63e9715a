"""One file read in isolation: whatever goes wrong becomes that file's single Failure.

Good records are streamed out as they are read, so those before a broken one are kept. A
file's problems come back as one Failure after its articles: what stopped it, if anything,
and how many of its records were bad, with the first few named. A file of 50,000 bad
records gives one report line, not 50,000.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from indexer.errors import NewsdeskError
from indexer.model import Article, Failure
from indexer.readers.limits import CURRENT, Budget, ReadLimits
from indexer.readers.walk import display_name

Reader = Callable[[Path], Iterable[Article | Failure]]
# Bad records named in a file's failure; the rest are counted.
MAX_EXAMPLES = 3
# An error message, and each part of a reason, is cut to this many characters: a reason
# is one readable line.
MAX_MESSAGE_CHARS = 300
_PLURALS = {"story": "stories"}


def reason_for(error: BaseException) -> str:
    """A one-line reason for an exception raised while reading a file."""
    if isinstance(error, NewsdeskError):
        return error.message
    message = " ".join(str(error).split())[:MAX_MESSAGE_CHARS]
    detail = f"{type(error).__name__}: {message}" if message else type(error).__name__
    if isinstance(error, EOFError):
        return f"truncated: the gzip data ends early ({detail})"
    if isinstance(error, zlib.error | gzip.BadGzipFile):
        return f"corrupt gzip data ({detail})"
    if isinstance(error, RecursionError):
        return "nested too deeply to read (RecursionError)"
    if isinstance(error, MemoryError):
        return "ran out of memory reading it (MemoryError)"
    if isinstance(error, UnicodeError):
        return f"cannot decode the text ({detail})"
    if isinstance(error, OSError):
        return f"cannot read: {error.strerror or message}"
    return f"cannot read ({detail})"


def _one_line(text: str) -> str:
    """A reason on one line, cut to MAX_MESSAGE_CHARS."""
    line = " ".join(text.split())
    return line if len(line) <= MAX_MESSAGE_CHARS else line[: MAX_MESSAGE_CHARS - 1] + "…"


def printable(text: str) -> str:
    """`text` as valid UTF-8 text: undecodable file-name bytes and lone surrogates replaced."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")


def _clean(text: str | None) -> str | None:
    """Text fit for a body: NUL bytes removed wherever they are, invalid code points replaced."""
    if not text:
        return text
    return printable(text.replace("\x00", "")) if _unfit(text) else text


def _unfit(text: str | None) -> bool:
    """Whether `text` holds a NUL or something that is not valid UTF-8 (cheap when it does not)."""
    if not text:
        return False
    return "\x00" in text or (not text.isascii() and printable(text) is not text)


_TEXT_FIELDS = ("path", "title", "html", "text", "url", "source")


def clean_article(article: Article) -> Article:
    """The article with a printable path and group, and no NUL bytes in its text."""
    group = article.metadata.get("group")
    bad_group = isinstance(group, str) and _unfit(group)
    changed: dict[str, object] = {
        name: _clean(getattr(article, name))
        for name in _TEXT_FIELDS
        if _unfit(getattr(article, name))
    }
    if bad_group:
        changed["metadata"] = {**article.metadata, "group": printable(str(group))}
    return replace(article, **changed) if changed else article  # type: ignore[arg-type]


@dataclass
class _Problems:
    """What went wrong in one file: bad records (counted, a few named) and what stopped it."""

    path: str
    unit: str
    count: int = 0
    all_skips: bool = True
    examples: list[str] = field(default_factory=list)
    stopped: str | None = None

    def add(self, failure: Failure) -> None:
        self.count += 1
        self.all_skips = self.all_skips and failure.skip
        if len(self.examples) < MAX_EXAMPLES:
            where = failure.path.removeprefix(self.path).lstrip("#")
            if where and not where.startswith(self.unit):
                where = f"{self.unit} {where}"
            named = f"{where}: {failure.reason}" if where else failure.reason
            self.examples.append(_one_line(named))

    def failure(self, articles: int) -> Failure | None:
        parts = []
        if self.stopped:
            read = f"{articles} article{'s' * (articles != 1)}"
            parts.append(self.stopped + (f"; {read} read before it" if articles else ""))
        if self.count == 1 and not self.stopped:
            parts.append(self.examples[0])
        elif self.count:
            plural = _PLURALS.get(self.unit, self.unit + "s")
            more = "; …" if self.count > len(self.examples) else ""
            parts.append(f"{self.count} bad {plural}: " + "; ".join(self.examples) + more)
        if not parts:
            return None
        skip = self.stopped is None and self.all_skips
        return Failure(display_name(self.path), printable("; ".join(parts)), skip=skip)


def read_isolated(
    path: Path, reader: Reader, limits: ReadLimits, unit: str, mtime_fallback: bool = False
) -> Iterator[Article | Failure]:
    """The file's articles as read, then at most one Failure; never raises for a bad file."""
    budget = Budget(limits)
    problems = _Problems(str(path), unit)
    articles = 0
    items: Iterator[Article | Failure] | None = None
    mtime = None
    try:
        while True:
            token = CURRENT.set(budget)
            budget.resume()
            try:
                if items is None:
                    if mtime_fallback:
                        mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat()
                    items = iter(reader(path))
                item = next(items, None)
                budget.check_time()
            except Exception as error:  # noqa: BLE001 - any failure is this file's alone
                problems.stopped = _one_line(reason_for(error))
                break
            finally:
                budget.pause()
                CURRENT.reset(token)
            if item is None:
                break
            if isinstance(item, Failure):
                problems.add(item)
                continue
            articles += 1
            if mtime:
                item = replace(item, metadata={**item.metadata, "mtime_fallback": mtime})
            yield clean_article(item)
    finally:
        close = getattr(items, "close", None)
        if close is not None:
            close()
    failure = problems.failure(articles)
    if failure is not None:
        yield failure
