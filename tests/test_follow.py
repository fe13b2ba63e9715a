"""Following feeds against a news site on 127.0.0.1: new, unchanged, reordered, broken, rude."""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from news_server import NewsSite, Route, article_page, rss, serve

from indexer.config import Settings
from indexer.follow.discover import discover
from indexer.follow.fetch import Fetcher, FetchError
from indexer.follow.session import FollowSession, follow_dir
from indexer.search import SearchRequest, open_backend

STORIES = {
    "ferry": (
        "Ferry to Norden resumes after storm",
        [
            "The ferry service between Emden and Norden resumed on Monday after a week of storms "
            "kept the boats in harbour, the operator said.",
            "Passengers had waited at the quay since dawn, and the first crossing left at nine "
            "with every seat taken and a queue of cars behind the barrier.",
        ],
    ),
    "bridge": (
        "Swing bridge closed for repairs",
        [
            "The old swing bridge over the harbour canal will stay closed for three weeks while "
            "engineers replace the bearings, the city council announced.",
            "Cyclists are asked to use the ferry pontoon instead, which will run every twenty "
            "minutes from six in the morning until late evening.",
        ],
    ),
    "market": (
        "Fish market moves to the north quay",
        [
            "The weekly fish market moves to the north quay from April, where the traders will "
            "have covered stalls and fresh water for the first time.",
            "Traders welcomed the move, although some worried that fewer tourists would find "
            "the new place without better signs from the station.",
        ],
    ),
}
DATES = ["Fri, 01 Mar 2024 09:00:00 GMT", "Sat, 02 Mar 2024 09:00:00 GMT"]


def _items(site: NewsSite, names: list[str], dates: list[str] | None = None) -> bytes:
    dates = dates or [DATES[i % 2] for i in range(len(names))]
    return rss(
        [
            (f"id-{n}", site.url(f"/news/{n}"), STORIES[n][0], d)
            for n, d in zip(names, dates, strict=True)
        ]
    )


@pytest.fixture
def site() -> Iterator[NewsSite]:
    """The news site with three article pages and an empty feed."""
    site = NewsSite()
    with serve(site):
        for name, (title, paragraphs) in STORIES.items():
            site.routes[f"/news/{name}"] = Route(article_page(title, paragraphs))
        yield site


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """An embedded index in tmp_path, no NER (speed), one process."""
    return Settings(data_dir=tmp_path / "data", ner=False, workers=1)


def _fetcher(**kwargs: float) -> Fetcher:
    sleeps: list[float] = []
    fetcher = Fetcher(host_interval=0.0, backoff=0.01, sleep=sleeps.append, **kwargs)  # type: ignore[arg-type]
    fetcher.sleeps = sleeps  # type: ignore[attr-defined]
    return fetcher


def _titles(settings: Settings, query: str = "") -> list[str]:
    backend = open_backend(settings)
    try:
        result = backend.search(SearchRequest(query=query, page_size=50, sort="oldest"))
        return sorted(hit.title or "" for hit in result.hits)
    finally:
        backend.close()


def _follow(session: FollowSession, site: NewsSite, path: str = "/feed.xml") -> int:
    found = discover(session.fetcher, site.url(path))
    return session.store.add(found.url, found.kind, 900, found.title).id


def test_new_feed_items_are_fetched_indexed_and_archived(
    site: NewsSite, settings: Settings
) -> None:
    site.routes["/feed.xml"] = Route(_items(site, ["ferry", "bridge"]), "application/rss+xml")
    with FollowSession(settings, _fetcher()) as session:
        _follow(session, site)
        (result,) = session.run_once()
        assert result.report.indexed == 2 and result.status == "2 new"
        assert _titles(settings, "Norden") == ["Ferry to Norden resumes after storm"]
        site.routes["/feed.xml"] = Route(
            _items(site, ["market", "ferry", "bridge"]), "application/rss+xml"
        )
        started = time.monotonic()
        (result,) = session.run_once(force=True)
        assert result.new == 1
        assert "Fish market moves to the north quay" in _titles(settings, "market")
        assert time.monotonic() - started < 5, "searchable right after the poll"
    assert len(site.hits("/news/ferry")) == 1, "an article page is fetched once"
    archives = list((follow_dir(settings) / "archive").glob("*.warc.gz"))
    assert len(archives) == 1
    with gzip.open(archives[0], "rb") as handle:
        archived = handle.read()
    assert archived.count(b"WARC-Type: response") == 5  # feed twice, three pages
    assert b"Fish market moves to the north quay" in archived


