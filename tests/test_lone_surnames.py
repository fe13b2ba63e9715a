"""A person met by the surname alone before the full name becomes one facet value."""

from __future__ import annotations

from pathlib import Path

from indexer.entities.aliases import Cluster
from indexer.entities.table import EntityTable


def _person(*names: str) -> Cluster:
    return Cluster([], "person", names[0], list(names))


def test_a_rare_surname_seen_first_joins_the_full_name_seen_once(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    table.resolve([_person("Громыхалов")])
    (full,) = table.resolve([_person("Аркадий Громыхалов")])
    (later,) = table.resolve([_person("Громыхалова")])
    assert later.entity_id == full.entity_id
    assert table.canonical_of("Громыхалов", "person") == "Аркадий Громыхалов"
    table.close()


def test_a_common_surname_seen_first_waits_for_a_second_full_name(tmp_path: Path) -> None:
    # Кузнецов is a common word of Russian (wordfreq), many people's name.
    table = EntityTable(tmp_path / "entities.sqlite")
    (lone,) = table.resolve([_person("Кузнецов")])
    table.resolve([_person("Аркадий Кузнецов")])
    assert table.resolve([_person("Кузнецов")])[0].entity_id == lone.entity_id
    (again,) = table.resolve([_person("Аркадий Кузнецов")])
    assert table.resolve([_person("Кузнецова")])[0].entity_id == again.entity_id
    table.close()


def test_a_lone_first_name_is_no_surname(tmp_path: Path) -> None:
    # The stemmer cuts Григорий and Григорьев alike.
    table = EntityTable(tmp_path / "entities.sqlite")
    (lone,) = table.resolve([_person("Григорий")])
    (full,) = table.resolve([_person("Аркадий Григорьев")])
    table.resolve([_person("Аркадий Григорьев")])
    assert table.resolve([_person("Григорий")])[0].entity_id == lone.entity_id != full.entity_id
    table.close()


def test_the_joined_surname_stays_short_for_a_second_person(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    table.resolve([_person("Громыхалов")])
    table.resolve([_person("Аркадий Громыхалов")])
    (first,) = table.resolve([_person("Аркадий Громыхалов")])
    (other,) = table.resolve([_person("Борис Громыхалов")])
    (lone,) = table.resolve([_person("Громыхалов")])
    assert lone.entity_id not in {first.entity_id, other.entity_id}  # two people have it now
    table.close()


def test_two_full_names_with_the_surname_take_no_lone_one(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    (lone,) = table.resolve([_person("Громыхалов")])
    for name in ("Аркадий Громыхалов", "Борис Громыхалов") * 2:
        (full,) = table.resolve([_person(name)])
        assert full.entity_id != lone.entity_id
    table.close()


def test_a_family_in_the_plural_is_not_the_person(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    (family,) = table.resolve([_person("Громыхаловых")])
    table.resolve([_person("Аркадий Громыхалов")])
    (full,) = table.resolve([_person("Аркадий Громыхалов")])
    assert full.entity_id != family.entity_id
    table.close()


def test_a_first_name_beside_a_full_name_finds_no_one_named_so_alone(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    (someone,) = table.resolve([_person("Аристарх")])  # another article's Аристарх
    (full,) = table.resolve([_person("Аристарх Громыхалов", "Аристарх")])
    assert full.entity_id != someone.entity_id
    table.close()


def test_a_first_name_stays_a_short_name_of_the_one_person(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    (full,) = table.resolve([_person("Аристарх Громыхалов", "Аристарх")])
    (lone,) = table.resolve([_person("Аристарха")])
    assert lone.entity_id == full.entity_id
    table.resolve([_person("Аристарх Звонарёв", "Аристарх")])
    (after,) = table.resolve([_person("Аристарх")])
    assert after.entity_id != full.entity_id  # two people have it now
    table.close()


def test_a_common_english_surname_waits_for_a_second_full_name(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    (lone,) = table.resolve([_person("Smith")], "en")
    table.resolve([_person("Arkady Smith")], "en")
    assert table.resolve([_person("Smith")], "en")[0].entity_id == lone.entity_id
    table.close()


def test_an_arabic_surname_is_one_person_with_its_article_or_without(tmp_path: Path) -> None:
    # News writes "аль-Хаммади" and "Хаммади" for one man, either order of articles.
    table = EntityTable(tmp_path / "entities.sqlite")
    (lone_first,) = table.resolve([_person("Хаммади")])
    (full,) = table.resolve([_person("Карим Зияд аль-Хаммади")])
    (lone_after,) = table.resolve([_person("Хаммади")])
    (with_article,) = table.resolve([_person("Аль-Хаммади")])
    assert lone_after.entity_id == with_article.entity_id == full.entity_id
    assert table.canonical_of("Хаммади", "person") == "Карим Зияд аль-Хаммади"
    assert lone_first.entity_id in {full.entity_id, *table.store.merged_into(full.entity_id)}
    table.close()


def test_a_full_name_is_one_person_with_its_article_or_without(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    (bare,) = table.resolve([_person("Фарид Хаммади")])
    (article,) = table.resolve([_person("Фарид аль-Хаммади")])
    (declined,) = table.resolve([_person("Фарида Хаммади")])
    (other,) = table.resolve([_person("Карим аль-Хаммади")])
    assert bare.entity_id == article.entity_id == declined.entity_id != other.entity_id
    table.close()


def test_a_lone_first_name_is_the_person_the_article_names_by_surname(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    table.resolve([_person("Нурия Зайнутдин")])
    # An article that names her "Нурие" and "Зайнутдин" but never in full, either order.
    first, surname = table.resolve([_person("Нурие"), _person("Зайнутдин")])
    assert first.entity_id == surname.entity_id
    surname, first = table.resolve([_person("Зайнутдин"), _person("Нурии")])
    assert first.entity_id == surname.entity_id
    table.close()


def test_a_lone_first_name_of_the_other_gender_or_of_two_people_is_no_one(
    tmp_path: Path,
) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    for name in ("Александр Громыхалов", "Александр Зайнутдин"):
        table.resolve([_person(name)])
    she, he = table.resolve([_person("Александра"), _person("Громыхалов")])
    assert she.entity_id != he.entity_id  # Александра is a woman's name
    lone, one, other = table.resolve(
        [_person("Александр"), _person("Громыхалов"), _person("Зайнутдин")]
    )
    assert lone.entity_id not in {one.entity_id, other.entity_id}  # which Александр?
    table.close()
