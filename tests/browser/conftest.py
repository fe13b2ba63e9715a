"""A live Newsdesk server in a thread and a headless Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Dialog, Page, sync_playwright

from indexer.config import Settings
from tests.browser.serving import served, webapp_corpus
from tests.shared_data import missing

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Flags for a sandboxless container without network: nothing may be fetched at run time.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Recorded before any page script runs: a CSP violation means markup got through escaping
# and only the policy stopped it, which is a failure too.
_WATCH_SCRIPT = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""


# The development server the browser tests use can leave a static file's handle to the
# garbage collector when Chromium abandons the request as a page closes (seen once, for
# favicon.svg answered 304 while a page closed, in a CI run). Only that warning is ignored,
# and only in the browser tests: any other unclosed file still fails.
_ABANDONED_STATIC = (
    "ignore:Exception ignored in. <_io.FileIO name='[^']*webapp/static/"
    ":pytest.PytestUnraisableExceptionWarning"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    browser_tests = Path(__file__).resolve().parent
    for item in items:
        if browser_tests in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.filterwarnings(_ABANDONED_STATIC))


def _chromium() -> str:
    path = os.environ.get("NEWSDESK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        missing(f"headless Chromium not found at {path} (apt-get install chromium)")
    return path


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app serving the test corpus and the hostile articles."""
    corpus = webapp_corpus("webcorpus")
    settings = Settings(data_dir=tmp_path_factory.mktemp("browser-data"), ner=False, workers=1)
    corpus.build_index(settings, corpus.corpus() + corpus.hostile())
    with served(settings) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    executable = _chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def dialogs() -> list[str]:
    """Messages of every alert/confirm/prompt a page opened during the test."""
    return []


def _new_page(
    browser: Browser, viewport: dict[str, int], dialogs: list[str]
) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport=viewport, accept_downloads=True)  # type: ignore[arg-type]
    context.add_init_script(_WATCH_SCRIPT)
    page = context.new_page()
    page.set_default_timeout(10_000)

    def _dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", _dialog)
    return context, page


@pytest.fixture
def page(browser: Browser, dialogs: list[str]) -> Iterator[Page]:
    """A desktop-sized page."""
    context, page = _new_page(browser, DESKTOP, dialogs)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser: Browser, dialogs: list[str]) -> Iterator[Page]:
    """A phone-sized page."""
    context, page = _new_page(browser, PHONE, dialogs)
    yield page
    context.close()


@pytest.fixture
def screenshot() -> Callable[[Page, str], Path]:
    """Save a full-page screenshot under test-artifacts/ (gitignored) for people to look at."""

    def _save(page: Page, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _save