def test_reindex_from_the_archive_rebuilds_the_articles(site: NewsSite, settings: Settings) -> None:
    from indexer.ingest import ingest

    site.routes["/feed.xml"] = Route(_items(site, ["ferry", "bridge"]), "application/rss+xml")
    with FollowSession(settings, _fetcher()) as session:
        _follow(session, site)
        session.run_once()
    rebuilt = Settings(data_dir=settings.data_dir / "rebuilt", ner=False, workers=1)
    backend = open_backend(rebuilt)
    try:
        report = ingest([follow_dir(settings) / "archive"], rebuilt, backend)
    finally:
        backend.close()
    assert report.indexed == 2
    assert _titles(rebuilt) == _titles(settings)


def test_unchanged_feed_costs_one_conditional_request_per_poll(
    site: NewsSite, settings: Settings
) -> None:
    site.routes["/feed.xml"] = Route(_items(site, ["ferry"]), "application/rss+xml", etag='"v1"')
    site.routes["/dated.xml"] = Route(
        _items(site, ["bridge"]),
        "application/rss+xml",
        last_modified="Fri, 01 Mar 2024 10:00:00 GMT",
    )
    with FollowSession(settings, _fetcher()) as session:
        _follow(session, site, "/feed.xml")
        _follow(session, site, "/dated.xml")
        session.run_once()
        before = len(site.requests), session.fetcher.requests
        for _ in range(100):
            results = session.run_once(force=True)
            assert [r.status for r in results] == ["not modified", "not modified"]
        assert len(site.requests) - before[0] == 200
        assert session.fetcher.requests - before[1] == 200
    polls = site.hits("/feed.xml")[-100:]
    assert all(seen.headers.get("If-None-Match") == '"v1"' for seen in polls)
    dated = site.hits("/dated.xml")[-100:]
    assert all(s.headers.get("If-Modified-Since") == "Fri, 01 Mar 2024 10:00:00 GMT" for s in dated)
    assert len(_titles(settings)) == 2, "nothing indexed again"


def test_reordered_and_redated_items_are_not_new(site: NewsSite, settings: Settings) -> None:
    site.routes["/feed.xml"] = Route(
        _items(site, ["ferry", "bridge", "market"]), "application/rss+xml"
    )
    with FollowSession(settings, _fetcher()) as session:
        _follow(session, site)
        session.run_once()
        redated = ["Mon, 04 Mar 2024 12:00:00 GMT"] * 3
        site.routes["/feed.xml"] = Route(
            _items(site, ["market", "bridge", "ferry"], redated), "application/rss+xml"
        )
        (result,) = session.run_once(force=True)
        assert result.new == 0 and result.report.indexed == 0
    assert all(len(site.hits(f"/news/{name}")) == 1 for name in STORIES)
    assert len(_titles(settings)) == 3


def test_redirects_resolve_to_one_canonical_article(site: NewsSite, settings: Settings) -> None:
    site.routes["/r/ferry"] = Route(status=301, headers={"Location": "/news/ferry?utm_source=rss"})
    site.routes["/news/ferry?utm_source=rss"] = site.routes["/news/ferry"]
    site.routes["/feed.xml"] = Route(
        rss(
            [
                ("a", site.url("/r/ferry"), "Ferry (via redirect)", DATES[0]),
                ("b", site.url("/news/ferry#comments"), "Ferry (fragment)", DATES[0]),
            ]
        ),
        "application/rss+xml",
    )
    with FollowSession(settings, _fetcher()) as session:
        _follow(session, site)
        (result,) = session.run_once()
        assert result.report.indexed == 1
    backend = open_backend(settings)
    try:
        (hit,) = backend.search(SearchRequest()).hits
        assert hit.url == site.url("/news/ferry")
    finally:
        backend.close()


