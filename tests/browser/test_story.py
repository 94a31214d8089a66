"""The เอ๊ะ story in a real Chromium: log an idea with its two step lists, capture one from
the เอ๊ะ button on a phone, fill the form with JavaScript switched off, and keep screenshots
of the pages a person actually sees."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from .helpers import expect, log_in

pytestmark = pytest.mark.browser

IDEA_URL = re.compile(r"/ideas/IDEA-25\d\d-\d{5}$")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

# (description, actor, work minutes, wait minutes, citizen present)
BUILDING_PERMIT_TODAY = [
    ("ประชาชนกดบัตรคิวที่ตู้ Q-Matic หน้าสำนักงานเขต", "citizen", 1, 15, True),
    ("ยื่นคำร้องขออนุญาตก่อสร้าง (แบบ ข.1) ที่ช่อง 2", "citizen", 5, 10, True),
    ("เจ้าหน้าที่ถ่ายสำเนาบัตรประชาชน 2 ชุดและโฉนด", "staff", 4, 0, False),
    ("ส่งแฟ้มให้ฝ่ายโยธาตรวจแบบแปลน", "other_unit", 30, 120, False),
    ("ประชาชนกลับมารับใบอนุญาตที่ช่อง 4", "citizen", 3, 20, True),
]
BUILDING_PERMIT_PROPOSED = [
    ("ยื่นคำร้องออนไลน์ผ่าน BMA OSS พร้อมแนบแบบ PDF", "citizen", 10, 0, False),
    ("ฝ่ายโยธาตรวจแบบแปลนในระบบเดียวกัน", "other_unit", 25, 60, False),
    ("ส่งใบอนุญาตทางอีเมลเป็น e-Permit", "staff", 2, 0, False),
]
ANNUAL_VOLUME = 12_000
FORM = "[data-idea-form]"  # the quick-capture dialog has a title and เอ๊ะ field too


def step_rows(page, list_name):
    return page.locator(f"[data-steps={list_name}] [data-step-list] > [data-step-row]")


def add_step(page, list_name):
    page.click(f"[data-steps={list_name}] [data-step-add]")


def fill_step(row, step):
    description, actor, work, wait, present = step
    row.locator("input[name$='-description']").fill(description)
    row.locator("select[name$='-actor']").select_option(actor)
    row.locator("input[name$='-work_minutes']").fill(str(work))
    row.locator("input[name$='-wait_minutes']").fill(str(wait))
    row.locator("input[name$='-citizen_present']").set_checked(present)


def descriptions(row_locator):
    return [
        row_locator.nth(i).locator("input[name$='-description']").input_value()
        for i in range(row_locator.count())
    ]


def minutes(steps):
    return sum(work + wait for _, _, work, wait, _ in steps)


def test_log_full_idea_with_javascript(people, new_page, db_session):
    from ideaboard.ideas.models import Idea

    page = new_page()
    log_in(page)
    page.goto("/ideas/new")
    page.fill(f"{FORM} input[name=title]", "ขออนุญาตก่อสร้างออนไลน์ ไม่ต้องมาเขต 2 รอบ")
    page.fill(
        f"{FORM} textarea[name=eh_moment]",
        "เอ๊ะ ทำไมประชาชนต้องมาสำนักงานเขต 2 ครั้ง ทั้งที่แบบแปลนส่งเป็น PDF ได้ตั้งแต่ปี 2567",
    )
    page.fill(f"{FORM} input[name=process_name]", "การขออนุญาตก่อสร้างอาคาร (ข.1)")
    page.fill(f"{FORM} input[name=service]", "งานโยธา")
    page.select_option(f"{FORM} select[name=category]", "process")

    # Today's five steps, typed with the 3rd and 4th the wrong way round, then fixed with ↑.
    current = step_rows(page, "current_steps")
    expect(current).to_have_count(1)
    for _ in range(4):
        add_step(page, "current_steps")
    expect(current).to_have_count(5)
    typed = [BUILDING_PERMIT_TODAY[i] for i in (0, 1, 3, 2, 4)]
    for index, step in enumerate(typed):
        fill_step(current.nth(index), step)
    current.nth(3).locator("[data-step-up]").click()
    assert descriptions(current) == [d for d, *_ in BUILDING_PERMIT_TODAY]
    positions = [current.nth(i).locator(".step-position").input_value() for i in range(5)]
    assert positions == ["1", "2", "3", "4", "5"]

    # The proposed steps: a mistaken row is removed with ✕, then the list grows again.
    proposed = step_rows(page, "proposed_steps")
    fill_step(proposed.nth(0), BUILDING_PERMIT_PROPOSED[0])
    add_step(page, "proposed_steps")
    fill_step(proposed.nth(1), ("แถวนี้พิมพ์ผิด ต้องลบทิ้ง", "staff", 99, 99, True))
    add_step(page, "proposed_steps")
    fill_step(proposed.nth(2), BUILDING_PERMIT_PROPOSED[1])
    proposed.nth(1).locator("[data-step-remove]").click()
    expect(proposed).to_have_count(2)
    add_step(page, "proposed_steps")
    expect(proposed).to_have_count(3)
    fill_step(proposed.nth(2), BUILDING_PERMIT_PROPOSED[2])
    assert descriptions(proposed) == [d for d, *_ in BUILDING_PERMIT_PROPOSED]

    page.fill(f"{FORM} input[name=annual_volume]", "12,000")
    page.check(f"{FORM} input[name=stakeholders][value=citizens]")
    page.check(f"{FORM} input[name=stakeholders][value=other_units]")
    page.click(f"{FORM} button[name=save].primary")

    expect(page).to_have_url(IDEA_URL)
    expect(page.locator(".flash-ok")).to_be_visible()
    ref = page.locator(".idea-head .ref").inner_text()
    assert re.fullmatch(r"IDEA-25\d\d-\d{5}", ref)
    assert page.url.endswith("/ideas/" + ref)
    expect(page.locator("h1")).to_have_text("ขออนุญาตก่อสร้างออนไลน์ ไม่ต้องมาเขต 2 รอบ")

    impact = page.locator("[data-impact]")
    before, after = minutes(BUILDING_PERMIT_TODAY), minutes(BUILDING_PERMIT_PROPOSED)
    hours = (before - after) * ANNUAL_VOLUME / 60
    expect(impact.locator("[data-k=steps]")).to_have_text("5 → 3")
    expect(impact.locator("[data-k=step_reduction_pct]")).to_have_text("−40 %")
    expect(impact.locator("[data-k=minutes]")).to_have_text(f"{before} → {after}")
    expect(impact.locator("[data-k=minutes_saved_per_case]")).to_contain_text(str(before - after))
    # the queue ticket and the counter are one trip, coming back for the permit another
    expect(impact.locator("[data-k=visits]")).to_have_text("2 → 0")
    expect(impact.locator("[data-k=hours_saved_per_year]")).to_have_text(f"{hours:,.0f}")
    assert f"{hours:,.0f}" == "22,200"  # the arithmetic above, spelled out

    diff = page.locator("table.diff")
    left = diff.locator("td:first-child .step-text").all_inner_texts()
    right = diff.locator("td:nth-child(2) .step-text").all_inner_texts()
    assert left == [d for d, *_ in BUILDING_PERMIT_TODAY]
    assert right == [d for d, *_ in BUILDING_PERMIT_PROPOSED]
    expect(page.get_by_text("แถวนี้พิมพ์ผิด")).to_have_count(0)

    # A typo in a minutes field: the error is shown and nothing typed is lost.
    page.goto("/ideas/new")
    page.fill(f"{FORM} input[name=title]", "ลดการถ่ายเอกสารซ้ำ 3 ชุด")
    page.fill(f"{FORM} textarea[name=eh_moment]", "เอ๊ะ ถ่ายสำเนาบัตรทุกครั้งทั้งที่อ่านชิปได้ (smart card)")
    page.fill(f"{FORM} input[name=annual_volume]", "3,500")
    row = step_rows(page, "current_steps").first
    row.locator("input[name$='-description']").fill("ถ่ายสำเนาบัตรประชาชน")
    row.locator("input[name$='-work_minutes']").fill("abc")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.click(f"{FORM} button[name=save].primary")
    assert posted.value.status == 422
    expect(page).to_have_url(re.compile(r"/ideas/new$"))
    row = step_rows(page, "current_steps").first
    expect(row.locator(".field-error")).to_have_text("กรุณากรอกจำนวนเต็ม เช่น 1200")
    expect(row.locator("input[name$='-work_minutes']")).to_have_value("abc")
    expect(row.locator("input[name$='-description']")).to_have_value("ถ่ายสำเนาบัตรประชาชน")
    expect(page.locator(f"{FORM} input[name=title]")).to_have_value("ลดการถ่ายเอกสารซ้ำ 3 ชุด")
    expect(page.locator(f"{FORM} textarea[name=eh_moment]")).to_have_value(
        "เอ๊ะ ถ่ายสำเนาบัตรทุกครั้งทั้งที่อ่านชิปได้ (smart card)"
    )
    expect(page.locator(f"{FORM} input[name=annual_volume]")).to_have_value("3,500")
    with db_session() as session:
        assert [idea.ref for idea in session.scalars(select(Idea))] == [ref]


def test_quick_capture_from_the_eh_button_on_a_phone(people, new_page):
    page = new_page(width=375, height=800)
    log_in(page)
    page.goto("/ideas/")
    button = page.locator("a[data-quick-open]")
    box = button.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375, box

    button.click()
    dialog = page.locator("#quick-dialog")
    expect(dialog).to_be_visible()
    expect(page).to_have_url(re.compile(r"/ideas/$"))  # a dialog, not the fallback page
    expect(dialog.locator("input[name=title]")).to_be_focused()
    dialog.locator("input[name=title]").fill("ทำไมต้องเซ็นสำเนาถูกต้อง 4 จุด")
    dialog.locator("textarea[name=eh_moment]").fill(
        "เอ๊ะ แบบฟอร์ม ทร.14 ให้เซ็น 4 ที่ ทั้งที่ระเบียบปี 2562 กำหนดไว้ 1 ที่"
    )
    dialog.locator("button[type=submit]").click()

    expect(page).to_have_url(IDEA_URL)
    expect(page.locator("h1")).to_have_text("ทำไมต้องเซ็นสำเนาถูกต้อง 4 จุด")
    expect(page.locator(".eh .prose")).to_have_text(
        "เอ๊ะ แบบฟอร์ม ทร.14 ให้เซ็น 4 ที่ ทั้งที่ระเบียบปี 2562 กำหนดไว้ 1 ที่"
    )
    expect(page.locator(".flash-ok")).to_be_visible()


def test_form_works_without_javascript(people, new_page, db_session):
    from ideaboard.ideas.operations import idea_by_ref

    page = new_page(javascript=False)
    log_in(page)
    page.goto("/ideas/new")
    expect(page.locator("[data-step-up]").first).to_be_hidden()
    page.fill(f"{FORM} input[name=title]", "ขอเลขที่บ้านใหม่โดยไม่ต้องรอตรวจสถานที่ 7 วัน")
    page.fill(f"{FORM} textarea[name=eh_moment]", "เอ๊ะ ภาพถ่ายดาวเทียม (GIS) ก็เห็นบ้านหลังนี้อยู่แล้ว")
    first = ("ประชาชนยื่นคำร้องขอเลขที่บ้านที่ช่อง 1", "citizen", 5, 20, True)
    second = ("เจ้าหน้าที่ออกตรวจสถานที่จริง", "staff", 60, 4320, False)
    current = step_rows(page, "current_steps")
    fill_step(current.first, first)

    add_step(page, "current_steps")
    expect(current).to_have_count(2)
    expect(current.first.locator("input[name$='-description']")).to_have_value(first[0])
    expect(current.first.locator("input[name$='-wait_minutes']")).to_have_value("20")
    expect(current.first.locator("input[name$='-citizen_present']")).to_be_checked()
    expect(page.locator(f"{FORM} input[name=title]")).to_have_value(
        "ขอเลขที่บ้านใหม่โดยไม่ต้องรอตรวจสถานที่ 7 วัน"
    )
    fill_step(current.nth(1), second)
    page.click(f"{FORM} button[name=save].primary")

    expect(page).to_have_url(IDEA_URL)
    # no proposed steps yet: the impact card says what to add instead of "2 → 0"
    expect(page.locator("[data-impact-missing]")).to_be_visible()
    expect(page.locator("[data-impact]")).to_have_count(0)
    ref = page.locator(".idea-head .ref").inner_text()
    with db_session():
        idea = idea_by_ref(ref)
        assert [
            (s.description, s.actor.value, s.work_minutes, s.wait_minutes, s.citizen_present)
            for s in idea.current_steps
        ] == [first, second]
        assert idea.proposed_steps == []


@pytest.mark.parametrize("subject", ["form", "idea"])
def test_screenshots(subject, make_idea, new_page):
    url = "/ideas/new"
    if subject == "idea":
        url = "/ideas/" + make_idea(stage="implemented").ref
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for device, width, height in (("desktop", 1280, 900), ("phone", 375, 800)):
        page = new_page(width=width, height=height)
        log_in(page)
        page.goto(url)
        page.evaluate("document.fonts.ready")
        shot = SCREENSHOTS / f"{subject}-{device}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 20 * 1024, shot
        if device == "phone":
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= 375 + 1, f"{subject} page scrolls sideways on a phone"


def accessible_invalid(page, selector):
    """What Chromium tells a screen reader: is the field announced as invalid?"""
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        (ax_node, *_) = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node})["nodes"]
    finally:
        cdp.detach()
    return {p["name"]: p["value"].get("value") for p in ax_node["properties"]}["invalid"]


def test_untouched_fields_are_not_announced_as_invalid(people, new_page):
    page = new_page()
    log_in(page)
    page.goto("/ideas/new")
    assert accessible_invalid(page, "#title") == "false"
    page.fill(f"{FORM} textarea[name=eh_moment]", "เอ๊ะ ลืมใส่ชื่อเรื่อง")
    page.click(f"{FORM} button[name=save].primary")
    expect(page.locator(f"{FORM} #title-error")).to_be_visible()
    page.wait_for_load_state("load")  # the accessibility tree follows the finished page
    announced = accessible_invalid(page, "#title")
    for _ in range(20):  # Chromium updates it a moment after load when the machine is busy
        if announced == "true":
            break
        page.wait_for_timeout(100)
        announced = accessible_invalid(page, "#title")
    assert announced == "true"


def test_a_colleague_is_found_by_name_and_added_as_co_author(people, new_page):
    page = new_page()
    log_in(page)
    page.goto("/ideas/new")
    search = page.locator("#coauthor-search")
    search.fill("สุดา")
    # the suggestions arrive from /api/v1/people; the browser shows them under the field
    expect(page.locator("#coauthor-matches option")).to_have_count(1)
    picked = page.locator("#coauthor-matches option").first.get_attribute("value")
    assert "ฝ่ายทะเบียน" in picked and picked.endswith("(staff2)")
    search.fill(picked)  # what choosing the suggestion does
    expect(page.locator(f"{FORM} #coauthors")).to_have_value("staff2")
    expect(search).to_have_value("")
