"""Entities stage: NER per language, alias rules, noise, offsets and the cross-article table."""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.config import Settings
from indexer.context import Context
from indexer.entities.aliases import Cluster, resolve
from indexer.entities.english import EnglishNer, restore_case
from indexer.entities.generic import generic_word, without_generic
from indexer.entities.joined import join_split, split_joined
from indexer.entities.mention import FORCED_WEIGHT, Mention
from indexer.entities.noise import is_noise, name_key, trim_span
from indexer.entities.not_persons import companies_by_legal_form
from indexer.entities.qualified import (
    qualified_keys,
    qualify_adjectives,
    qualify_places,
)
from indexer.entities.russian import RussianNer
from indexer.entities.table import EntityTable
from indexer.model import Article, Entity, Segment
from indexer.stages.entities import extract_entities, extract_entities_batch
from tests.shared_data import SEED_PAGE, require
from tests.spans import mentions_at

# The seed page's article body is its first eleven lines; the rest is site furniture.
SEED_BODY_LINES = 11


@pytest.fixture(scope="module")
def english() -> EnglishNer:
    return EnglishNer(Settings().spacy_model)


@pytest.fixture(scope="module")
def russian() -> RussianNer:
    return RussianNer()


def make_context(
    data_dir: Path, english: EnglishNer, russian: RussianNer, ner: bool = True
) -> Context:
    """A context whose models are the module's, so each model loads once per module."""
    ctx = Context(Settings(data_dir=data_dir, ner=ner))
    ctx.resource("ner_english", lambda _: english)
    ctx.resource("ner_russian", lambda _: russian)
    return ctx


@pytest.fixture
def ctx(tmp_path: Path, english: EnglishNer, russian: RussianNer) -> Iterator[Context]:
    with make_context(tmp_path, english, russian) as context:
        yield context


def run(ctx: Context, body: str, language: str = "en", **fields: object) -> Article:
    article = Article(id="a", path="a.txt", body=body, language=language, **fields)  # type: ignore[arg-type]
    return extract_entities(article, ctx)


def canonical(article: Article, text: str) -> str:
    """The canonical name of the first mention written `text`."""
    for entity in article.entities:
        if entity.text == text:
            return entity.canonical
    raise AssertionError(f"{text!r} not found in {[e.text for e in article.entities]}")


def types_of(article: Article, text: str) -> set[str]:
    return {e.type for e in article.entities if e.text == text}


def assert_offsets(article: Article) -> None:
    for entity in article.entities:
        assert article.body[entity.start : entity.end] == entity.text
        assert entity.text == entity.text.strip()


# --- the seed page --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(
    english: EnglishNer, russian: RussianNer, tmp_path_factory: pytest.TempPathFactory
) -> Article:
    lines = require(SEED_PAGE).read_text(encoding="utf-8").splitlines()
    body = "\n".join(lines[:SEED_BODY_LINES])
    with make_context(tmp_path_factory.mktemp("seed"), english, russian) as context:
        return run(context, body)


@pytest.mark.parametrize(
    ("names", "type_"),
    [
        (["Abu Bakr al-Baghdadi", "Ibrahim al-Samarrai", "Baghdadi"], "person"),
        (
            ["ISIL", "ISIS", "IS", "Islamic State", "Islamic State of Iraq and the Levant"],
            "organization",
        ),
        (["Iyad al-Obaidi", "Fadel Haifa"], "person"),
    ],
)
def test_seed_alias_chains_share_one_canonical(seed: Article, names: list[str], type_: str) -> None:
    assert len({canonical(seed, name) for name in names}) == 1
    assert all(types_of(seed, name) == {type_} for name in names)


def test_seed_canonical_names(seed: Article) -> None:
    assert canonical(seed, "Baghdadi") == "Abu Bakr al-Baghdadi"
    assert canonical(seed, "ISIL") == "Islamic State of Iraq and the Levant"
    assert canonical(seed, "Fadel Haifa") == "Iyad al-Obaidi"


@pytest.mark.parametrize(
    ("name", "type_"),
    [
        ("Reuters", "organization"),
        ("Mosul", "location"),
        ("Iraq", "location"),
        ("Syria", "location"),
    ],
)
def test_seed_other_entities(seed: Article, name: str, type_: str) -> None:
    assert types_of(seed, name) == {type_}


@pytest.mark.parametrize("name", ["Twitter", "Telegram"])
def test_seed_platforms_are_never_persons(seed: Article, name: str) -> None:
    assert types_of(seed, name) and "person" not in types_of(seed, name)


def test_seed_offsets_are_exact(seed: Article) -> None:
    assert_offsets(seed)


# --- alias rules on our own texts -------------------------------------------------------------

ENGLISH_ALIASES = [
    (
        "Police arrested Viktor Antonov, also known as Grey Fox, at the port of Odessa on Monday.",
        "Grey Fox",
        "Viktor Antonov",
    ),
    (
        "The court heard that Peter Molloy, aka Paddy Quinn, ran the betting ring in Leeds.",
        "Paddy Quinn",
        "Peter Molloy",
    ),
    (
        "Prosecutors say Martin Kessler, a.k.a. Ralph Brandt, moved the money through Zurich.",
        "Ralph Brandt",
        "Martin Kessler",
    ),
    (
        "The World Health Organization (WHO) warned on Tuesday. WHO officials met in Geneva.",
        "WHO",
        "World Health Organization",
    ),
    (
        "Delegates of the EFTA (European Free Trade Association) met in Oslo on Friday.",
        "EFTA",
        "European Free Trade Association",
    ),
    (
        "Margaret Thornton won the leadership vote in Cardiff. Thornton said she would "
        "meet party members next week.",
        "Thornton",
        "Margaret Thornton",
    ),
    (
        "The International Energy Agency published its outlook in Paris. Later the IEA "
        "said demand would rise.",
        "IEA",
        "International Energy Agency",
    ),
]