def test_robots_txt_is_obeyed(site: NewsSite, settings: Settings) -> None:
    site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /news/bridge\n", "text/plain")
    bridge_title, bridge_text = STORIES["bridge"]
    site.routes["/feed.xml"] = Route(
        rss(
            [
                ("f", site.url("/news/ferry"), STORIES["ferry"][0], DATES[0]),
                ("b", site.url("/news/bridge"), bridge_title, DATES[0], " ".join(bridge_text)),
            ]
        ),
        "application/rss+xml",
    )
    with FollowSession(settings, _fetcher()) as session:
        _follow(session, site)
        (result,) = session.run_once()
    assert site.hits("/news/bridge") == [], "a disallowed page is never requested"
    assert len(site.hits("/robots.txt")) == 1, "robots.txt is cached"
    # The feed's own summary stands in for the page it may not fetch.
    assert "Swing bridge closed for repairs" in _titles(settings)
    assert result.report.indexed == 2


def test_unreachable_robots_txt_blocks_the_host(site: NewsSite) -> None:
    site.routes["/robots.txt"] = Route(b"down", "text/plain", status=500)
    site.routes["/feed.xml"] = Route(_items(site, ["ferry"]), "application/rss+xml")
    fetcher = _fetcher()
    with pytest.raises(FetchError, match="robots.txt"):
        fetcher.get(site.url("/feed.xml"))
    fetcher.close()
    assert site.hits("/feed.xml") == []


def test_malformed_feeds(site: NewsSite, settings: Settings) -> None:
    broken = _items(site, ["ferry"]).replace(b"</channel>", b"<item><title>x &nbsp; </channel>")
    site.routes["/broken.xml"] = Route(broken, "application/rss+xml")
    site.routes["/junk.xml"] = Route(b"<html><body>Maintenance</body></html>", "text/xml")
    with FollowSession(settings, _fetcher()) as session:
        _follow(session, site, "/broken.xml")
        session.store.add(site.url("/junk.xml"), "feed", 900)
        lenient, junk = session.run_once()
        assert lenient.report.indexed == 1, "a malformed feed is read as far as it goes"
        assert junk.status.startswith("unreadable: not a feed")
        failed = session.store.find(site.url("/junk.xml"))
        assert failed is not None and failed.failures == 1
        assert failed.next_poll_at - time.time() > 900, "a failing source is polled less often"


def test_slow_hanging_and_flaky_servers(site: NewsSite) -> None:
    site.routes["/slow"] = Route(article_page(*STORIES["ferry"]), delay=0.3)
    site.routes["/hang"] = Route(b"never", delay=5)
    site.routes["/trickle"] = Route(b"x" * 20_000, trickle=0.05)
    site.routes["/flaky"] = Route(b"<html>ok</html>", fail_first=2)
    fetcher = _fetcher(total_timeout=0.5)
    fetcher._client.timeout = httpx.Timeout(1.0)  # the test's patience, not the product's
    assert fetcher.get(site.url("/slow")).status == 200
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out") as hung:
        fetcher.get(site.url("/hang"))
    assert hung.value.transient and time.monotonic() - started < 10
    assert len(site.hits("/hang")) == 4, "a timeout is retried three times"
    with pytest.raises(FetchError, match="too slow"):
        fetcher.get(site.url("/trickle"))
    assert fetcher.get(site.url("/flaky")).body == b"<html>ok</html>"
    assert len(site.hits("/flaky")) == 3
    assert fetcher.sleeps[-2:] == [0.0, 0.0], "Retry-After is obeyed"  # type: ignore[attr-defined]
    fetcher.close()


