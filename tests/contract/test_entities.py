"""One entity, every name: facets and search across scripts and forms, on both backends.

The feed (tests/fixtures/entities/feed.jsonl, written for these tests) goes through the whole
pipeline twice, as a re-ingest would: the second pass finds names the store learnt in the
first. Each backend then indexes the articles with a copy of that entity store.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from indexer.config import Settings
from indexer.entities import corrections
from indexer.ingest import processed
from indexer.model import Article, IndexReport
from indexer.naming import dictionary
from indexer.naming.store import FILENAME, EntityStore
from indexer.reindex import reindex
from indexer.search import SearchBackend, SearchRequest, open_backend
from indexer.search.aliases import AliasExpandingBackend
from indexer.search.did_you_mean import with_suggestions
from tests.contract.conftest import BACKENDS
from tests.shared_data import missing
from webapp import create_app
from webapp.hints import zero_hit_hints

FEED = Path(__file__).parents[1] / "fixtures" / "entities" / "feed.jsonl"


@pytest.fixture(scope="module")
def learnt(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Article]]:
    """The feed processed twice into one entity store; the second pass's articles."""
    data = tmp_path_factory.mktemp("entities") / "data"
    settings = Settings(data_dir=data, workers=1)
    report = IndexReport()
    list(processed([FEED], settings, report))
    articles = list(processed([FEED], settings, report))
    assert report.failed == 0, report.failures
    return data, articles


@pytest.fixture(params=BACKENDS)
def settings(
    request: pytest.FixtureRequest, tmp_path: Path, learnt: tuple[Path, list[Article]]
) -> Iterator[Settings]:
    """A fresh index of each kind holding the feed, with its own copy of the entity store."""
    data, articles = learnt
    shutil.copytree(data, tmp_path / "data")
    chosen = Settings(data_dir=tmp_path / "data", index_path=tmp_path / "index", workers=1)
    if request.param == "elasticsearch":
        chosen = replace(
            chosen,
            backend="elasticsearch",
            elasticsearch_url=request.getfixturevalue("elasticsearch_url"),
            index_name=request.getfixturevalue("es_index_name"),
        )
    backend = open_backend(chosen)
    backend.create_index()
    backend.index(articles)
    backend.refresh()
    backend.close()
    yield chosen
    backend = open_backend(chosen)
    backend.drop()
    backend.close()


@pytest.fixture
def backend(settings: Settings) -> Iterator[SearchBackend]:
    """The search wrapper over the filled index."""
    opened = open_backend(settings)
    yield opened
    opened.close()


def _slugs(backend: SearchBackend, req: SearchRequest) -> set[str]:
    return {hit.url.rsplit("/", 1)[-1] for hit in backend.search(req).hits if hit.url}


def _facet(backend: SearchBackend, name: str, req: SearchRequest | None = None) -> dict[str, int]:
    return {v.shown: v.count for v in backend.search(req or SearchRequest()).facets[name]}


def _value(backend: SearchBackend, facet: str, label: str) -> str:
    for value in backend.search(SearchRequest(facet_size=50)).facets[facet]:
        if value.shown == label:
            return value.value
    raise AssertionError(f"no {facet} shown as {label!r}")


def test_russia_rf_and_russian_federation_are_one_value(backend: SearchBackend) -> None:
    places = backend.search(SearchRequest(facet_size=50)).facets["location"]
    russia = [v for v in places if v.value == "russia"]
    assert len(russia) == 1 and russia[0].count == 3
    assert not {"РФ", "Российская Федерация"} & {v.shown for v in places}
    assert _slugs(backend, SearchRequest(filters={"location": ("russia",)})) == {
        "putin-kreml",
        "rf-tarify",
        "rossiya-eksport",
    }


def test_eu_evrosoyuz_and_european_union_are_one_value(backend: SearchBackend) -> None:
    bodies = backend.search(SearchRequest(facet_size=50)).facets["organization"]
    union = [v for v in bodies if v.value == "european-union"]
    assert len(union) == 1 and union[0].count == 2
    assert not {"ЕС", "Евросоюз", "Европейский союз"} - {union[0].shown} & {v.shown for v in bodies}


