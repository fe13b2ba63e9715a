"""The search plan: the query parsed once, what each counting pass counts, UTC day bounds."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from indexer.errors import BadQuery
from indexer.search.base import SearchRequest
from indexer.search.fields import FACETS
from indexer.search.plan import CountGroup, day_bounds, plan, ranked_parts, typed_as_name
from indexer.search.query_syntax import (
    MAX_QUERY_CHARS,
    And,
    MatchAll,
    Name,
    Node,
    Or,
    Phrase,
    Term,
    parse_query,
)


def _counted(groups: tuple[CountGroup, ...]) -> list[str]:
    return sorted(name for group in groups for name in group.facets)


def test_every_facet_is_counted_once_and_the_timeline_once() -> None:
    for req in (
        SearchRequest(),
        SearchRequest(query='"key rate"'),
        SearchRequest(filters={"location": ("Oslo",), "source": ("Wire",)}),
    ):
        groups = plan(req).groups
        assert _counted(groups) == sorted(FACETS)
        assert sum(group.timeline for group in groups) == 1


def test_large_facets_get_a_pass_each_unless_matching_is_costly() -> None:
    cheap = plan(SearchRequest(query="harbour")).groups
    assert [g.facets for g in cheap[:3]] == [("organization",), ("location",), ("person",)]
    costly = plan(SearchRequest(query='"harbour master"'))
    assert costly.costly and len(costly.groups) == 1


def test_a_selected_facet_is_counted_without_its_own_selection() -> None:
    planned = plan(SearchRequest(filters={"location": ("Oslo",), "source": ("Wire",)}))
    apart = [g for g in planned.groups if g.without]
    assert [(g.facets, g.without) for g in apart] == [
        (("location",), "location"),
        (("source",), "source"),
    ]
    assert planned.selected_without("location") == {"source": ("Wire",)}
    assert not any(g.timeline for g in apart)  # the timeline counts the full selection


def test_days_are_whole_utc_days_with_an_exclusive_end() -> None:
    assert day_bounds(date(2024, 3, 1), date(2024, 3, 8)) == (
        datetime(2024, 3, 1, tzinfo=UTC),
        datetime(2024, 3, 9, tzinfo=UTC),
    )
    assert day_bounds(None, None) == (None, None)


def test_words_to_highlight_leave_exclusions_out() -> None:
    assert plan(SearchRequest(query="rain -snow")).words == ("rain",)


def test_bad_syntax_fails_when_planning() -> None:
    with pytest.raises(BadQuery):
        plan(SearchRequest(query="x" * (MAX_QUERY_CHARS + 1)))


def test_variants_join_a_term_with_its_other_names() -> None:
    req = SearchRequest(query="Putin visit", query_variants={"putin": ("Путин", "Vladimir Putin")})
    planned = plan(req)
    putin = Or((Term("Putin"), Term("Путин"), Phrase(("Vladimir", "Putin"))))
    assert planned.query == And((), plain=(putin, Term("visit")))
    assert {"Putin", "Путин", "visit"} <= set(planned.words)  # all of them marked


def test_a_name_the_stemmer_cuts_short_is_matched_by_its_forms() -> None:
    # "Дания" stems to "дан", the stem of "данные": a Name, matched by its own case forms.
    planned = plan(SearchRequest(query="Denmark", query_variants={"denmark": ("Дания",)}))
    assert planned.query == Or((Term("Denmark"), Name("Дания")))


def test_an_adjective_variant_is_matched_by_its_stem() -> None:
    # Made as a noun's, "Курская"'s forms ("курскаи") missed "Курской", which the stem finds.
    planned = plan(SearchRequest(query="Kursk", query_variants={"kursk": ("Курская",)}))
    assert isinstance(planned.query, Or)
    assert Term("Курская") in planned.query.any and Name("Курская") not in planned.query.any


@pytest.mark.parametrize(
    ("variant", "node"),
    [
        ("Бо", Name("Бо")),  # its stem is "бой"'s and "боится"'s: matched as written
        ("Ким", Term("Ким")),  # three letters decline on their stem ("Кима")
        ("ОП", Term("ОП")),  # an acronym hardly shares a stem, and declines ("ОПа")
    ],
)
def test_a_name_of_two_letters_is_matched_as_written(variant: str, node: Node) -> None:
    planned = plan(SearchRequest(query="Xy", query_variants={"xy": (variant,)}))
    assert planned.query == Or((Term("Xy"), node))


def test_a_name_of_words_the_stemmer_cuts_apart_by_case_is_a_phrase_per_stem() -> None:
    # "Корея" is "коре" to the stemmer, "Кореи" "кор"; the adjective keeps one stem ("южн").
    variants = {"south korea": ("Южная Корея",)}
    planned = plan(SearchRequest(query="South Korea", query_variants=variants))
    typed = And((Term("South"), Term("Korea")))
    phrases = (Phrase(("Южная", "Корея")), Phrase(("Южная", "кореи")))
    assert planned.query == And((), plain=(Or((typed, *phrases)),))
    quoted = plan(SearchRequest(query='"Южная Корея"')).query
    assert quoted == Or(phrases)  # a quoted phrase typed gets the same forms


def test_a_variant_that_is_a_function_word_is_left_out() -> None:
    planned = plan(SearchRequest(query="Lee", query_variants={"lee": ("Ли", "Филип Ли")}))
    assert planned.query == Or((Term("Lee"), Phrase(("Филип", "Ли"))))
    same_script = plan(SearchRequest(query="ЕС", query_variants={"ес": ("Евросоюз",)}))
    assert same_script.query == Or((Term("ЕС"), Term("Евросоюз")))  # stemmed as typed words


def test_variants_join_a_run_of_words_spelling_a_name() -> None:
    variants = {"european union": ("ЕС", "Европейский союз")}
    planned = plan(SearchRequest(query="european Union tariffs", query_variants=variants))
    union = Or(
        (And((Term("european"), Term("Union"))), Term("ЕС"), Phrase(("Европейский", "союз")))
    )
    assert planned.query == And((), plain=(union, Term("tariffs")))
    joined = plan(SearchRequest(query="european AND Union", query_variants=variants)).query
    assert joined == And((union,))  # AND-joined words spell the name too
    phrase = plan(SearchRequest(query='"European Union"', query_variants=variants)).query
    assert phrase == Or(
        (Phrase(("European", "Union")), Term("ЕС"), Phrase(("Европейский", "союз")))
    )


def test_exact_leaves_the_query_as_typed() -> None:
    req = SearchRequest(query="-Putin", query_variants={"putin": ("Путин",)})
    assert plan(req).query == And((MatchAll(),), (Or((Term("Putin"), Term("Путин"))),))
    exact = SearchRequest(query="-Putin", query_variants={"putin": ("Путин",)}, exact=True)
    assert plan(exact).query == And((MatchAll(),), (Term("Putin"),))


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("Ministry of Foreign Affairs Russia", True),
        ("Council of the European Union", True),
        ("ministry of foreign affairs", False),  # words of a question: they rank
        ("MEASUREMENT OF DIELECTRIC CONSTANT", False),  # all capitals tell nothing
        ("Nord Stream", False),  # two words are required anyway
        # Function words do not count: five words of its own.
        ("Ministry of Foreign Affairs of the Russian Federation", True),
        ("Oil Prices Fall As Saudi Arabia Raises Output Again", False),  # a headline: 8 words
        ('"Foreign Affairs" Ministry Russia', False),  # a phrase typed: syntax, not a name
    ],
)
def test_a_name_typed_as_one_is_required_whole(query: str, named: bool) -> None:
    assert typed_as_name(parse_query(query)) is named
    if named:  # every word but the function words required, none ranked
        planned = plan(SearchRequest(query=query))
        assert planned.ranked_words == 0
        assert isinstance(planned.query, And) and not planned.query.plain
        assert all(isinstance(n, Term) and n.text[0].isupper() for n in planned.query.must)


@pytest.mark.parametrize(
    ("node", "parts"),
    [
        (Term("flutter"), ("flutter",)),
        (Phrase(("shock", "sound")), ("shock", "sound")),
        (Phrase(("kuchemann", "s")), ("kuchemann",)),  # a possessive's "s" is one letter
        (Phrase(("x", "15")), ("15",)),
        (Phrase(("депутатов", "взяточников")), ("депутатов", "взяточников")),
        (Phrase(("out", "of")), ("out", "of")),  # nothing else left: every part
        (Or((Term("a"), Term("b"))), None),  # not a word: scored as typed
    ],
)
def test_a_ranked_compound_ranks_by_its_parts(node: object, parts: tuple[str, ...] | None) -> None:
    assert ranked_parts(node) == parts  # type: ignore[arg-type]


def test_a_name_loosened_needs_one_of_its_own_words_beside_the_place_it_names() -> None:
    russia = Or((Term("Russia"), Name("Россия")))  # the stemmer cuts Россия short
    variants = {"russia": ("Россия",)}
    req = SearchRequest(query="Ministry of Foreign Affairs Russia", query_variants=variants)
    own = (Term("Ministry"), Term("Foreign"), Term("Affairs"))
    loose = plan(replace(req, loose=True, name_places=("russia",))).query
    assert loose == And((Or(own),), plain=(own[0], Term("of"), *own[1:], russia))
    # Without the place marked (or for words typed as a question), any word ranks as before.
    assert plan(replace(req, loose=True)).query == And(
        (), plain=(own[0], Term("of"), *own[1:], russia)
    )
    question = SearchRequest(query="ministry of foreign affairs russia", query_variants=variants)
    assert plan(replace(question, loose=True, name_places=("russia",))).query.must == ()
