"""Every search behaviour, asserted the same way on the embedded index and on Elasticsearch."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from indexer.errors import BadQuery, NotFound
from indexer.model import Article
from indexer.search import plan as plan_module
from indexer.search.base import SearchBackend, SearchRequest
from indexer.search.document import INDEXED_AT
from indexer.search.embedded import EmbeddedBackend
from indexer.search.query_syntax import MAX_QUERY_CHARS
from tests.contract.corpus import ARTICLES, BY_ID, DATED


def as_given(article: Article) -> Article:
    """The article as it was indexed: without the index time the backend added."""
    metadata = {k: v for k, v in article.metadata.items() if k != INDEXED_AT}
    return replace(article, metadata=metadata)


def ids(backend: SearchBackend, query: str = "", **options: object) -> set[str]:
    """Ids of every match (one page holds the whole corpus)."""
    result = backend.search(SearchRequest(query=query, page_size=100, **options))  # type: ignore[arg-type]
    assert result.total == len(result.hits)
    return {hit.id for hit in result.hits}


def _published(article_id: str) -> datetime:
    return datetime.fromisoformat(BY_ID[article_id].published_at or "")


NEWEST_FIRST = [a.id for a in sorted(DATED, key=lambda a: _published(a.id), reverse=True)]
UNDATED = [a.id for a in ARTICLES if not a.published_at]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("harbour", {"en-harbour-strike", "en-dock-deal", "en-harbour-museum"}),
        ("HARBOUR", {"en-harbour-strike", "en-dock-deal", "en-harbour-museum"}),
        ("harbours", {"en-harbour-strike", "en-dock-deal", "en-harbour-museum"}),  # stemmed
        ("chess", {"en-chess-club"}),
        ("grain wheat", {"en-grain-rain"}),  # every word must match
        ("grain solar", set()),
        ('"container traffic"', {"en-harbour-strike"}),
        ('"traffic container"', set()),
        ('"European Central Bank"', {"en-rates-hold", "en-bank-shares"}),
        ("bank -shares", {"en-rates-hold"}),
        ('rotterdam -"pay deal"', {"en-harbour-strike"}),
        ("solar OR wind", {"en-solar-desert", "en-wind-island"}),
        ("(solar OR wind) village", {"en-wind-island"}),
        ("infla*", {"en-inflation"}),
        ("нов*", {"ru-bridge", "ru-snow"}),
        ("Новосибирске", {"ru-bridge", "ru-snow"}),
        ("новосибирск", {"ru-bridge", "ru-snow"}),  # nominative finds the locative by its stem
        ("ставку", {"ru-key-rate", "ru-port"}),  # ставку / ставки share a stem
        ('"ключевую ставку"', {"ru-key-rate"}),
        ("шахматный -Казань", set()),
        ("customs", {"en-harbour-museum"}),
        ("newsletter", set()),  # boilerplate is kept apart from the searched text
        ("", {a.id for a in ARTICLES}),
        ("!!! ...", {a.id for a in ARTICLES}),  # punctuation only: nothing to match on
    ],
)
def test_query_matches(loaded: SearchBackend, query: str, expected: set[str]) -> None:
    assert ids(loaded, query) == expected


def test_title_match_ranks_first(loaded: SearchBackend) -> None:
    hits = loaded.search(SearchRequest(query="harbour")).hits
    assert hits[0].id == "en-harbour-strike"  # the only one with "harbour" in its headline
    assert all(hit.score is not None and hit.score > 0 for hit in hits)


@pytest.mark.parametrize(
    ("filters", "excludes", "expected"),
    [
        ({"language": ("ru",)}, {}, {"ru-bridge", "ru-snow", "ru-key-rate", "ru-port", "ru-chess"}),
        ({"source": ("Farm Ledger", "Town Crier")}, {}, {"en-grain-rain", "en-chess-club"}),
        ({"person": ("Maria Lopez",)}, {}, {"en-grain-rain"}),
        ({"organization": ("European Central Bank",)}, {}, {"en-rates-hold", "en-bank-shares"}),
        ({"location": ("Новосибирск",)}, {}, {"ru-bridge", "ru-snow"}),
        (
            {"language": ("en",), "location": ("Rotterdam",)},
            {},
            {"en-harbour-strike", "en-dock-deal", "en-harbour-museum"},
        ),
        ({"language": ("ru",), "location": ("Rotterdam",)}, {}, set()),
        (
            {"source": ("Coastal Wire",)},
            {"person": ("Anna de Vries",)},
            {"en-dock-deal", "en-harbour-museum"},
        ),
        ({}, {"language": ("en",)}, {"ru-bridge", "ru-snow", "ru-key-rate", "ru-port", "ru-chess"}),
        ({"location": ("No Such Place",)}, {}, set()),
    ],
)
def test_filters(
    loaded: SearchBackend,
    filters: dict[str, tuple[str, ...]],
    excludes: dict[str, tuple[str, ...]],
    expected: set[str],
) -> None:
    assert ids(loaded, filters=filters, excludes=excludes) == expected


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        (date(2023, 6, 16), date(2023, 6, 16), {"en-bank-shares", "ru-key-rate"}),
        (None, date(2023, 1, 24), {"en-harbour-strike", "en-dock-deal"}),
        (date(2024, 5, 5), None, {"en-merger-markup", "en-inflation", "ru-chess"}),
        (date(2030, 1, 1), None, set()),
    ],
)
def test_date_range(
    loaded: SearchBackend, date_from: date | None, date_to: date | None, expected: set[str]
) -> None:
    assert ids(loaded, date_from=date_from, date_to=date_to) == expected


@pytest.mark.parametrize(
    ("date_from", "date_to"),
    [
        (date(2023, 1, 1), date(2023, 12, 31)),  # a whole year
        (date(2023, 6, 16), date(2024, 2, 1)),  # days, months and a day
        (date(2022, 12, 31), date(2024, 2, 29)),  # a day, a year and months
        (date(2023, 6, 1), date(2023, 6, 30)),  # a whole month
        (date(2024, 2, 20), date(2024, 2, 20)),  # one day
    ],
)
def test_date_range_matches_the_articles_dated_in_it(
    loaded: SearchBackend, date_from: date, date_to: date
) -> None:
    """A date range keeps exactly the articles its days hold, with or without words (the
    native core checks the dates of the words' matches itself)."""
    dated = {
        a.id
        for a in DATED
        if date_from <= datetime.fromisoformat(str(a.published_at)).date() <= date_to
    }
    assert dated  # each range holds some articles and leaves others out
    assert dated != {a.id for a in DATED}
    assert ids(loaded, date_from=date_from, date_to=date_to) == dated
    worded = {a.id for a in ARTICLES if a.id in ids(loaded, "rates OR bank OR port")}
    assert ids(loaded, "rates OR bank OR port", date_from=date_from, date_to=date_to) == (
        dated & worded
    )


def facet_counts(backend: SearchBackend, **options: object) -> dict[str, dict[str, int]]:
    result = backend.search(SearchRequest(**options))  # type: ignore[arg-type]
    return {name: {v.value: v.count for v in values} for name, values in result.facets.items()}


def test_facet_counts(loaded: SearchBackend) -> None:
    facets = facet_counts(loaded)
    assert facets["language"] == {"en": 11, "ru": 5}
    assert facets["source"]["Money Daily"] == 4
    assert facets["source"]["Coastal Wire"] == 3
    assert facets["location"]["Rotterdam"] == 3
    assert facets["organization"] == {
        "Port of Rotterdam Authority": 2,
        "European Central Bank": 2,
        "AT&T": 1,
        "Банк России": 1,
        "Морской порт Владивосток": 1,
    }
    assert sum(facets["person"].values()) == 5


def test_facets_are_disjunctive(loaded: SearchBackend) -> None:
    everything = facet_counts(loaded)
    picked = facet_counts(loaded, filters={"source": ("Money Daily",)})
    assert picked["source"] == everything["source"]  # the other sources stay visible, counted
    assert picked["language"] == {"en": 4}  # every other facet follows the selection
    assert picked["organization"] == {"European Central Bank": 2, "AT&T": 1}

    two = facet_counts(loaded, filters={"source": ("Money Daily",), "location": ("Frankfurt",)})
    assert two["source"] == {"Money Daily": 2}  # counted under the location selection only
    assert two["location"] == {"Frankfurt": 2}  # counted under the source selection only
    assert two["language"] == {"en": 2}


def test_facet_size_limits_values(loaded: SearchBackend) -> None:
    facets = loaded.search(SearchRequest(facet_size=2)).facets
    assert [(v.value, v.count) for v in facets["source"]] == [
        ("Money Daily", 4),
        ("Coastal Wire", 3),
    ]


def test_histogram_counts_dated_matches(loaded: SearchBackend) -> None:
    result = loaded.search(SearchRequest())
    assert result.interval == "week"  # 2023-01 .. 2024-08 is too long for days
    assert sum(bucket.count for bucket in result.histogram) == len(DATED)
    assert result.histogram[0].date == "2023-01-09"  # the Monday of the first article's week
    assert all(date.fromisoformat(b.date).weekday() == 0 for b in result.histogram)

    june = loaded.search(SearchRequest(date_from=date(2023, 6, 1), date_to=date(2023, 6, 30)))
    assert june.interval == "day"
    assert [(b.date, b.count) for b in june.histogram] == [("2023-06-15", 1), ("2023-06-16", 2)]


def test_histogram_of_no_dated_match_is_empty(loaded: SearchBackend) -> None:
    result = loaded.search(SearchRequest(query="chess", filters={"language": ("en",)}))
    assert result.total == 1
    assert result.histogram == []


def test_snippets_mark_matches_and_escape_html(loaded: SearchBackend) -> None:
    (hit,) = loaded.search(SearchRequest(query="merger")).hits
    assert "<mark>merger</mark>" in hit.snippet
    assert "&lt;b&gt;" in hit.snippet and "AT&amp;T" in hit.snippet
    assert "<b>" not in hit.snippet and "<script>" not in hit.snippet


def test_snippets_mark_stemmed_forms(loaded: SearchBackend) -> None:
    hits = {hit.id: hit for hit in loaded.search(SearchRequest(query="harbour")).hits}
    assert "<mark>harbours</mark>" in hits["en-dock-deal"].snippet
    cyrillic = loaded.search(SearchRequest(query="снег")).hits
    assert cyrillic and "<mark>снег</mark>" in cyrillic[0].snippet


def test_snippet_without_query_is_the_opening(loaded: SearchBackend) -> None:
    (hit,) = loaded.search(SearchRequest(filters={"person": ("Maria Lopez",)})).hits
    assert hit.snippet.startswith("Heavy rain across Kansas")
    assert "<mark>" not in hit.snippet


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_sort_by_date_puts_undated_last(loaded: SearchBackend, sort: str) -> None:
    result = loaded.search(SearchRequest(sort=sort, page_size=100))  # type: ignore[arg-type]
    expected = NEWEST_FIRST if sort == "newest" else NEWEST_FIRST[::-1]
    assert [hit.id for hit in result.hits] == expected + UNDATED
    assert all(hit.score is None for hit in result.hits)


def test_pages_partition_the_results(loaded: SearchBackend) -> None:
    seen: list[str] = []
    for page in range(1, 6):
        result = loaded.search(SearchRequest(sort="oldest", page=page, page_size=4))
        assert result.total == len(ARTICLES)
        seen += [hit.id for hit in result.hits]
    assert seen == NEWEST_FIRST[::-1] + UNDATED


@pytest.mark.parametrize("sort", ["newest", "oldest", "relevance"])
def test_scan_streams_every_match_in_date_order(loaded: SearchBackend, sort: str) -> None:
    articles = list(loaded.scan(SearchRequest(sort=sort)))  # type: ignore[arg-type]
    expected = NEWEST_FIRST[::-1] if sort == "oldest" else NEWEST_FIRST
    assert [a.id for a in articles] == expected + UNDATED
    assert as_given(articles[0]) == BY_ID[articles[0].id]  # whole articles, not hit rows


def test_scan_applies_query_and_filters(loaded: SearchBackend) -> None:
    request = SearchRequest(query="bank OR ставку", excludes={"language": ("ru",)})
    assert {a.id for a in loaded.scan(request)} == {"en-rates-hold", "en-bank-shares"}


def test_get_returns_the_stored_article(loaded: SearchBackend) -> None:
    stored = loaded.get("ru-bridge")
    assert stored.metadata["indexed_at"] >= "2020", "the stored article knows when it was written"
    assert as_given(stored) == BY_ID["ru-bridge"]
    assert loaded.get("ru-bridge").entities[0].canonical == "Иван Петров"
    with pytest.raises(NotFound):
        loaded.get("no-such-article")


def test_count(loaded: SearchBackend) -> None:
    assert loaded.count() == len(ARTICLES)
    assert loaded.health()["ok"] is True


@pytest.mark.parametrize("query", ["x" * (MAX_QUERY_CHARS + 1)])
def test_bad_query_syntax(loaded: SearchBackend, query: str) -> None:
    with pytest.raises(BadQuery):
        loaded.search(SearchRequest(query=query))
    with pytest.raises(BadQuery):
        list(loaded.scan(SearchRequest(query=query)))


QUERIES_TO_COMPARE = [
    SearchRequest(),
    SearchRequest(query="harbour"),
    SearchRequest(query='"the harbour" OR -chess', facet_size=4),
    SearchRequest(query="bank OR ставку", sort="newest"),
    SearchRequest(query="the", facet_size=3),
    SearchRequest(filters={"source": ("Money Daily",), "location": ("Frankfurt",)}),
    SearchRequest(excludes={"location": ("Rotterdam",)}, date_from=date(2023, 6, 1)),
    SearchRequest(query="-chess", sort="oldest", page=2, page_size=5),
]


# More shapes for the two embedded paths (no engine-to-engine score caveats there).
PATH_QUERIES = [
    SearchRequest(query="harbour", filters={"language": ("en",)}, excludes={"source": ("x",)}),
    SearchRequest(query="bank*", filters={"source": ("Money Daily",)}, sort="oldest"),
    SearchRequest(query='"central bank" rates', date_to=date(2023, 12, 31), facet_size=1),
    SearchRequest(query="снег OR harbour", filters={"location": ("Frankfurt", "Rotterdam")}),
    SearchRequest(filters={"language": ("en",), "source": ("Money Daily",)}, page=2, page_size=3),
    SearchRequest(page=2, page_size=3),  # the front page's cached counts, page read directly
]


@pytest.mark.parametrize("req", QUERIES_TO_COMPARE, ids=lambda r: repr(r.query or "*"))
def test_backends_agree(both: dict[str, SearchBackend], req: SearchRequest) -> None:
    embedded, elastic = (both[kind].search(req) for kind in ("embedded", "elasticsearch"))
    assert elastic.total == embedded.total
    assert elastic.facets == embedded.facets
    assert elastic.histogram == embedded.histogram
    assert elastic.interval == embedded.interval
    if req.sort == "relevance":
        # Scores differ between engines (and tie among equal ones): compare whole match sets.
        if embedded.total <= req.page_size:
            assert {h.id for h in elastic.hits} == {h.id for h in embedded.hits}
    else:
        assert [h.id for h in elastic.hits] == [h.id for h in embedded.hits]


@pytest.mark.parametrize(
    "req", QUERIES_TO_COMPARE + PATH_QUERIES, ids=lambda r: repr(r.query or "*")
)
def test_embedded_paths_agree_exactly(
    embedded_paths: dict[str, SearchBackend], req: SearchRequest
) -> None:
    """One engine, one tree, two compilers: same totals, counts, order and scores.

    Without query text every match scores alike, but not the same constant on both paths
    (tantivy drops a match-all clause beside filters), so only the order is compared there.
    """
    native, pure = (embedded_paths[path].search(req) for path in ("native", "pure"))
    if not req.query:
        for result in (native, pure):
            result.hits = [replace(hit, score=None) for hit in result.hits]
    assert native == pure


@pytest.mark.parametrize("req", QUERIES_TO_COMPARE, ids=lambda r: repr(r.query or "*"))
def test_embedded_answer_does_not_depend_on_counting_threads(
    corpus_embedded: EmbeddedBackend, req: SearchRequest
) -> None:
    answers = [
        EmbeddedBackend(corpus_embedded.path, count_threads=threads).search(req)
        for threads in (1, 4)
    ]
    assert answers[0] == answers[1]


@pytest.mark.parametrize(
    ("published", "interval", "bars", "counted"),
    [
        (
            ("2020-01-15", "2020-03-02", "2022-11-30"),
            "month",
            35,
            {"2020-01-01": 1, "2020-03-01": 1, "2022-11-01": 1},
        ),
        (
            ("2001-05-01", "2015-02-01", "2015-07-01"),
            "year",
            15,
            {"2001-01-01": 1, "2015-01-01": 2},
        ),
    ],
)
def test_histogram_by_month_and_year(
    backend: SearchBackend,
    published: tuple[str, ...],
    interval: str,
    bars: int,
    counted: dict[str, int],
) -> None:
    articles = [
        Article(id=f"h{n}", path=f"h{n}.txt", body="Harbour news.", published_at=f"{day}T12:00:00Z")
        for n, day in enumerate(published)
    ]
    backend.index(articles)
    backend.refresh()
    result = backend.search(SearchRequest())
    assert result.interval == interval
    assert len(result.histogram) == bars
    assert {b.date: b.count for b in result.histogram if b.count} == counted


def test_a_search_parses_its_query_once(
    monkeypatch: pytest.MonkeyPatch, loaded: SearchBackend
) -> None:
    calls: list[str] = []
    original = plan_module.parse_query

    def counting(query: str):  # type: ignore[no-untyped-def]
        calls.append(query)
        return original(query)

    monkeypatch.setattr(plan_module, "parse_query", counting)
    loaded.search(
        SearchRequest(query="harbour", filters={"language": ("en",)}, date_from=date(2000, 1, 1))
    )
    assert calls == ["harbour"]
