"""The roster import in a real Chromium, at desktop and phone width: an administrator
uploads a Thai roster with problems, reads the report (counts, rejected rows with their
reasons, changes before → after), confirms, and sees what was imported. Screenshots go to
/tmp/shots/roster-*.png (and test-artifacts/screenshots/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from roster_files import PEOPLE, THAI_HEADER, csv_bytes

from .helpers import expect, log_in

pytestmark = pytest.mark.browser

SHOTS = [Path("/tmp/shots"), Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"]


def shoot(page, name: str) -> None:
    for folder in SHOTS:
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"roster-{name}.png"), full_page=True)


def roster() -> bytes:
    return csv_bytes([
        THAI_HEADER + ["สถานะ"],
        *[row + ["ปฏิบัติงาน"] for row in PEOPLE],
        ["somsri.m", "นางสมศรี มีสุข", "นักวิชาการเงินและบัญชี", "D9999", "somsri@bangkok.go.th", ""],
        ["xss.name", "<img src=x onerror=alert(1)>", "", "D1001-REG", "", ""],
        ["formula", '=HYPERLINK("http://evil.example","คลิก")', "", "D1001-REG", "", ""],
        ["staff2", "นางสาวสุดา รักงาน", "นักจัดการงานทั่วไปชำนาญการ", "D1001-PWK",
         "suda.r@bangkok.go.th", "ปฏิบัติงาน"],
        ["dup.user", "นายซ้ำ หนึ่ง", "", "D1001-REG", "", ""],
        ["DUP.USER", "นายซ้ำ สอง", "", "D1001-PWK", "", ""],
    ])  # fmt: skip


@pytest.fixture(autouse=True)
def upload_dir(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "ROSTER_UPLOAD_DIR", str(tmp_path))


@pytest.mark.parametrize(
    ("width", "height", "lang"), [(1280, 800, "th"), (375, 812, "en")], ids=["desktop", "phone"]
)
def test_an_administrator_previews_and_applies_a_roster(
    people, make_user, new_page, width, height, lang
):
    make_user("admin1", unit="D1001", roles=["admin"], display_name="นายผู้ดูแล ระบบ")
    page = new_page(width=width, height=height)
    log_in(page, "admin1", lang=lang)
    kind = "desktop" if width > 700 else "phone"

    if width > 700:
        page.locator(".mainnav a[href='/admin/roster/']").click()
    else:
        page.goto("/admin/roster/")
    shoot(page, f"upload-{kind}")
    page.set_input_files(
        "input[name=roster]",
        {"name": "บุคลากร-เขตพระนคร.csv", "mimeType": "text/csv", "buffer": roster()},
    )
    page.locator("main form button[type=submit].primary").click()

    expect(page.locator(".roster-confirm")).to_be_visible()
    counts = page.locator(".roster-counts dd")
    expect(counts).to_have_text(["5", "1", "0", "4"])
    rejected = page.locator("table.rejected tbody tr")
    expect(rejected).to_have_count(4)
    expect(page.locator("table.created")).to_contain_text("<img src=x onerror=alert(1)>")
    expect(page.locator("table.changes")).to_contain_text("D1001-PWK")
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    shoot(page, f"report-{kind}")

    page.locator(".roster-confirm button[type=submit]").click()

    expect(page.locator(".flash-box.kind-ok")).to_be_visible()
    expect(page.locator(".roster-confirm")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    shoot(page, f"applied-{kind}")
    page.goto("/admin/roster/")
    expect(page.locator(".roster-table tbody tr")).to_have_count(2)
    shoot(page, f"list-{kind}")
