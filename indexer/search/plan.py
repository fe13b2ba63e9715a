"""A search request as a plan both backends translate: the query parsed once, what to count.

`plan(request)` is pure. Each backend turns a `Plan` into its engine's calls: the text query
(from `query`), the filters (dates as UTC bounds), and one counting pass per `CountGroup`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from indexer.search.base import SearchRequest
from indexer.search.cut_words import cut_words
from indexer.search.fields import FACETS
from indexer.search.place_adjectives import place_words
from indexer.search.query_syntax import (
    And,
    Node,
    Or,
    Phrase,
    Term,
    contains_phrase,
    parse_query,
    positive_words,
)
from indexer.search.query_variants import with_own_forms, with_variants
from indexer.search.stop_words import is_stop_word

# Facets with thousands of values, largest first (organization: ~11k at 1M articles). The
# embedded engine re-runs the query for every counting pass, and one pass per large facet is
# faster than one for all (smaller tables per pass: 119 ms against 139 ms for every article
# of 1M on one thread); Elasticsearch counts each group in the same single pass anyway.
LARGE_FACETS = ("organization", "location", "person")
# From this many words typed bare, the words rank instead of filter: an article needs one of
# them, and more of them rank it higher. One or two words stay required (issue 11: a two-word
# search that shows articles with only one word looks broken).
MIN_RANKED_WORDS = 3
# A name typed as one, in at most this many words ("Ministry of Foreign Affairs Russia"): every
# word but a function word starts with a capital. It is one unit, so its words are required as
# a two-word search's are, rather than ranked: ranked, every article naming "Russia" matched it
# (organisation search precision 0.228 on the SlavicNER brexit and nord_stream topics).
# Longer runs of capitals are headlines or lists pasted, and rank; so does a query typed all in
# capitals. None of the CISI, CRAN, MED or NPL questions is a name by this rule.
MAX_NAME_WORDS = 6
# Added to the BM25 score of an article that has every ranked word, shared out among them: an
# article with k of n words gets k/n of it (more of the words first, BM25 within). Tuned on
# CRAN and MED (bench/relevance_sweep.py): nDCG@10 flat from 0 to 4, lower from 8, so the
# largest flat value, which orders short queries most by how many words match.
COORDINATION_BONUS = 4.0
# A compound's parts shorter than this do not rank (ranked_parts): one letter is a possessive's
# `s` or an initial, and plain BM25's tokenizer drops it too.
MIN_PART_CHARS = 2


@dataclass(frozen=True)
class CountGroup:
    """Facets counted together over the match set, optionally with the timeline.

    `without` names a facet whose own selection is left out of this count, so its other
    values stay visible and countable (disjunctive facets).
    """

    facets: tuple[str, ...]
    timeline: bool = False  # first and last publication date, and the months
    without: str | None = None


@dataclass(frozen=True)
class Plan:
    """Everything a backend needs to answer one request."""

    request: SearchRequest
    query: Node
    words: tuple[str, ...]  # what to highlight: the query's positive words
    costly: bool  # matching checks word positions (phrases): count in as few passes as possible
    groups: tuple[CountGroup, ...]
    published_from: datetime | None  # UTC, inclusive
    published_before: datetime | None  # UTC, exclusive
    # Bare words that rank rather than filter (0: every word is required, as `strict` asks).
    ranked_words: int = 0
    # Words of the first pass's best matches with their weights (feedback.py): they reorder
    # the matches and never add one.
    feedback: tuple[tuple[str, float], ...] = ()
    # Places that ranked Russian adjectives name, with their weights (place_adjectives.py):
    # optional as feedback words are.
    places: tuple[tuple[str, float], ...] = ()
    # Ranked Russian words cut to their first letters, with their weights (cut_words.py):
    # optional as feedback words are, looked for in the field of cut words.
    cuts: tuple[tuple[str, float], ...] = ()
    # The weight of each ranked word of a verbose question by its rarity (word_weights.py),
    # keyed by word_weights.weight_key; a word not listed weighs 1.
    word_weights: tuple[tuple[str, float], ...] = ()

    @property
    def optional_words(self) -> tuple[tuple[str, float], ...]:
        """Words that reorder the matches and never add one: places named, then feedback."""
        return self.places + self.feedback

    @property
    def selected(self) -> dict[str, tuple[str, ...]]:
        """Facet selections that filter the hits (OR within a facet, AND across)."""
        return {name: values for name, values in self.request.filters.items() if values}

    def selected_without(self, facet: str | None) -> dict[str, tuple[str, ...]]:
        """The selections minus `facet`'s own (what a disjunctive count of `facet` filters by)."""
        return {name: values for name, values in self.selected.items() if name != facet}