def test_putin_in_latin_finds_putin_in_cyrillic_and_marks_it(backend: SearchBackend) -> None:
    found = backend.search(SearchRequest(query="Putin"))
    slugs = {hit.url.rsplit("/", 1)[-1] for hit in found.hits if hit.url}
    assert {"putin-grain", "putin-kreml", "putina-post", "putin-agrarii"} <= slugs
    post = next(hit for hit in found.hits if hit.url and hit.url.endswith("putina-post"))
    assert "<mark>Путина</mark>" in post.snippet


def test_a_function_word_or_a_possessive_hides_no_article_of_the_other_script(
    backend: SearchBackend,
) -> None:
    # Required, "the" (or "in") found no Russian article: left out beside one other word.
    putin = _slugs(backend, SearchRequest(query="Putin"))
    assert putin and _slugs(backend, SearchRequest(query="President Putin")) != putin
    assert _slugs(backend, SearchRequest(query="the Putin")) == putin
    assert _slugs(backend, SearchRequest(query="Putin's")) == putin  # a possessive, too
    assert _slugs(backend, SearchRequest(query="Путин и")) == _slugs(
        backend, SearchRequest(query="Путин")
    )


def test_a_surname_that_is_a_word_in_the_other_script_is_searched_as_the_full_name(
    backend: SearchBackend,
) -> None:
    # Хан alone would also be the word "хан" (a khan): "Khan" finds Имран Хан by his full name.
    assert _slugs(backend, SearchRequest(query="Khan")) == {"khan-reformy"}


@pytest.mark.parametrize("typed", ["O'Leary", "O’Leary", "Michael O'Leary"])
def test_a_name_with_an_apostrophe_finds_its_russian_transcription(
    backend: SearchBackend, typed: str
) -> None:
    # The query's words split "O'Leary" in two; the name is looked up whole (О’Лири).
    assert _slugs(backend, SearchRequest(query=typed)) == {"oliri-reysy"}


def test_a_body_named_with_a_word_further_down_the_dictionary_is_found(
    backend: SearchBackend,
) -> None:
    # "health" reads здоровье; Russian names the body with здравоохранение (translated_bag.py).
    assert _slugs(backend, SearchRequest(query="World Health Organization")) == {"voz-pandemiya"}
    # A sea the gazetteer lacks, by its words: Baltic heard in Балтийское, Sea in море.
    assert _slugs(backend, SearchRequest(query="Baltic Sea")) == {"baltika-gazoprovod"}


@pytest.mark.parametrize("typed", ["Salisbury", "Crimea"])
def test_a_place_heard_but_for_a_vowel_is_found(backend: SearchBackend, typed: str) -> None:
    # Солсбери and Крым are in no gazetteer of ours; their sounds are the typed name's but for
    # a vowel ("salasbara", "salsbara").
    assert _slugs(backend, SearchRequest(query=typed)) == {"solsberi-krym"}


def test_a_chinese_name_in_pinyin_finds_its_russian_transcription(backend: SearchBackend) -> None:
    # Russian writes Jinping Цзиньпин (the Palladius system), which no letter rule gives.
    assert _slugs(backend, SearchRequest(query="Jinping")) == {"si-vizit"}


def test_putin_in_cyrillic_finds_putin_in_latin(backend: SearchBackend) -> None:
    assert "putin-grain" in _slugs(backend, SearchRequest(query="Путина"))


def test_a_name_in_another_script_matches_its_forms_not_its_stem(backend: SearchBackend) -> None:
    # "Дания" stems to "дан", as "данные" does: the name is matched by its own forms only.
    assert _slugs(backend, SearchRequest(query="Denmark")) == {"daniya-paromy"}


