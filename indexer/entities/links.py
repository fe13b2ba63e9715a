"""Explicit alias statements in the text: "X, also known as Y", "X (Y)", "(далее — X)"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from indexer.entities.mention import Mention
from indexer.entities.noise import clean_name, is_noise, name_key
from indexer.naming.keys import script, spelled_near

# "X, also known as Y"; up to three lower-case words may describe X first
# ("ISIL terrorist group, also known as ...").
AKA = re.compile(
    r"""\)?(?:\s+[a-z][a-z-]*){0,3}\s*,?\s*
    (?:(?:who|which)\s+(?:is|was)\s+)?
    (?:(?:also|better|widely|otherwise|commonly)\s+)?
    (?:known\s+as|referred\s+to\s+as|called|a\.k\.a\.?|aka|alias|nicknamed|dubbed
      |(?:также|более|ещё|еще|широко)?\s*известн\w*\s+(?:как|под\s+(?:именем|прозвищем|псевдонимом))
      |по\s+прозвищу|по\s+кличке|под\s+псевдонимом|(?:он|она|оно|они)\s+же)
    \s+(?:the\s+)?["«“„]?""",
    re.VERBOSE,
)
# "called" or "dubbed" with neither a comma nor "also" (...) before it is a verb ("Yeutter called
# U.S./Japan relations strained") or names the noun after X, not X ("a new U.S. pharmaceuticals
# unit called ICI Pharma"); "X, called Y" and "X, also called Y" are aliases.
BARE_VERB = re.compile(
    r"""\)?(?:\s+(?!(?:also|better|widely|otherwise|commonly|is|was)\b)[a-z][a-z-]*){0,3}
    \s+(?:called|dubbed)\b""",
    re.VERBOSE,
)
CLOSING_QUOTES = frozenset('»”"')
# A foreign body's acronym in brackets after its Russian name (`foreign_acronym`): its letters,
# and the words the Russian name has at least ("Минздрав (NHS)" may be a comparison).
MIN_ACRONYM_CHARS, MAX_ACRONYM_CHARS = 2, 6
MIN_FOREIGN_ACRONYM_NAME_WORDS = 2
# "X (Y)": the alias in brackets right after a name.
BRACKET_OPEN = re.compile(r"\s*\(\s*")
# "(далее — X)", "(hereinafter X)": the text names its own short form.
HEREINAFTER = re.compile(
    r"""\s*\(\s*(?:далее|в\s+дальнейшем|hereinafter|hereafter)(?:\s+referred\s+to\s+as)?
    \s*[—–-]?\s*(?:the\s+)?["«“„]?([^()"«»“”„]{2,60}?)["»”“]?\s*\)""",
    re.VERBOSE | re.IGNORECASE,
)
# One more item of an alias list: "also known as A (B), C and D".
LIST_GLUE = re.compile(r'\)?\s*,\s*(?:and\s+|or\s+|и\s+|или\s+)?(?:the\s+)?["«“„]?')
# A run of capitalised words (with name particles) when the model did not tag the alias.
NAME_RUN = re.compile(
    r"""[A-ZА-ЯЁ][\w'’.-]*
    (?:\s+(?:(?:al|el|bin|ibn|abu|de|da|van|von|der|of|the|and)\s+)*[A-ZА-ЯЁ][\w'’.-]*)*""",
    re.VERBOSE,
)
QUOTED = re.compile(r'([^"«»“”„]{2,60}?)["»”“]')
# Short forms: words skipped when reading initials ("Islamic State of Iraq and the Levant").
INITIAL_STOPWORDS = frozenset("of and the for in on at to de des du la le der und и по при".split())
# A word this short in a bracketed name is an initial ("George F. Kennan"), left out there.
INITIAL_LETTERS = 1
ACRONYM = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ0-9.&-]{1,9}$")


def looks_like_acronym(name: str) -> bool:
    """True for "ISIL", "U.N.", "МВД": capitals, at most ten characters."""
    return bool(ACRONYM.match(name)) and sum(c.isalpha() for c in name) >= 2


def is_acronym_of(short: str, long: str) -> bool:
    """True when `short` spells the initials of `long` (ISIL: Islamic State of Iraq and Levant)."""
    if not looks_like_acronym(short):
        return False
    letters = "".join(c for c in short if c.isalpha()).casefold()
    words = [w for w in re.split(r"[\s-]+", long) if w and w[0].isalnum()]
    if len(words) < 2:
        return False
    spellings = {
        "".join(w[0] for w in words),
        "".join(w[0] for w in words if w.casefold() not in INITIAL_STOPWORDS),
        "".join(w[0] for w in words if w[0].isupper()),
    }
    return letters in {s.casefold() for s in spellings}


def find_links(body: str, mentions: list[Mention]) -> tuple[list[Mention], list[tuple[int, int]]]:
    """Alias statements between mentions: new mentions for untagged aliases, and linked pairs.

    Indexes in the pairs refer to `mentions` followed by the returned new mentions.
    """
    finder = _LinkFinder(body, mentions)
    pairs: list[tuple[int, int]] = []
    i = 0
    while i < len(finder.mentions):  # aliases found on the way get their turn too
        pairs.extend(finder.links_from(i))
        i += 1
    return finder.mentions[len(mentions) :], pairs


