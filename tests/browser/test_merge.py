"""Merging a duplicate in a real Chromium, on a phone: the supervisor types a wrong
reference (told on the field), then the right one; the merged idea shows where it went and
the survivor which duplicate it took in. Screenshots are kept in test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import expect, log_in

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1, page.url


def test_a_supervisor_merges_a_duplicate_on_a_phone(people, make_idea, new_page):
    duplicate = make_idea(
        author="staff1", stage="submitted", title="ขอคัดสำเนาทะเบียนบ้าน ออนไลน์ ไม่ต้องมาเขต"
    )
    survivor = make_idea(
        author="staff2", stage="approved", title="คัดสำเนาทะเบียนบ้านผ่าน e-Service ภายใน 15 นาที"
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = new_page(width=375, height=800)
    log_in(page, "supervisor1", lang="en")
    page.goto(f"/ideas/{duplicate.ref}")
    form = page.locator("form.transition", has=page.locator("input[name=into]"))
    field = form.locator("input[name=into]")
    expect(field).to_have_attribute("placeholder", "IDEA-2569-00042")

    field.fill("IDEA-2569-99999")
    form.locator("button[type=submit]").click()
    form = page.locator("form.transition", has=page.locator("input[name=into]"))
    expect(form.locator(".field-error")).to_have_text(
        "No idea has the reference “IDEA-2569-99999”."
    )
    expect(form.locator("input[name=into]")).to_have_value("IDEA-2569-99999")
    page.screenshot(path=str(SCREENSHOTS / "merge-refused-phone.png"), full_page=True)
    no_sideways_scroll(page)

    form.locator("input[name=into]").fill(survivor.ref)
    form.locator("textarea[name=note]").fill("ซ้ำกับ e-Service ของฝ่ายทะเบียน")
    form.locator("button[type=submit]").click()
    banner = page.locator(".merge-note")
    expect(banner).to_contain_text("This idea was merged into another idea")
    expect(banner.locator("a")).to_have_attribute("href", f"/ideas/{survivor.ref}")
    page.screenshot(path=str(SCREENSHOTS / "merged-phone.png"), full_page=True)
    no_sideways_scroll(page)

    banner.locator("a").click()
    expect(page.locator(".merged-in a")).to_have_attribute("href", f"/ideas/{duplicate.ref}")
    expect(page.locator(".timeline")).to_contain_text("Merged a duplicate in")
    page.screenshot(path=str(SCREENSHOTS / "survivor-phone.png"), full_page=True)
    no_sideways_scroll(page)
