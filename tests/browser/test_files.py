"""Attaching files in a real Chromium under the Content-Security-Policy: the author attaches
a photo of a form and a PDF on the idea page and sees the photo's thumbnail and the PDF in
the list; the supervisor records the result with an evidence file on a phone.
Screenshots go to /tmp/shots/files-*.png (and test-artifacts/screenshots/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.files import ELF, THAI_FORM, pdf, photo_of_a_form

from .helpers import expect, log_in

pytestmark = pytest.mark.browser

SHOTS = [Path("/tmp/shots"), Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"]


def shoot(page, name: str) -> None:
    """What the screen shows now, and the whole page (``-full``)."""
    for folder in SHOTS:
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"files-{name}.png"))
        page.screenshot(path=str(folder / f"files-{name}-full.png"), full_page=True)


def no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, page.url


@pytest.mark.parametrize("width, height", [(1280, 800), (375, 812)], ids=["desktop", "phone"])
def test_the_author_attaches_a_photo_and_sees_its_thumbnail(
    people, make_idea, new_page, tmp_path, file_store, width, height
):
    idea = make_idea(author="staff1", stage="submitted")
    form_photo, form_pdf = tmp_path / "ใบคำร้องที่ช่อง 1.jpg", tmp_path / THAI_FORM
    form_photo.write_bytes(photo_of_a_form())
    form_pdf.write_bytes(pdf())
    page = new_page(width=width, height=height)
    log_in(page, "staff1")
    page.goto(f"/ideas/{idea.ref}")

    page.set_input_files("#upload-files", [str(form_photo), str(form_pdf)])
    page.click(".upload-form button[type=submit]")

    expect(page.locator(".flash-ok")).to_contain_text("แนบแล้ว 2 ไฟล์")
    thumbnail = page.locator(".thumbs img")
    expect(thumbnail).to_have_attribute("alt", "ใบคำร้องที่ช่อง 1.jpg")
    thumbnail.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle()
    )
    assert thumbnail.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [360, 480]
    expect(page.locator(".file-list .file-name")).to_have_text(THAI_FORM)
    expect(page.locator(".file-list .file-type")).to_have_text("PDF")
    expect(page.locator(".file-list .meta")).to_contain_text("กิโลไบต์")
    no_sideways_scroll(page, width)
    page.locator("#files").scroll_into_view_if_needed()
    shoot(page, "attached-" + ("desktop" if width > 400 else "phone"))


def test_the_supervisor_records_the_result_with_an_evidence_file_on_a_phone(
    people, make_idea, new_page, tmp_path, file_store
):
    idea = make_idea(author="staff1", stage="approved")
    evidence = tmp_path / "สถิติคิว ต.ค.–ธ.ค. 2568.pdf"
    evidence.write_bytes(pdf("สถิติคิว: เฉลี่ย 20 นาทีต่อราย จาก 812 ราย"))
    page = new_page(width=375, height=812)
    log_in(page, "supervisor1")
    page.goto(f"/ideas/{idea.ref}")
    form = page.locator("form.transition", has=page.locator("input[name=evidence_files]"))
    form.locator("input[name=steps_after]").fill("3")
    form.locator("input[name=minutes_after]").fill("20")
    form.locator("input[name=cases_since]").fill("812")
    form.locator("input[name=evidence_files]").set_input_files(str(evidence))
    form.scroll_into_view_if_needed()
    shoot(page, "implement-form-phone")

    form.locator("button[type=submit]").click()

    expect(page.locator(".flash-ok")).to_be_visible()
    files = page.locator("#files")
    expect(files.locator("h3")).to_have_text("หลักฐานผลการดำเนินงาน")
    expect(files.locator(".file-name")).to_have_text("สถิติคิว ต.ค.–ธ.ค. 2568.pdf")
    no_sideways_scroll(page, 375)
    files.scroll_into_view_if_needed()
    shoot(page, "evidence-phone")


def test_a_program_renamed_pdf_is_refused_by_name_on_a_phone(
    people, make_idea, new_page, tmp_path, file_store
):
    idea = make_idea(author="staff1", stage="submitted")
    disguised = tmp_path / "คู่มือการยื่นคำร้อง.pdf"
    disguised.write_bytes(ELF)
    page = new_page(width=375, height=812)
    log_in(page, "staff1")
    page.goto(f"/ideas/{idea.ref}")

    page.set_input_files("#upload-files", str(disguised))
    page.click(".upload-form button[type=submit]")

    expect(page.locator("h1")).to_have_text("ยังไม่ได้แนบไฟล์")
    expect(page.locator("#upload-files-error")).to_contain_text(
        "ไฟล์ “คู่มือการยื่นคำร้อง.pdf” เป็นโปรแกรม"
    )
    expect(page.locator("#upload-files")).to_have_attribute("aria-invalid", "true")
    assert file_store.keys() == []
    no_sideways_scroll(page, 375)
    shoot(page, "refused-phone")
