"""HTML cleaning beside trafilatura and readability: structure kept, votes, fallback, settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import html as lxml_html

from indexer.cleaning.combine import Rules, combine
from indexer.cleaning.evidence import ExtractorText, gather
from indexer.cleaning.html_page import clean_html, read_page
from indexer.config import Settings
from indexer.context import Context
from indexer.errors import Skip
from indexer.model import Article
from indexer.stages.clean import clean_article

STRUCTURE = Path(__file__).parent / "fixtures" / "cleaning" / "structure"
LEAF_BLOCKS = ("p", "h2", "h3", "li", "tr")


def expected_blocks(page: str) -> list[str]:
    """Text of the blocks inside the page's `data-article` element, as the cleaner writes them."""
    root = lxml_html.fromstring(page)
    (article,) = root.xpath("//*[@data-article]")
    lines = []
    for element in article.iter(*LEAF_BLOCKS):
        if (
            element.tag == "li"
            and element.find("./*") is not None
            and element.find("p") is not None
        ):
            continue  # a list item made of a heading and a paragraph: those are the blocks
        parts = element.xpath("./td|./th") if element.tag == "tr" else [element]
        lines.append(" ".join(" ".join(part.text_content().split()) for part in parts))
    return lines


def read(name: str) -> str:
    return (STRUCTURE / name).read_text(encoding="utf-8")


def hidden_wrapper() -> str:
    """The page-builder page with its content wrapper marked aria-hidden, as some sites
    leave it while a menu is open: our extractor obeys that, trafilatura does not."""
    page = read("page_builder.html")
    wrapper = '<div class="elementor elementor-1234">'
    assert wrapper in page
    return page.replace(wrapper, '<div class="elementor elementor-1234" aria-hidden="true">')


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    with Context(Settings(data_dir=tmp_path, cleaning_evidence="always")) as context:
        yield context


# --- article-internal structure stays, with or without the other extractors -----------------


@pytest.mark.parametrize("name", ["recipe.html", "digest.html", "table.html", "page_builder.html"])
@pytest.mark.parametrize("evidence", ["never", "always"])
def test_lists_tables_and_widgets_keep_every_article_block(name: str, evidence: str) -> None:
    page = read(name)
    cleaned = clean_html(page, evidence=evidence)  # type: ignore[arg-type]
    assert cleaned.body == expected_blocks(page)
    assert cleaned.extracted_by == "newsdesk"


def test_table_rows_are_lines_of_the_body(ctx: Context) -> None:
    article = clean_article(Article(id="t", path="table.html", html=read("table.html")), ctx)
    assert "Valley Boat Club 1 2 20" in article.body.split("\n\n")
    assert "Home Sport" in article.boilerplate.split("\n")


def test_partly_linked_list_item_comes_back_when_both_extractors_keep_it() -> None:
    page = read("embedded_list.html")
    linked = "grants of up to 5,000 euros for households that fit flood doors, explained"
    own = clean_html(page, evidence="never")
    assert not any(block.startswith(linked) for block in own.body)  # our rule: a teaser
    checked = clean_html(page, evidence="always")
    assert checked.body == expected_blocks(page)
    assert "Bridge closures planned for the spring as repairs begin" in checked.boilerplate


# --- the fallback: no article lost to our extractor alone -------------------------------------


def test_page_ours_reads_as_empty_falls_back_to_trafilatura(ctx: Context) -> None:
    page = hidden_wrapper()
    assert clean_html(page, evidence="never").body == []
    article = clean_article(Article(id="h", path="hidden_wrapper.html", html=page), ctx)
    assert article.extracted_by == "trafilatura"
    assert article.body.split("\n\n") == expected_blocks(page)
    assert article.to_json()["extracted_by"] == "trafilatura"


def test_without_evidence_the_empty_page_is_skipped_with_its_reason(tmp_path: Path) -> None:
    with Context(Settings(data_dir=tmp_path, cleaning_evidence="never")) as context:
        with pytest.raises(Skip, match="no article text in the HTML"):
            clean_article(Article(id="h", path="h.html", html=hidden_wrapper()), context)


def test_nothing_anywhere_says_the_other_extractors_were_asked(ctx: Context) -> None:
    page = "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"
    with pytest.raises(Skip, match="trafilatura and readability found none either"):
        clean_article(Article(id="n", path="n.html", html=page), ctx)


def test_far_shorter_body_gives_way_to_the_first_extractor() -> None:
    own = read_page(read("recipe.html")).extraction
    longer = "\n".join(expected_blocks(read("recipe.html")) * 3)
    evidence = [ExtractorText.of("trafilatura", longer), ExtractorText.of("readability", "")]
    combined = combine(own, evidence, Rules(fallback_share=0.5))
    assert combined.extracted_by == "trafilatura"
    assert combined.body == longer.split("\n")


def test_unsupported_short_block_goes_and_long_prose_stays() -> None:
    own = read_page(read("table.html")).extraction
    story = expected_blocks(read("table.html"))
    # Both extractors keep the prose but neither keeps the table's rows.
    prose = "\n".join(line for line in story if not any(ch.isdigit() for ch in line[-3:]))
    evidence = [ExtractorText.of("trafilatura", prose), ExtractorText.of("readability", prose)]
    combined = combine(own, evidence, Rules(vote_max_chars=24, fallback_share=0.0))
    assert "Valley Boat Club 1 2 20" not in combined.body  # 23 characters: asked, unsupported
    assert "Harbour Rowing Club 3 1 27" in combined.body  # 26 characters: ours to keep
    assert [line for line in combined.body if line in prose] == prose.split("\n")


# --- the setting -----------------------------------------------------------------------------


def test_doubtful_mode_asks_only_about_pages_that_look_incomplete() -> None:
    complete = read("recipe.html")
    assert clean_html(complete, evidence="doubtful").body == expected_blocks(complete)
    empty = hidden_wrapper()
    assert clean_html(empty, evidence="doubtful").extracted_by == "trafilatura"


def test_evidence_setting_is_read_and_checked() -> None:
    assert Settings.from_env({}).cleaning_evidence == "doubtful"
    env = {"NEWSDESK_CLEANING_EVIDENCE": " Always "}
    assert Settings.from_env(env).cleaning_evidence == "always"
    with pytest.raises(ValueError, match="NEWSDESK_CLEANING_EVIDENCE"):
        Settings.from_env({"NEWSDESK_CLEANING_EVIDENCE": "sometimes"})


def test_extractors_that_fail_give_no_evidence_instead_of_an_error() -> None:
    assert [text.length for text in gather("<html><body></body></html>")] == [0, 0]
    assert gather("<p>x</p>" * 400_000) == []  # past the size bound: ours stands alone
