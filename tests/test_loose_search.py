"""The search the page runs never shows an empty page for a phrase typed beside 3+ words."""

from __future__ import annotations

from pathlib import Path

from indexer.config import Settings
from indexer.search import SearchRequest, open_backend
from tests.contract.corpus import ARTICLES

# No article has the phrase "pay rise"; one has every other word.
QUERY = '"pay rise" dock workers Rotterdam'


def test_a_phrase_no_article_has_gives_way_to_the_articles_matching_most(tmp_path: Path) -> None:
    backend = open_backend(Settings(data_dir=tmp_path / "data", index_path=tmp_path / "index"))
    backend.create_index()
    backend.index(ARTICLES)
    backend.refresh()
    result = backend.search(SearchRequest(query=QUERY))
    assert result.total and result.relaxed
    assert [hit.id for hit in result.hits[:2]] == ["en-dock-deal", "en-harbour-strike"]
    assert backend.search(SearchRequest(query=QUERY, strict=True)).total == 0
    assert backend.search(SearchRequest(query='"pay rise" dock')).total == 0  # no ranked words
    kept = backend.search(SearchRequest(query='"pay deal" dock workers Rotterdam'))
    assert [hit.id for hit in kept.hits] == ["en-dock-deal"] and not kept.relaxed
    backend.close()


def test_a_place_a_name_is_heard_as_is_no_word_of_the_names_own() -> None:
    from indexer.search.aliases import _places_named

    # "Russian Federal" in a body's long name is heard as Российская Федерация: loosened, the
    # name must still match a word of its own, not every article naming Russia.
    variants = {"russian federal": ("Российская Федерация", "Россия"), "agency": ("агентство",)}
    query = "Russian Federal Agency for Fishery"
    assert _places_named(query, variants) == ("russian federal",)
    assert _places_named("Agency", {"agency": ("агентство",)}) == ()