def test_an_agency_typed_with_the_word_for_its_kind_finds_it_in_the_other_script(
    backend: SearchBackend,
) -> None:
    # No Russian article has "Agency": the name's own word, TASS, finds ТАСС.
    assert _slugs(backend, SearchRequest(query="TASS Agency")) == {"tass-uchenia"}


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("European Commission", "evrokomissiya-shtraf"),  # Еврокомиссия
        ("Ministry of Foreign Affairs Germany", "mid-germanii"),  # МИД Германии
        ("Defence Ministry", "minoborony-ucheniya"),  # Министерство обороны
        # The place in the genitive: the stemmer cuts "Роттердам" and "Роттердама" apart.
        ("Rotterdam District Court", "sud-rotterdama"),  # Окружной суд Роттердама
        # A name of set phrases and places, searched as Russian writes it: no entity has it.
        ("Chamber of Commerce of Hamburg", "palata-gamburga"),
    ],
)
def test_a_body_typed_in_english_finds_its_russian_name(
    backend: SearchBackend, typed: str, slug: str
) -> None:
    if not dictionary.available():
        missing("no English-Russian dictionary (mueller7-dict)")
    assert _slugs(backend, SearchRequest(query=typed)) == {slug}
    # A part of the name is not translated alone: "Ministry" is in no Russian article.
    assert _slugs(backend, SearchRequest(query=f"{typed} Ministry")) == set()


def test_a_misspelt_name_in_the_other_script_is_corrected_by_the_names_known(
    backend: SearchBackend,
) -> None:
    # No English article names Rotterdam: the engine's words have no neighbour of the typo,
    # the store knows Роттердам's English name.
    request = SearchRequest(query="Rottredam")  # a letter moved: no sound like it either
    assert backend.search(request).total == 0
    result = with_suggestions(backend, request, backend.search(request))
    assert [(s.query, s.total) for s in result.suggestions] == [("Rotterdam", 2)]
    # A word typed in lower case is a word, not a name: the engine's rules alone.
    assert backend.suggest(SearchRequest(query="rottredam")) == []


def test_a_name_of_two_words_is_found_in_every_case(backend: SearchBackend) -> None:
    # "Корея" stems to "коре" but "Кореи" to "кор": the phrase "Южная Корея" alone missed an
    # article that names the country only in the genitive.
    assert _slugs(backend, SearchRequest(query="South Korea")) == {"koreya-mikroskhemy"}
    quoted = SearchRequest(query='"Южная Корея"', exact=True)  # the phrase typed, no variants
    assert _slugs(backend, quoted) == {"koreya-mikroskhemy"}


@pytest.mark.parametrize("typed", ["Kiev", "Kyiv", "Киев"])
def test_a_city_is_found_by_its_old_english_name_too(backend: SearchBackend, typed: str) -> None:
    # GeoNames names the city Kyiv; "Kiev", as English news long spelled Киев, finds it too.
    assert _slugs(backend, SearchRequest(query=typed)) == {"kiev-vstrecha", "kiev-talks"}


def test_kiev_in_english_and_kiev_in_russian_are_one_value(backend: SearchBackend) -> None:
    places = backend.search(SearchRequest(facet_size=50)).facets["location"]
    kyiv = [v for v in places if v.shown in ("Kyiv", "Kiev", "Киев")]
    assert len(kyiv) == 1 and kyiv[0].count == 2


def test_an_acronym_in_capitals_finds_the_same_letters_in_the_other_script(
    backend: SearchBackend,
) -> None:
    # Three letters sound too little for a word ("vta"), enough for an acronym in capitals.
    assert _slugs(backend, SearchRequest(query="WTO")) == {"vto-poshliny"}


def test_a_word_that_only_shares_a_names_stem_gets_none_of_its_names(
    backend: SearchBackend,
) -> None:
    # "данные" (data) and "Дания" stem alike: the word is not the country, so Denmark's other
    # names are not searched for it, while any case of the name gets them.
    assert isinstance(backend, AliasExpandingBackend)
    assert backend.expand(SearchRequest(query="данные")).query_variants == {}
    assert "Denmark" in backend.expand(SearchRequest(query="Дании")).query_variants["дании"]


