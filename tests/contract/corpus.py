"""The contract suite's fixture corpus: short articles we wrote, in English and Russian."""

from __future__ import annotations

from indexer.model import Article, Entity, EntityType


def _entities(body: str, names: dict[EntityType, tuple[str, ...]]) -> tuple[Entity, ...]:
    found = []
    for type_, canonicals in names.items():
        for canonical in canonicals:
            start = max(body.find(canonical), 0)
            found.append(Entity(canonical, start, start + len(canonical), type_, canonical))
    return tuple(found)


def _article(
    key: str,
    title: str,
    body: str,
    language: str,
    source: str,
    published: str | None,
    **names: tuple[str, ...],
) -> Article:
    return Article(
        id=key,
        path=f"corpus/{key}.txt",
        url=f"https://{source.lower().replace(' ', '-')}.example/{key}",
        source=source,
        title=title,
        body=body,
        boilerplate="Subscribe to our newsletter. Share this story.",
        language=language,
        language_confidence=0.99,
        published_at=published,
        published_at_source="fixture" if published else None,
        entities=_entities(body, names),  # type: ignore[arg-type]
    )


ARTICLES: tuple[Article, ...] = (
    _article(
        "en-harbour-strike",
        "Harbour strike halts container traffic",
        "Dock workers in Rotterdam stopped work on Tuesday, and container traffic through the "
        "harbour came to a standstill. Anna de Vries of the Port of Rotterdam Authority said "
        "talks would resume on Thursday.",
        "en",
        "Coastal Wire",
        "2023-01-10T08:00:00+00:00",
        person=("Anna de Vries",),
        organization=("Port of Rotterdam Authority",),
        location=("Rotterdam",),
    ),
    _article(
        "en-dock-deal",
        "Dock workers return after pay deal",
        "Ships queued outside the harbours of Rotterdam for a week before the dock workers "
        "accepted a pay deal. Cranes were moving again by Friday morning.",
        "en",
        "Coastal Wire",
        "2023-01-24T09:30:00+00:00",
        organization=("Port of Rotterdam Authority",),
        location=("Rotterdam",),
    ),
    _article(
        "en-grain-rain",
        "Grain prices climb as rain delays harvest",
        "Heavy rain across Kansas delayed the wheat harvest, and grain prices climbed for the "
        "fourth day. Maria Lopez, who farms near Wichita, said the fields were too wet to enter.",
        "en",
        "Farm Ledger",
        "2023-03-05T12:00:00+00:00",
        person=("Maria Lopez",),
        location=("Kansas", "Wichita"),
    ),
    _article(
        "en-rates-hold",
        "Central bank holds rates steady",
        "The European Central Bank kept its rates unchanged on Thursday. Christine Lagarde told "
        "reporters in Frankfurt that prices were still rising too fast.",
        "en",
        "Money Daily",
        "2023-06-15T13:45:00+00:00",
        person=("Christine Lagarde",),
        organization=("European Central Bank",),
        location=("Frankfurt",),
    ),
    _article(
        "en-bank-shares",
        "Bank shares fall after rate decision",
        "Shares of lenders fell in Frankfurt a day after the European Central Bank decision, as "
        "traders gave up hope of a cut before the winter.",
        "en",
        "Money Daily",
        "2023-06-16T07:15:00+00:00",
        organization=("European Central Bank",),
        location=("Frankfurt",),
    ),
    _article(
        "en-solar-desert",
        "Solar farm opens in the desert",
        "A solar farm with two million panels began feeding the grid in Nevada. The builders "
        "said the desert site gets sun on almost every day of the year.",
        "en",
        "Green Energy Post",
        "2024-02-01T10:00:00+00:00",
        location=("Nevada",),
    ),
    _article(
        "en-wind-island",
        "Wind turbines power an island village",
        "Three wind turbines now power every home in a village on Orkney. Islanders sell the "
        "spare power to the mainland grid on stormy nights.",
        "en",
        "Green Energy Post",
        "2024-02-20T16:20:00+00:00",
        location=("Orkney",),
    ),
    _article(
        "en-chess-club",
        "Chess club wins the county title",
        "The town chess club won the county title after a tense final game that lasted five "
        "hours. The club meets every Wednesday in the library.",
        "en",
        "Town Crier",
        None,
    ),
    _article(
        "en-merger-markup",
        "Telecom merger talks resume",
        "Executives met again over the <b>merger</b> of two telecom firms, AT&T said in a note "
        'marked "draft" <script>alert(1)</script>; a deal could close within weeks.',
        "en",
        "Money Daily",
        "2024-05-05T11:00:00+00:00",
        organization=("AT&T",),
    ),
    _article(
        "en-inflation",
        "Inflation worries grow among shoppers",
        "Shoppers told pollsters that inflationary pressure on food bills worried them more "
        "than rents. Inflation eased slightly in June, the statistics office said.",
        "en",
        "Money Daily",
        "2024-07-01T06:00:00+00:00",
    ),
    _article(
        "ru-bridge",
        "Мост через Обь открыт после ремонта",
        "В Новосибирске после двух лет ремонта открыли мост через Обь. Иван Петров из мэрии "
        "сказал, что движение по мосту будет свободным.",
        "ru",
        "Сибирские вести",
        "2023-09-01T02:00:00+00:00",
        person=("Иван Петров",),
        location=("Новосибирск",),
    ),
    _article(
        "ru-snow",
        "В Новосибирске выпал первый снег",
        "Первый снег выпал в Новосибирске в середине октября. Дворники вышли на улицы города "
        "рано утром.",
        "ru",
        "Сибирские вести",
        "2023-10-15T01:00:00+00:00",
        location=("Новосибирск",),
    ),
    _article(
        "ru-key-rate",
        "Центральный банк сохранил ключевую ставку",
        "Банк России оставил ключевую ставку без изменений. Эльвира Набиуллина сказала в Москве, "
        "что цены растут быстрее, чем ожидалось.",
        "ru",
        "Деловой вестник",
        "2023-06-16T10:00:00+00:00",
        person=("Эльвира Набиуллина",),
        organization=("Банк России",),
        location=("Москва",),
    ),
    _article(
        "ru-port",
        "Порт Владивостока нарастил перевалку",
        "Морской порт Владивосток за год перевалил больше контейнеров, чем когда-либо. Ставки на "
        "перевозку грузов при этом снизились.",
        "ru",
        "Дальний Восток",
        "2024-03-03T04:00:00+00:00",
        organization=("Морской порт Владивосток",),
        location=("Владивосток",),
    ),
    _article(
        "ru-chess",
        "Шахматный турнир прошёл в Казани",
        "В Казани завершился шахматный турнир среди школьников. Победила команда из Набережных "
        "Челнов.",
        "ru",
        "Сибирские вести",
        "2024-08-08T09:00:00+00:00",
        location=("Казань",),
    ),
    _article(
        "en-harbour-museum",
        "Museum opens in old customs house",
        "A maritime museum opened in the old customs house by the harbour, with models of the "
        "ships that once unloaded tea and spices on the quay.",
        "en",
        "Coastal Wire",
        "2024-04-12T10:00:00+00:00",
        location=("Rotterdam",),
    ),
)

BY_ID = {article.id: article for article in ARTICLES}
DATED = tuple(article for article in ARTICLES if article.published_at)