def test_huge_responses_are_cut_off(site: NewsSite) -> None:
    site.routes["/huge"] = Route(b"a" * 300_000)
    site.routes["/huge-chunked"] = Route(b"a" * 300_000, chunked=True)
    site.routes["/gone"] = Route(b"gone", status=404)
    fetcher = _fetcher(max_bytes=100_000)
    with pytest.raises(FetchError, match="declared"):
        fetcher.get(site.url("/huge"))
    with pytest.raises(FetchError, match="larger than 100000 bytes"):
        fetcher.get(site.url("/huge-chunked"))
    with pytest.raises(FetchError, match="HTTP 404") as gone:
        fetcher.get(site.url("/gone"))
    assert not gone.value.transient and len(site.hits("/gone")) == 1, "a 404 is not retried"
    fetcher.close()


def test_requests_to_one_host_are_paced(site: NewsSite) -> None:
    site.routes["/a"] = Route(b"<html>a</html>")
    fetcher = Fetcher(host_interval=0.2)
    started = time.monotonic()
    for _ in range(4):
        fetcher.get(site.url("/a"))
    fetcher.close()
    assert time.monotonic() - started >= 0.6  # robots.txt, then four pages, 0.2 s apart


def test_discovery_front_page_sitemap_and_page(site: NewsSite, settings: Settings) -> None:
    site.routes["/"] = Route(
        b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
        b"</head><body>Front page</body></html>"
    )
    site.routes["/feed.xml"] = Route(_items(site, ["ferry"]), "application/rss+xml")
    site.routes["/sitemap.xml"] = Route(
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>'
        + site.url("/news/market").encode()
        + b"</loc><news:news><news:publication_date>2024-03-02</news:publication_date>"
        b"<news:title>Fish market</news:title></news:news></url></urlset>",
        "application/xml",
    )
    site.routes["/feed.json"] = Route(
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "Wire", "items": '
        b'[{"id": "1", "url": "/news/bridge", "title": "Bridge"}]}',
        "application/feed+json",
    )
    with FollowSession(settings, _fetcher()) as session:
        front = discover(session.fetcher, site.url("/"))
        assert (front.url, front.kind) == (site.url("/feed.xml"), "feed")
        assert discover(session.fetcher, site.url("/sitemap.xml")).kind == "sitemap"
        page = discover(session.fetcher, site.url("/news/bridge"))
        assert page.kind == "page"
        for found in (front, discover(session.fetcher, site.url("/sitemap.xml")), page):
            session.store.add(found.url, found.kind, 900)
        json_feed = discover(session.fetcher, site.url("/feed.json"))
        assert json_feed.kind == "feed" and json_feed.title == "Wire"
        results = session.run_once()
        assert sum(r.report.indexed for r in results) == 3
    assert _titles(settings) == sorted(t for t, _ in STORIES.values())


def test_sitemap_index_reads_its_newest_children(site: NewsSite, settings: Settings) -> None:
    def urlset(*paths: str) -> bytes:
        urls = "".join(f"<url><loc>{site.url(p)}</loc></url>" for p in paths)
        return (
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()
        )

    site.routes["/sitemap-a.xml"] = Route(urlset("/news/ferry"), "application/xml")
    site.routes["/sitemap-b.xml"] = Route(urlset("/news/bridge", "/news/ferry"), "application/xml")
    children = "".join(
        f"<sitemap><loc>{site.url(p)}</loc><lastmod>{d}</lastmod></sitemap>"
        for p, d in (("/sitemap-a.xml", "2024-03-01"), ("/sitemap-b.xml", "2024-03-02"))
    )
    site.routes["/sitemap.xml"] = Route(
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{children}'
        "</sitemapindex>".encode(),
        "application/xml",
    )
    with FollowSession(settings, _fetcher()) as session:
        _follow(session, site, "/sitemap.xml")
        (result,) = session.run_once()
        assert result.report.indexed == 2, "the same page in two child sitemaps counts once"
    assert len(site.hits("/news/ferry")) == 1
