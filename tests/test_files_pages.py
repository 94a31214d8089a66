"""Files on the idea page: attach photos and documents with the page's form, see photos as
thumbnails and other files listed (type, size, Buddhist-era date), open or download them
with safe headers, and the bad input a real person (or attacker) sends.

staff1 writes the idea; staff3 is a colleague elsewhere in the district; supervisor1
reviews ฝ่ายทะเบียน.
"""

from __future__ import annotations

import io
import re

import pytest
from fixtures.files import ELF, THAI_FORM, pdf, photo, rotated_jpeg
from PIL import Image
from sqlalchemy import select

from ideaboard.files.models import Attachment, Kind
from ideaboard.workflow.models import Action, StageEvent


def file_ids(db_session, ref=None) -> list[tuple[int, str, str]]:
    with db_session() as session:
        rows = session.execute(
            select(Attachment.id, Attachment.display_name, Attachment.kind).order_by(Attachment.id)
        ).all()
        return [tuple(row) for row in rows]


def test_a_photo_attached_on_the_page_is_shown_as_a_thumbnail(login, make_idea, attach, db_session):
    idea = make_idea(stage="submitted")
    client = login("staff1")

    response = attach(client, idea.ref, ("ใบคำร้อง ถ่ายจากมือถือ.jpg", rotated_jpeg((1600, 1200))))

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/ideas/{idea.ref}#files")
    [(file_id, name, kind)] = file_ids(db_session)
    assert (name, kind) == ("ใบคำร้อง ถ่ายจากมือถือ.jpg", Kind.ATTACHMENT)
    page = client.get(f"/ideas/{idea.ref}").get_data(as_text=True)
    assert (
        f'<img src="/ideas/{idea.ref}/files/{file_id}/thumbnail" alt="ใบคำร้อง ถ่ายจากมือถือ.jpg"'
        in page
    )
    assert "1200 × 1600" in page  # upright: the phone was held on its side

    thumb = client.get(f"/ideas/{idea.ref}/files/{file_id}/thumbnail", buffered=True)
    assert thumb.status_code == 200
    assert thumb.headers["Content-Type"] == "image/webp"
    assert thumb.headers["Content-Disposition"].startswith("inline; ")
    assert thumb.headers["X-Content-Type-Options"] == "nosniff"
    small = Image.open(io.BytesIO(thumb.get_data()))
    assert small.format == "WEBP"
    assert max(small.size) == 480 and small.size[0] < small.size[1]  # upright, made smaller


def test_a_photo_opens_inline_and_downloads_as_an_attachment(login, make_idea, attach, db_session):
    idea = make_idea(stage="submitted")
    client = login("staff1")
    attach(client, idea.ref, ("ภาพ.png", photo()))
    [(file_id, _, _)] = file_ids(db_session)

    shown = client.get(f"/ideas/{idea.ref}/files/{file_id}", buffered=True)
    saved = client.get(f"/ideas/{idea.ref}/files/{file_id}?download=1", buffered=True)

    assert shown.headers["Content-Disposition"].startswith("inline; ")
    assert saved.headers["Content-Disposition"].startswith("attachment; ")
    for response in (shown, saved):
        assert response.headers["Content-Type"] == "image/png"
        assert response.headers["Content-Security-Policy"] == (
            "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
        )
        assert response.get_data() == photo()


def test_documents_are_listed_with_type_size_and_a_buddhist_era_date(
    login, make_idea, attach, db_session
):
    idea = make_idea(stage="submitted")
    client = login("staff1")
    attach(client, idea.ref, (THAI_FORM, pdf()))

    page = client.get(f"/ideas/{idea.ref}?lang=th").get_data(as_text=True)

    item = re.search(r'<li id="file-\d+">.*?</li>', page, re.S).group(0)
    assert '<span class="file-type file-type-pdf" aria-hidden="true">PDF</span>' in item
    assert THAI_FORM in item
    assert re.search(r"\d+(\.\d)? กิโลไบต์", item)
    assert re.search(r"\d{1,2} [ก-๙.]+ 25\d\d", item)  # e.g. 27 พ.ย. 2569


def test_a_pdf_always_downloads(login, make_idea, attach, db_session):
    idea = make_idea(stage="submitted")
    client = login("staff1")
    attach(client, idea.ref, (THAI_FORM, pdf()))
    [(file_id, _, _)] = file_ids(db_session)

    response = client.get(f"/ideas/{idea.ref}/files/{file_id}", buffered=True)

    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment; ")


