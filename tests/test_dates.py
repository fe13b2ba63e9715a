"""Dates stage: publication date from ranked evidence, rejections, and dates mentioned."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date

import pytest

from indexer.config import Settings
from indexer.context import Context
from indexer.dates.dateline import dateline_date
from indexer.dates.html_evidence import html_date_candidates
from indexer.dates.mentions import find_date_mentions
from indexer.dates.parse import parse_datetime, to_iso
from indexer.dates.url_dates import date_from_url
from indexer.model import Article
from indexer.stages.dates import extract_dates
from tests.shared_data import SEED_PAGE, require

# Every article here is ingested at this fixed moment, so "the future" is deterministic.
INGESTED_AT = "2024-06-01T12:00:00+00:00"

META = '<meta property="article:published_time" content="2017-03-09T10:15:00+03:00">'
JSON_LD = (
    '<script type="application/ld+json">'
    '{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle",'
    ' "datePublished": "2017-03-08T09:00:00Z"}]}</script>'
)
TIME = '<time datetime="2017-03-07">7 March</time>'
URL = "https://news.example.org/world/2017/03/06/mosul-story/"
DATELINE_BODY = "MOSUL, March 5, 2017 (Reuters) - Iraqi forces pressed on.\nThe fight went on."


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context(Settings())


def _article(
    html: str | None = None,
    body: str = "Nothing dated here.",
    url: str | None = None,
    published_at: str | None = None,
    **metadata: object,
) -> Article:
    return Article(
        id="a1",
        path="inputs/a1.html",
        url=url,
        html=html,
        body=body,
        published_at=published_at,
        published_at_source="input" if published_at else None,
        metadata={"ingested_at": INGESTED_AT, **metadata},
    )


def _page(*head: str) -> str:
    return f"<html><head>{''.join(head)}</head><body><p>Text.</p></body></html>"


# Each step removes the best remaining evidence; the next one must take over.
@pytest.mark.parametrize(
    ("html", "url", "published_at", "body", "expected", "source"),
    [
        (_page(META, JSON_LD, TIME), URL, "2017-03-01", DATELINE_BODY,
         "2017-03-09T10:15:00+03:00", "html:meta"),
        (_page(JSON_LD, TIME), URL, "2017-03-01", DATELINE_BODY,
         "2017-03-08T09:00:00+00:00", "json-ld"),
        (_page(TIME), URL, "2017-03-01", DATELINE_BODY, "2017-03-07T00:00:00+00:00", "html:time"),
        (_page(), URL, "2017-03-01", DATELINE_BODY, "2017-03-01T00:00:00+00:00", "input"),
        (_page(), URL, None, DATELINE_BODY, "2017-03-06T00:00:00+00:00", "url"),
        (_page(), None, None, DATELINE_BODY, "2017-03-05T00:00:00+00:00", "dateline"),
        (_page(), None, None, "Nothing dated here.", None, None),
    ],
)  # fmt: skip
def test_evidence_priority(ctx, html, url, published_at, body, expected, source):
    article = extract_dates(_article(html, body, url, published_at), ctx)
    assert article.published_at == expected
    assert article.published_at_source == source


def test_candidates_recorded_by_cleaning_are_used_in_label_order(ctx):
    recorded = [
        ["html:time", "2017-03-07"],
        ["json-ld", "2017-03-08"],
        ["some-other-label", "2017-03-01"],
        ["html:meta", "2017-03-09T08:00:00Z"],
    ]
    article = extract_dates(_article(html=None, date_candidates=recorded), ctx)
    assert (article.published_at, article.published_at_source) == (
        "2017-03-09T08:00:00+00:00",
        "html:meta",
    )


def test_recorded_candidates_replace_the_html_scan(ctx):
    # The cleaning stage looked at the page and found nothing usable: trust it, skip the scan.
    article = extract_dates(_article(_page(META), date_candidates=[], url=URL), ctx)
    assert article.published_at_source == "url"


@pytest.mark.parametrize(
    ("bad_meta", "reason"),
    [
        ("2999-01-01T00:00:00Z", "future"),
        ("1799-12-31", "before 1800"),
        ("0001-01-01T00:00:00Z", "placeholder year"),
        ("not a date at all", "malformed"),
        ("2017-02-30", "no such day"),
    ],
)
def test_rejected_candidate_falls_through_to_next_evidence(ctx, bad_meta, reason):
    meta = f'<meta property="article:published_time" content="{bad_meta}">'
    article = extract_dates(_article(_page(meta, TIME)), ctx)
    assert article.published_at_source == "html:time", reason
    assert article.published_at == "2017-03-07T00:00:00+00:00"


def test_future_is_judged_against_ingestion_time_with_one_day_of_skew(ctx):
    tomorrow = '<meta property="article:published_time" content="2024-06-02T08:00:00+00:00">'
    in_three_days = '<meta property="article:published_time" content="2024-06-04T08:00:00+00:00">'
    assert extract_dates(_article(_page(tomorrow)), ctx).published_at_source == "html:meta"
    assert extract_dates(_article(_page(in_three_days)), ctx).published_at is None


def test_real_clock_rejects_far_future_without_fixed_ingestion_time(ctx):
    article = replace(_article(_page('<meta name="pubdate" content="2999-05-05">')), metadata={})
    assert extract_dates(article, ctx).published_at is None


def test_everything_rejected_gives_no_date(ctx):
    meta = '<meta property="article:published_time" content="2999-01-01">'
    article = extract_dates(_article(_page(meta), published_at="garbage"), ctx)
    assert (article.published_at, article.published_at_source) == (None, None)


def test_mtime_is_used_only_when_asked(ctx):
    assert extract_dates(_article(), ctx).published_at is None
    asked = extract_dates(_article(mtime_fallback="2020-05-06T07:08:09+00:00"), ctx)
    assert (asked.published_at, asked.published_at_source) == (
        "2020-05-06T07:08:09+00:00",
        "mtime",
    )


def test_mtime_is_the_last_resort(ctx):
    article = extract_dates(_article(url=URL, mtime_fallback="2020-05-06T07:08:09+00:00"), ctx)
    assert article.published_at_source == "url"


def test_mtime_true_reads_the_file(ctx, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("text", encoding="utf-8")
    os.utime(page, (1_500_000_000, 1_500_000_000))
    article = replace(_article(mtime_fallback=True), path=f"{page}#3")
    assert extract_dates(article, ctx).published_at == "2017-07-14T02:40:00+00:00"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.org/2017/03/09/story", "2017-03-09"),
        ("https://x.org/news/2017-03-09-story.html", "2017-03-09"),
        ("https://x.org/a/story_2017_3_9", "2017-03-09"),
        ("https://x.org/news/20170309/story", "2017-03-09"),
        ("https://x.org/news/story-20170309.html", "2017-03-09"),
        ("https://x.org/world/2017/mar/09/story", "2017-03-09"),
        ("https://x.org/story?id=5&date=2017-03-09", "2017-03-09"),
        ("https://x.org/2017/03/", None),  # a month archive is not a day
        ("https://x.org/item/12345678/", None),  # an id, not a date
        ("https://x.org/news/20171399/", None),  # no 13th month
        ("https://x.org/story/201703091234567", None),  # part of a longer number
        (None, None),
    ],
)
def test_url_patterns(url, expected):
    found = date_from_url(url)
    assert (found.date().isoformat() if found else None) == expected


@pytest.mark.parametrize(
    ("text", "year_hint", "expected"),
    [
        ("MOSUL, March 9 (Reuters) - Iraqi forces advanced.", 2017, "2017-03-09"),
        ("MOSUL, March 9 (Reuters) - Iraqi forces advanced.", None, None),
        ("WASHINGTON, March 9, 2017 (AP) — Officials said.", None, "2017-03-09"),
        ("NEW YORK, Feb. 26 - Shares rose.", 1987, "1987-02-26"),
        ("Headline first\nPORTLAND, Ore., Dec 3 - Rain fell.", 2016, "2016-12-03"),
        ("МОСКВА, 9 марта. /ТАСС/. Президент подписал указ.", 2017, "2017-03-09"),
        ("МОСКВА, 9 мар — РИА Новости. Суд вынес решение.", 2017, "2017-03-09"),
        ("9 марта 2017 года, Москва. Суд вынес решение.", None, "2017-03-09"),
        ("GENEVA, 9 February 2021 — Experts met.", None, "2021-02-09"),
        ("LONDON, 3 March (Reuters) - Prices fell.", 2021, "2021-03-03"),
        ("The vote, March 9 - it was close.", 2017, None),  # not a place name
        ("He said on March 9 - nothing more.", 2017, None),
    ],
)
def test_datelines(text, year_hint, expected):
    found = dateline_date(text, year_hint)
    assert (found.date().isoformat() if found else None) == expected


def test_yearless_dateline_takes_its_year_from_the_url(ctx):
    article = _article(
        body="MOSUL, March 9 (Reuters) - Forces advanced.", url="https://x.org/2017/"
    )
    assert extract_dates(article, ctx).published_at == "2017-03-09T00:00:00+00:00"


def test_yearless_dateline_takes_its_year_from_full_dates_in_the_text(ctx):
    body = "MOSUL, March 9 (Reuters) - Forces advanced after the offensive began on Oct. 17, 2016."
    article = extract_dates(_article(body=body), ctx)
    assert (article.published_at, article.published_at_source) == (
        "2016-03-09T00:00:00+00:00",
        "dateline",
    )


def test_reader_dateline_in_metadata_counts(ctx):
    article = extract_dates(_article(body="Text.", dateline="SALVADOR, Feb 26 1987"), ctx)
    assert article.published_at == "1987-02-26T00:00:00+00:00"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2017-03-09", "2017-03-09T00:00:00+00:00"),
        ("2017-03-09T10:15:00Z", "2017-03-09T10:15:00+00:00"),
        ("2017-03-09T10:15:00.123+0300", "2017-03-09T10:15:00+03:00"),
        ("2017-03-09 10:15", "2017-03-09T10:15:00+00:00"),
        ("Thu, 09 Mar 2017 10:15:00 GMT", "2017-03-09T10:15:00+00:00"),
        ("March 9, 2017 10:15 PM EST", "2017-03-09T22:15:00-05:00"),
        ("9 марта 2017 года, 10:15", "2017-03-09T10:15:00+00:00"),
        ("26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01+00:00"),
        ("20170309", "2017-03-09T00:00:00+00:00"),
        ("1489054500", "2017-03-09T10:15:00+00:00"),
        ("09.03.2017", "2017-03-09T00:00:00+00:00"),
        ("13/03/2017", "2017-03-13T00:00:00+00:00"),
        ("03/09/2017", None),  # March 9 or 3 September: refused
        ("2017-13-01", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_and_normalise(raw, expected):
    found = parse_datetime(raw)
    assert (to_iso(found) if found else None) == expected


def test_html_scan_labels_and_order():
    page = _page(
        TIME,
        '<meta name="date" content="2017-01-01">',
        JSON_LD,
        '<meta property="article:modified_time" content="2018-01-01">',
        '<meta property="article:published_time" content="2017-03-09">',
    )
    assert html_date_candidates(page) == [
        ("html:meta", "2017-03-09"),
        ("html:meta", "2017-01-01"),
        ("json-ld", "2017-03-08T09:00:00Z"),
        ("html:time", "2017-03-07"),
    ]


def _mentions(body: str, published: date | None) -> list[tuple[str, str]]:
    found = find_date_mentions(body, published)
    for mention in found:
        assert body[mention.start : mention.end] == mention.text
    assert found == find_date_mentions(body, published, everywhere=True)
    return [(mention.text, mention.date) for mention in found]


PUBLISHED = date(2017, 3, 10)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Sources said on March 8 that he had fled.", [("March 8", "2017-03-08")]),
        ("It began on March 8, 2016.", [("March 8, 2016", "2016-03-08")]),
        ("Talks resume on 8 March 2017.", [("8 March 2017", "2017-03-08")]),
        ("By the 8th of March it was over.", [("8th of March", "2017-03-08")]),
        ("Shipments arrived Feb. 26 and Feb 27.",
         [("Feb. 26", "2017-02-26"), ("Feb 27", "2017-02-27")]),
        ("The city fell in January.", [("in January", "2017-01-01")]),
        ("He vanished in early November.", [("in early November", "2016-11-01")]),
        ("Fighting since mid-January.", [("since mid-January", "2017-01-01")]),
        ("A vote is due on March 15.", [("March 15", "2017-03-15")]),
        ("It happened in March last year.", [("in March last year", "2016-03-01")]),
        ("He left last Tuesday.", [("last Tuesday", "2017-03-07")]),
        ("Output fell in September 1985.", [("September 1985", "1985-09-01")]),
        ("Filed 2017-03-08 and 13/08/2016.",
         [("2017-03-08", "2017-03-08"), ("13/08/2016", "2016-08-13")]),
        ("The group rose in 2014.", [("in 2014", "2014-01-01")]),
    ],
)  # fmt: skip
def test_english_mentions(body, expected):
    assert _mentions(body, PUBLISHED) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Суд состоялся 8 марта 2017 года в Москве.", [("8 марта 2017 года", "2017-03-08")]),
        ("Задержание произошло 8 марта.", [("8 марта", "2017-03-08")]),
        ("Дело возбудили в январе.", [("в январе", "2017-01-01")]),
        ("Закон действует с 2014 года, а в 2015 году его изменили.",
         [("с 2014 года", "2014-01-01"), ("в 2015 году", "2015-01-01")]),
        ("Стройку закончат к маю.", [("к маю", "2017-05-01")]),
        ("Это было в конце декабря прошлого года.",
         [("в конце декабря прошлого года", "2016-12-01")]),
        ("Митинги прошли 8-9 марта.", [("8-9 марта", "2017-03-08")]),
        ("Приговор вынесли 08.03.2017.", [("08.03.2017", "2017-03-08")]),
        ("Материалы по теме 09:04 15 августа 2014 Заголовок", [("15 августа 2014", "2014-08-15")]),
    ],
)  # fmt: skip
def test_russian_mentions(body, expected):
    assert _mentions(body, PUBLISHED) == expected


@pytest.mark.parametrize(
    ("body", "published", "expected"),
    [
        ("Troops entered the city in December.", date(2017, 1, 15), "2016-12-01"),
        ("Поджог случился в декабре.", date(2017, 1, 15), "2016-12-01"),
        ("It happened on Dec. 30.", date(2017, 1, 2), "2016-12-30"),
        ("Elections are planned for early January.", date(2016, 12, 20), "2017-01-01"),
        ("The summit will open in June.", date(2017, 3, 10), "2017-06-01"),
        ("Prices peaked in November.", date(2017, 3, 10), "2016-11-01"),
        ("It closed last March.", date(2017, 3, 20), "2016-03-01"),
        ("It reopens next March.", date(2017, 1, 5), "2017-03-01"),
        ("Leap day, Feb 29, was quiet.", date(2017, 3, 10), "2016-02-29"),
    ],
)
def test_year_resolution(body, published, expected):
    assert [iso for _, iso in _mentions(body, published)] == [expected]


@pytest.mark.parametrize(
    "body",
    [
        "He may go there, but may not stay.",
        "Theresa May 10 days ago was elsewhere.",  # a surname, not a month
        "Prices rose under New York May 1987 contracts.",
        "Cocoa for March shipment sold at 1,750 dlrs; March/April at 2,325.",
        "The protest March drew crowds.",
        "Buyers paid May 1,870 dlrs.",
        "They move often in one 24-hour cycle, 3 times a day.",
        "Bids for 03/08/2017 remain open.",  # March 8 or 3 August: not guessed
        "Output in 2014-15 and in the 1990s grew by 45 percent.",
        "The letter was signed by May.",
        "К Марте пришли гости, а Май Ивановна ушла.",
        "Room 12/5, score 3-1, ratio 1.5, 2,017 votes.",
    ],
)
def test_false_positives_avoided(body):
    assert _mentions(body, PUBLISHED) == []


def test_yearless_mentions_need_a_publication_date():
    body = "It began on March 8 and ended on March 9, 2017, after talks in January."
    assert _mentions(body, None) == [("March 9, 2017", "2017-03-09")]


def test_stage_resolves_mentions_against_chosen_date(ctx):
    body = "Officials said on March 8 that the city had fallen in January."
    article = extract_dates(_article(_page(META), body=body), ctx)
    assert [(m.text, m.start, m.end, m.date) for m in article.dates_mentioned] == [
        ("March 8", 18, 25, "2017-03-08"),
        ("in January", 51, 61, "2017-01-01"),
    ]


def test_seed_page_has_no_invented_dates(ctx):
    text = require(SEED_PAGE).read_text(encoding="utf-8")
    article = extract_dates(_article(body=text.split("\n\n\n")[0]), ctx)
    assert article.published_at is None  # a plain text page carries no date evidence
    # Without a publication date, "March 8" cannot get a year; explicit years remain.
    assert {m.text for m in article.dates_mentioned} == {"in 2014", "since 2014"}


@pytest.mark.parametrize(
    ("boilerplate", "expected"),
    [
        (
            "Home | News\nBy Ann Lee | 28 November 2023, 07:45\nAll news",
            "2023-11-28T07:45:00+00:00",
        ),
        ("Главная · Новости\n11 апреля 2023, 08:30\nВсе новости", "2023-04-11T08:30:00+00:00"),
        ("Archive: May 2023\n© 2023 Northern Ledger", None),  # no day: not a date line
        ("A long paragraph that mentions 3 May 2021 in passing " + "and goes on " * 10, None),
    ],
)
def test_date_line_moved_to_boilerplate_dates_the_article(ctx, boilerplate, expected):
    article = replace(_article(), boilerplate=boilerplate)
    dated = extract_dates(article, ctx)
    assert dated.published_at == expected
    assert dated.published_at_source == ("dateline" if expected else None)
