"""The Host header checked against an allow-list, so a DNS-rebinding page cannot reach us.

A page on evil.example whose name is made to resolve to 127.0.0.1 talks to this server as
its own origin; it still sends `Host: evil.example`, which is refused here with a 400.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Flask, Response, request

# Names every local install answers to; the bind host and NEWSDESK_ALLOWED_HOSTS add to them.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
# Bind addresses that are no name a client would send.
_WILDCARDS = ("", "0.0.0.0", "::")


def host_name(header: str) -> str:
    """The name in a Host header, without port, brackets or a final dot, lower-cased."""
    header = header.strip().lower()
    if header.startswith("["):
        name = header[1 : header.find("]")] if "]" in header else header[1:]
    elif header.count(":") == 1:
        name = header.partition(":")[0]
    else:
        name = header
    return name.rstrip(".")


def allowed_hosts(extra: Iterable[str], bind_host: str | None = None) -> frozenset[str]:
    """The local names, the bind host and configured names; "*" allows any host."""
    names = {*LOCAL_HOSTS, *(host_name(name) for name in extra)}
    if bind_host is not None and bind_host not in _WILDCARDS:
        names.add(host_name(bind_host))
    return frozenset(names)


def is_allowed(header: str, allowed: frozenset[str]) -> bool:
    """Whether a Host header names an allowed host (".example.org" allows its subdomains)."""
    if "*" in allowed:
        return True
    name = host_name(header)
    if not name:
        return False
    return name in allowed or any(
        entry.startswith(".") and (name.endswith(entry) or name == entry[1:]) for entry in allowed
    )


def init_app(app: Flask, allowed: frozenset[str]) -> None:
    """Refuse requests for other hosts with 400, before any view or static file runs."""

    def check_host() -> Response | None:
        if is_allowed(request.headers.get("Host", ""), allowed):
            return None
        # Plain text: nothing of the page (links built from the bad host) is rendered.
        text = "400 Bad Request: this server does not answer to that host name.\n"
        return Response(text, status=400, mimetype="text/plain")

    app.before_request(check_host)