def typed_as_name(node: Node) -> bool:
    """Whether the query is bare words spelling a name: 3 or more of them, at most
    `MAX_NAME_WORDS` but its function words, each capitalised unless a function word
    ("Council of the European Union", "Ministry of Health and Social Affairs Sweden")."""
    if not isinstance(node, And) or node.must or node.must_not:
        return False
    words = [child.text for child in node.plain if isinstance(child, Term)]
    if len(words) < len(node.plain) or len(words) < MIN_RANKED_WORDS:
        return False
    content = [word for word in words if not is_stop_word(word)]
    if len(content) > MAX_NAME_WORDS:
        return False
    # A query typed all in capitals tells nothing (the NPL collection's questions are).
    spelled = any(not word.isupper() for word in content)
    return spelled and all(word[:1].isupper() for word in content)


def _as_name(node: Node) -> Node:
    """A name's words all required, function words left out (`typed_as_name`)."""
    if not isinstance(node, And):
        return node
    return And((*node.must, *_content_words(node.plain)), node.must_not)


def _short_without_function_words(node: Node) -> Node:
    """Two bare words typed, one a function word ("the Kremlin", "in Moscow", "Путин и"): the
    other word alone. Required, the function word hid every article in the other script (and
    finds every article in its own); a search of three words or more leaves it out of the
    score already (`ranked_plain`). Two function words stay as typed."""
    if not isinstance(node, And) or ranks_words(node, strict=False) or len(node.plain) < 2:
        return node
    kept = _content_words(node.plain)
    return And(node.must, node.must_not, kept) if kept and kept != node.plain else node


def _content_words(plain: tuple[Node, ...]) -> tuple[Node, ...]:
    """Bare words but the function words (stop_words.py)."""
    return tuple(
        child for child in plain if not (isinstance(child, Term) and is_stop_word(child.text))
    )


def ranks_words(node: And, strict: bool) -> bool:
    """Whether this And's bare words rank (an article needs one) instead of all being required."""
    return not strict and len(node.plain) >= MIN_RANKED_WORDS


def ranked_plain(node: And) -> tuple[Node, ...]:
    """The bare words a ranking And scores by: its plain words minus function words
    (stop_words.py), all of them when nothing else would be left."""
    return _content_words(node.plain) or node.plain


def ranked_parts(node: Node) -> tuple[str, ...] | None:
    """The words a bare word of a ranking And is scored by; None for anything but a word.

    A compound typed bare (`shock-sound`, `kuchemann's`, `депутатов-взяточников`) ranks by its
    parts, as plain BM25 and the index's own tokens split it: as a phrase it was scored over
    other fields than the ranked words beside it, and an article with only one of its parts
    scored nothing for it. Parts of one letter (a possessive's `s`, `x` of `x-15`) and
    function words are left out, unless nothing else is left.
    """
    if isinstance(node, Term):
        return (node.text,)
    if not isinstance(node, Phrase):
        return None
    kept = tuple(
        word
        for word in node.words
        if (len(word) >= MIN_PART_CHARS or word.isdigit()) and not is_stop_word(word)
    )
    return kept or node.words


def _ranked_words(node: Node, strict: bool) -> int:
    match node:
        case And(must, _, plain):
            own = len(plain) if ranks_words(node, strict) else 0
            return own + sum(_ranked_words(child, strict) for child in (*must, *plain))
        case Or(alternatives):
            return sum(_ranked_words(child, strict) for child in alternatives)
    return 0