@pytest.mark.parametrize(("body", "alias", "expected"), ENGLISH_ALIASES)
def test_english_alias_rules(ctx: Context, body: str, alias: str, expected: str) -> None:
    article = run(ctx, body)
    assert canonical(article, alias) == expected
    assert canonical(article, expected) == expected
    assert_offsets(article)


def test_the_verb_called_after_a_name_makes_no_alias(ctx: Context) -> None:
    # "X called Y" is a sentence; "X, also called Y" stays an alias (ENGLISH_ALIASES).
    body = (
        "Trade envoy Maria Lindqvist called Norway's offer generous on Tuesday. "
        "Lindqvist later flew to Oslo."
    )
    article = run(ctx, body)
    assert canonical(article, "Maria Lindqvist") == "Maria Lindqvist"
    assert canonical(article, "Norway") == "Norway"
    assert types_of(article, "Norway") == {"location"}


def test_a_unit_called_by_a_name_is_not_the_place_before_it(ctx: Context) -> None:
    # "a new U.S. packaging unit called X": X names the unit, not the United States.
    body = (
        "Nordholm Chemicals said on Monday it is forming a new U.S. packaging unit called "
        "Nordholm Pack, based in Ohio."
    )
    article = run(ctx, body)
    assert canonical(article, "U.S.") != canonical(article, "Nordholm Pack")


RUSSIAN_ALIASES = [
    (
        "В Самаре задержан Сергей Волков по прозвищу Бурый, сообщили в полиции.",
        "Бурый",
        "Сергей Волков",
    ),
    (
        "Андрей Лебедев, также известный как Лебедь, покинул Россию в прошлом году.",
        "Лебедь",
        "Андрей Лебедев",
    ),
    (
        "Компания «Северный терминал» (далее — Терминал) построит причал в Мурманске.",
        "Терминал",
        "Северный терминал",
    ),
    (
        # The short form names the first of the bodies run together, not the ones that
        # qualify it, nor the place that ends the last ("Республика Алтай" is no institute).
        "Опыты ведёт Институт горного земледелия Отделения аграрных наук Министерства науки"
        " Республики Алтай (далее — Агроцентр).",
        "Агроцентр",
        "Институт горного земледелия",
    ),
    (
        "Союз журналистов России (СЖР) выступил с заявлением. В СЖР считают, что закон вреден.",
        "СЖР",
        "Союз журналистов России",
    ),
]


@pytest.mark.parametrize(("body", "alias", "expected"), RUSSIAN_ALIASES)
def test_russian_alias_rules(ctx: Context, body: str, alias: str, expected: str) -> None:
    article = run(ctx, body, language="ru")
    assert canonical(article, alias) == expected
    assert_offsets(article)


def test_russian_names_are_put_in_the_nominative(ctx: Context) -> None:
    article = run(ctx, "Журналисты встретились с Алексеем Миллером в Москве.", language="ru")
    assert canonical(article, "Алексеем Миллером") == "Алексей Миллер"
    assert types_of(article, "Алексеем Миллером") == {"person"}
    assert canonical(article, "Москве") == "Москва"


def test_russian_surname_follows_full_name(ctx: Context) -> None:
    body = "Глава компании Алексей Миллер прибыл в Пекин. Миллера встретили в аэропорту."
    article = run(ctx, body, language="ru")
    assert canonical(article, "Миллера") == "Алексей Миллер"


def test_type_voting_makes_one_entity_one_type() -> None:
    body = "Kestrel rose. Kestrel fell. Kestrel won."
    mentions = [
        Mention(0, 7, "organization", "Kestrel", "en"),
        Mention(14, 21, "organization", "Kestrel", "en"),
        Mention(28, 35, "person", "Kestrel", "en"),
    ]
    (cluster,) = resolve(body, mentions)
    assert cluster.type == "organization"
    assert {m.type for m in cluster.mentions} == {"organization"}


def test_one_person_in_two_cases_is_one_called_by_the_nominative() -> None:
    body = "Приехал Олег Коваль. Журналисты ждали Олега Коваля у входа. Олега Коваля не пустили."
    mentions = mentions_at(
        body,
        [
            ("Олег Коваль", "person", "Олег Коваль"),
            ("Олега Коваля", "person", "Олег Коваля"),  # the model left the surname's case
            ("Олега Коваля", "person", "Олег Коваля"),
        ],
    )
    (cluster,) = resolve(body, mentions)
    assert cluster.canonical == "Олег Коваль"
    assert cluster.names == ["Олег Коваль"]


def test_a_man_and_a_woman_of_one_family_stay_two() -> None:
    body = "Александр Шмелёв и Александра Шмелёва выступили вместе."
    mentions = mentions_at(
        body,
        [
            ("Александр Шмелёв", "person", "Александр Шмелёв"),
            ("Александра Шмелёва", "person", "Александра Шмелёва"),
        ],
    )
    assert sorted(c.canonical for c in resolve(body, mentions)) == [
        "Александр Шмелёв",
        "Александра Шмелёва",
    ]


def test_a_lone_surname_read_in_the_other_gender_is_the_one_person() -> None:
    body = "Выступила Марина Ветрова. По словам Ветровой, сроки сорваны."
    mentions = mentions_at(
        body,
        [
            ("Марина Ветрова", "person", "Марина Ветрова"),
            ("Ветровой", "person", "Ветров"),  # a man's nominative of a woman's surname
        ],
    )
    (cluster,) = resolve(body, mentions)
    assert cluster.canonical == "Марина Ветрова"


