"""A person's name in parts within one article: first name and patronymic, surname particles."""

from __future__ import annotations

from indexer.entities.aliases import resolve
from indexer.entities.mention import Mention
from indexer.entities.particles import particle_words
from indexer.entities.patronymics import addressed


def _mentions(body: str, spans: list[tuple[str, str]], language: str = "ru") -> list[Mention]:
    """Person mentions of `body` in text order: (text, normal form)."""
    found, at = [], 0
    for text, normal in spans:
        at = body.index(text, at)
        found.append(Mention(at, at + len(text), "person", normal, language))
        at += len(text)
    return found


def test_first_name_and_patronymic_are_an_address_not_a_full_name() -> None:
    assert addressed("Марина Олеговна")
    assert addressed("Пётр Ильич")
    assert not addressed("Марина Ветрова")
    assert not addressed("Марина Олеговна Ветрова")


def test_first_name_and_patronymic_is_the_article_s_person_of_that_first_name() -> None:
    body = (
        "Главврач Марина Ветрова открыла отделение. Марина Олеговна сказала, что коек хватит."
        " Марина Олеговна добавила, что Марину Ветрову ждут в министерстве."
    )
    mentions = _mentions(
        body,
        [
            ("Марина Ветрова", "Марина Ветрова"),
            ("Марина Олеговна", "Марина Олеговна"),
            ("Марина Олеговна", "Марина Олеговна"),
            ("Марину Ветрову", "Марина Ветрова"),
        ],
    )
    (cluster,) = resolve(body, mentions)
    assert cluster.canonical == "Марина Ветрова"  # addressed twice, named in full twice
    assert cluster.names == ["Марина Ветрова"]  # the address names no one elsewhere


def test_an_address_whose_first_name_two_people_have_joins_neither() -> None:
    body = "Выступили Марина Ветрова и Марина Кольцова. Марина Олеговна не согласилась."
    mentions = _mentions(
        body,
        [
            ("Марина Ветрова", "Марина Ветрова"),
            ("Марина Кольцова", "Марина Кольцова"),
            ("Марина Олеговна", "Марина Олеговна"),
        ],
    )
    assert len(resolve(body, mentions)) == 3


def test_an_address_joins_no_one_of_another_first_name() -> None:
    body = "Пришёл Александр Ветров. Александра Олеговна его не ждала."
    mentions = _mentions(
        body,
        [("Александр Ветров", "Александр Ветров"), ("Александра Олеговна", "Александра Олеговна")],
    )
    assert len(resolve(body, mentions)) == 2  # Александр and Александра: two people


def test_a_particle_opens_a_surname_not_a_first_name() -> None:
    assert particle_words("Клаус фон дер Хайде") == {"фон", "дер"}
    assert particle_words("Бен Уоллес") == frozenset()  # a first name, written with a capital
    assert particle_words("Ростов-на-Дону") == frozenset()  # Russian's own particle


def test_a_surname_with_its_particles_is_the_article_s_person() -> None:
    body = "Слово взял Клаус фон дер Хайде. По мнению фон дер Хайде, спешить не стоит."
    mentions = _mentions(
        body, [("Клаус фон дер Хайде", "Клаус фон дер Хайде"), ("фон дер Хайде", "фон дер Хайде")]
    )
    (cluster,) = resolve(body, mentions)
    assert cluster.canonical == "Клаус фон дер Хайде"
    assert cluster.short_names == {"фон дер Хайде"}  # names no one elsewhere on its own


def test_a_lone_surname_left_in_another_case_is_the_article_s_person() -> None:
    body = "Приехал Ульрих фон Гален. С фон Галеном говорили долго, а Галеви промолчал."
    mentions = _mentions(
        body,
        [
            ("Ульрих фон Гален", "Ульрих фон Гален"),
            ("фон Галеном", "фон Галеном"),  # the model left the instrumental
            ("Галеви", "Галеви"),  # another surname that starts alike
        ],
    )
    assert [c.canonical for c in resolve(body, mentions)] == ["Ульрих фон Гален", "Галеви"]
