"""The Flask front end: search page, article pages, export, JSON API."""

from __future__ import annotations

from flask import Flask

from indexer.config import Settings
from indexer.naming import places
from webapp import api, backend, csrf, errors, export, filters, hosts, saved, security, views

# Newsdesk pages never need a request body larger than a long query string.
MAX_CONTENT_LENGTH = 64 * 1024


def create_app(settings: Settings | None = None, bind_host: str | None = None) -> Flask:
    """Build the app for `settings` (default: from NEWSDESK_* environment variables).

    It answers to local host names, `bind_host` and NEWSDESK_ALLOWED_HOSTS only.
    """
    app = Flask(__name__)
    settings = settings or Settings.from_env()
    app.config["NEWSDESK_SETTINGS"] = settings
    places.keep_in(settings.cache_dir)  # the first cross-script search reads it, not builds it
    hosts.init_app(app, hosts.allowed_hosts(settings.allowed_hosts, bind_host))
    app.config["MAX_CONTENT_LENGTH"] = MAX_CONTENT_LENGTH
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    backend.init_app(app)
    security.init_app(app)
    csrf.init_app(app, app.config["NEWSDESK_SETTINGS"].data_dir)
    saved.init_app(app)
    filters.init_app(app)
    errors.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(export.bp)
    app.register_blueprint(api.bp)
    return app


__all__ = ["create_app"]
