"""Issue 7, Accounts, in a real Chromium at 375×812 and 1280×800: from the account menu to my
account, a token made and shown once, then revoked; a refused password change shows why on
the field, an accepted one logs my other browser out. Screenshots: /tmp/shots/account-*.png."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fixtures.people import PASSWORD

from .helpers import expect, log_in

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots")
NEW_PASSWORD = "ม้าลายกินข้าวมันไก่ 2 จานที่สะพานควาย"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"account-{name}.png"), full_page=True)


def open_my_account(page, width: int) -> None:
    if width < 721:
        page.click(".navmenu-button")
    page.click(".account-menu > summary")
    page.get_by_role("link", name="My account").click()
    expect(page).to_have_url(re.compile(r"/account$"))


@pytest.mark.parametrize(("width", "height"), [(375, 812), (1280, 800)])
def test_my_account_tokens_and_password(new_page, people, width, height):
    other = new_page(width=1280, height=800)  # my desk computer, logged in before
    log_in(other, lang="en")
    page = new_page(width=width, height=height)
    log_in(page, lang="en")
    open_my_account(page, width)
    expect(page.locator("h2#who-heading")).to_have_text("นายสมชาย ใจดี")
    expect(page.locator(".facts")).to_contain_text(
        "Civil Registration Section · Phra Nakhon District Office"
    )

    # a token, shown once
    page.fill("input[name=name]", "รายงาน KPI ประจำเดือน (Power BI)")
    page.click("form.token-create button[type=submit]")
    token_box = page.locator(".new-token input")
    expect(token_box).to_be_visible()
    token = token_box.input_value()
    assert len(token) > 30
    token_box.click()
    assert (
        page.evaluate(
            "window.getSelection().toString() || document.activeElement.value.substring(document.activeElement.selectionStart, document.activeElement.selectionEnd)"
        )
        == token
    )
    expect(page.locator("table.tokens tbody tr")).to_have_count(1)
    shot(page, f"token-{width}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.goto("/account")
    expect(page.locator(".new-token")).to_have_count(0)
    page.locator("table.tokens button.danger").click()
    expect(page.locator(".flash-box.kind-ok")).to_contain_text("no longer works")
    expect(page.locator("table.tokens")).to_have_count(0)

    # a refused change: the reason is on the field, and the focus goes to what went wrong
    page.fill("input[name=current_password]", PASSWORD)
    page.fill("input[name=new_password]", "staff1-ปลอดภัยมาก")
    page.fill("input[name=new_password_again]", "staff1-ปลอดภัยมาก")
    page.click("#password button[type=submit]")
    error = page.locator("#new_password-error")
    expect(error).to_contain_text("username")
    expect(page.locator("input[name=new_password]")).to_be_focused()
    expect(page.locator("input[name=new_password]")).to_have_value("")  # never sent back
    shot(page, f"password-refused-{width}")

    page.fill("input[name=current_password]", PASSWORD)
    page.fill("input[name=new_password]", NEW_PASSWORD)
    page.fill("input[name=new_password_again]", NEW_PASSWORD)
    page.click("#password button[type=submit]")
    expect(page.locator(".flash-box.kind-ok")).to_contain_text("Your password is changed")
    shot(page, f"changed-{width}")
    page.goto("/ideas/")
    expect(page).to_have_url(re.compile(r"/ideas/$"))  # still logged in here

    other.goto("/ideas/")
    expect(other).to_have_url(re.compile(r"/login"))  # the other browser is logged out
