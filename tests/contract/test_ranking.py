"""Words typed bare rank from three on: more of them first, counts over the same match set."""

from __future__ import annotations

import pytest

from indexer.model import Article
from indexer.search.base import SearchBackend, SearchRequest, SearchResult
from indexer.search.word_weights import VERBOSE_MIN_WORDS
from tests.contract.corpus import BY_ID

# Dock-deal has all five words, harbour-strike three (dock, workers, Rotterdam), merger-markup
# one (deal): the order holds on every backend, whatever their BM25 details.
FIVE_WORDS = "dock workers pay deal Rotterdam"
FIVE_WORDS_ORDER = ["en-dock-deal", "en-harbour-strike", "en-merger-markup"]
# A question long enough for a feedback pass (feedback.FEEDBACK_MIN_WORDS), and the same
# question's words without its function words: too few for one.
QUESTION = "what deal did the dock workers of Rotterdam get on their pay"
KEYWORDS = "deal dock workers Rotterdam get pay"


def _search(
    backend: SearchBackend, query: str, **options: object
) -> tuple[list[str], SearchResult]:
    result = backend.search(SearchRequest(query=query, page_size=100, **options))  # type: ignore[arg-type]
    assert result.total == len(result.hits)
    return [hit.id for hit in result.hits], result


def test_articles_with_more_of_the_words_come_first(loaded: SearchBackend) -> None:
    order, result = _search(loaded, FIVE_WORDS)
    assert order == FIVE_WORDS_ORDER
    assert result.all_words == 5
    assert not result.relaxed  # one article has every word


def test_no_article_with_every_word_shows_those_with_most(loaded: SearchBackend) -> None:
    order, result = _search(loaded, "chess solar inflation")
    assert set(order) == {"en-chess-club", "en-solar-desert", "en-inflation"}
    assert result.all_words == 3
    assert result.relaxed


def test_a_ranked_compound_ranks_by_its_parts(loaded: SearchBackend) -> None:
    # "dock-workers" is one word of the query and two tokens of the text: each part scores as
    # a ranked word does, and an article with one part still matches (merger-markup: "deal").
    order, result = _search(loaded, "dock-workers pay deal")
    assert order[0] == "en-dock-deal"
    assert "en-harbour-strike" in order and "en-merger-markup" in order
    assert result.all_words == 3


def test_strict_requires_every_word(loaded: SearchBackend) -> None:
    order, result = _search(loaded, "chess solar inflation", strict=True)
    assert order == []
    assert result.all_words is None and not result.relaxed
    order, _ = _search(loaded, FIVE_WORDS, strict=True)
    assert order == ["en-dock-deal"]


@pytest.mark.parametrize("query", ["chess solar", "grain solar", "harbour"])
def test_one_or_two_words_stay_required(loaded: SearchBackend, query: str) -> None:
    order, result = _search(loaded, query)
    words = query.split()
    for article_id in order:
        text = f"{BY_ID[article_id].title} {BY_ID[article_id].body}".lower()
        assert all(word in text for word in words)
    assert result.all_words is None and not result.relaxed


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"pay deal" dock harbour Rotterdam', ["en-dock-deal"]),  # the phrase stays required
        ("dock workers Rotterdam -strike", ["en-dock-deal"]),  # so does an exclusion
        ("(dock workers Rotterdam) OR chess", None),  # a group ranks its own words
    ],
)
def test_syntax_keeps_its_meaning_beside_ranked_words(
    loaded: SearchBackend, query: str, expected: list[str] | None
) -> None:
    order, _ = _search(loaded, query)
    if expected is None:
        assert set(order) == {"en-dock-deal", "en-harbour-strike", "en-chess-club"}
    else:
        assert order == expected


def test_counts_describe_the_ranked_match_set(loaded: SearchBackend) -> None:
    order, result = _search(loaded, FIVE_WORDS)
    sources = {value.value: value.count for value in result.facets["source"]}
    assert sources == {"Coastal Wire": 2, "Money Daily": 1}
    assert sum(value.count for value in result.facets["language"]) == len(order)
    narrowed, _ = _search(loaded, FIVE_WORDS, filters={"source": ("Coastal Wire",)})
    assert narrowed == FIVE_WORDS_ORDER[:2]


def test_feedback_reorders_the_matches_and_adds_none(loaded: SearchBackend) -> None:
    asked, asked_result = _search(loaded, QUESTION)
    typed, typed_result = _search(loaded, KEYWORDS)
    assert asked[0] == typed[0] == "en-dock-deal"
    assert set(asked) == set(typed)  # function words do not match, feedback adds nothing
    assert asked_result.facets == typed_result.facets


