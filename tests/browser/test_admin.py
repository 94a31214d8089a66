"""Running the organisation in a real Chromium, as the administrator, on the full reference
tree (about 680 units): add a person, move a unit, deactivate someone, read the audit log;
at desktop and phone width, with screenshots in /tmp/shots/admin-*.png (looked at by a
person), no sideways scroll on the phone, no console error or CSP violation."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from fixtures.people import PASSWORD

from .helpers import expect, log_in, open_menu

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots")


@pytest.fixture
def organisation(app):
    """The demo's reference tree and its demo people (password: the tests' one)."""
    from ideaboard.demo import content
    from ideaboard.demo.seed import UNITS_CSV, load_invented_units, load_reference_units
    from ideaboard.extensions import db
    from ideaboard.people.operations import create_user

    with app.app_context():
        with UNITS_CSV.open(encoding="utf-8") as handle:
            reference = [(row["code"], row["kind"]) for row in csv.DictReader(handle)]
        units = load_reference_units() + load_invented_units(reference)
        for person in content.DEMO_USERS:
            create_user(
                person["username"], PASSWORD, person["display_name"], person["unit"],
                position=person.get("position", ""), roles=person.get("roles", ()),
                supervises=person.get("supervises", ()),
            )  # fmt: skip
        db.session.commit()
    assert units > 600
    return units


def shot(page, name: str, *, phone: bool) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = 375 if phone else 1280
    page.screenshot(path=str(SHOTS / f"admin-{name}-{width}.png"), full_page=True)
    if phone:
        assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1, page.url


def pick_unit(page, field_id: str, text: str) -> None:
    """Choose a unit in a searchable unit field by keyboard: type, then Enter on the best
    match (an exact code comes first)."""
    field = page.locator(f"#{field_id}")
    expect(field).to_have_attribute("role", "combobox")
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    expect(page.locator(".combo-list [role=option]").first).to_be_visible()
    page.keyboard.press("Enter")


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_administrator_runs_the_organisation(organisation, new_page, phone, db_session):
    from ideaboard.people.models import OrgUnit, User

    page = new_page(width=375, height=812) if phone else new_page(width=1280, height=800)
    log_in(page, "admin")
    open_menu(page)
    page.get_by_role("link", name="ผู้ดูแลระบบ").click()
    expect(page.locator("h1")).to_have_text("การดูแลระบบ")
    shot(page, "overview", phone=phone)

    # add a person, the unit picked by typing its code (the field suggests open units)
    page.get_by_role("link", name="เพิ่มบุคลากร").first.click()
    page.fill("input[name=username]", "wilai_s")
    page.fill("input[name=display_name]", "นางวิไล สุขใจ")
    page.fill("input[name=position]", "นักทรัพยากรบุคคลปฏิบัติการ")
    page.fill("input[name=email]", "wilai.s@bangkok.go.th")
    pick_unit(page, "unit", "D1002-REG")
    expect(page.locator("input[type=hidden][name=unit]")).to_have_value("D1002-REG")
    shot(page, "person-new", phone=phone)
    page.get_by_role("button", name="เพิ่มบุคลากร").click()
    expect(page.locator("[data-password]")).to_be_visible()  # made up, shown once
    shot(page, "password-shown", phone=phone)
    page.locator("main a.button.primary[href='/admin/people/wilai_s']").click()
    expect(page.locator("h1")).to_have_text("นางวิไล สุขใจ")
    shot(page, "person", phone=phone)

    # a refusal reads clearly: moving a unit under its own sub-unit
    page.goto("/admin/units")
    expect(page.locator(".unit-tree > li > details[open]")).to_have_count(1)
    shot(page, "units", phone=phone)
    page.fill("input[name=q]", "เทคนิคการแพทย์")
    page.get_by_role("button", name="ค้นหา").click()
    expect(page.locator("a.unit-name", has_text="กลุ่มงานเทคนิคการแพทย์")).to_have_count(11)
    page.locator("a[href='/admin/units/MED-H02-MT']").click()
    code = "MED-H02-MT"
    pick_unit(page, "parent", f"{code}-MICRO")
    page.get_by_role("button", name="ย้าย", exact=True).click()
    expect(page.locator("#parent-error")).to_contain_text("ย้ายหน่วยงานไปอยู่ใต้ตัวเองไม่ได้")
    shot(page, "unit-move-refused", phone=phone)
    # then a real move: the lab goes to another hospital, with its sections
    pick_unit(page, "parent", "MED-H05")
    page.get_by_role("button", name="ย้าย", exact=True).click()
    expect(page.locator(".flash-ok")).to_contain_text("ย้ายแล้ว")
    shot(page, "unit-moved", phone=phone)
    with db_session() as session:
        micro = session.query(OrgUnit).filter_by(code=f"{code}-MICRO").one()
        assert micro.path == f"/BMA/MED/MED-H05/{code}/{code}-MICRO/"

    # deactivate someone
    page.goto("/admin/people?q=staff3")
    page.locator("td a", has_text="นางวรรณา แก้วประเสริฐ").click()
    page.locator("summary", has_text="ระงับบัญชีของ").click()
    page.get_by_role("button", name="ยืนยัน ระงับบัญชี").click()
    expect(page.locator(".flash-ok")).to_contain_text("ระงับบัญชีของ นางวรรณา แก้วประเสริฐ แล้ว")
    shot(page, "deactivated", phone=phone)
    with db_session() as session:
        assert session.query(User).filter_by(username="staff3").one().active is False

    page.goto("/admin/audit")
    expect(page.locator(".audit-entry")).to_have_count(3)
    shot(page, "audit", phone=phone)
    page.goto("/admin/people")
    shot(page, "people", phone=phone)