class _LinkFinder:
    """Walks the text after each mention looking for an alias statement."""

    def __init__(self, body: str, mentions: list[Mention]) -> None:
        self.body = body
        self.mentions = list(mentions)
        self.by_start = {m.start: i for i, m in enumerate(mentions)}

    def alias_at(self, pos: int, like: Mention) -> int | None:
        """Index of the mention starting at `pos`, or of a new one made from the name there."""
        if pos in self.by_start:
            return self.by_start[pos]
        body = self.body
        quoted = QUOTED.match(body, pos) if pos > 0 and body[pos - 1] in '"«“„' else None
        match = quoted or NAME_RUN.match(body, pos)
        if not match:
            return None
        end = match.end(1) if quoted else match.end()
        text = body[pos:end].rstrip(".,")
        if is_noise(text) or any(m.start < pos + len(text) and pos < m.end for m in self.mentions):
            return None
        alias = Mention(pos, pos + len(text), like.type, clean_name(text), like.language)
        self.mentions.append(alias)
        self.by_start[pos] = len(self.mentions) - 1
        return self.by_start[pos]

    def links_from(self, i: int) -> Iterator[tuple[int, int]]:
        """(name, alias) index pairs that the text right after mention `i` states."""
        mention = self.mentions[i]
        here = mention.end
        if self.body[here : here + 1] in CLOSING_QUOTES:
            here += 1  # the mention stopped inside its quotes: «Северный терминал»
        rest = self.body[here : here + 80]
        named = HEREINAFTER.match(rest)
        if named:
            if self._inside_another(mention):
                return  # "РК" ending "Министерства науки РК (далее — ...)" is not what is named
            j = self.alias_at(here + named.start(1), mention)
            if j is not None:
                yield self._chain_head(i), j
            return
        bracket = BRACKET_OPEN.match(rest)
        if bracket:
            j = self.alias_at(here + bracket.end(), mention)
            if j is not None and self._bracket_alias(mention, self.mentions[j]):
                yield i, j
            close = rest.find(")")
            if close < 0:
                return
            here += close + 1
        aka = AKA.match(self.body, here, here + 80)
        if aka and BARE_VERB.match(self.body, here):
            return
        j = self.alias_at(aka.end(), mention) if aka else None
        while j is not None:
            yield i, j
            j = self._next_in_list(self.mentions[j])

    def _inside_another(self, mention: Mention) -> bool:
        return any(
            m.start <= mention.start
            and mention.end <= m.end
            and (m.start, m.end) != (mention.start, mention.end)
            for m in self.mentions
        )

    def _chain_head(self, i: int) -> int:
        """The first of the names run together before "(далее — X)": "институтом ... Комитета
        науки Министерства образования" names the institute, which the ones after qualify."""
        while True:
            start = self.mentions[i].start
            before = [
                k
                for k, m in enumerate(self.mentions)
                if m.end <= start
                and not self.body[m.end : start].strip()
                and not self._inside_another(m)
            ]
            if not before:
                return i
            i = max(before, key=lambda k: self.mentions[k].end)

    def _next_in_list(self, alias: Mention) -> int | None:
        """The next item of "also known as A (B), C and D", if the text goes on listing."""
        pos = alias.end
        after = self.body[pos : pos + 80]
        if BRACKET_OPEN.match(after) and ")" in after:
            pos += after.index(")")
            after = self.body[pos : pos + 80]
        glue = LIST_GLUE.match(after)
        return self.by_start.get(pos + glue.end()) if glue else None

    def _bracket_alias(self, outer: Mention, inner: Mention) -> bool:
        if not self.body[inner.end : inner.end + 3].lstrip().startswith(")"):
            return False
        a, b = outer.normal, inner.normal
        return name_key(a) != name_key(b) and (
            is_acronym_of(b, a)
            or is_acronym_of(a, b)
            or transliterated(a, b)
            or foreign_acronym(outer, inner)
        )


def foreign_acronym(outer: Mention, inner: Mention) -> bool:
    """Whether a Latin acronym in brackets after a body's Russian name is that body's own,
    from its name in its language ("Управление по санитарному надзору ... (FDA)", "Институт
    имени Роберта Коха (RKI)"): Russian news gives a foreign body's letters so. Two words of
    the Russian name at least, and the acronym in capitals."""
    letters = inner.normal.replace(".", "")
    return (
        outer.type == inner.type == "organization"
        and script(outer.normal) == "Cyrl"
        and len(outer.normal.split()) >= MIN_FOREIGN_ACRONYM_NAME_WORDS
        and script(letters) == "Latn"
        and letters.isalpha()
        and letters.isupper()
        and MIN_ACRONYM_CHARS <= len(letters) <= MAX_ACRONYM_CHARS
    )


def transliterated(a: str, b: str) -> bool:
    """Whether two names are one written in both scripts ("Клаус Вебер (Klaus Weber)",
    "Джейн Уотсон (Jane R. Watson)"): word for word, initials left out,
    spelled near as the Latin one reads."""
    scripts = {script(a), script(b)}
    if scripts != {"Latn", "Cyrl"}:
        return False
    words = [[w for w in name_key(n).split() if len(w) > INITIAL_LETTERS] for n in (a, b)]
    latin_side, other = words if script(a) == "Latn" else words[::-1]
    return len(latin_side) == len(other) > 0 and spelled_near(" ".join(latin_side), " ".join(other))
