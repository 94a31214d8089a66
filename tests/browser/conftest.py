"""Browser fixtures: one Chromium per session, and a fresh browser context (cookies,
viewport, JavaScript on or off) per test, talking to ``live_server`` (tests/fixtures/live.py).

Browser tests run on SQLite only; with ``--db=postgres`` they are skipped before any fixture
(and so any database) is set up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    if config.getoption("--db") != "postgres":
        return
    skip = pytest.mark.skip(reason="browser tests run on SQLite only (--db=postgres given)")
    for item in items:
        if HERE in Path(item.fspath).parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


# Runs in every page before its own scripts: report each CSP violation to the test.
RECORD_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline code"} ` +
    `at ${event.sourceFile || event.documentURI}:${event.lineNumber}` +
    (event.sample ? ` (${event.sample})` : "")
  );
});
"""


@pytest.fixture
def browser_problems():
    """What went wrong in this test's pages: console errors, uncaught exceptions and
    Content-Security-Policy violations. Any left at the end fail the test; a test that
    provokes one on purpose asserts it and clears the list."""
    problems: list[str] = []
    yield problems
    if problems:
        pytest.fail("the browser reported problems:\n  " + "\n  ".join(problems), pytrace=False)


def watch(page, problems: list[str]) -> None:
    """Collect the page's problems into ``problems``.

    A form answered with an error status (a 422 re-render, a 404 page) is an expected page,
    not a problem: Chromium's "Failed to load resource" line for a document is ignored, for
    anything the page loads (CSS, script, font, fetch) it counts.
    """
    documents: set[str] = set()

    def on_response(response):
        if response.request.resource_type == "document":
            documents.add(response.url)

    def on_console(message):
        if message.type != "error":
            return
        failed_document = message.text.startswith("Failed to load resource") and (
            message.location.get("url") in documents
        )
        if not failed_document:
            problems.append(f"console error on {page.url}: {message.text}")

    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"uncaught error on {page.url}: {error}"))


@pytest.fixture
def new_page(browser, live_server, browser_problems):
    """new_page(width=1280, height=900, javascript=True) → a page in a fresh context whose
    relative URLs go to the live server. Contexts are closed after the test; console errors,
    uncaught exceptions and CSP violations in them fail it (see ``browser_problems``)."""
    contexts = []

    def open_page(width=1280, height=900, javascript=True):
        context = browser.new_context(
            base_url=live_server,
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
            locale="th-TH",
            timezone_id="Asia/Bangkok",
        )
        context.set_default_timeout(10_000)
        context.expose_binding(
            "reportCspViolation",
            lambda source, text: browser_problems.append(
                f"CSP violation on {source['page'].url}: {text}"
            ),
        )
        context.add_init_script(RECORD_CSP_VIOLATIONS)
        context.on("page", lambda page: watch(page, browser_problems))  # popups included
        contexts.append((context, javascript))
        return context.new_page()

    yield open_page
    for context, javascript in contexts:
        for page in context.pages if javascript else ():
            # let violation events queued by the last action reach the test
            page.evaluate("() => new Promise((done) => setTimeout(done, 0))")
        context.close()
