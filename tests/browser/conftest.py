"""Browser fixtures: the session app served on a real port, one Chromium per session, and a
fresh browser context (cookies, viewport, JavaScript on or off) per test.

Browser tests run on SQLite only; with ``--db=postgres`` they are skipped before any fixture
(and so any database) is set up.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

CHROMIUM = "/usr/bin/chromium"
HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    if config.getoption("--db") != "postgres":
        return
    skip = pytest.mark.skip(reason="browser tests run on SQLite only (--db=postgres given)")
    for item in items:
        if HERE in Path(item.fspath).parents:
            item.add_marker(skip)


class QuietHandler(WSGIRequestHandler):
    """Serve without a log line per request; errors are still logged."""

    def log_request(self, code="-", size="-"):
        pass


@pytest.fixture(scope="session")
def live_server(app):
    """The session app on 127.0.0.1 and a free port; yields its base URL.

    Each request runs in its own thread with its own app context; tests build their data
    with the (committing) factories first, then drive the browser.
    """
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


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


@pytest.fixture
def new_page(browser, live_server):
    """new_page(width=1280, height=900, javascript=True) → a page in a fresh context whose
    relative URLs go to the live server. Contexts are closed after the test."""
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
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