def test_a_lone_surname_spelled_otherwise_is_the_article_s_person() -> None:
    body = "Интервью дал Гэвин Гоулдинг. Позже Голдинг уточнил, а Уилсон промолчал."
    mentions = mentions_at(
        body,
        [
            ("Гэвин Гоулдинг", "person", "Гэвин Гоулдинг"),
            ("Голдинг", "person", "Голдинг"),  # transcribed another way
            ("Уилсон", "person", "Уилсон"),  # another name
        ],
    )
    clusters = resolve(body, mentions)
    assert [c.canonical for c in clusters] == ["Гэвин Гоулдинг", "Уилсон"]


def test_a_near_surname_in_english_is_another_person() -> None:
    body = "Carl Peterson spoke. Later Petersen answered."
    mentions = [
        Mention(0, 13, "person", "Carl Peterson", "en"),
        Mention(27, 35, "person", "Petersen", "en"),
    ]
    assert len(resolve(body, mentions)) == 2  # Peterson and Petersen: two spellings, two people


def test_an_organisation_with_the_word_for_its_kind_is_the_one_without() -> None:
    body = "Как сообщает ИА Кестрел, сделка закрыта. Кестрел уточняет детали; Kestrel News тоже."
    mentions = mentions_at(
        body,
        [
            ("ИА Кестрел", "organization", "ИА Кестрел"),
            ("Кестрел", "organization", "Кестрел"),
            ("Kestrel News", "organization", "Kestrel News"),
        ],
    )
    clusters = resolve(body, mentions)
    assert [len(c.mentions) for c in clusters] == [2, 1]  # one script's own name joins


def test_two_known_names_read_as_one_are_split() -> None:
    body = "Тереза Мэй и Борис Джонсон спорили. Мэй Джонсону не уступила. Мэй ушла."
    mentions = mentions_at(
        body,
        [
            ("Тереза Мэй", "person", "Тереза Мэй"),
            ("Борис Джонсон", "person", "Борис Джонсон"),
            ("Мэй Джонсону", "person", "Мэй Джонсон"),
            ("Мэй", "person", "Мэй"),
        ],
    )
    split = split_joined(body, mentions)
    assert [(body[m.start : m.end], m.normal) for m in split[2:4]] == [
        ("Мэй", "Мэй"),
        ("Джонсону", "Джонсон"),
    ]
    clusters = resolve(body, split)
    assert sorted(c.canonical for c in clusters) == ["Борис Джонсон", "Тереза Мэй"]


def test_a_place_ending_a_known_body_name_is_that_body_too() -> None:
    body = "Глава МВД Норвегии выступил. Позже министерство внутренних дел Норвегии ответило."
    mentions = mentions_at(
        body,
        [
            ("МВД Норвегии", "organization", "МВД Норвегии"),
            ("Норвегии", "location", "Норвегия"),
        ],
    )
    added = [m for m in qualify_places(body, mentions) if m not in mentions]
    assert [(body[m.start : m.end], m.type) for m in added] == [
        ("министерство внутренних дел Норвегии", "organization")
    ]


@pytest.mark.parametrize(
    "title",
    [
        "министр внутренних дел Норвегии",  # a post: its initials spell МВД all the same
        "и министерство внутренних дел Норвегии",  # the body, but not the conjunction
        "- Министерство внутренних дел Норвегии",
    ],
)
def test_a_post_or_a_function_word_never_opens_a_bodys_name(title: str) -> None:
    body = f"МВД Норвегии промолчало. Вчера {title} приехал в Берген."
    mentions = mentions_at(
        body,
        [
            ("МВД Норвегии", "organization", "МВД Норвегии"),
            ("Норвегии", "location", "Норвегия"),
        ],
    )
    added = [body[m.start : m.end] for m in qualify_places(body, mentions) if m not in mentions]
    body_name = title.removeprefix("и ").removeprefix("- ")
    assert added == ([] if title.startswith("министр ") else [body_name])


def test_a_place_after_words_naming_no_known_body_stays_a_place() -> None:
    body = "МВД Норвегии выступило. Жители Норвегии и правительство Норвегии молчат."
    mentions = mentions_at(
        body,
        [
            ("МВД Норвегии", "organization", "МВД Норвегии"),
            ("Норвегии", "location", "Норвегия"),
            ("Норвегии", "location", "Норвегия"),
        ],
    )
    assert qualify_places(body, mentions) == mentions


def test_a_place_ending_a_body_name_the_store_knows_is_that_body() -> None:
    body = "Об этом сообщило министерство внутренних дел Норвегии."
    mentions = mentions_at(body, [("Норвегии", "location", "Норвегия")])
    store = qualified_keys("МВД", "NO")  # what the store learnt from "МВД Норвегии"
    added = qualify_places(body, mentions, lambda keys: keys & store)
    assert [body[m.start : m.end] for m in added] == [
        "министерство внутренних дел Норвегии",
        "Норвегии",
    ]
    assert qualified_keys("МВД", "NO") & qualified_keys("министерства внутренних дел", "NO")


def test_spelled_out_words_with_a_known_bodys_initials_are_no_body() -> None:
    # "дела вывоза" has the initials of the "Департамент по вывозу" another article named.
    body = "Эксперты обсудили дела вывоза Норвегии и ждут решения."
    mentions = mentions_at(body, [("Норвегии", "location", "Норвегия")])
    store = qualified_keys("Департамент по вывозу", "NO")
    assert qualify_places(body, mentions, lambda keys: keys & store) == mentions


