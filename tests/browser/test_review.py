"""supervisor1's review queue in a real Chromium, at desktop and phone width: the count on
the top bar, the queue (a resubmission with what changed), the idea, a note typed once in
the one note box, refused without it, then the idea returned. Screenshots go to
/tmp/shots/review-*.png."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures import app_context

from ideaboard.extensions import db
from ideaboard.ideas.operations import idea_by_ref, update_idea
from ideaboard.people.operations import user_by_username
from ideaboard.workflow.operations import transition

from .helpers import expect, log_in, open_menu

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots")
SIZES = {"desktop": (1280, 800), "phone": (375, 812)}
NOTE = "ขอตัวเลขเวลารอจริงจากระบบคิว Q-Matic ช่วง ต.ค.–ธ.ค. 2568 ประกอบการพิจารณา"


def no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, page.url


@pytest.fixture
def waiting(app, make_idea):
    """Two ideas of ฝ่ายทะเบียน waiting for supervisor1: a new one, and one returned,
    revised and sent again."""
    new = make_idea(author="staff1", stage="submitted", title="นัดคิวรับเอกสารผ่าน LINE OA")
    again = make_idea(author="staff2", stage="returned", title="ลดการถ่ายสำเนาบัตร 2 ชุด")
    with app_context(app):
        idea, staff2 = idea_by_ref(again.ref), user_by_username("staff2")
        update_idea(idea, staff2, {"title": "เลิกถ่ายสำเนาบัตร อ่านชิป smart card แทน"}, idea.version)
        transition(idea, staff2, "submit", version=idea.version)
        db.session.commit()
    return new.ref, again.ref


@pytest.mark.parametrize("size", SIZES)
def test_supervisor1_works_through_the_queue(waiting, new_page, db_session, size):
    new, again = waiting
    width, height = SIZES[size]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = new_page(width=width, height=height)
    log_in(page, "supervisor1")

    if width < 700:  # the count shows on the folded menu's button too
        expect(page.locator("[data-menu-review-count]")).to_contain_text("2")
    open_menu(page)
    link = page.locator(".mainnav a.review-link")
    expect(link).to_have_text("รอพิจารณา (2)")
    link.click()
    expect(page).to_have_url(f"{page.url.split('/review')[0]}/review")
    expect(page.locator("h1")).to_have_text("ข้อเสนอรอคุณพิจารณา")
    items = page.locator("li[data-queue-item]")
    expect(items).to_have_count(2)
    resubmitted = page.locator(f"li[data-queue-item='{again}']")
    expect(resubmitted.locator(".badge")).to_have_text("ส่งใหม่หลังแก้ไข")
    expect(resubmitted.locator("ins")).to_have_text("เลิกถ่ายสำเนาบัตร อ่านชิป smart card แทน")
    expect(items.first.locator(".waiting-days")).to_have_text("ส่งมาวันนี้")
    page.screenshot(path=str(SHOTS / f"review-queue-{size}.png"), full_page=True)
    no_sideways_scroll(page, width)

    page.locator(f"li[data-queue-item='{new}'] a.button").click()
    expect(page).to_have_url(f"{page.url.split('/ideas/')[0]}/ideas/{new}")
    form = page.locator("form[data-decision]")
    expect(form.locator("textarea[name=note]")).to_have_count(1)
    expect(form.locator("button[name=action]")).to_have_text(["อนุมัติ", "ส่งกลับแก้ไข", "ไม่อนุมัติ"])
    form.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"review-decide-{size}.png"), full_page=True)
    no_sideways_scroll(page, width)

    # returning without a reason is refused on the note box itself
    form.locator("button[value=return]").click()
    form = page.locator("form[data-decision]")
    expect(form.locator(".field-error")).to_have_text("กรุณาระบุเหตุผล ผู้เสนอจะได้เห็นข้อความนี้")
    expect(form.locator("textarea[name=note]")).to_have_attribute("aria-invalid", "true")
    expect(form.locator("textarea[name=note]")).to_be_focused()  # no hunting down the page
    page.screenshot(path=str(SHOTS / f"review-refused-{size}.png"), full_page=True)

    # typed once, sent with the button chosen
    form.locator("textarea[name=note]").fill(NOTE)
    form.locator("button[value=return]").click()
    expect(page.locator(".flash-ok")).to_contain_text("ส่งกลับแก้ไข")
    expect(page.locator(".return-note")).to_contain_text(NOTE)
    expect(page.locator(".mainnav a.review-link")).to_have_text("รอพิจารณา (1)")
    page.screenshot(path=str(SHOTS / f"review-returned-{size}.png"), full_page=True)
    no_sideways_scroll(page, width)
    with db_session() as session:
        idea = idea_by_ref(new)
        assert idea.stage == "returned" and idea.events[-1].note == NOTE
        session.rollback()
