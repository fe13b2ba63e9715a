"""Reuters-21578 SGML reader: one article per story, metadata kept, bad stories reported."""

from __future__ import annotations

import dataclasses
import re

import pytest

from indexer.config import Settings
from indexer.context import Context
from indexer.ids import stable_id
from indexer.model import Article, Failure
from indexer.readers.reuters import read_reuters
from indexer.stages.dates import extract_dates
from tests.shared_data import SHARED, require

# Our own stories in the corpus's shape: SGML framing, control characters as &#N;, an
# unescaped "&", hard-wrapped lines, and every kind of damage the reader must survive.
FIXTURE = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="11" NEWID="101">
<DATE> 2-MAR-1987 09:30:15.42</DATE>
<TOPICS><D>grain</D><D>wheat</D></TOPICS>
<PLACES><D>canada</D><D>usa</D></PLACES>
<PEOPLE><D>jane-doe</D></PEOPLE>
<ORGS><D>ec</D></ORGS>
<EXCHANGES><D>cbt</D></EXCHANGES>
<COMPANIES></COMPANIES>
<UNKNOWN>&#5;&#5;&#5;G
&#22;&#22;&#1;f0001&#31;reute</UNKNOWN>
<TEXT>&#2;
<TITLE>PRAIRIE WHEAT GROWERS EXPECT SMALLER CROP</TITLE>
<DATELINE>    WINNIPEG, March 2 - </DATELINE><BODY>Wheat growers on the prairies expect a
smaller crop this year after a dry winter, an association &amp; its
members said on Monday.
    Planting should start in late April, they said, and prices
could firm by June &lt;if rain stays away>.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" OLDID="12" NEWID="102">
<DATE> 2-MAR-1987 10:01:00.00&#9;&#9;&#9;F</DATE>
<TOPICS></TOPICS><PLACES><D>usa</D></PLACES><PEOPLE></PEOPLE><ORGS></ORGS>
<EXCHANGES></EXCHANGES><COMPANIES></COMPANIES>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>HARBOUR BOARD APPROVES NEW GRAIN TERMINAL
</TITLE>Blah blah blah.
&#3;
</TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" OLDID="13" NEWID="103">
<DATE>31-MAR-1987 605:12:19.12</DATE>
<TOPICS></TOPICS><PLACES></PLACES><PEOPLE></PEOPLE><ORGS></ORGS>
<EXCHANGES></EXCHANGES><COMPANIES></COMPANIES>
<TEXT TYPE="UNPROC">&#2;
CITY DEPOSIT FIGURES - MARCH 31
 Deposits.............120 vs.....118
 Loans.................80 vs......79
