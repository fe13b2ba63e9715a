"""Cleaning CPU time on the tgnews pages, by evidence mode, and the language stage after it.

CPU time of this process (time.process_time), not wall time: on a shared machine the wall
clock measures the neighbours too.

python -m bench.extraction_bench   # prints these figures at its end
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from bench.extraction_data import DATA
from indexer.config import EvidenceMode, Settings
from indexer.context import Context
from indexer.errors import NewsdeskError
from indexer.model import Article
from indexer.stages.clean import clean_article
from indexer.stages.language import detect_language

TGNEWS = DATA / "html-multilingual" / "tgnews"
WARM_UP_HTML = (
    "<html><body><p>A short warm-up paragraph, so that models load before the clock starts."
    "</p></body></html>"
)


class Speed(NamedTuple):
    """CPU ms per page on the tgnews pages for one evidence mode."""

    mode: str
    pages: int
    clean_ms: float
    language_ms: float | None


def time_tgnews(limit: int | None, mode: EvidenceMode) -> Speed:
    """clean_article (and then the language stage, warm) on tgnews HTML, one process."""
    files = sorted(TGNEWS.glob("*.html"))[:limit]
    pages = [(path.name, path.read_text(encoding="utf-8", errors="replace")) for path in files]
    with tempfile.TemporaryDirectory() as data_dir:
        settings = Settings(data_dir=Path(data_dir), workers=1, cleaning_evidence=mode)
        with Context(settings) as ctx:
            warm = clean_article(Article(id="warm-up", path="-", html=WARM_UP_HTML), ctx)
            detect_language(warm, ctx)
            started = time.process_time()
            cleaned = []
            for name, html in pages:
                try:
                    cleaned.append(clean_article(Article(id=name, path=name, html=html), ctx))
                except NewsdeskError:
                    continue
            clean_ms = 1000 * (time.process_time() - started) / max(1, len(pages))
            if mode != "never":
                return Speed(mode, len(pages), clean_ms, None)
            # lingua loads each language's model on first use: the second pass is a long ingest.
            for article in cleaned:
                detect_language(article, ctx)
            started = time.process_time()
            for article in cleaned:
                detect_language(article, ctx)
            language_ms = 1000 * (time.process_time() - started) / max(1, len(pages))
    return Speed(mode, len(pages), clean_ms, language_ms)
