"""Stage: raw html/text -> body (article text) and boilerplate (everything removed)."""

from __future__ import annotations

import dataclasses
import re
from typing import Any
from urllib.parse import urlsplit

from indexer.cleaning.combine import OURS
from indexer.cleaning.html_page import clean_html
from indexer.cleaning.limits import check_input
from indexer.cleaning.line_model import LineModel
from indexer.cleaning.metadata import strip_site_name
from indexer.cleaning.mojibake import repair_mojibake
from indexer.cleaning.text_lines import classify_text
from indexer.context import Context
from indexer.errors import Skip
from indexer.model import Article

# A title made from the first sentence of a text page is cut to this length
# (a long wire-story lead sentence runs ~300 characters).
MAX_TITLE_CHARS = 300
# Repeated body paragraphs at least this long are template copies, not content.
MIN_DUPLICATE_CHARS = 40

_SENTENCE = re.compile(r"^(.+?[.!?…])(?=\s+[\"'«“(]?[A-ZА-ЯЁ0-9])", re.DOTALL)
_WORD = re.compile(r"\w")


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def _first_sentence(body: str) -> str | None:
    first = body.split("\n", 1)[0].strip()
    if not first:
        return None
    match = _SENTENCE.match(first)
    sentence = match.group(1) if match else first
    if len(sentence) > MAX_TITLE_CHARS:
        sentence = sentence[:MAX_TITLE_CHARS].rsplit(" ", 1)[0] + "…"
    return sentence


def _title(article: Article, body: str) -> dict[str, Any]:
    """The article's headline, else its first sentence marked as made from the body."""
    if article.title:
        return {"title": article.title, "title_from_body": article.title_from_body}
    made = _first_sentence(body)
    return {"title": made, "title_from_body": made is not None}


def _split_learned(
    body: list[str], model: LineModel | None, source: str | None, page: str
) -> tuple[list[str], list[str]]:
    """Move template paragraphs (recurring in the source, or repeated here) out of the body."""
    recurring = model.recurring(source, body, page) if model and source else set()
    kept: list[str] = []
    removed: list[str] = []
    seen: set[str] = set()
    for paragraph in body:
        duplicate = len(paragraph) >= MIN_DUPLICATE_CHARS and paragraph in seen
        seen.add(paragraph)
        (removed if duplicate or paragraph in recurring else kept).append(paragraph)
    return kept, removed


def _has_words(paragraphs: list[str]) -> bool:
    return any(_WORD.search(paragraph) for paragraph in paragraphs)


def _model_source(name: str | None, article: Article) -> str | None:
    """Whose pages a line is counted against: the source, else the folder the file came from."""
    group = article.metadata.get("group")
    key = name or (group if isinstance(group, str) else None)
    return key.strip().lower() if key and key.strip() else None


def _line_model(ctx: Context) -> LineModel:
    return ctx.resource("line_model", LineModel.open)


def _clean_html_article(article: Article, ctx: Context) -> Article:
    page = clean_html(article.html or "", evidence=ctx.settings.cleaning_evidence)
    meta = page.metadata
    url = article.url or meta.url
    source = article.source or meta.site_name or _host(url)
    model_source = _model_source(article.source or _host(url) or meta.site_name, article)
    model = _line_model(ctx) if model_source else None
    body, learned = _split_learned(page.body, model, model_source, article.id)
    if model and model_source:
        model.observe(model_source, article.id, page.body + page.boilerplate)
    if not _has_words(body) and _has_words(page.body):
        # Every paragraph recurs on other pages of the source (a repost, a story told in a
        # template): that text is still this article. Dropping it would also make whether
        # it is indexed depend on which pages a worker happened to read first.
        body, learned = _split_learned(page.body, None, None, article.id)
    if not _has_words(body):
        reason = "no article text in the HTML"
        if ctx.settings.cleaning_evidence != "never":
            reason += " (trafilatura and readability found none either)"
        raise Skip(f"{reason} ({page.truncated})" if page.truncated else reason)
    title = article.title or meta.title or meta.h1
    if title and not article.title:
        title = strip_site_name(title, meta.site_name, url)
    metadata = dict(article.metadata)
    if meta.date_candidates:
        metadata["date_candidates"] = meta.date_candidates
    if page.truncated:
        metadata["cleaning_note"] = page.truncated
    return dataclasses.replace(
        article,
        body=repair_mojibake("\n\n".join(body)),
        boilerplate=repair_mojibake("\n".join(page.boilerplate + learned)),
        extracted_by=page.extracted_by,
        title=repair_mojibake(title) if title else None,
        url=url,
        source=source,
        metadata=metadata,
    )


def _clean_text_article(article: Article, ctx: Context) -> Article:
    text = repair_mojibake(check_input(article.text or "", "text"))
    if article.metadata.get("text_is_clean"):
        # The reader already cut the story out of its container (Reuters SGML): line rules
        # would only mistake its tables ("Shr 30 cts vs 12 cts") for headline lists.
        body = "\n".join(line.strip() for line in text.splitlines() if line.strip())
        if not _WORD.search(body):
            raise Skip("no article text")
        return dataclasses.replace(article, body=body, extracted_by=OURS, **_title(article, body))
    source = article.source or _host(article.url)
    model_source = _model_source(source, article)
    model = _line_model(ctx) if model_source else None

    def recurring(lines: list[str]) -> set[str]:
        assert model is not None and model_source is not None
        return model.recurring(model_source, lines, article.id)

    split = classify_text(text, recurring if model else None)
    if model and model_source:
        lines = [line for paragraph in split.body for line in paragraph.split("\n")]
        model.observe(model_source, article.id, lines + split.boilerplate)
        if not _has_words(split.body):
            split = classify_text(text, None)  # as for HTML: recurrence never empties a story
    body = "\n\n".join(split.body)
    if not _WORD.search(body):
        raise Skip("no article text: every line of the text page is boilerplate")
    headline = dataclasses.replace(article, title=article.title or split.title)
    return dataclasses.replace(
        headline,
        body=body,
        boilerplate="\n".join(split.boilerplate),
        extracted_by=OURS,
        source=source,
        **_title(headline, body),
    )


def clean_article(article: Article, ctx: Context) -> Article:
    """Fill `body` (article text) and `boilerplate` (everything removed), plus page metadata."""
    if article.html and article.html.strip():
        return _clean_html_article(article, ctx)
    if article.text and article.text.strip():
        return _clean_text_article(article, ctx)
    raise Skip("empty input: no HTML and no text")
