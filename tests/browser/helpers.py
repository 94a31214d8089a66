"""What every browser test module starts with: skip (with the reason) when Chromium or
Playwright is missing, ``expect``, and logging in through the real form."""

from __future__ import annotations

import os

import pytest
from fixtures.people import PASSWORD

from .conftest import CHROMIUM

if not os.path.exists(CHROMIUM):
    pytest.skip(
        f"browser tests need Chromium at {CHROMIUM} (run `make chromium`)",
        allow_module_level=True,
    )
pytest.importorskip(
    "playwright.sync_api", reason="browser tests need playwright (pip install -e '.[dev]')"
)

from playwright.sync_api import expect  # noqa: E402


def log_in(page, username: str = "staff1", *, lang: str | None = None) -> None:
    """Log in through /login and wait until the page's deferred scripts are wired."""
    page.goto(f"/login?lang={lang}" if lang else "/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    expect(page.locator(".topbar .who")).to_be_attached()  # in the menu on a phone
    page.wait_for_load_state("load")


def open_menu(page) -> None:
    """On a phone the top bar's links fold into Menu: open it (nothing to do on a wide
    screen, where the menu's content sits on the bar)."""
    button = page.locator(".navmenu-button")
    if button.is_visible() and page.locator(".navmenu[open]").count() == 0:
        button.click()


__all__ = ["PASSWORD", "expect", "log_in", "open_menu"]
