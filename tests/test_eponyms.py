"""Research bodies named after a person: one key for every way of naming them."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.entities.aliases import Cluster
from indexer.entities.named_after import name_eponyms
from indexer.entities.table import EntityTable
from indexer.naming.eponyms import eponym_key
from tests.spans import mentions_at

INSTITUTE_NAMES = [
    "Национальный медицинский центр хирургии имени Н. И. Пирогова",
    "Центр им. Пирогова",
    "Центр им.Пирогова",
    "НИИ Пирогова",
    "НМИЦ им. Н.И. Пирогова",
    "Институт Пирогова",
    "институт имени академика Пирогова",
    "Сотрудники центра Пирогова",
    "Институт хирургии имени Николая Пирогова",  # the surname, not the first name
]


@pytest.mark.parametrize("name", INSTITUTE_NAMES)
def test_a_research_body_is_keyed_by_its_eponym(name: str) -> None:
    assert eponym_key(name) == "eponym:пирогов"


@pytest.mark.parametrize(
    "name",
    [
        "Театр имени Пирогова",  # another body named after him
        "Музей Пирогова",
        "МГУ имени Пирогова",  # a university's acronym
        "улица Пирогова",
        "Институт Европы",  # a place, not a person
        "Центр развития",  # a common word
        "НИЦ «Пирогов»",  # a body's own name in quotes
        "Пирогов",
    ],
)
def test_other_names_have_no_eponym_key(name: str) -> None:
    assert eponym_key(name) == ""


def test_the_store_joins_a_research_body_named_by_its_eponym(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    first, *names = INSTITUTE_NAMES[:6]
    (full,) = table.resolve([Cluster([], "organization", first, [first])])
    for name in names:
        (found,) = table.resolve([Cluster([], "organization", name, [name])])
        assert found.entity_id == full.entity_id, name
    (theatre,) = table.resolve(
        [Cluster([], "organization", "Театр имени Пирогова", ["Театр имени Пирогова"])]
    )
    assert theatre.entity_id != full.entity_id
    table.close()


def test_a_person_after_a_research_head_is_the_body_named_after_them() -> None:
    body = "Препарат испытали в НИИ им. Пирогова. Директор центра Пирогова доволен."
    mentions = mentions_at(
        body,
        [
            ("НИИ им. Пирогова", "organization", "НИИ им. Пирогова"),
            ("Пирогова", "person", "Пирогов"),
        ],
    )
    named = name_eponyms(body, mentions)
    assert [(body[m.start : m.end], m.type, m.normal) for m in named[1:]] == [
        ("центра Пирогова", "organization", "Центр Пирогова")
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Директор центра Пирогова доволен.",  # no body named after him is known
        "Вчера дочь Пирогова приехала в НИИ им. Пирогова.",  # no research head before
    ],
)
def test_a_person_stays_a_person_without_a_known_body_or_head(body: str) -> None:
    spans = [("Пирогова", "person", "Пирогов")]
    if "НИИ" in body:
        spans.append(("НИИ им. Пирогова", "organization", "НИИ им. Пирогова"))
    mentions = mentions_at(body, spans)
    assert name_eponyms(body, mentions) == mentions


def test_the_store_s_known_body_names_the_person_after_a_head() -> None:
    body = "Сотрудники института им. Н. И. Пирогова ждут."
    mentions = mentions_at(body, [("Н. И. Пирогова", "person", "Н. И. Пирогов")])
    named = name_eponyms(body, mentions, lambda keys: keys & {"eponym:пирогов"})
    assert [(body[m.start : m.end], m.type) for m in named] == [
        ("института им. Н. И. Пирогова", "organization")
    ]


def test_a_research_body_typed_in_english_finds_the_russian_named_after_the_person(
    tmp_path: Path,
) -> None:
    from indexer.search.entity_lookup import EntityLookup

    table = EntityTable(tmp_path / "entities.sqlite")
    for name in ("Институт имени Николая Пирогова", "Театр имени Антона Чехова"):
        table.resolve([Cluster([], "organization", name, [name])])
    table.close()
    lookup = EntityLookup(tmp_path / "entities.sqlite")
    for typed in ("Nikolay Pirogov Institute", "Pirogov Research Center"):
        assert "Институт имени Николая Пирогова" in lookup.variants(typed)[typed.casefold()]
    assert lookup.variants("Chekhov Institute") == {}  # a theatre is no research body
    lookup.close()
