"""Similar ideas appear while someone types a new เอ๊ะ, in a real Chromium under the CSP:
on the full form and in the quick-capture dialog; a hostile title stays text."""

from __future__ import annotations

import pytest

from .helpers import expect, log_in

pytestmark = pytest.mark.browser

HOSTILE = '<img src=x onerror="window.hacked=1"> ภาษีป้ายออนไลน์'


@pytest.fixture
def sign_tax(make_idea):
    return make_idea(
        stage="submitted",
        title=HOSTILE,
        eh_moment="เอ๊ะ ทำไมเจ้าของร้านต้องมาจ่ายภาษีป้ายที่เขตปีละครั้ง ต่อคิวครึ่งวัน",
        process_name="การชำระภาษีป้าย",
    )


def test_the_new_idea_form_suggests_similar_ideas_while_typing(people, sign_tax, new_page):
    page = new_page()
    log_in(page, "staff2")
    page.goto("/ideas/new")
    panel = page.locator("#form-similar-heading").locator("xpath=..")
    expect(panel).to_be_hidden()
    page.fill("#title", "จ่ายภาษีป้ายผ่านแอป")
    page.locator("#eh_moment").press_sequentially("ทำไมต้องต่อคิวจ่ายภาษีป้ายที่เขต", delay=5)
    link = panel.locator("a")
    expect(link).to_have_text(HOSTILE)  # the title as text, never as markup
    assert link.get_attribute("href") == f"/ideas/{sign_tax.ref}"
    assert page.evaluate("window.hacked") is None
    expect(panel.locator(".meta")).to_contain_text("%")


def test_the_quick_dialog_suggests_similar_ideas(people, sign_tax, new_page):
    page = new_page(width=375, height=812)
    log_in(page, "staff2")
    page.goto("/ideas/")
    page.click("[data-quick-open]")
    page.locator("#quick-title-input").press_sequentially("ภาษีป้ายต่อคิวนาน", delay=5)
    page.fill("#quick-eh-input", "เจ้าของร้านต้องมาจ่ายภาษีป้ายที่เขต")
    page.locator("#quick-eh-input").press("End")
    page.locator("#quick-eh-input").press_sequentially(" ทุกปี", delay=5)
    expect(page.locator("#quick-dialog [data-similar] a")).to_have_count(1)
