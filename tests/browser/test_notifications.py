"""Notifications in a real Chromium: staff1 submits an idea from its page; supervisor1 sees
the bell's count on the top bar, opens the list, follows the notification to the idea
(which marks it read), and on a phone marks another read with its button. Screenshots at
1280×800 and 375×812 go to /tmp/shots/notify-*.png."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import expect, log_in

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots")
TITLE = "ขอสำเนาทะเบียนบ้านได้ในจุดเดียว ลดจาก 5 เหลือ 3 ขั้นตอน"


def press(page, action: str) -> None:
    """Press a stage button, whichever way the idea page lays its forms out."""
    button = page.locator(f"button[name=action][value={action}]")
    if button.count():
        button.first.click()
        return
    form = page.locator("form.transition", has=page.locator(f"input[name=action][value={action}]"))
    form.locator("button[type=submit]").click()


def no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, page.url


def test_a_supervisor_is_told_of_a_submission_and_follows_it(people, make_idea, new_page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    idea = make_idea(author="staff1", stage="draft", coauthors=["staff2"], title=TITLE)

    staff1 = new_page(width=1280, height=800)
    log_in(staff1, "staff1")
    staff1.goto(f"/ideas/{idea.ref}")
    press(staff1, "submit")
    expect(staff1.locator(".flash-box")).to_be_visible()
    expect(staff1.locator("[data-bell-count]")).to_have_count(0)  # nothing for the actor

    supervisor = new_page(width=1280, height=800)
    log_in(supervisor, "supervisor1")
    bell = supervisor.locator(".topbar a[data-bell]")
    expect(bell.locator("[data-bell-count]")).to_have_text("1 ยังไม่ได้อ่าน")
    supervisor.screenshot(path=str(SHOTS / "notify-bell-desktop.png"))

    bell.click()
    supervisor.wait_for_url("**/notifications")
    item = supervisor.locator(".notice-list li").first
    expect(item).to_have_class("notice unread")
    expect(item.locator(".notice-what")).to_contain_text("นายสมชาย ใจดี ส่งไอเดียให้คุณพิจารณา")
    expect(item.locator(".notice-new")).to_have_text("ใหม่")
    supervisor.screenshot(path=str(SHOTS / "notify-list-desktop.png"), full_page=True)
    no_sideways_scroll(supervisor, 1280)

    item.locator("a.notice-link").click()
    expect(supervisor.locator("h1")).to_contain_text(TITLE)
    assert supervisor.url.endswith(f"/ideas/{idea.ref}")
    expect(supervisor.locator("[data-bell-count]")).to_have_count(0)  # marked read
    supervisor.goto("/notifications")
    expect(supervisor.locator(".notice-list li").first).to_have_class("notice")


def test_on_a_phone_a_notification_is_marked_read_with_its_button(people, make_idea, new_page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    first = make_idea(author="staff1", stage="submitted", title=TITLE)
    second = make_idea(
        author="staff2", stage="submitted", title="จองคิวทำบัตรประชาชนผ่าน LINE OA ได้ 24 ชม."
    )
    phone = new_page(width=375, height=812)
    log_in(phone, "supervisor1")
    expect(phone.locator("[data-bell-count]")).to_have_text("2 ยังไม่ได้อ่าน")
    phone.screenshot(path=str(SHOTS / "notify-bell-phone.png"))
    no_sideways_scroll(phone, 375)

    phone.locator(".topbar a[data-bell]").click()
    items = phone.locator(".notice-list li")
    expect(items).to_have_count(2)
    expect(items.nth(0).locator("a.notice-link")).to_contain_text(second.ref)
    phone.screenshot(path=str(SHOTS / "notify-list-phone.png"), full_page=True)
    no_sideways_scroll(phone, 375)

    items.nth(1).locator(".notice-mark button").click()
    expect(phone.locator("[data-bell-count]")).to_have_text("1 ยังไม่ได้อ่าน")
    expect(phone.locator(".notice-list li").nth(1)).to_have_class("notice")
    expect(phone.locator(".notice-list li").nth(1).locator("a.notice-link")).to_contain_text(
        first.ref
    )
    phone.locator("form[action='/notifications/read-all'] button").click()
    expect(phone.locator("[data-bell-count]")).to_have_count(0)
    phone.goto("/notifications?lang=en")
    expect(phone.locator("h1")).to_have_text("Notifications")
    phone.screenshot(path=str(SHOTS / "notify-list-read-phone-en.png"), full_page=True)
    no_sideways_scroll(phone, 375)

    phone.goto("/notifications/settings?lang=en")
    phone.screenshot(path=str(SHOTS / "notify-settings-phone-en.png"), full_page=True)
    no_sideways_scroll(phone, 375)
