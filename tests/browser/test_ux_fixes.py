"""Issue 5 §7 in a real Chromium: a pasted quick title cut at 200 characters is announced,
the title counts its characters, and warnings no longer look like success."""

from __future__ import annotations

import re

import pytest

from .helpers import expect, log_in

pytestmark = pytest.mark.browser

LONG_TITLE = "ขอสำเนาทะเบียนบ้านได้ที่ช่องเดียว ไม่ต้องเดินไป 3 ช่อง (BMA OSS) " * 4


def watch_console(page) -> list[str]:
    """Script errors and console errors, except Chromium's note that a page answered 422
    (the list answers 422 when a filter is not valid, and still shows the list)."""
    problems = []

    def on_console(message):
        if message.type == "error" and "status of 422" not in message.text:
            problems.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def paste(page, selector: str, text: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    page.focus(selector)
    page.keyboard.press("Control+V")


def test_a_pasted_title_cut_at_the_limit_is_announced_in_the_dialog(people, new_page):
    assert len(LONG_TITLE) > 200
    page = new_page()
    problems = watch_console(page)
    log_in(page, lang="en")
    page.click("[data-quick-open]")
    dialog = page.locator("#quick-dialog")
    expect(dialog).to_be_visible()
    counter = dialog.locator("[data-char-count]")
    note = dialog.locator("[data-cut-note]")
    expect(counter).to_have_text("0 of 200 characters")
    expect(note).to_have_text("")

    paste(page, "#quick-title-input", LONG_TITLE)
    expect(page.locator("#quick-title-input")).to_have_value(LONG_TITLE[:200])
    expect(counter).to_have_text("200 of 200 characters")
    expect(note).to_be_visible()
    expect(note).to_have_text(
        f"The pasted text was longer than 200 characters, so the last {len(LONG_TITLE) - 200} "
        "characters were left out. Shorten the title, and put the details in the เอ๊ะ moment."
    )

    # typing counts too, and a paste that fits clears the note
    page.fill("#quick-title-input", "")
    paste(page, "#quick-title-input", "เอ๊ะ ทำไมต้องถ่ายสำเนาบัตร")
    expect(counter).to_have_text("26 of 200 characters")
    expect(note).to_have_text("")
    assert problems == []


def test_the_quick_page_counts_too(people, new_page):
    page = new_page()
    log_in(page, lang="en")
    page.goto("/ideas/quick")
    page.locator("main input[name=title]").press_sequentially("ขอคิวออนไลน์")
    expect(page.locator("main [data-char-count]")).to_have_text("12 of 200 characters")


def background(locator) -> str:
    return locator.evaluate("element => getComputedStyle(element).backgroundColor")


def test_a_warning_does_not_look_like_success(people, new_page):
    page = new_page()
    problems = watch_console(page)
    log_in(page, lang="en")
    page.goto("/ideas/?fy=2026")
    warning = page.locator(".flash-box.kind-warn")
    expect(warning).to_be_visible()
    expect(warning.locator(".flash-kind")).to_have_text("Warning:")
    expect(warning).to_contain_text("The filter “Fiscal year” does not accept “2026”")
    warn_colour = background(warning)
    warn_icon = warning.evaluate("e => getComputedStyle(e, '::before').content")

    page.goto("/ideas/quick")
    page.fill("main input[name=title]", "ขอคิวออนไลน์ที่ฝ่ายทะเบียน")
    page.fill("main textarea[name=eh_moment]", "เอ๊ะ ทำไมต้องมารอคิวตั้งแต่ตีห้า")
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(r"/ideas/IDEA-"))
    success = page.locator(".flash-box.kind-ok")
    expect(success.locator(".flash-kind")).to_have_text("Done:")
    assert background(success) != warn_colour
    assert success.evaluate("e => getComputedStyle(e, '::before').content") != warn_icon
    assert problems == []