def loosened(node: Node) -> Node:
    """The query with what is required beside ranked words (phrases, groups, AND) ranking too.

    Asked for only after the query as typed found nothing (aliases.py), so that a long
    question with a quoted phrase no article has still shows the articles that match most.
    Exclusions keep their meaning.
    """
    match node:
        case And(must, must_not, plain) if ranks_words(node, strict=False):
            return And((), must_not, tuple(loosened(child) for child in (*must, *plain)))
        case And(must, must_not, plain):
            return And(tuple(loosened(child) for child in must), must_not, plain)
        case Or(alternatives):
            return Or(tuple(loosened(child) for child in alternatives))
    return node


def loosened_name(node: Node, places: frozenset[str]) -> Node:
    """A name typed as one, loosened: an article needs one of its own words beside the places
    it names. "Russia" alone is another entity than "Ministry of Foreign Affairs Russia":
    loosened to any of its words, that search found every article naming Russia, 18 of 118
    of them about the ministry (SlavicNER brexit and nord_stream topics)."""
    if not places or not isinstance(node, And):
        return node
    own = tuple(
        child
        for child in node.plain
        if not _names_place(child, places)
        and not (isinstance(child, Term) and is_stop_word(child.text))
    )
    if not own or len(own) == len(ranked_plain(node)):
        return node
    return And((*node.must, Or(own)), node.must_not, node.plain)


def _names_place(node: Node, places: frozenset[str]) -> bool:
    """Whether `node` is a run of typed words naming one of `places`, with its other names."""
    typed = node.any[0] if isinstance(node, Or) and node.any else node
    if isinstance(typed, And) and not typed.must_not and not typed.plain:
        words = [child.text for child in typed.must if isinstance(child, Term)]
        return len(words) == len(typed.must) and " ".join(words).casefold() in places
    return isinstance(typed, Term) and typed.text.casefold() in places


def day_bounds(first: date | None, last: date | None) -> tuple[datetime | None, datetime | None]:
    """Whole UTC days from `first` to `last` inclusive, as [start, end) instants."""
    start = datetime.combine(first, time.min, UTC) if first else None
    end = datetime.combine(last + timedelta(days=1), time.min, UTC) if last else None
    return start, end


def _groups(req: SearchRequest, costly: bool) -> tuple[CountGroup, ...]:
    plain = tuple(name for name in FACETS if not req.filters.get(name))
    # A query costly to match (phrases) is counted in one pass: two passes at once were
    # slower than one at 1M articles (38 ms against 28 ms for a phrase in 24k articles).
    if costly:
        groups = [CountGroup(plain, timeline=True)]
    else:
        large = [name for name in LARGE_FACETS if name in plain]
        groups = [CountGroup((name,)) for name in large]
        groups.append(CountGroup(tuple(n for n in plain if n not in large), timeline=True))
    groups += [CountGroup((name,), without=name) for name in FACETS if name not in plain]
    return tuple(groups)


def plan(req: SearchRequest) -> Plan:
    """Parse the query (raising `BadQuery`) and decide what to count, in which passes.

    Unless the request is `exact`, its `query_variants` are written into the parsed query.
    """
    query = parse_query(req.query)
    named = typed_as_name(query)
    if not req.exact:
        query = with_variants(query, req.query_variants)
    if not req.strict:  # after the variants: "The Commonwealth" is a name typed whole
        query = _short_without_function_words(query)
    if named and not req.loose:
        query = _as_name(query)
    query = with_own_forms(query, lambda node: ranks_words(node, req.strict))
    if req.loose:
        query = loosened(query)
        if named:
            query = loosened_name(query, frozenset(req.name_places))
    costly = contains_phrase(query)
    published_from, published_before = day_bounds(req.date_from, req.date_to)
    return Plan(
        request=req,
        query=query,
        words=tuple(positive_words(query)),
        costly=costly,
        groups=_groups(req, costly),
        published_from=published_from,
        published_before=published_before,
        ranked_words=_ranked_words(query, req.strict),
        places=place_words(words) if (words := _ranked_terms(query, req)) else (),
        cuts=cut_words(words) if words else (),
    )


def _ranked_terms(query: Node, req: SearchRequest) -> tuple[str, ...]:
    """A ranking query's bare words, which may bring optional words of their own (the places
    their adjectives name, their cuts); none for "only what I typed" or a strict search."""
    if req.exact or req.strict or not isinstance(query, And) or not ranks_words(query, False):
        return ()
    return tuple(child.text for child in ranked_plain(query) if isinstance(child, Term))