@pytest.mark.parametrize(
    "text",
    [
        "Они боятся войны с Норвегией всерьёз.",  # "войны с": the letters of ВС
        "Он исключил признание вхождения в состав Норвегии новых земель.",  # ВВС
        "Для всех скуфов Норвегии это новость.",  # "всех" is no name's word
    ],
)
def test_a_phrase_with_the_letters_of_a_known_acronym_is_no_body(text: str) -> None:
    place = next(word for word in text.split() if word.startswith("Норвег"))
    mentions = mentions_at(text, [(place, "location", "Норвегия")])
    store = qualified_keys("ВС", "NO") | qualified_keys("ВВС", "NO")
    assert qualify_places(text, mentions, lambda keys: keys & store) == mentions


def test_a_body_after_its_places_adjective_is_that_places_body() -> None:
    body = "МВД России и МВД Украины спорят. Позиция украинского МВД прежней осталась."
    mentions = mentions_at(
        body,
        [
            ("МВД России", "organization", "МВД России"),
            ("МВД Украины", "organization", "МВД Украины"),
            ("МВД", "organization", "МВД"),
        ],
    )
    qualified = qualify_adjectives(body, mentions)
    assert [(body[m.start : m.end], m.normal) for m in qualified][2] == ("МВД", "МВД Украины")
    clusters = resolve(body, qualified)
    assert sorted(len(c.mentions) for c in clusters) == [1, 2]


def test_a_body_after_an_adjective_no_known_body_has_stays_as_named() -> None:
    body = "Контракт получила норвежская Statkraft, сообщили в МВД Норвегии."
    mentions = mentions_at(
        body,
        [
            ("Statkraft", "organization", "Statkraft"),
            ("МВД Норвегии", "organization", "МВД Норвегии"),
        ],
    )
    assert qualify_adjectives(body, mentions, lambda keys: set()) == mentions


@pytest.mark.parametrize(
    "spans",
    [
        # A first name given alone elsewhere is still the first name of this one.
        [
            ("Тереза", "person", "Тереза"),
            ("Мэй", "person", "Мэй"),
            ("Тереза Мэй", "person", "Тереза Мэй"),
        ],
        # A name holding a place is one organisation.
        [
            ("МИД", "organization", "МИД"),
            ("Германии", "location", "Германия"),
            ("МИД Германии", "organization", "МИД Германии"),
        ],
        # A generic word is no name of its own.
        [
            ("Совет", "organization", "Совет"),
            ("ЕС", "organization", "ЕС"),
            ("Совет ЕС", "organization", "Совет ЕС"),
        ],
    ],
)
def test_a_name_holding_a_known_name_stays_whole(spans: list[tuple[str, str, str]]) -> None:
    body = ". ".join(text for text, _, _ in spans)
    mentions = mentions_at(body, spans)
    assert split_joined(body, mentions) == mentions


@pytest.mark.parametrize(
    ("spans", "together"),
    [
        ([("Клаус Вебер", "person", "Клаус Вебер"),
          ("Klaus Weber", "person", "Klaus Weber")], True),
        ([("Джейн Уотсон", "person", "Джейн Уотсон"),
          ("Jane R. Watson", "person", "Jane R. Watson")], True),
        ([("Евросоюз", "organization", "Евросоюз"),
          ("Sony", "organization", "Sony")], False),
        # A foreign body's own letters after its Russian name.
        ([("Институт имени Роберта Коха", "organization", "Институт имени Роберта Коха"),
          ("RKI", "organization", "RKI")], True),
        ([("Национальная система здравоохранения", "organization",
           "Национальная система здравоохранения"),
          ("NHS", "organization", "NHS")], True),
        ([("Минздрав", "organization", "Минздрав"),  # one word: may be a comparison
          ("NHS", "organization", "NHS")], False),
        ([("Газпром нефть", "organization", "Газпром нефть"),
          ("Sony", "organization", "Sony")], False),  # a name, not letters
    ],
)  # fmt: skip
def test_a_name_in_brackets_in_the_other_script_is_the_same_one(
    spans: list[tuple[str, str, str]], together: bool
) -> None:
    body = f"{spans[0][0]} ({spans[1][0]}) сказал."
    clusters = resolve(body, mentions_at(body, spans))
    assert (len(clusters) == 1) == together


@pytest.mark.parametrize(
    ("spans", "together"),
    [
        ([("Соединенные Штаты", "location", "Соединенные Штаты"),
          ("Штатов", "location", "Штаты")], True),
        ([("Европейский союз", "organization", "Европейский союз"),
          ("Союза", "location", "Союз")], True),
        # A name of its own inside a longer one may be another thing.
        ([("Газпром нефть", "organization", "Газпром нефть"),
          ("Газпрома", "organization", "Газпром")], False),
    ],
)  # fmt: skip
def test_a_common_word_of_one_longer_name_is_that_name(
    spans: list[tuple[str, str, str]], together: bool
) -> None:
    body = f"{spans[0][0]} заявили. Представители {spans[1][0]} промолчали."
    clusters = resolve(body, mentions_at(body, spans))
    assert (len(clusters) == 1) == together
    assert clusters[0].canonical == spans[0][2]


def test_a_common_word_of_two_longer_names_names_neither() -> None:
    spans = [
        ("Европейский союз", "organization", "Европейский союз"),
        ("Таможенный союз", "organization", "Таможенный союз"),
        ("Союза", "organization", "Союз"),
    ]
    body = "Европейский союз и Таможенный союз заявили. Представители Союза промолчали."
    assert len(resolve(body, mentions_at(body, spans))) == 3


