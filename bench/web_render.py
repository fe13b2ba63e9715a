"""Search page render time (p50/p99) on 100,000 articles in the embedded index.

The index comes from bench.web_corpus (built once into a cache outside the repository). Pages
are rendered through the Flask test client (and, with --http, through a real server on
loopback) for a fixed set of representative searches and a few article pages.

    python -m bench.web_render [--articles 100000] [--rounds 30] [--http] [--export] [--rebuild]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

from bench.corpus import DEFAULT_CACHE
from bench.query_bench import percentile
from bench.web_corpus import SHARED_DATA, index_settings

TARGET_P99_MS = 100.0  # issue 6: page render p99 on 100k articles
WARMUP_ROUNDS = 2  # first renders compile templates and fill the engine's caches


# Representative searches: browse-all (the heaviest aggregation), words, phrases, prefix,
# exclusions, Russian, facet filters (OR within, AND across, NOT), dates, deep pages, sort.
QUERIES = [
    "/",
    "/?q=oil",
    "/?q=bank+rates",
    '/?q="interest+rates"',
    "/?q=trade+-japan",
    "/?q=stock*",
    "/?q=полиция",
    "/?q=oil&person=Anna+Keller",
    "/?person=Anna+Keller&person=Boris+Keller&location=Lisbon",
    "/?q=суд&source=Lenta.ru&source=vesti.example&not_person=Anna+Keller",
    "/?q=oil&from=2018-01-01&to=2019-12-31&sort=newest",
    "/?organization=Baltic+Bank&from=2020-03-01&to=2020-03-31",
    "/?q=company&page=20",
    "/?expand=person&q=profit",
]


def _time(fetch, url: str) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    status = fetch(url)
    elapsed = (time.perf_counter() - start) * 1000
    if status != 200:
        raise SystemExit(f"{url} answered {status}")
    return elapsed


def measure(fetch, urls: list[str], rounds: int) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    """Render every URL `rounds` times, interleaved, after warm-up renders."""
    for _ in range(WARMUP_ROUNDS):
        for url in urls:
            _time(fetch, url)
    timings: dict[str, list[float]] = {url: [] for url in urls}
    for _ in range(rounds):
        for url in urls:
            timings[url].append(_time(fetch, url))
    return timings


def _print_table(title: str, timings: dict[str, list[float]]) -> float:
    print(f"\n{title}")
    print(f"{'page':<62} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for url, values in timings.items():
        shown = url if len(url) <= 60 else url[:59] + "…"
        print(
            f"{shown:<62} {percentile(values, 50):8.1f} {percentile(values, 99):8.1f}"
            f" {max(values):8.1f}"
        )
    every = [value for values in timings.values() for value in values]
    p99 = percentile(every, 99)
    print(
        f"{'ALL (' + str(len(every)) + ' renders)':<62} {percentile(every, 50):8.1f} {p99:8.1f}"
        f" {max(every):8.1f}   target p99 <= {TARGET_P99_MS:.0f} ms:"
        f" {'met' if p99 <= TARGET_P99_MS else 'MISSED'}"
    )
    return p99


def _article_urls(client, count: int) -> list[str]:  # type: ignore[no-untyped-def]
    hits = client.get(f"/api/search?q=oil&page_size={count}").json["hits"]
    return [f"/articles/{hit['id']}" for hit in hits]


def _export(client) -> tuple[int, float, float]:  # type: ignore[no-untyped-def]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    rows = 0
    with client.get("/export?format=csv") as response:
        for chunk in response.response:
            rows += chunk.count(b"\r\n")
    seconds = time.perf_counter() - start
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    return rows - 1, seconds, grown


def _serve(app):  # type: ignore[no-untyped-def]
    from werkzeug.serving import WSGIRequestHandler, make_server

    class _Quiet(WSGIRequestHandler):
        def log_request(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            """No access log: it would be most of the output and some of the time."""

    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> int:
    """Build or reuse the index, render the pages, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=30, help="renders per page")
    parser.add_argument("--http", action="store_true", help="also over real HTTP on loopback")
    parser.add_argument("--export", action="store_true", help="also stream the whole CSV export")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where the index is kept")
    args = parser.parse_args(argv)
    if not SHARED_DATA.exists():
        print(f"needs {SHARED_DATA} (the shared evaluation data)", file=sys.stderr)
        return 2

    from webapp import create_app

    settings = index_settings(args.cache, args.articles, args.rebuild)
    app = create_app(settings)
    client = app.test_client()
    total = client.get("/api/search").json["total"]  # type: ignore[index]
    print(f"index: {total} articles at {settings.embedded_index_path}")
    print(f"cores: {os.cpu_count()}  (timings on a shared, loaded machine)")

    def fetch(url: str) -> int:
        response = client.get(url)
        response.get_data()
        return response.status_code

    urls = QUERIES + _article_urls(client, 3)
    p99 = _print_table(f"Flask test client, {args.rounds} renders per page", measure(
        fetch, urls, args.rounds))  # fmt: skip

    if args.http:
        server = _serve(app)
        base = f"http://127.0.0.1:{server.server_port}"

        def fetch_http(url: str) -> int:
            with urllib.request.urlopen(base + quote(url, safe="/?=&+*-")) as response:
                response.read()
                return int(response.status)

        _print_table("HTTP on loopback (server thread in this process)", measure(
            fetch_http, urls, args.rounds))  # fmt: skip
        server.shutdown()

    if args.export:
        rows, seconds, grown = _export(client)
        print(f"\nexport CSV: {rows} rows in {seconds:.1f} s ({rows / seconds:,.0f} rows/s), "
              f"peak RSS grew {grown:.0f} MB")  # fmt: skip
    return 0 if p99 <= TARGET_P99_MS else 1


if __name__ == "__main__":
    sys.exit(main())
