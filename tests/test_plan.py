"""The search plan: the query parsed once, what each counting pass counts, UTC day bounds."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from indexer.errors import BadQuery
from indexer.search.base import SearchRequest
from indexer.search.fields import FACETS
from indexer.search.plan import CountGroup, day_bounds, plan


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
        plan(SearchRequest(query='"open'))
