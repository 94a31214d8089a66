"""/admin/roster in the browser: an administrator uploads a file, reads the dry run's
report and confirms; the file is kept server-side between the two and judged again when
applied. Everyone else gets 403."""

from __future__ import annotations

import io
import re

import pytest
from pages import text
from roster_files import ENGLISH_HEADER, PEOPLE, THAI_HEADER, csv_bytes, xlsx_bytes
from sqlalchemy import func, select

from ideaboard import create_app
from ideaboard.extensions import db as _db
from ideaboard.people.models import User
from ideaboard.roster.models import ImportMode, RosterImport

HOSTILE_NAME = "<img src=x onerror=alert(1)>"


@pytest.fixture(autouse=True)
def upload_dir(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "ROSTER_UPLOAD_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def admin(people, make_user, as_user):
    make_user("admin1", unit="D1001", roles=["admin"], display_name="นายผู้ดูแล ระบบ")
    client = as_user("admin1")
    client.get("/ideas/?lang=en")  # the account reads English from now on
    return client


def upload(client, data: bytes, name: str = "บุคลากร.csv", **fields):
    return client.post(
        "/admin/roster/",
        data={"roster": (io.BytesIO(data), name), **fields},
        content_type="multipart/form-data",
    )


def counted(db_session, model=User) -> int:
    with db_session() as session:
        return session.scalar(select(func.count()).select_from(model))


def roster_with_problems() -> bytes:
    return csv_bytes([
        THAI_HEADER,
        *PEOPLE[:2],
        ["somsri", "นางสมศรี มีสุข", "นักวิชาการ", "D9999", "somsri@bangkok.go.th"],
        ["xss.name", HOSTILE_NAME, "", "D1001-REG", ""],
        ["formula.cell", '=HYPERLINK("http://evil.example","คลิก")', "", "D1001-REG", ""],
        ["staff1", "นายสมชาย ใจดี", "นักจัดการงานทั่วไป", "D1001-PWK", "staff1@bangkok.go.th"],
    ])  # fmt: skip


def test_upload_report_then_apply(admin, db_session, upload_dir):
    before = counted(db_session)

    response = upload(admin, roster_with_problems())

    assert response.status_code == 302
    report_url = response.headers["Location"]
    assert re.fullmatch(r"/admin/roster/\d+", report_url)
    assert counted(db_session) == before  # a dry run
    assert len(list(upload_dir.iterdir())) == 1  # kept for the confirmation
    page = admin.get(report_url).get_data(as_text=True)
    assert "This is a preview: nothing has been written yet" in page
    assert "No unit has the code “D9999”." in page
    assert "which a spreadsheet runs as a formula" in page
    # the change to a person already here, before → after
    assert "D1001-REG" in page and "D1001-PWK" in page and "นักจัดการงานทั่วไป" in page
    # markup in a name is shown as text
    assert HOSTILE_NAME not in page and "&lt;img src=x onerror=alert(1)&gt;" in page

    applied = admin.post(report_url + "/apply")

    assert applied.status_code == 302
    result = admin.get(applied.headers["Location"]).get_data(as_text=True)
    assert "The roster is imported: 3 created, 1 updated, 0 unchanged, 2 rejected." in result
    assert counted(db_session) == before + 3
    with db_session() as session:
        staff1 = session.scalar(select(User).where(User.username == "staff1"))
        assert (staff1.unit.code, staff1.position) == ("D1001-PWK", "นักจัดการงานทั่วไป")
        assert session.scalar(select(User.display_name).where(User.username == "xss.name")) == (
            HOSTILE_NAME
        )
        modes = session.scalars(select(RosterImport.mode).order_by(RosterImport.id)).all()
        assert modes == [ImportMode.DRY_RUN, ImportMode.APPLIED]
    assert list(upload_dir.iterdir()) == []  # the kept file goes once applied
    # the audit log names the import in the reader's language, with its counts
    audit = text(admin.get("/admin/audit?lang=th"))
    assert "นำเข้ารายชื่อบุคลากร" in audit and "ไฟล์รายชื่อ บุคลากร.csv" in audit
    assert "เพิ่มบุคลากร" in audit and "แถวที่ไม่รับ" in audit
    assert ">roster.import<" not in audit and "roster_import" not in audit
    assert 'value="roster.import"' in audit  # the action filter offers it


def test_a_preview_is_applied_once(admin, db_session):
    report_url = upload(admin, csv_bytes([THAI_HEADER, *PEOPLE])).headers["Location"]
    assert admin.post(report_url + "/apply").status_code == 302

    again = admin.post(report_url + "/apply", follow_redirects=True)

    assert "This preview has been applied already." in again.get_data(as_text=True)
    assert counted(db_session, RosterImport) == 2


def test_apply_judges_the_rows_again_and_says_when_the_outcome_changed(
    admin, make_user, db_session
):
    report_url = upload(admin, csv_bytes([THAI_HEADER, *PEOPLE])).headers["Location"]
    make_user("wanida.s", display_name="นางสาววนิดา แสงทอง", unit="D1001-PWK")  # meanwhile

    page = admin.post(report_url + "/apply", follow_redirects=True).get_data(as_text=True)

    assert "3 created, 1 updated" in page
    assert "the outcome differs from the preview" in page


def test_the_kept_file_must_be_the_one_previewed(admin, db_session, upload_dir):
    before = counted(db_session)
    report_url = upload(admin, csv_bytes([THAI_HEADER, *PEOPLE])).headers["Location"]
    [kept] = upload_dir.iterdir()
    kept.write_bytes(csv_bytes([THAI_HEADER, ["mallory", "นายแอบ แก้ไฟล์", "", "D1001", ""]]))

    page = admin.post(report_url + "/apply", follow_redirects=True).get_data(as_text=True)

    assert "The kept file is not the one previewed." in page
    assert counted(db_session) == before


def test_an_expired_preview_cannot_be_applied(admin, db_session, app, monkeypatch):
    report_url = upload(admin, csv_bytes([THAI_HEADER, *PEOPLE])).headers["Location"]
    monkeypatch.setitem(app.config, "ROSTER_PREVIEW_HOURS", 0)

    page = admin.post(report_url + "/apply", follow_redirects=True).get_data(as_text=True)

    assert "This preview has expired." in page
    assert "Apply this import" not in page


def test_an_xlsx_upload(admin, db_session):
    data = xlsx_bytes([THAI_HEADER, [5301234, "นายธนากร วงศ์สวัสดิ์", "", "D1001-REG", None]])
    report_url = upload(admin, data, "บุคลากร.xlsx").headers["Location"]
    admin.post(report_url + "/apply")
    with db_session() as session:
        assert session.scalar(select(User.display_name).where(User.username == "5301234"))


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "roster.csv", "looks like an image"),
        (b"MZ\x90\x00 program", "roster.xlsx", "looks like a program"),
        (b"", "roster.csv", "The file is empty."),
        (csv_bytes([["ชื่อผู้ใช้", "ชื่อ-สกุล", "อีเมล"], ["a.b", "นายเอ บี", ""]]), "r.csv",
         "lacks the columns Position (position / ตำแหน่ง), Unit code (unit / รหัสหน่วยงาน)"),
    ],
)  # fmt: skip
def test_an_unusable_file_is_refused_on_the_form(
    admin, db_session, upload_dir, data, name, message
):
    response = upload(admin, data, name)

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert counted(db_session, RosterImport) == 0 and list(upload_dir.iterdir()) == []


