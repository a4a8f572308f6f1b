"""Browser journeys: Playwright drives the system's Chromium against pytest-django's live server.

No browser is downloaded (never `playwright install`): the tests use the distribution's
Chromium. Without one they are skipped, unless BPO_REQUIRE_BROWSER=1 (CI), which turns
a missing browser into a failure so a broken machine cannot pass by skipping.

Set BPO_CHROMIUM=/path/to/chrome to use another Chromium build, and BPO_SCREENSHOTS=/some/dir
to keep screenshots of the main pages.
"""

import os
import shutil
from pathlib import Path

import pytest

# The sync Playwright API runs an event loop in this thread; Django's ORM refuses to run
# inside one unless told it is safe (it is: the loop only talks to the browser).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> str | None:
    """The browser to drive: BPO_CHROMIUM if set (any Chromium or Chrome), else the system's."""
    override = os.environ.get("BPO_CHROMIUM")
    candidates = (
        [override] if override else ["/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")]
    )
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def browser_required() -> bool:
    return os.environ.get("BPO_REQUIRE_BROWSER", "").strip().lower() in ("1", "true", "yes")


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    if not browser_items or find_chromium():
        return
    where = os.environ.get("BPO_CHROMIUM") or "/usr/bin/chromium or on PATH"
    reason = f"Chromium not found at {where} (apt-get install chromium)"
    if browser_required():
        raise pytest.UsageError(f"BPO_REQUIRE_BROWSER=1 but {reason}: the browser tests cannot run.")
    skip = pytest.mark.skip(reason=f"{reason}; set BPO_REQUIRE_BROWSER=1 to make this an error")
    for item in browser_items:
        item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    executable = find_chromium()
    if executable is None:  # only reached when collection did not skip: fail loudly
        pytest.fail("Chromium is missing (see tests/browser/conftest.py)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class CSPWatch:
    """Collects Content-Security-Policy violations reported on the console of every page."""

    def __init__(self):
        self.violations: list[str] = []
        self.errors: list[str] = []

    def attach(self, page):
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))

    def _on_console(self, msg):
        if msg.type == "error":
            text = msg.text
            self.errors.append(text)
            if "Content Security Policy" in text:
                self.violations.append(f"{msg.location.get('url', '')}: {text}")


@pytest.fixture
def csp_watch():
    return CSPWatch()


@pytest.fixture
def new_page(browser, live_server, csp_watch):
    """A factory for pages in fresh browser contexts (own cookies) on the live server.

    Every page reports console errors to `csp_watch`; a CSP violation on any of them fails
    the test at teardown, so no journey has to remember to check.
    """
    contexts = []

    def make(locale="en-US"):
        context = browser.new_context(base_url=live_server.url, locale=locale, accept_downloads=True)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        csp_watch.attach(page)
        return page

    yield make
    for context in contexts:
        context.close()
    assert csp_watch.violations == [], "Content-Security-Policy violations:\n" + "\n".join(csp_watch.violations)


@pytest.fixture
def page(new_page):
    return new_page()


def sign_in(page, path, username, password):
    """Fills a login form (staff or portal) and submits it, waiting for the next page."""
    page.goto(path)
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("form.form button[type=submit]").click()


def screenshot(page, name):
    folder = os.environ.get("BPO_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