def test_a_name_typed_as_one_requires_its_words(backend: SearchBackend) -> None:
    # Capitalised, it is a name: a Russia article without "Ministry" is not one of its.
    named = backend.search(SearchRequest(query="Ministry of Agriculture Russia"))
    # No article has all its words, nor any of its own beside the place it names: none is
    # the ministry, and the page offers the words in lower case instead (webapp/hints.py).
    assert named.total == 0
    with create_app(Settings()).test_request_context():
        (hint,) = zero_hit_hints(backend, SearchRequest(query="Ministry of Agriculture Russia"))
    assert hint.text == "Search the words: ministry of agriculture russia" and hint.total
    strict = SearchRequest(query="Ministry of Agriculture Russia", strict=True)
    assert backend.search(strict).total == 0
    # In lower case the words of a question rank: articles naming Russia come back.
    question = SearchRequest(query="ministry of agriculture russia")
    assert "rossiya-eksport" in _slugs(backend, question)


def test_only_what_i_typed_turns_the_other_names_off(backend: SearchBackend) -> None:
    assert _slugs(backend, SearchRequest(query="Putin", exact=True)) == {"putin-grain"}
    assert "putin-grain" not in _slugs(backend, SearchRequest(query="Путина", exact=True))


def test_a_person_filter_covers_every_script_and_form(backend: SearchBackend) -> None:
    people = backend.search(SearchRequest(facet_size=50)).facets["person"]
    putin = [v for v in people if v.value == "vladimir-putin"]
    assert len(putin) == 1 and putin[0].count == 4  # the short post included
    found = _slugs(backend, SearchRequest(filters={"person": ("vladimir-putin",)}))
    assert found == {"putin-grain", "putin-kreml", "putina-post", "putin-agrarii"}
    # A name works in place of the id, in either script.
    assert _slugs(backend, SearchRequest(filters={"person": ("Владимир Путин",)})) == found


def test_table_tokens_and_units_are_never_entities(backend: SearchBackend) -> None:
    article = next(
        backend.scan(SearchRequest(query="Acme")), None
    )  # the earnings table: "Avg shrs", "MLN", "Co"
    assert article is not None
    named = {e.text for e in article.entities}
    assert not named & {"Avg", "MLN", "Co", "Shr", "Revs", "Net"}
    for facet in ("person", "organization", "location"):
        assert not set(_facet(backend, facet)) & {"Avg", "MLN", "Co", "Mln"}


def test_dushanbe_is_a_place(backend: SearchBackend) -> None:
    assert "Dushanbe" in _facet(backend, "location")
    assert "Dushanbe" not in _facet(backend, "organization")


def test_rename_and_hide_show_in_facets_at_once(settings: Settings) -> None:
    store = EntityStore(settings.data_dir / FILENAME)
    corrections.rename(store, "russia", "Russia (RF)")
    corrections.hide(store, "egypt")
    backend = open_backend(settings)
    places = _facet(backend, "location")
    assert places["Russia (RF)"] == 3
    assert "Egypt" not in places and "Египет" not in places
    backend.close()
    store.close()


def test_a_merge_survives_reindex_and_reingest(settings: Settings) -> None:
    store = EntityStore(settings.data_dir / FILENAME)
    backend = open_backend(settings)
    tver = _value(backend, "location", "Тверь")
    egypt = _value(backend, "location", "Египет")
    corrections.merge(store, tver, [egypt])
    assert corrections.relabel(backend, store, "location", [tver, egypt]) == 2
    backend.close()

    def check() -> None:
        opened = open_backend(settings)
        assert _slugs(opened, SearchRequest(filters={"location": (tver,)})) == {
            "putina-post",
            "rossiya-eksport",
        }
        assert egypt not in {v.value for v in opened.search(SearchRequest()).facets["location"]}
        opened.close()

    check()
    reindex(settings)  # from the stored articles
    check()
    reindex(settings, [FEED])  # through the pipeline again
    check()
    store.close()


def test_an_entity_after_of_in_a_name_is_no_match_for_the_name_alone(
    backend: SearchBackend,
) -> None:
    # No article has "Ministry": loosened, the name still needs a word of its own, as the
    # person after "of" qualifies it ("Ministry of Brexit" is not every Brexit article).
    assert backend.search(SearchRequest(query="Ministry of Putin")).total == 0
    assert _slugs(backend, SearchRequest(query="Putin")) >= {"putin-grain", "putin-kreml"}
