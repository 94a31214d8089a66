"""Issue 7, Phone, in a real Chromium at 375×812 and 1280×800: the top bar with the เอ๊ะ
button stays on screen while scrolling, a focused field is never under it, the list's filters
fold away on a phone, and the unit picker is a searchable combobox used by keyboard.
Screenshots go to /tmp/shots/phone-*.png."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from .helpers import expect, log_in

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots")
SIZES = [pytest.param(375, 812, id="phone"), pytest.param(1280, 800, id="desktop")]


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"phone-{name}.png"))


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


@pytest.fixture
def many_ideas(make_idea):
    """Enough submitted ideas to scroll: a page of the list is longer than two screens."""
    return [
        make_idea(
            author="staff2", stage="submitted", title=f"ลดขั้นตอนงานทะเบียน เรื่องที่ {n} (step {n})"
        )
        for n in range(1, 13)
    ]


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_top_bar_stays_on_screen_while_scrolling_a_long_list(
    new_page, people, many_ideas, width, height
):
    page = new_page(width=width, height=height)
    log_in(page)
    page.goto("/ideas/")
    assert page.evaluate("document.documentElement.scrollHeight") > 1.5 * height
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function("window.scrollY > 0")
    bar = page.locator("header.topbar")
    assert bar.bounding_box()["y"] == 0
    eh = page.locator(".topbar .eh-button")
    expect(eh).to_be_in_viewport()
    no_sideways_scroll(page)
    shot(page, f"list-scrolled-{width}")
    eh.click()
    expect(page.locator("#quick-dialog")).to_be_visible()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_focused_field_of_the_long_form_is_never_under_the_top_bar(
    new_page, people, width, height
):
    page = new_page(width=width, height=height)
    log_in(page)
    page.goto("/ideas/new")
    page.focus("[data-idea-form] input[name=title]")
    covered = []
    for press in range(70):
        page.keyboard.press("Shift+Tab" if press > 45 else "Tab")  # down the form, then back up
        where = page.evaluate(
            """() => {
                const el = document.activeElement;
                const bar = document.querySelector('header.topbar');
                if (!el || el === document.body || bar.contains(el) || el.closest('dialog')) return null;
                if (el.classList.contains('skip')) return null;  // shown above the bar on purpose
                const a = el.getBoundingClientRect(), b = bar.getBoundingClientRect();
                return a.top < b.bottom - 1 ? (el.id || el.name || el.outerHTML.slice(0, 80)) : null;
            }"""
        )
        if where:
            covered.append(where)
    assert covered == []
    no_sideways_scroll(page)


def first_idea_top(page) -> float:
    return page.evaluate(
        "document.querySelector('.idea-card').getBoundingClientRect().top + window.scrollY"
    )


def test_the_filters_fold_away_on_a_phone(new_page, people, many_ideas):
    page = new_page(width=375, height=812)
    log_in(page, lang="en")
    page.goto("/ideas/?stage=submitted&category=process")
    fold = page.locator("details.filters-fold")
    summary = fold.locator("summary")
    expect(summary).to_have_text("Filters (2)")
    expect(page.locator("select[name=stage]")).to_be_hidden()
    expect(page.locator("input[name=q]")).to_be_visible()  # the search stays
    assert first_idea_top(page) < 300  # the first idea shows on the first screen
    expect(page.locator(".idea-card").first).to_be_in_viewport()
    no_sideways_scroll(page)
    shot(page, "list-375")

    summary.click()
    expect(page.locator("select[name=stage]")).to_be_visible()
    expect(page.locator("select[name=stage]")).to_have_value("submitted")
    shot(page, "list-filters-open-375")
    page.select_option("select[name=sort]", "top")
    page.click("button.filters-show")
    expect(page).to_have_url(re.compile(r"sort=top"))
    expect(page.locator("details.filters-fold summary")).to_have_text("Filters (2)")


def test_the_filters_stay_laid_out_on_a_wide_screen(new_page, people, many_ideas):
    page = new_page(width=1280, height=800)
    log_in(page, lang="en")
    page.goto("/ideas/?stage=submitted")
    expect(page.locator("details.filters-fold summary")).to_be_hidden()
    for name in ("stage", "category", "sort"):
        expect(page.locator(f"select[name={name}]")).to_be_visible()
    expect(page.locator("#filter-unit")).to_be_visible()
    shot(page, "list-1280")


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_unit_is_picked_by_keyboard_and_saved(new_page, people, db_session, width, height):
    from ideaboard.ideas.models import Idea

    page = new_page(width=width, height=height)
    log_in(page, "staff3", lang="en")  # ฝ่ายโยธา: the picked unit is not the default
    page.goto("/ideas/new")
    page.fill("[data-idea-form] input[name=title]", f"ใบรับรองการอยู่อาศัยออนไลน์ ({width}px)")
    page.fill("[data-idea-form] textarea[name=eh_moment]", "เอ๊ะ ทำไมต้องมาเขตเพื่อขอเอกสาร 1 แผ่น")
    unit = page.locator("#unit")
    expect(unit).to_have_attribute("role", "combobox")
    expect(unit).to_have_value("Public Works Section · Phra Nakhon District Office")
    unit.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("ทะเบียน")
    options = page.locator(".combo-list [role=option]")
    expect(options.first).to_be_visible()
    expect(unit).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    active = page.locator(".combo-list [role=option][aria-selected=true]")
    expect(active).to_contain_text("Civil Registration Section")
    assert unit.get_attribute("aria-activedescendant") == active.get_attribute("id")
    outline = active.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none"  # the highlighted option is visibly marked
    shot(page, f"form-combobox-{width}")
    page.keyboard.press("Enter")  # chooses; does not send the form
    expect(unit).to_have_value("Civil Registration Section · Phra Nakhon District Office")
    expect(unit).to_have_attribute("aria-expanded", "false")
    assert page.url.endswith("/ideas/new")
    assert page.input_value("input[type=hidden][name=unit]") == "D1001-REG"

    # Escape closes a list, and leaving the field keeps the unit chosen
    page.keyboard.type("xyz")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(unit).to_have_value("Civil Registration Section · Phra Nakhon District Office")

    page.click("[data-idea-form] .form-actions button[name=save]")
    expect(page).to_have_url(re.compile(r"/ideas/IDEA-25\d\d-\d{5}$"))
    ref = page.url.rsplit("/", 1)[1]
    with db_session() as session:
        idea = session.scalar(select(Idea).where(Idea.ref == ref))
        assert idea.unit.code == "D1001-REG"


def test_the_list_filter_picks_any_unit_by_keyboard(new_page, people, make_idea):
    make_idea(author="staff1", stage="submitted", title="ขอสำเนาทะเบียนบ้านในจุดเดียว")
    make_idea(author="staff3", stage="submitted", title="ตรวจแบบแปลนออนไลน์", unit="D1001-PWK")
    page = new_page(width=1280, height=800)
    log_in(page, lang="en")
    page.goto("/ideas/")
    page.focus("#filter-unit")
    page.keyboard.type("public works")
    expect(page.locator(".combo-list [role=option]").first).to_be_visible()
    page.keyboard.press("Enter")  # the first match
    with page.expect_navigation():
        page.keyboard.press("Enter")  # then the form
    assert "unit=D1001-PWK" in page.url
    expect(page.locator(".idea-card")).to_have_count(1)
    expect(page.locator("#filter-unit")).to_have_value(
        "Public Works Section · Phra Nakhon District Office"
    )


def test_without_javascript_the_unit_is_a_code_field(new_page, people):
    page = new_page(width=375, height=812, javascript=False)
    log_in(page)
    page.goto("/ideas/new")
    expect(page.locator("input[name=unit]")).to_have_value("D1001-REG")
    expect(page.locator("#unit-hint .nojs-only")).to_contain_text("ฝ่ายทะเบียน · สำนักงานเขตพระนคร")
    # the menu and the filters still open: they are <details>
    page.click(".navmenu-button")
    expect(page.get_by_role("link", name="ไอเดียของฉัน")).to_be_visible()
    no_sideways_scroll(page)


def test_the_phone_menu_holds_the_links_and_the_account(new_page, people):
    page = new_page(width=375, height=812)
    log_in(page, lang="en")
    page.goto("/ideas/")
    mine = page.get_by_role("link", name="My ideas")
    expect(mine).to_be_hidden()
    page.click(".navmenu-button")
    expect(mine).to_be_visible()
    page.click(".account-menu > summary")
    expect(page.get_by_role("link", name="My account")).to_be_visible()
    shot(page, "menu-375")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(mine).to_be_hidden()
    expect(page.locator(".navmenu-button")).to_be_focused()
    page.click(".navmenu-button")
    page.mouse.click(180, 760)  # a click elsewhere, below the menu, closes it
    expect(mine).to_be_hidden()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_no_page_scrolls_sideways(new_page, people, make_idea, width, height):
    idea = make_idea(author="staff1", stage="submitted")
    page = new_page(width=width, height=height)
    log_in(page)
    for path in ("/ideas/", "/ideas/new", f"/ideas/{idea.ref}", "/account", "/ideas/quick"):
        page.goto(path)
        no_sideways_scroll(page)
    shot(page, f"quick-{width}")
