"""Small processed articles we wrote, for saved-search and alert tests (no pipeline needed)."""

from __future__ import annotations

from indexer.config import Settings
from indexer.model import Article
from indexer.search import open_backend


def story(
    slug: str, title: str, body: str, published: str = "2024-03-01T09:00:00+00:00"
) -> Article:
    """An already-cleaned English article."""
    return Article(
        id=f"live-{slug}",
        path=f"live/{slug}",
        url=f"https://wire.example/{slug}",
        source="wire.example",
        title=title,
        body=body,
        language="en",
        language_confidence=1.0,
        published_at=published,
        published_at_source="input",
    )


FERRY = story("ferry", "Ferry to Norden resumes", "The harbour ferry to Norden runs again.")
BRIDGE = story("bridge", "Swing bridge closed", "The harbour bridge closes for three weeks.")
MARKET = story("market", "Fish market moves", "The fish market moves to the north quay.")
FERRY_FARES = story("fares", "Ferry fares rise", "Ferry tickets to Norden cost more from May.")
CHESS = story("chess", "Chess club wins", "The town chess club won the county final.")


def add(settings: Settings, *articles: Article) -> None:
    """Index `articles` into the embedded index of `settings` and make them visible."""
    backend = open_backend(settings)
    try:
        backend.create_index()
        report = backend.index(list(articles))
        assert report.indexed == len(articles), report.failures
        backend.refresh()
    finally:
        backend.close()
