"""Query parameters -> SearchRequest, and the calendar buckets dates fall into."""

from datetime import date

import pytest

from indexer.errors import BadQuery
from indexer.model import Article
from indexer.search.document import to_document
from indexer.search.params import params_from_request, request_from_params


def test_round_trip_of_every_parameter() -> None:
    params = {
        "q": ["mosul -syria"],
        "person": ["Abu Bakr al-Baghdadi", "Iyad al-Obaidi"],
        "not_source": ["Reuters"],
        "from": ["2017-01-01"],
        "to": ["2017-12-31"],
        "sort": ["newest"],
        "page": ["3"],
    }
    req = request_from_params(params)
    assert req.filters == {"person": ("Abu Bakr al-Baghdadi", "Iyad al-Obaidi")}
    assert req.excludes == {"source": ("Reuters",)}
    assert (req.date_from, req.date_to, req.page) == (date(2017, 1, 1), date(2017, 12, 31), 3)
    assert (
        request_from_params(
            {k: v if isinstance(v, list) else [str(v)] for k, v in params_from_request(req).items()}
        )
        == req
    )


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"from": ["yesterday"]}, "date like"),
        ({"from": ["0001-01-01"]}, "between 1800"),
        ({"to": ["9999-12-31"]}, "between 1800"),
        ({"from": ["2020-02-02"], "to": ["2020-01-01"]}, "after the end"),
        ({"page": ["-1"]}, "page must be"),
        ({"page": ["1000000000"]}, "export"),
        ({"page": ["two"]}, "whole number"),
        ({"colour": ["red"]}, "unknown parameter"),
        ({"sort": ["random"]}, "sort must be"),
    ],
)
def test_bad_parameters_say_why(params: dict[str, list[str]], reason: str) -> None:
    with pytest.raises(BadQuery, match=reason):
        request_from_params(params)


def test_calendar_buckets_use_the_utc_day_like_the_date_filter() -> None:
    article = Article(id="a1", path="x", body="text", published_at="2023-05-14T01:30:00+03:00")
    document = to_document(article)
    assert document["published_day"] == "2023-05-13"
    assert document["published_week"] == "2023-05-08"
    assert document["published_month"] == "2023-05"


def test_exact_is_a_flag() -> None:
    assert request_from_params({"q": ["Putin"], "exact": ["1"]}).exact
    assert not request_from_params({"q": ["Putin"], "exact": ["0"]}).exact
    assert params_from_request(request_from_params({"exact": ["on"]}))["exact"] == "1"
    with pytest.raises(BadQuery):
        request_from_params({"exact": ["maybe"]})
