"""HTML pages: the search page and one page per article."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from flask import Blueprint, render_template, request

from indexer.alerts.store import search_params
from indexer.search.did_you_mean import with_suggestions
from indexer.search.query_syntax import MAX_QUERY_CHARS
from webapp import article_view
from webapp.backend import get_backend
from webapp.entity_page import build_entity_page
from webapp.hints import zero_hit_hints
from webapp.params import page_state
from webapp.search_page import build_page

bp = Blueprint("views", __name__)
READER_LANGUAGES = ["en", "ru"]  # languages entity names are known in


@bp.get("/")
def search() -> str:
    """The search page: query, facets, timeline, results; all state in the URL."""
    state = page_state(request.args)
    # Entity names in the reader's language where the entity has one.
    language = request.accept_languages.best_match(READER_LANGUAGES)
    backend = get_backend()
    result = backend.search(replace(state.backend_request(), language=language))
    result = with_suggestions(backend, state.request, result)
    hints = zero_hit_hints(backend, state.request) if result.total == 0 else []
    saved_query = urlencode(search_params(state.request), doseq=True)
    return render_template(
        "search.html",
        page=build_page(state, result, hints),
        max_query_chars=MAX_QUERY_CHARS,
        saved_query=saved_query,
    )


@bp.get("/articles/<article_id>")
def article(article_id: str) -> str:
    """One article: clean body with entities (and the query's words, `q`) marked, metadata."""
    backend = get_backend()
    record = backend.get(article_id).to_json()
    query = request.args.get("q", "")
    words = article_view.query_words(backend, query)
    return render_template(
        "article.html",
        article=record,
        query=query,
        title=article_view.title_html(record.get("title") or "", words),
        body=article_view.body_html(record, words),
        entity_groups=article_view.entity_groups(record),
        segments=article_view.other_segments(record),
        max_query_chars=MAX_QUERY_CHARS,
    )


@bp.get("/entities/<entity_id>")
def entity(entity_id: str) -> str:
    """One entity: its names by language, a timeline of mentions, who it is named with."""
    language = request.accept_languages.best_match(READER_LANGUAGES)
    page = build_entity_page(get_backend(), entity_id, language)
    return render_template("entity.html", page=page, max_query_chars=MAX_QUERY_CHARS)
