"""Saved searches: save from the search page, a list with new counts, an Atom feed of each."""

from __future__ import annotations

import math
import time
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlencode

from flask import (
    Blueprint,
    Flask,
    Response,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.wrappers import Response as BaseResponse

from indexer.alerts.store import AlertStore, SavedSearch
from indexer.errors import NotFound
from indexer.search.params import request_from_params
from webapp.backend import get_backend, settings

bp = Blueprint("saved", __name__)
FEED_SIZE = 50  # entries in a saved search's Atom feed: the newest matches


def get_store() -> AlertStore:
    """This request's saved-search store (flaskr's get_db: one SQLite connection per request)."""
    if "alert_store" not in g:
        g.alert_store = AlertStore(settings().data_dir)
    store: AlertStore = g.alert_store
    return store


def _close_store(error: BaseException | None = None) -> None:
    store = g.pop("alert_store", None)
    if store is not None:
        store.close()


def _saved(search_id: int) -> SavedSearch:
    found = get_store().get(search_id)
    if found is None:
        raise NotFound("There is no saved search with that number.")
    return found


def _search_url(saved: SavedSearch) -> str:
    return url_for("views.search") + "?" + urlencode(saved.params, doseq=True)


def new_count(saved: SavedSearch) -> int:
    """Matches written to the index since the search was last opened.

    Index times have whole seconds: counting from the next whole second leaves out what was
    already there when the search was opened (at the cost of an article written in that
    same second).
    """
    req = replace(saved.since(math.ceil(saved.opened_at)), page_size=1, facet_size=1)
    return get_backend().search(req).total


@bp.post("/saved")
def save() -> BaseResponse:
    """Save the search the form carries as the page's own query string, in field `search`."""
    params = request_from_params(parse_qs(request.form.get("search", "")))
    saved = get_store().save(request.form.get("name", ""), params)
    return redirect(url_for("saved.index", saved=saved.id), code=303)


@bp.get("/saved")
def index() -> str:
    """Every saved search with its count of new articles since last opened."""
    rows = [(saved, new_count(saved), _search_url(saved)) for saved in get_store().all()]
    return render_template("saved.html", rows=rows, just_saved=request.args.get("saved"))


@bp.post("/saved/<int:search_id>/open")
def open_search(search_id: int) -> BaseResponse:
    """Open a saved search: its new count starts again, and the search page shows it."""
    saved = _saved(search_id)
    get_store().mark_opened(saved.id, time.time())
    return redirect(_search_url(saved), code=303)


@bp.post("/saved/<int:search_id>/delete")
def delete(search_id: int) -> BaseResponse:
    """Forget a saved search."""
    get_store().delete(_saved(search_id).id)
    return redirect(url_for("saved.index"), code=303)


@bp.get("/saved/<int:search_id>/feed.atom")
def feed(search_id: int) -> Response:
    """The newest matches as an Atom feed, for any feed reader."""
    saved = _saved(search_id)
    req = replace(saved.request(), sort="newest", page=1, page_size=FEED_SIZE)
    result = get_backend().search(req)
    updated = max((h.published_at or "" for h in result.hits), default="") or (
        datetime.fromtimestamp(saved.created_at, UTC).isoformat()
    )
    body = render_template(
        "saved_feed.xml",
        saved=saved,
        hits=result.hits,
        updated=updated,
        search_url=request.url_root.rstrip("/") + _search_url(saved),
        feed_url=request.url,
        root=request.url_root.rstrip("/"),
    )
    return Response(body, mimetype="application/atom+xml")


def init_app(app: Flask) -> None:
    """Register the blueprint; each request's store is closed when the request ends."""
    app.teardown_appcontext(_close_store)
    app.register_blueprint(bp)