&#3;
</TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" OLDID="14">
<DATE> 1-APR-1987 08:00:00.00</DATE>
<TEXT><TITLE>STORY WITHOUT AN ID</TITLE><BODY>Text.</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" OLDID="15" NEWID="105">
<DATE>sometime in spring</DATE>
<TEXT><TITLE>UNDATED STORY</TITLE><BODY>Text.</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" OLDID="16" NEWID="106">
<DATE> 3-APR-1987 07:09:06.48</DATE>
<TEXT TYPE="UNPROC">&#2;
&#3;
</TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" OLDID="17" NEWID="107">
<DATE> 3-APR-1987 07:10:00.00</DATE>
<TEXT><TITLE>CUT OFF MID-STORY</TITLE><BODY>The file ends
"""


@pytest.fixture(scope="module")
def items(tmp_path_factory) -> list[Article | Failure]:
    path = tmp_path_factory.mktemp("reuters") / "reut2-900.sgm"
    path.write_bytes(FIXTURE.encode("latin-1"))
    return list(read_reuters(path))


def _by_newid(items: list[Article | Failure]) -> dict[str, Article | Failure]:
    return {item.path.rsplit("#", 1)[1]: item for item in items}


def test_one_item_per_story_in_file_order(items):
    assert [item.path.rsplit("#", 1)[1] for item in items] == [
        "101", "102", "103", "story-4", "105", "106", "107",
    ]  # fmt: skip


def test_normal_story(items):
    story = _by_newid(items)["101"]
    assert isinstance(story, Article)
    assert story.id == stable_id("reuters", "101")
    assert story.path.endswith("reut2-900.sgm#101")
    assert story.source == "Reuters"
    assert story.title == "PRAIRIE WHEAT GROWERS EXPECT SMALLER CROP"
    # Wrapped lines rejoined, indented lines start paragraphs, entities decoded,
    # control characters and the "Reuter" sign-off gone.
    assert story.text == (
        "Wheat growers on the prairies expect a smaller crop this year after a dry winter, "
        "an association & its members said on Monday.\n"
        "Planting should start in late April, they said, and prices could firm by June "
        "<if rain stays away>."
    )
    assert story.published_at == "1987-03-02T09:30:15+00:00"
    assert story.metadata["topics"] == ["grain", "wheat"]
    assert story.metadata["places"] == ["canada", "usa"]
    assert story.metadata["people"] == ["jane-doe"]
    assert story.metadata["orgs"] == ["ec"]
    assert story.metadata["exchanges"] == ["cbt"]
    assert story.metadata["dateline"] == "WINNIPEG, March 2"


def test_brief_is_its_headline(items):
    brief = _by_newid(items)["102"]
    assert isinstance(brief, Article)
    assert brief.title == brief.text == "HARBOUR BOARD APPROVES NEW GRAIN TERMINAL"
    assert brief.published_at == "1987-03-02T10:01:00+00:00"  # tab-separated junk ignored
    assert brief.metadata["topics"] == [] and brief.metadata["places"] == ["usa"]


def test_unprocessed_table_keeps_lines_and_a_broken_time_keeps_the_date(items):
    table = _by_newid(items)["103"]
    assert isinstance(table, Article)
    assert table.title == "CITY DEPOSIT FIGURES - MARCH 31"
    assert table.text.splitlines()[1] == "Deposits.............120 vs.....118"
    assert table.published_at == "1987-03-31T00:00:00+00:00"


def test_empty_story_is_read_for_cleaning_to_skip(items):
    empty = _by_newid(items)["106"]
    assert isinstance(empty, Article)
    assert (empty.text, empty.title, empty.published_at) == ("", None, "1987-04-03T07:09:06+00:00")


@pytest.mark.parametrize(
    ("newid", "reason"),
    [
        ("story-4", "<REUTERS> tag without NEWID"),
        ("105", "unreadable <DATE>: 'sometime in spring'"),
        ("107", "<REUTERS> story is not closed"),
    ],
)
def test_malformed_stories_fail_alone(items, newid, reason):
    failure = _by_newid(items)[newid]
    assert isinstance(failure, Failure)
    assert failure.reason == reason


def test_date_survives_the_dates_stage(items):
    ctx = Context(Settings())
    for item in items:
        if isinstance(item, Article):
            dated = extract_dates(dataclasses.replace(item, body=item.text or ""), ctx)
            assert (dated.published_at, dated.published_at_source) == (item.published_at, "input")


def test_missing_file_is_a_failure(tmp_path):
    assert list(read_reuters(tmp_path / "reut2-404.sgm")) == [
        Failure(str(tmp_path / "reut2-404.sgm"), "cannot read file: No such file or directory")
    ]


def test_file_without_stories_is_a_failure(tmp_path):
    path = tmp_path / "reut2-000.sgm"
    path.write_bytes(b"<!DOCTYPE lewis>\nnothing here\n")
    assert list(read_reuters(path)) == [Failure(str(path), "no <REUTERS> story in file")]


_STAMP = re.compile(r'NEWID="(\d+)">\s*<DATE>\s*(\d{1,2})-([A-Z]{3})-(\d{4}) +(\d\d):(\d\d)')


def test_real_file_every_story_dated():
    path = require(SHARED / "data" / "news-en" / "reuters21578" / "reut2-000.sgm")
    stories = list(read_reuters(path))
    assert len(stories) == 1000 and all(isinstance(story, Article) for story in stories)
    months = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()
    expected = {
        newid: f"{year}-{months.index(month) + 1:02d}-{int(day):02d}T{hour}:{minute}"
        for newid, day, month, year, hour, minute in _STAMP.findall(
            path.read_text(encoding="latin-1")
        )
    }
    got = {story.path.rsplit("#", 1)[1]: story.published_at[:16] for story in stories}
    assert got == expected
    assert sum(bool(story.metadata["topics"]) for story in stories) > 500