def test_a_markup_name_is_shown_as_text(login, make_idea, attach, db_session):
    idea = make_idea(stage="submitted")
    client = login("staff1")

    attach(client, idea.ref, ("<img src=x onerror=alert(1)>.pdf", pdf()))

    page = client.get(f"/ideas/{idea.ref}").get_data(as_text=True)
    assert "<img src=x" not in page
    assert "_img src=x onerror=alert(1)_.pdf" in page


def test_a_path_as_the_name_is_only_a_display_name(
    login, make_idea, attach, db_session, file_store
):
    idea = make_idea(stage="submitted")
    client = login("staff1")

    attach(client, idea.ref, ("../../etc/passwd", pdf()))

    [(file_id, name, _)] = file_ids(db_session)
    assert name == "passwd.pdf"
    [key] = file_store.keys()
    assert re.fullmatch(r"[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{32}", key)
    response = client.get(f"/ideas/{idea.ref}/files/{file_id}", buffered=True)
    assert 'filename="passwd.pdf"' in response.headers["Content-Disposition"]


def test_refused_files_are_named_on_a_page_with_the_form_again_and_nothing_is_kept(
    login, make_idea, attach, db_session, file_store
):
    idea = make_idea(stage="submitted")
    client = login("staff1")

    response = attach(
        client, idea.ref, ("รูปถ่าย.png", photo()), ("แบบฟอร์ม.pdf", ELF), ("ว่าง.pdf", b"")
    )

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "ไฟล์ “แบบฟอร์ม.pdf” เป็นโปรแกรม" in page
    assert "ไฟล์ “ว่าง.pdf” ว่างเปล่า" in page
    assert 'type="file" name="files"' in page
    assert file_ids(db_session) == [] and file_store.keys() == []


class Zeros(io.RawIOBase):
    """A request body of ``size`` zero bytes, made only as it is read (nothing of it is
    held in memory); ``read_so_far`` counts what the server read."""

    def __init__(self, size: int):
        self.size, self.position, self.read_so_far = size, 0, 0

    def readable(self):
        return True

    def seekable(self):
        return True

    def seek(self, offset, whence=io.SEEK_SET):
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence]
        self.position = base + offset
        return self.position

    def tell(self):
        return self.position

    def readinto(self, buffer):
        n = max(0, min(len(buffer), self.size - self.position))
        buffer[:n] = bytes(n)
        self.position += n
        self.read_so_far += n
        return n


@pytest.mark.parametrize("path", ["/ideas/{ref}/files", "/api/v1/ideas/{ref}/attachments"])
def test_a_200_mb_upload_is_cut_off_before_it_is_read(
    login, make_idea, token, path, db_session, file_store
):
    idea = make_idea(stage="submitted")
    client = login("staff1")
    body = Zeros(200 * 1024 * 1024)

    response = client.post(
        path.format(ref=idea.ref),
        input_stream=body,
        content_length=200 * 1024 * 1024,
        content_type="multipart/form-data; boundary=x",
        headers=token("staff1") if path.startswith("/api") else {},
    )

    assert response.status_code == 413
    assert body.read_so_far == 0
    if path.startswith("/api"):
        message = response.get_json()["error"]["message"]
        assert response.get_json()["error"]["code"] == "too_large"
    else:
        message = response.get_data(as_text=True)
    assert "ใหญ่เกิน 64 เมกะไบต์" in message and "ไม่เกิน 20 เมกะไบต์" in message
    assert file_ids(db_session) == []


def test_a_file_over_the_size_cap_is_refused_by_name(
    login, make_idea, attach, app, monkeypatch, db_session
):
    monkeypatch.setitem(app.config, "MAX_ATTACHMENT_BYTES", 100_000)
    idea = make_idea(stage="submitted")
    client = login("staff1")

    response = attach(client, idea.ref, ("สแกนความละเอียดสูง.pdf", pdf() + bytes(200_000)))

    assert response.status_code == 422
    assert "ไฟล์ “สแกนความละเอียดสูง.pdf” ใหญ่เกิน 97.7 กิโลไบต์" in response.get_data(as_text=True)