def test_a_file_over_the_cap_is_refused(admin, app, monkeypatch, db_session):
    monkeypatch.setitem(app.config, "ROSTER_MAX_MB", 0.001)

    response = upload(admin, csv_bytes([ENGLISH_HEADER] + [PEOPLE[0]] * 40))

    assert response.status_code == 422
    assert "The file is larger than" in response.get_data(as_text=True)
    assert counted(db_session, RosterImport) == 0


def test_no_file_chosen(admin):
    response = admin.post("/admin/roster/", data={}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Choose the roster file to upload." in response.get_data(as_text=True)


@pytest.mark.parametrize("username", ["staff1", "supervisor1", "committee", "secretariat"])
def test_only_administrators(username, people, make_user, as_user, db_session):
    make_user("committee", roles=["committee"])
    make_user("secretariat", roles=["secretariat"])
    make_user("admin1", roles=["admin"])
    client = as_user(username)
    assert "/admin/roster" not in client.get("/ideas/").get_data(as_text=True)
    assert client.get("/admin/roster/").status_code == 403
    assert upload(client, csv_bytes([THAI_HEADER, *PEOPLE])).status_code == 403
    report_url = upload(as_user("admin1"), csv_bytes([THAI_HEADER, *PEOPLE])).headers["Location"]
    assert client.get(report_url).status_code == 403
    assert client.post(report_url + "/apply").status_code == 403
    assert client.get("/admin/roster/example.csv").status_code == 403
    assert counted(db_session, RosterImport) == 1  # the administrator's preview only


def test_logged_out_goes_to_the_login(client):
    response = client.get("/admin/roster/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_page_lists_imports_and_links_from_the_top_bar(admin):
    upload(admin, csv_bytes([THAI_HEADER, *PEOPLE]), name="<b>รายชื่อ</b>.csv")

    page = admin.get("/admin/roster/").get_data(as_text=True)

    assert 'href="/admin/roster/"' in page  # the top bar's link
    assert "&lt;b&gt;รายชื่อ&lt;/b&gt;.csv" in page and "<b>" not in page
    assert "4 created, 0 updated, 0 unchanged, 0 rejected" in page
    with admin.get("/admin/roster/example.csv") as example:
        assert example.status_code == 200 and "ชื่อผู้ใช้" in example.get_data(as_text=True)


def test_the_report_reads_in_thai(admin):
    admin.get("/ideas/?lang=th")
    report_url = upload(admin, roster_with_problems()).headers["Location"]

    page = admin.get(report_url).get_data(as_text=True)

    assert "ไม่มีหน่วยงานรหัส “D9999”" in page


def test_the_upload_needs_the_csrf_token(database_url, people, make_user):
    make_user("admin1", roles=["admin"])
    csrf_app = create_app({
        "TESTING": True, "SECRET_KEY": "test-secret", "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": True, "RATELIMIT_ENABLED": False,
    })  # fmt: skip
    try:
        browser = csrf_app.test_client()
        form = browser.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
        browser.post("/login", data={"username": "admin1", "password": "correct horse battery",
                                     "csrf_token": token})  # fmt: skip
        forged = upload(browser, csv_bytes([THAI_HEADER, *PEOPLE]))
        assert forged.status_code == 400
        page = browser.get("/admin/roster/").get_data(as_text=True)
        assert 'name="csrf_token"' in page
    finally:
        with csrf_app.app_context():
            _db.engine.dispose()


def test_deactivating_people_missing_from_the_file_is_asked_for_and_previewed(admin, db_session):
    report_url = upload(admin, csv_bytes([THAI_HEADER, *PEOPLE]), deactivate_missing="y").headers[
        "Location"
    ]

    page = admin.get(report_url).get_data(as_text=True)

    # the people fixture's colleagues are not in the file; the administrator is spared
    assert "Deactivated: not in the file" in page
    assert "staff1" in page and "outsider" in page and ">admin1<" not in page
    admin.post(report_url + "/apply")
    with db_session() as session:
        active = dict(session.execute(select(User.username, User.active)).all())
    assert active["staff1"] is False and active["admin1"] is True and active["wanida.s"] is True
