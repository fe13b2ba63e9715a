"""CSRF protection for the forms that change state: a per-session token every POST must echo."""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

from flask import Flask, request, session

from indexer.errors import NewsdeskError

SECRET_FILE = "web-secret"  # under data_dir: signs session cookies, survives restarts
FIELD = "csrf_token"


class CsrfRefused(NewsdeskError):
    """A state-changing request without the page's token: possibly another site's form."""

    status = 403


def _secret(data_dir: Path) -> bytes:
    path = data_dir / SECRET_FILE
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    return path.read_bytes()


def csrf_token() -> str:
    """This session's token, for a hidden field in each form."""
    if FIELD not in session:
        session[FIELD] = secrets.token_urlsafe(32)
    return str(session[FIELD])


def _check() -> None:
    if request.method in ("GET", "HEAD", "OPTIONS") or request.routing_exception is not None:
        return  # reads, and requests routing refuses anyway (404, 405), need no token
    sent = request.form.get(FIELD, "")
    expected = session.get(FIELD, "")
    if not sent or not expected or not hmac.compare_digest(sent, expected):
        raise CsrfRefused("This form has expired or came from another site. Reload and try again.")


def init_app(app: Flask, data_dir: Path) -> None:
    """Sign sessions with the data folder's secret and check the token on every POST."""
    if not app.secret_key:
        app.secret_key = _secret(data_dir)
    app.config.setdefault("SESSION_COOKIE_SAMESITE", "Lax")
    app.config.setdefault("SESSION_COOKIE_HTTPONLY", True)
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.before_request(_check)