@pytest.mark.elasticsearch
@pytest.mark.parametrize(
    "query",
    [FIVE_WORDS, "chess solar inflation", "harbour dock deal", QUESTION, "dock-workers pay deal"],
)
def test_backends_rank_alike(both: dict[str, SearchBackend], query: str) -> None:
    embedded, elastic = (_search(both[kind], query) for kind in ("embedded", "elasticsearch"))
    assert elastic[1].total == embedded[1].total
    assert elastic[1].relaxed == embedded[1].relaxed
    if query != "chess solar inflation":  # one word each: BM25 ties are the engines' own
        assert elastic[0] == embedded[0]


def _lighthouse(key: str, title: str, made: bool, body: str) -> Article:
    return Article(
        id=key,
        path=f"{key}.txt",
        title=title,
        title_from_body=made,
        body=body,
        language="en",
        url=f"https://example.org/{key}",
    )


def test_a_title_made_from_the_first_sentence_weighs_as_body_text(backend: SearchBackend) -> None:
    body = "Lighthouse keeper retires. Ships pass the cape unguided now."
    first = "Lighthouse keeper retires."
    # The same title and body, once as a real headline and once made from the first sentence:
    # were the made one weighed as a headline too, the two would tie.
    made = _lighthouse("made", first, True, body)
    headline = _lighthouse("headline", "Lighthouse keeper retires", False, body)
    backend.index([made, headline])
    backend.refresh()
    hits = backend.search(SearchRequest(query="lighthouse keeper")).hits
    assert [hit.id for hit in hits] == ["headline", "made"]
    assert hits[0].score and hits[1].score and hits[0].score > hits[1].score
    assert hits[1].title == first  # still shown as the title


def test_a_pasted_paragraph_of_hundreds_of_words_searches(loaded: SearchBackend) -> None:
    # A question the length of the longest in the CISI collection (334 words), near the limits.
    words = " ".join(f"word{i}" for i in range(330))
    order, result = _search(loaded, f"dock workers pay deal {words}")
    assert order[0] == "en-dock-deal"
    assert result.all_words == 334 and result.relaxed  # no article has word0 … word329


def test_a_lead_counts_for_ranked_words_as_a_headline_would(backend: SearchBackend) -> None:
    # The same sentences in another order: the article whose first sentence (its made title,
    # its lead) holds the words ranks first for a long query; typed words see body text only.
    story, other = "Dock workers strike in Rotterdam.", "The port stays closed today."
    lead = _lighthouse("lead", story, True, f"{story} {other}")
    deep = _lighthouse("deep", other, True, f"{other} {story}")
    backend.index([deep, lead])
    backend.refresh()
    hits = backend.search(SearchRequest(query="dock workers strike Rotterdam")).hits
    assert [hit.id for hit in hits] == ["lead", "deep"]
    assert hits[0].score and hits[1].score and hits[0].score > hits[1].score
    typed = backend.search(SearchRequest(query="dock workers")).hits
    assert typed[0].score == pytest.approx(typed[1].score)


# Words every article of the verbose-question test has: each adds little to a ranking.
EVERYDAY = (
    "city council week report budget meeting market street school water road park house "
    "office family group public plan"
).split()


def _everyday(key: str, body: str) -> Article:
    return _lighthouse(key, body.split(".")[0] + ".", True, body)


def test_a_verbose_question_weighs_its_rare_words_up(backend: SearchBackend) -> None:
    # Eighteen everyday words and two rare ones: from word_weights.VERBOSE_MIN_WORDS ranked
    # words on, the article with the two rare words outranks the one with every everyday word;
    # a shorter question of the same kind ranks them the other way.
    rare = _everyday("rare", "The lighthouse keeper retired after forty years on the cape.")
    common = _everyday("common", "Notes of the day: " + ", ".join(EVERYDAY) + ".")
    others = [
        _everyday(f"other-{i}", f"Bulletin {i}. " + " and ".join(EVERYDAY[i:] + EVERYDAY[:i]))
        for i in range(6)
    ]
    backend.index([rare, common, *others])
    backend.refresh()
    verbose = " ".join([*EVERYDAY, "lighthouse", "keeper"])
    assert len(verbose.split()) == VERBOSE_MIN_WORDS
    order = [hit.id for hit in backend.search(SearchRequest(query=verbose, page_size=20)).hits]
    assert order.index("rare") < order.index("common")
    shorter = " ".join([*EVERYDAY[3:], "lighthouse", "keeper"])
    order = [hit.id for hit in backend.search(SearchRequest(query=shorter, page_size=20)).hits]
    assert order.index("common") < order.index("rare")
