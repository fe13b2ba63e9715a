"""A small corpus of our own for the web app tests, indexed straight through the backend.

Entities are listed by their surface forms; offsets are found in the body here, so
the records look exactly like what the pipeline stores, without running NER.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from indexer.config import Settings
from indexer.ids import stable_id
from indexer.model import Article, DateMention, Entity, Segment
from indexer.search import open_backend

HOSTILE_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"

# (source, language, published_at, title, body, boilerplate, entities: (surface, type, canonical))
_SPECS: list[tuple[str, str, str, str, str, str, list[tuple[str, str, str]]]] = [
    ("harbour-gazette.example", "en", "2021-03-04T09:00:00+00:00",
     "Harbour Council approves new ferry timetable",
     "The Harbour Council voted on Tuesday to add two evening ferries between Lindenport and "
     "Eastvale.\nCouncillor Marta Keller said the change answers years of complaints from "
     "commuters.\nThe first evening boat leaves Lindenport at 19:40 from next month.",
     "Subscribe now\nAll news\nWeather in Lindenport",
     [("Harbour Council", "organization", "Harbour Council"),
      ("Lindenport", "location", "Lindenport"), ("Eastvale", "location", "Eastvale"),
      ("Marta Keller", "person", "Marta Keller")]),
    ("harbour-gazette.example", "en", "2021-07-19T14:30:00+00:00",
     "Ferry fares frozen for another year",
     "Ticket prices on the Lindenport ferry will stay at last year's level, Marta Keller "
     "announced.\nKeller told reporters that fuel costs had eased over the summer.",
     "", [("Lindenport", "location", "Lindenport"), ("Marta Keller", "person", "Marta Keller"),
          ("Keller", "person", "Marta Keller")]),
    ("northern-wire.example", "en", "2021-11-02T08:15:00+00:00",
     "Northern Rail orders forty electric trains",
     "Northern Rail has signed a contract for forty battery trains to run on the Eastvale "
     "line.\nChief executive Jonas Berg called it the largest order in the company's history.",
     "Related stories\nMost read",
     [("Northern Rail", "organization", "Northern Rail"), ("Eastvale", "location", "Eastvale"),
      ("Jonas Berg", "person", "Jonas Berg")]),
    ("northern-wire.example", "en", "2022-02-14T10:00:00+00:00",
     "Storm closes Eastvale harbour",
     "Gale-force winds shut the harbour at Eastvale for two days.\nThe Harbour Council "
     "cancelled every ferry and Northern Rail added extra carriages to its trains.",
     "", [("Eastvale", "location", "Eastvale"),
          ("Harbour Council", "organization", "Harbour Council"),
          ("Northern Rail", "organization", "Northern Rail")]),
    ("northern-wire.example", "en", "2022-05-30T16:45:00+00:00",
     "Battery trains pass their first winter test",
     "Engineers from Northern Rail said the new trains kept their range in the cold.\n"
     "Jonas Berg said passengers would ride them before the end of the year.",
     "", [("Northern Rail", "organization", "Northern Rail"),
          ("Jonas Berg", "person", "Jonas Berg")]),
    ("harbour-gazette.example", "en", "2022-09-09T07:20:00+00:00",
     "Lindenport elects a new mayor",
     "Voters in Lindenport chose Marta Keller as mayor on Sunday, ending twelve years of "
     "rule by the Coastal Party.\nKeller promised cheaper ferries and a new library.",
     "Cookie settings",
     [("Lindenport", "location", "Lindenport"), ("Marta Keller", "person", "Marta Keller"),
      ("Coastal Party", "organization", "Coastal Party"), ("Keller", "person", "Marta Keller")]),
    ("harbour-gazette.example", "en", "2023-01-17T12:00:00+00:00",
     "Mayor Keller opens the harbour library",
     "The library on the quay opened its doors on 16 January with six thousand books.\n"
     "Mayor Marta Keller thanked the Baltic Energy Agency for paying for the heating.",
     "", [("Marta Keller", "person", "Marta Keller"),
          ("Baltic Energy Agency", "organization", "Baltic Energy Agency")]),
    ("northern-wire.example", "en", "2023-04-03T09:30:00+00:00",
     "Energy agency warns of a dry summer",
     "The Baltic Energy Agency expects low rivers to cut hydro power this summer.\n"
     "Its director, Ilya Sorokin, asked factories in Eastvale to plan for shorter shifts.",
     "", [("Baltic Energy Agency", "organization", "Baltic Energy Agency"),
          ("Ilya Sorokin", "person", "Ilya Sorokin"), ("Eastvale", "location", "Eastvale")]),
    ("northern-wire.example", "en", "2023-08-21T18:00:00+00:00",
     "Heatwave tests the power grid",
     "Record heat pushed demand to a new peak across the region.\nIlya Sorokin said the grid "
     "held, but warned that Lindenport needs a second cable.",
     "", [("Ilya Sorokin", "person", "Ilya Sorokin"), ("Lindenport", "location", "Lindenport")]),
    ("harbour-gazette.example", "en", "2023-11-11T11:11:00+00:00",
     "Ferry workers vote to strike",
     "Crews on the Lindenport to Eastvale ferry voted to strike over pay.\nThe Harbour "
     "Council said talks would continue next week.",
     "", [("Lindenport", "location", "Lindenport"), ("Eastvale", "location", "Eastvale"),
          ("Harbour Council", "organization", "Harbour Council")]),
    ("harbour-gazette.example", "en", "2024-01-08T08:00:00+00:00",
     "Strike ends with a new pay deal",
     "Ferry crews accepted a pay rise of six percent.\nMayor Marta Keller said the boats "
     "would run normally from Monday.",
     "", [("Marta Keller", "person", "Marta Keller")]),
    ("northern-wire.example", "en", "2024-03-15T13:00:00+00:00",
     "Electric trains enter service on the Eastvale line",
     "The first battery trains carried passengers between Eastvale and Lindenport.\n"
     "Jonas Berg rode the first train and called it a quiet revolution.",
     "", [("Eastvale", "location", "Eastvale"), ("Lindenport", "location", "Lindenport"),
          ("Jonas Berg", "person", "Jonas Berg")]),
    ("northern-wire.example", "en", "2024-06-01T06:00:00+00:00",
     "Trains and ferries to share one ticket",
     "Northern Rail and the Harbour Council agreed on a joint ticket for trains and "
     "ferries.\nThe ticket goes on sale in the autumn.",
     "", [("Northern Rail", "organization", "Northern Rail"),
          ("Harbour Council", "organization", "Harbour Council")]),
    ("vesti-severa.example", "ru", "2021-05-12T10:00:00+03:00",
     "В Североград пришёл первый паром",
     "Первый паром из Линденпорта прибыл в Североград в среду утром.\nГлава порта Анна "
     "Петрова назвала это началом нового маршрута.",
     "Все новости\nВойти",
     [("Североград", "location", "Североград"), ("Линденпорта", "location", "Lindenport"),
      ("Анна Петрова", "person", "Анна Петрова")]),
    ("vesti-severa.example", "ru", "2022-03-22T12:00:00+03:00",
     "Анна Петрова возглавила портовое управление",
     "Анна Петрова назначена руководителем портового управления Северограда.\nОна "
     "пообещала обновить причалы за два года.",
     "", [("Анна Петрова", "person", "Анна Петрова"), ("Северограда", "location", "Североград")]),
    ("vesti-severa.example", "ru", "2023-06-06T09:00:00+03:00",
     "Илья Сорокин рассказал о летних отключениях",
     "Директор энергетического агентства Илья Сорокин предупредил о возможных отключениях "
     "в Северограде.\nThe agency also published its report in English.",
     "", [("Илья Сорокин", "person", "Ilya Sorokin"), ("Северограде", "location", "Североград")]),
    ("vesti-severa.example", "ru", "2024-02-19T15:00:00+03:00",
     "Паромы между Северградом и Линденпортом станут ежедневными",
     "С весны паромы будут ходить каждый день.\nАнна Петрова и Марта Келлер подписали "
     "соглашение в Линденпорте.",
     "", [("Анна Петрова", "person", "Анна Петрова"), ("Марта Келлер", "person", "Marta Keller"),
          ("Линденпорте", "location", "Lindenport")]),
    ("rheinblatt.example", "de", "2022-10-10T10:00:00+02:00",
     "Neue Fähre nach Lindenport",
     "Eine neue Fährverbindung verbindet ab Oktober Eastvale mit Lindenport.\nDie Harbour "
     "Council rechnet mit vielen Touristen.",
     "", [("Lindenport", "location", "Lindenport"), ("Eastvale", "location", "Eastvale")]),
    ("harbour-gazette.example", "en", "2022-12-24T20:00:00+00:00",
     "Christmas lights on the quay",
     "Thousands gathered on the Lindenport quay to watch the lights switched on.\nA choir "
     "from Eastvale sang carols until midnight.",
     "", [("Lindenport", "location", "Lindenport"), ("Eastvale", "location", "Eastvale")]),
    ("harbour-gazette.example", "en", "2024-08-30T17:00:00+00:00",
     "Summer ferry numbers break a record",
     "More than a million passengers used the ferries this summer, the Harbour Council said.",
     "", [("Harbour Council", "organization", "Harbour Council")]),
    ("", "en", "",
     "Undated note about lighthouses",
     "The old lighthouse at Eastvale will be painted red and white again.",
     "", [("Eastvale", "location", "Eastvale")]),
]  # fmt: skip


def _entities(body: str, listed: list[tuple[str, str, str]]) -> tuple[Entity, ...]:
    found = []
    for surface, type_, canonical in listed:
        start = body.find(surface)
        while start >= 0:
            end = start + len(surface)
            before = body[start - 1] if start else " "
            after = body[end] if end < len(body) else " "
            if not before.isalnum() and not after.isalnum():
                found.append(Entity(surface, start, end, type_, canonical))  # type: ignore[arg-type]
            start = body.find(surface, end)
    found.sort(key=lambda entity: (entity.start, -entity.end))
    kept: list[Entity] = []
    for entity in found:  # "Keller" inside "Marta Keller" is one mention, not two
        if not kept or entity.start >= kept[-1].end:
            kept.append(entity)
    return tuple(kept)


def _segments(body: str, language: str) -> tuple[Segment, ...]:
    """The Russian article with an English closing line carries two segments."""
    english = body.find("The agency also")
    if language != "ru" or english < 0:
        return (Segment(0, len(body), language, 0.99),)
    return (Segment(0, english, "ru", 0.98), Segment(english, len(body), "en", 0.95))


def corpus() -> list[Article]:
    """The regular test articles."""
    articles = []
    for number, (source, language, published, title, body, boilerplate, listed) in enumerate(
        _SPECS
    ):
        url = f"https://{source}/story/{number}" if source else None
        dates = ()
        if "16 January" in body:
            start = body.index("16 January")
            dates = (DateMention("16 January", start, start + 10, "2023-01-16"),)
        articles.append(
            Article(
                id=stable_id("webapp-test", str(number)),
                path=f"tests/webapp/corpus#{number}",
                url=url,
                source=source or None,
                title=title,
                body=body,
                boilerplate=boilerplate,
                language=language,
                language_confidence=0.99,
                segments=_segments(body, language),
                published_at=published or None,
                published_at_source="html:meta" if published else None,
                dates_mentioned=dates,
                entities=_entities(body, listed),
            )
        )
    return articles


def _hostile_article(record: dict[str, Any]) -> Article:
    body = record["body"]
    listed = [(e["text"], e["type"], e["canonical"]) for e in record.get("entities", [])]
    segments = tuple(Segment(**segment) for segment in record.get("segments", []))
    return replace(
        Article(id=record["id"], path=f"tests/fixtures/hostile#{record['id']}"),
        url=record.get("url"),
        source=record.get("source"),
        title=record.get("title"),
        body=body,
        boilerplate=record.get("boilerplate", ""),
        language=record.get("language", "en"),
        segments=segments or (Segment(0, len(body), record.get("language", "en"), 0.9),),
        published_at=record.get("published_at"),
        published_at_source=record.get("published_at_source"),
        entities=_entities(body, listed),
    )


def hostile() -> list[Article]:
    """Articles whose every field tries to inject markup or script."""
    lines = (HOSTILE_DIR / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [_hostile_article(json.loads(line)) for line in lines if line.strip()]


def build_index(settings: Settings, articles: list[Article]) -> None:
    """Index `articles` into the embedded index `settings` points at."""
    backend = open_backend(settings)
    try:
        backend.create_index()
        report = backend.index(articles)
        assert report.indexed == len(articles), report.failures
    finally:
        backend.close()