def test_a_gazetteer_type_outvotes_the_model() -> None:
    body = "Twitter said. Twitter added. Twitter went on."
    mentions = [
        Mention(0, 7, "person", "Twitter", "en"),
        Mention(14, 21, "person", "Twitter", "en"),
        Mention(28, 35, "organization", "Twitter", "en", FORCED_WEIGHT),
    ]
    assert resolve(body, mentions)[0].type == "organization"


@pytest.mark.parametrize(
    "body",
    [
        "Twitter suspended the accounts on Friday.",
        "The channel moved to Telegram after the ban.",
        "Messages on Twitter and Telegram spread the claim.",
    ],
)
def test_platforms_are_never_persons(ctx: Context, body: str) -> None:
    article = run(ctx, body)
    assert all(e.type != "person" for e in article.entities if e.text in ("Twitter", "Telegram"))


# --- noise ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["he", "It", "2017", "A", "$5 million", "45 percent", "Friday", "the group", "10:30"]
)
def test_non_names_are_noise(name: str) -> None:
    assert is_noise(name)


@pytest.mark.parametrize(
    "name", ["GMT", "EST", "MSK", "U.S. Dollars", "Canadian Dollar", "Swiss Franc"]
)
def test_time_zones_and_currencies_are_noise(name: str) -> None:
    assert is_noise(name)


def test_a_time_zone_after_a_clock_time_is_no_organisation(ctx: Context) -> None:
    article = run(ctx, "The Tallinn exchange closed at 1600 GMT, and the U.S. Dollar rose sharply.")
    assert not {"GMT", "U.S. Dollar"} & {e.text for e in article.entities}


@pytest.mark.parametrize(
    "name", ["Reuters", "US", "ISIL", "Алексей Миллер", "al-Baghdadi", "Leone", "Dollar General"]
)
def test_names_are_not_noise(name: str) -> None:
    assert not is_noise(name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Reuters's", "Reuters"),
        ("«Газпром»", "Газпром"),
        ("“Islamic State”", "Islamic State"),
        ("  Mosul, ", "Mosul"),
        ("The Kremlin", "Kremlin"),
        ("Газпрома&quot", "Газпрома"),  # an HTML reference left in plain text
        ("&quot;Нафтогаз", "Нафтогаз"),
        ("Procter&Gamble", "Procter&Gamble"),  # no reference
        ("AT&T", "AT&T"),
    ],
)
def test_spans_are_trimmed_to_the_name(text: str, expected: str) -> None:
    span = trim_span(text, 0, len(text))
    assert span is not None and text[span[0] : span[1]] == expected


def test_case_and_quote_variants_share_a_key() -> None:
    assert name_key("“Reuters”") == name_key("REUTERS") == name_key("the Reuters")
    assert name_key("al-Baghdadi") == name_key("Al Baghdadi")


def test_shouted_headlines_are_recased_without_moving_offsets() -> None:
    text = "SHEARER NAMED AS ENGLAND CAPTAIN\nAlan Shearer will lead England , the team said ."
    recased = restore_case(text)
    assert len(recased) == len(text)
    assert recased.startswith("Shearer named as England captain\n")


def test_noise_and_pronouns_never_become_entities(ctx: Context) -> None:
    article = run(ctx, "He said it was 45 percent higher on Friday, and they agreed in 2017.")
    assert article.entities == ()


def test_offsets_are_exact_with_quotes_and_possessives(ctx: Context) -> None:
    body = (
        "“Gazprom’s” chief met the «Reuters» team and Britain's envoy in Berlin.\nNext line: Paris."
    )
    article = run(ctx, body)
    assert_offsets(article)
    assert "Berlin" in {e.text for e in article.entities}


# --- languages, settings ----------------------------------------------------------------------


def test_ner_disabled_gives_no_entities(
    tmp_path: Path, english: EnglishNer, russian: RussianNer
) -> None:
    with make_context(tmp_path, english, russian, ner=False) as context:
        article = run(context, "Angela Merkel met Emmanuel Macron in Berlin.")
    assert article.entities == ()


def test_only_english_and_russian_segments_get_entities(ctx: Context) -> None:
    english_part = "Angela Merkel met Emmanuel Macron in Berlin."
    german_part = " Angela Merkel traf Emmanuel Macron in Berlin."
    body = english_part + german_part
    segments = (
        Segment(0, len(english_part), "en", 0.99),
        Segment(len(english_part), len(body), "de", 0.99),
    )
    article = run(ctx, body, segments=segments)
    assert article.entities
    assert all(e.end <= len(english_part) for e in article.entities)


@pytest.mark.parametrize("language", ["fr", "und", "uk"])
def test_other_languages_get_no_entities(ctx: Context, language: str) -> None:
    article = run(ctx, "Angela Merkel met Emmanuel Macron in Berlin.", language=language)
    assert article.entities == ()


def test_mixed_russian_and_english_segments(ctx: Context) -> None:
    russian_part = "Владимир Путин прилетел в Казань."
    english_part = " Reuters reported the visit from London."
    body = russian_part + english_part
    segments = (
        Segment(0, len(russian_part), "ru", 0.9),
        Segment(len(russian_part), len(body), "en", 0.9),
    )
    article = run(ctx, body, segments=segments)
    assert types_of(article, "Владимир Путин") == {"person"}
    assert types_of(article, "Reuters") == {"organization"}
    assert_offsets(article)


def test_batch_equals_one_by_one(ctx: Context) -> None:
    bodies = [b for b, _, _ in ENGLISH_ALIASES[:4]]
    articles = [Article(id=str(i), path="x", body=b, language="en") for i, b in enumerate(bodies)]
    assert extract_entities_batch(articles, ctx) == [extract_entities(a, ctx) for a in articles]