def test_an_idea_holds_a_limited_number_of_files(login, make_idea, attach, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_ATTACHMENTS_PER_IDEA", 3)
    idea = make_idea(stage="submitted")
    client = login("staff1")
    assert attach(client, idea.ref, ("1.png", photo()), ("2.png", photo())).status_code == 302

    response = attach(client, idea.ref, ("3.png", photo()), ("4.png", photo()))

    assert response.status_code == 422
    assert "ไม่เกิน 3 ไฟล์ ขณะนี้มีแล้ว 2 ไฟล์" in response.get_data(as_text=True)


def test_someone_else_s_draft_hides_its_files(make_idea, attach, login, browser, db_session):
    idea = make_idea(author="staff1", stage="draft")
    attach(login("staff1"), idea.ref, ("ร่าง.png", photo()))
    [(file_id, _, _)] = file_ids(db_session)
    staff2 = browser("staff2")

    for path in ("", "/thumbnail"):
        assert staff2.get(f"/ideas/{idea.ref}/files/{file_id}{path}").status_code == 404
    assert attach(staff2, idea.ref, ("แทรก.png", photo())).status_code == 404


def test_files_attached_or_removed_after_submission_are_on_the_timeline(
    login, make_idea, attach, db_session
):
    draft = make_idea(stage="draft")
    submitted = make_idea(stage="submitted")
    client = login("staff1")
    attach(client, draft.ref, ("ร่าง.png", photo()))
    attach(client, submitted.ref, ("ภาพประกอบ.png", photo()))
    file_id = file_ids(db_session)[-1][0]
    client.post(f"/ideas/{submitted.ref}/files/{file_id}/delete")

    with db_session() as session:
        edits = session.scalars(
            select(StageEvent).where(StageEvent.action == Action.EDIT).order_by(StageEvent.id)
        ).all()
        assert [(e.idea_id, e.changes[0]["field"], e.changes[0]["change"]) for e in edits] == [
            (submitted.id, "attachments", "added"),
            (submitted.id, "attachments", "removed"),
        ]
    page = client.get(f"/ideas/{submitted.ref}").get_data(as_text=True)
    timeline = page[page.index('class="timeline"') :]
    assert "ไฟล์แนบ</span>" in timeline and "ภาพประกอบ.png" in timeline


def test_the_reviewer_attaches_evidence_with_the_measured_result(
    browser, make_idea, db_session, file_store
):
    idea = make_idea(stage="approved")
    supervisor = browser("supervisor1")
    page = supervisor.get(f"/ideas/{idea.ref}").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page and 'name="evidence_files"' in page

    response = supervisor.post(
        f"/ideas/{idea.ref}/transitions",
        data={
            "action": "implement", "version": str(idea.version), "steps_after": "3",
            "minutes_after": "20", "cases_since": "812", "evidence": "",
            "evidence_files": [(io.BytesIO(pdf()), "สถิติคิว ต.ค.–ธ.ค. 2568.pdf"),
                               (io.BytesIO(photo("JPEG")), "ป้ายขั้นตอนใหม่.jpg")],
        },
        content_type="multipart/form-data",
    )  # fmt: skip

    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    assert [(name, kind) for _, name, kind in file_ids(db_session)] == [
        ("สถิติคิว ต.ค.–ธ.ค. 2568.pdf", Kind.EVIDENCE),
        ("ป้ายขั้นตอนใหม่.jpg", Kind.EVIDENCE),
    ]
    page = supervisor.get(f"/ideas/{idea.ref}").get_data(as_text=True)
    assert "หลักฐานผลการดำเนินงาน</h3>" in page
    assert len(file_store.keys()) == 3


def test_a_bad_evidence_file_leaves_the_idea_approved_and_nothing_stored(
    browser, make_idea, db_session, file_store
):
    idea = make_idea(stage="approved")
    supervisor = browser("supervisor1")

    response = supervisor.post(
        f"/ideas/{idea.ref}/transitions",
        data={
            "action": "implement", "version": str(idea.version), "steps_after": "",
            "minutes_after": "20", "cases_since": "812", "evidence": "",
            "evidence_files": [(io.BytesIO(photo()), "ภาพ.png"), (io.BytesIO(ELF), "ผล.pdf")],
        },
        content_type="multipart/form-data",
    )  # fmt: skip

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "ไฟล์ “ผล.pdf” เป็นโปรแกรม" in page  # told together with the missing number
    assert "กรุณาเลือกไฟล์หลักฐานใหม่อีกครั้ง" in page
    with db_session() as session:
        from ideaboard.ideas.models import Idea

        assert session.get(Idea, idea.id).stage == "approved"
    assert file_ids(db_session) == [] and file_store.keys() == []