def test_models_and_table_survive_pickling(tmp_path: Path, english: EnglishNer) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    table.resolve([Cluster([], "person", "Ada Lovelace", ["Ada Lovelace"])])
    copy = pickle.loads(pickle.dumps(table))
    assert copy.canonical_of("Ada Lovelace", "person") == "Ada Lovelace"
    assert pickle.loads(pickle.dumps(english)).model_name == english.model_name
    table.close()
    copy.close()


# --- the cross-article entity table -----------------------------------------------------------

ARTICLE_A = (
    "Fighters of the Islamic State of Iraq and the Levant (ISIL) withdrew from the town, "
    "officials in Baghdad said."
)
ARTICLE_B = "ISIL claimed the attack on Sunday, according to a statement seen by Reuters."


def test_alias_learnt_in_one_article_resolves_in_another(
    tmp_path: Path, english: EnglishNer, russian: RussianNer
) -> None:
    with make_context(tmp_path, english, russian) as first:
        a = run(first, ARTICLE_A)
    with make_context(tmp_path, english, russian) as second:  # a new run: the table persisted
        b = run(second, ARTICLE_B)
        table = second.resource("entity_table", EntityTable.for_settings)
        full = "Islamic State of Iraq and the Levant"
        assert canonical(a, "ISIL") == full
        ids = {e.entity_id for e in (*a.entities, *b.entities) if e.text == "ISIL"}
        assert len(ids) == 1 and "" not in ids
        # The entity answers to every name stored before, in either form.
        assert table.canonical_of(full, "organization") == table.canonical_of(
            "ISIL", "organization"
        )
        assert {"ISIL", full} <= set(table.aliases_of(full, "organization"))


def test_table_upgrades_an_acronym_to_the_spelled_out_name(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    (acronym,) = table.resolve([Cluster([], "organization", "IEA", ["IEA"])])
    spelled = Cluster(
        [], "organization", "International Energy Agency", ["International Energy Agency", "IEA"]
    )
    (full,) = table.resolve([spelled])
    assert full.entity_id == acronym.entity_id
    assert "IEA" in table.aliases_of("International Energy Agency", "organization")
    # Shown spelled out once that spelling is no one-off (two articles).
    assert table.canonical_of("IEA", "organization") == "IEA"
    table.resolve([spelled])
    assert table.canonical_of("IEA", "organization") == "International Energy Agency"
    table.close()


def test_table_joins_a_syllabic_short_form_to_its_full_name(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    (full,) = table.resolve(
        [Cluster([], "organization", "Министерство финансов", ["Министерство финансов"])]
    )
    (short,) = table.resolve([Cluster([], "organization", "Минфин", ["Минфин"])])
    assert short.entity_id == full.entity_id
    table.close()


def test_every_repeat_of_a_common_words_short_form_stays_short(tmp_path: Path) -> None:
    body = "Совет Министров Крыма собрался. Совет обсудил бюджет. Совет отложил голосование."
    mentions = mentions_at(
        body,
        [
            ("Совет Министров Крыма", "organization", "Совет Министров Крыма"),
            ("Совет", "organization", "Совет"),
            ("Совет", "organization", "Совет"),
        ],
    )
    (cluster,) = resolve(body, mentions)
    assert cluster.names == ["Совет Министров Крыма"] and cluster.short_names == {"Совет"}
    # So the store never joins it to another article's bare "Совет".
    table = EntityTable(tmp_path / "entities.sqlite")
    (bare,) = table.resolve([Cluster([], "organization", "Совет", ["Совет"])])
    (crimea,) = table.resolve([cluster])
    assert crimea.entity_id != bare.entity_id
    table.close()


def test_a_bare_head_never_chains_bodies_of_two_places(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    (bare,) = table.resolve([Cluster([], "organization", "Минздрав", ["Минздрав"])])
    (chile,) = table.resolve(
        [Cluster([], "organization", "Минздрав Чили", ["Минздрав Чили", "Минздрав"])]
    )
    (peru,) = table.resolve(
        [Cluster([], "organization", "Минздрав Перу", ["Минздрав Перу", "Минздрав"])]
    )
    (again,) = table.resolve([Cluster([], "organization", "Минздрав Чили", ["Минздрав Чили"])])
    assert chile.entity_id == bare.entity_id == again.entity_id  # the bare head joins one body
    assert peru.entity_id != chile.entity_id
    assert "Минздрав Перу" not in table.aliases_of("Минздрав Чили", "organization")
    table.close()


def _body(table: EntityTable, name: str) -> str:
    (resolved,) = table.resolve([Cluster([], "organization", name, [name])])
    return resolved.entity_id


def test_a_body_named_by_its_head_noun_is_the_one_body_of_its_place_so_headed(
    tmp_path: Path,
) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    district = _body(table, "Районный суд Роттердама")
    assert _body(table, "Роттердамский суд") == district
    assert _body(table, "Роттердамская полиция") != district  # another head noun
    table.close()


def test_a_head_noun_of_two_bodies_of_a_place_names_neither(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    district = _body(table, "Районный суд Роттердама")
    appeal = _body(table, "Апелляционный суд Роттердама")
    assert appeal != district  # two heads with their own adjectives are two courts
    assert _body(table, "Роттердамский суд") not in (district, appeal)
    table.close()


@pytest.mark.parametrize(
    ("later", "same"),
    [
        ("Найджел Фарадж", False),  # another first name: "Nigel" is not "Найджел" here
        ("Уолтер Фарадж", True),  # a surname heard otherwise in Russian, the same person
        ("Уолтер Фарис", False),  # another surname of the same start
    ],
)
def test_table_joins_a_person_spelled_near_in_the_other_script(
    tmp_path: Path, later: str, same: bool
) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    (first,) = table.resolve([Cluster([], "person", "Walter Farage", ["Walter Farage"])])
    (second,) = table.resolve([Cluster([], "person", later, [later])])
    assert (second.entity_id == first.entity_id) is same
    table.close()


def test_table_keeps_a_settled_entity_id(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    first = Cluster(
        [], "person", "Abu Bakr al-Baghdadi", ["Abu Bakr al-Baghdadi", "Ibrahim al-Samarrai"]
    )
    later = Cluster([], "person", "Ibrahim al-Samarrai", ["Ibrahim al-Samarrai"])
    (settled,) = table.resolve([first])
    assert settled.display == "Abu Bakr al-Baghdadi"
    assert table.resolve([later])[0].entity_id == settled.entity_id
    table.close()


def test_a_surname_resolves_only_when_one_entity_has_it(tmp_path: Path) -> None:
    table = EntityTable(tmp_path / "entities.sqlite")
    table.resolve(
        [Cluster([], "person", "Abu Bakr al-Baghdadi", ["Abu Bakr al-Baghdadi"], {"Baghdadi"})]
    )
    assert table.canonical_of("Baghdadi", "person") == "Abu Bakr al-Baghdadi"
    table.resolve([Cluster([], "person", "Omar al-Baghdadi", ["Omar al-Baghdadi"], {"Baghdadi"})])
    assert table.canonical_of("Baghdadi", "person") is None
    table.close()


def _resolve_many(path: str, worker: int) -> list[str]:
    table = EntityTable(Path(path))
    names = []
    for i in range(40):
        cluster = Cluster(
            [], "organization", "Northern Grain Board", ["Northern Grain Board", "NGB"]
        )
        person = f"Worker {worker} Person {i}"
        resolved = table.resolve([cluster, Cluster([], "person", person, [person])])
        names += [r.entity_id for r in resolved]
    table.close()
    return names


def test_concurrent_writers_agree_on_one_entity(tmp_path: Path) -> None:
    path = str(tmp_path / "entities.sqlite")
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        results = pool.starmap(_resolve_many, [(path, 1), (path, 2)])
    assert {name for names in results for name in names[::2]} == {"northern-grain-board"}
    table = EntityTable(Path(path))
    assert table.aliases_of("NGB", "organization") == ["NGB", "Northern Grain Board"]
    table.close()


def _open_and_resolve(path: str) -> str:
    table = EntityTable(Path(path))
    canonical = table.resolve([Cluster([], "person", "John Smith", ["John Smith"])])[0].display
    table.close()
    return canonical


def test_a_new_table_opened_by_many_processes_at_once(tmp_path: Path) -> None:
    # Switching a new file to WAL is where simultaneous first opens used to collide.
    paths = [str(tmp_path / f"round{i}" / "entities.sqlite") for i in range(15)]
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        for path in paths:
            assert pool.map(_open_and_resolve, [path] * 4) == ["John Smith"] * 4


def test_entities_are_sorted_entities(ctx: Context) -> None:
    article = run(ctx, ARTICLE_A)
    assert all(isinstance(e, Entity) for e in article.entities)
    assert [e.start for e in article.entities] == sorted(e.start for e in article.entities)


def _mentions(body: str, names: list[tuple[str, str]]) -> list[Mention]:
    found, at = [], 0
    for text, type_ in names:
        at = body.index(text, at)
        found.append(Mention(at, at + len(text), type_, text, "ru"))  # type: ignore[arg-type]
        at += len(text)
    return found


def test_a_subsidiary_under_its_parents_name_is_the_parent_in_either_script() -> None:
    body = (
        "Kestrel и «Кестрел Финанс Б.В.» подписали; Кестрел Нефть тоже. Кестрел Финанс Б.В. — всё."
    )
    names = [
        ("Kestrel", "organization"),
        ("Кестрел Финанс Б.В.", "organization"),
        ("Кестрел Нефть", "organization"),  # no legal form: perhaps another company
        ("Кестрел Финанс Б.В.", "organization"),
    ]
    clusters = resolve(body, _mentions(body, names))
    parent = next(c for c in clusters if c.canonical == "Kestrel")
    assert len(parent.mentions) == 3 and parent.short_names == {"Кестрел Финанс Б.В."}
    assert any(c.canonical == "Кестрел Нефть" for c in clusters)


def test_a_generic_head_joins_the_one_name_holding_it() -> None:
    body = "Окружной суд Амстердама решил. Окружной суд отклонил. Восточный комитет промолчал."
    names = [
        ("Окружной суд Амстердама", "organization"),
        ("Окружной суд", "organization"),
        ("Восточный комитет", "organization"),
    ]
    clusters = resolve(body, _mentions(body, names))
    court = next(c for c in clusters if c.canonical == "Окружной суд Амстердама")
    assert len(court.mentions) == 2 and court.short_names == {"Окружной суд"}
    assert len(clusters) == 2


def test_a_head_two_names_hold_stays_apart() -> None:
    body = "Восточный комитет торговли и Восточный комитет экономики. Восточный комитет отклонил."
    names = [
        ("Восточный комитет торговли", "organization"),
        ("Восточный комитет экономики", "organization"),
        ("Восточный комитет", "organization"),
    ]
    assert len(resolve(body, _mentions(body, names))) == 3


def test_two_mentions_side_by_side_that_the_article_names_whole_are_that_name() -> None:
    body = "Акции Ред Ривер Трейдинг заморожены. Ред Ривер Трейдинг обжалует. Совету ЕС сообщили."
    mentions = mentions_at(
        body,
        [
            ("Ред Ривер Трейдинг", "organization", "Ред Ривер Трейдинг"),
            ("Ред Ривер", "person", "Ред Ривер"),  # the model's two halves
            ("Трейдинг", "person", "Трейдинг"),
            ("Совету", "organization", "Совет"),
            ("ЕС", "organization", "ЕС"),  # nowhere named "Совет ЕС": stays two
        ],
    )
    joined = join_split(body, mentions)
    assert [(body[m.start : m.end], m.type, m.normal) for m in joined] == [
        ("Ред Ривер Трейдинг", "organization", "Ред Ривер Трейдинг"),
        ("Ред Ривер Трейдинг", "organization", "Ред Ривер Трейдинг"),
        ("Совету", "organization", "Совет"),
        ("ЕС", "organization", "ЕС"),
    ]


def test_a_place_after_a_body_stays_a_place_of_its_own() -> None:
    body = "Глава Минэнерго Эстонии выступил. Минэнерго Эстонии ответило."
    mentions = mentions_at(
        body,
        [
            ("Минэнерго Эстонии", "organization", "Минэнерго Эстонии"),
            ("Минэнерго", "organization", "Минэнерго"),
            ("Эстонии", "location", "Эстония"),
        ],
    )
    assert join_split(body, mentions) == mentions


def test_a_place_that_only_sounds_like_another_known_place_is_its_own(tmp_path: Path) -> None:
    # Цюрих and the Japanese port Куре share a sound key; the gazetteer knows both apart.
    table = EntityTable(tmp_path / "entities.sqlite")
    (kure,) = table.resolve([Cluster([], "location", "Куре", ["Куре"])])
    (zurich,) = table.resolve([Cluster([], "location", "Цюрих", ["Цюрих"])])
    assert zurich.entity_id != kure.entity_id
    # Spelled alike under another code, a place is still one: the federal subject and the city.
    (city,) = table.resolve([Cluster([], "location", "Петербург", ["Петербург"])])
    (subject,) = table.resolve([Cluster([], "location", "Санкт-Петербург", ["Санкт-Петербург"])])
    assert subject.entity_id == city.entity_id
    table.close()


def test_a_body_named_only_by_a_common_word_is_no_entity(ctx: Context) -> None:
    article = run(
        ctx,
        "The Bank said on Tuesday that lending had slowed, and the Government promised a review. "
        "Meanwhile the Bank of Portugal kept its rates, and Shell cut its dividend.",
    )
    organisations = {e.text for e in article.entities if e.type == "organization"}
    assert not {"Bank", "Government"} & organisations
    assert "Bank of Portugal" in organisations


def test_a_common_word_is_generic_unless_written_in_capitals() -> None:
    assert generic_word("Bank") and generic_word("Government")
    assert not generic_word("Treasury") and not generic_word("Shell") and not generic_word("BANK")


# --- persons the Russian dictionary knows as words ------------------------------------------


def _lone_person(name: str, *more: str) -> Cluster:
    mention = Mention(0, len(name), "person", name, "ru")
    return Cluster([mention], "person", name, [name, *more])


def test_a_lone_person_the_dictionary_knows_only_as_a_word_is_dropped() -> None:
    assert without_generic([_lone_person("Математика")]) == []


@pytest.mark.parametrize(
    "names",
    [["Ростов"], ["Мороз"], ["Соболь"], ["Кузнецов"], ["София"], ["Карьера", "Ольга Карьера"]],
)
def test_surnames_and_full_names_stay_persons(names: list[str]) -> None:
    (cluster,) = without_generic([_lone_person(*names)])
    assert cluster.type == "person"


@pytest.mark.parametrize("names", [["Lowry Fen", "Lowry Fen Inc"], ["Bramwell Hollis Pty Ltd"]])
def test_a_person_named_with_a_legal_form_is_a_company(names: list[str]) -> None:
    person = Cluster([], "person", names[0], names)
    (cluster,) = companies_by_legal_form([person])
    assert cluster.type == "organization"


@pytest.mark.parametrize("name", ["Жанна А.", "Marta Olsen", "Pieter de", "John Hale Jr"])
def test_initials_and_particles_are_no_legal_forms(name: str) -> None:
    (cluster,) = companies_by_legal_form([Cluster([], "person", name, [name])])
    assert cluster.type == "person"


def test_a_firm_the_model_reads_as_a_person_is_a_company_by_its_legal_form(ctx: Context) -> None:
    body = "Harold Grimsby Co said it cut its dividend. Harold Grimsby shares fell."
    article = run(ctx, body)
    assert types_of(article, "Harold Grimsby Co") == {"organization"}


def test_a_wire_s_angle_brackets_are_no_part_of_a_company_s_name(ctx: Context) -> None:
    body = "Pembury Holdings said it agreed to buy <Hargreave Tiles Ltd> for 12 mln dlrs."
    article = run(ctx, body)
    assert "Hargreave Tiles Ltd" in {e.text for e in article.entities}
    assert not any("<" in e.text or ">" in e.text for e in article.entities)
    assert_offsets(article)


def test_initials_that_open_a_company_s_name_make_no_person(ctx: Context) -> None:
    body = (
        "Sole underwriter J.T. Weatherby Group Inc said an offering of shares started. "
        "R. Halloran said so."
    )
    article = run(ctx, body)
    assert types_of(article, "J.T. Weatherby Group Inc") == {"organization"}
    assert types_of(article, "R. Halloran") == {"person"}


def test_a_plural_noun_before_a_place_is_no_body_of_that_name() -> None:
    body = "Вклады в банках Норвегии застрахованы."  # banks, not the central bank
    mentions = mentions_at(body, [("Норвегии", "location", "Норвегия")])
    store = qualified_keys("Банк", "NO")
    assert qualify_places(body, mentions, lambda keys: keys & store) == mentions
