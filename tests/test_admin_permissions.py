"""Who reaches /admin: administrators only. Every page and every button, for every role
(staff, supervisor, committee, secretariat, admin): 403 and nothing written for the others,
the page or the change for an administrator. The API's admin endpoints alike."""

from __future__ import annotations

import pytest
from api import api_error
from pages import text
from sqlalchemy import update

from ideaboard.core.dates import utcnow
from ideaboard.people.models import OrgUnit, User
from ideaboard.people.operations import create_unit

ROLES = ["staff1", "supervisor1", "committee1", "secretariat1", "admin1"]

PAGES = [
    "/admin/",
    "/admin/people",
    "/admin/people?q=สมชาย",
    "/admin/people/new",
    "/admin/people/staff2",
    "/admin/units",
    "/admin/units?q=ทะเบียน",
    "/admin/units/D1001",
    "/admin/units/new?parent=D1001",
    "/admin/audit",
]

NEW_PERSON = {
    "username": "somsri_k",
    "display_name": "นางสมศรี ขยันงาน",
    "position": "นักจัดการงานทั่วไปปฏิบัติการ",
    "email": "somsri.k@bangkok.go.th",
    "unit": "D1001-REG",
    "locale": "th",
    "password": "ลืมง่าย 2569!",
    "confirm": "ลืมง่าย 2569!",
}

# (path, form, the status an administrator gets): every button of the admin pages
ACTIONS = [
    ("/admin/people/new", NEW_PERSON, 302),
    (
        "/admin/people/staff2",
        {"display_name": "นางสาวสุดา รักงาน (ย้ายมา)", "position": "", "email": "",
         "unit": "D1001-REG", "locale": "th", "version": "1"},
        302,
    ),
    ("/admin/people/staff2/deactivate", {"version": "1"}, 302),
    ("/admin/people/outsider/reactivate", {"version": "1"}, 302),
    ("/admin/people/staff2/password", {"password": "รหัสใหม่ 12345", "confirm": "รหัสใหม่ 12345",
                                       "version": "1"}, 302),
    ("/admin/people/staff2/password", {"generate": "1", "version": "1"}, 200),
    ("/admin/people/staff2/roles", {"op": "grant", "role": "committee", "version": "1"}, 302),
    ("/admin/people/admin2/roles", {"op": "revoke", "role": "admin", "version": "1"}, 302),
    ("/admin/people/staff2/supervision", {"op": "add", "supervised": "D1001-PWK", "version": "1"},
     302),
    ("/admin/people/supervisor1/supervision",
     {"op": "remove", "supervised": "D1001-REG", "version": "1"}, 302),
    ("/admin/units/new", {"code": "D1001-CLN", "parent": "D1001", "kind": "section",
                          "name_th": "ฝ่ายรักษาความสะอาด", "name_en": "Cleansing Section"}, 302),
    ("/admin/units/D1001-PWK/rename", {"name_th": "ฝ่ายโยธา (ใหม่)", "name_en": "Public Works"}, 302),
    ("/admin/units/MED-H02-MT-MICRO/move", {"parent": "MED-H02"}, 302),
    ("/admin/units/MED-H02-MT-MICRO/close", {}, 302),
    ("/admin/units/D1001-OLD/reopen", {}, 302),
]  # fmt: skip


@pytest.fixture
def scene(staff_roles, app):
    """The roles above, one deactivated colleague (outsider) and one closed unit."""
    with app.app_context():
        from ideaboard.extensions import db

        db.session.execute(update(User).where(User.username == "outsider").values(active=False))
        old = create_unit("D1001-OLD", "D1001", "section", "ฝ่ายที่ยุบแล้ว", "Dissolved Section")
        db.session.execute(update(OrgUnit).where(OrgUnit.id == old.id).values(closed_at=utcnow()))
        db.session.commit()
    return staff_roles


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("path", PAGES)
def test_only_administrators_see_the_admin_pages(scene, as_user, who, path):
    response = as_user(who).get(path)
    if who == "admin1":
        assert response.status_code == 200, text(response)[:500]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize(("path", "form", "admin_status"), ACTIONS, ids=[a[0] for a in ACTIONS])
def test_only_administrators_change_anything(
    scene, as_user, audit_rows, units_as_committed, who, path, form, admin_status
):
    tree_before = units_as_committed()
    response = as_user(who).post(path, data=form)
    if who == "admin1":
        assert response.status_code == admin_status, text(response)[:800]
        assert len(audit_rows()) == 1
    else:
        assert response.status_code == 403
        assert audit_rows() == []
        assert units_as_committed() == tree_before


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("path", ["/admin/people", "/admin/units"])
def test_the_admin_api_answers_administrators_only(scene, token, client, who, path):
    response = client.get(f"/api/v1{path}", headers=token(who))
    if who == "admin1":
        assert response.status_code == 200
        assert response.get_json()["items"]
    else:
        api_error(response, 403, "forbidden")


def test_logged_out_visitors_are_sent_to_log_in(client, scene):
    response = client.get("/admin/people")
    assert response.status_code == 302
    assert "/login?next=/admin/people" in response.headers["Location"]
    api_error(client.get("/api/v1/admin/people"), 401, "unauthorized")
    assert client.post("/admin/people/staff2/deactivate", data={"version": "1"}).status_code == 302


def test_a_deactivated_administrator_loses_the_admin_pages_at_once(scene, as_user, db_session):
    admin2 = as_user("admin2")
    assert admin2.get("/admin/").status_code == 200
    with db_session() as session:
        session.execute(update(User).where(User.username == "admin2").values(active=False))
        session.commit()
    assert admin2.get("/admin/").status_code == 302  # no longer logged in at all


@pytest.mark.parametrize("who", ROLES)
def test_the_top_bar_links_to_admin_for_administrators_only(scene, as_user, who):
    page = text(as_user(who).get("/ideas/?lang=en"))
    assert ('href="/admin/"' in page) is (who == "admin1")
    if who == "admin1":
        assert ">Admin<" in page
        assert "ผู้ดูแลระบบ" in text(as_user(who).get("/ideas/?lang=th"))


def test_every_admin_form_needs_its_csrf_token(scene, database_url, audit_rows):
    """With the production settings: a form posted without the token is refused (400) and
    changes nothing; the token the page carries makes it work."""
    import re

    from fixtures.people import PASSWORD

    from ideaboard import create_app

    strict = create_app({
        "TESTING": True, "SECRET_KEY": "strict", "SQLALCHEMY_DATABASE_URI": database_url,
        "RATELIMIT_ENABLED": False, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    })  # fmt: skip
    client = strict.test_client()

    def token_on(path: str) -> str:
        html = client.get(path).get_data(as_text=True)
        return re.search(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"', html).group(1)

    login_token = token_on("/login")
    client.post(
        "/login", data={"username": "admin1", "password": PASSWORD, "csrf_token": login_token}
    )
    for path, form, _status in ACTIONS:
        refused = client.post(path, data=form)
        assert refused.status_code == 400, path
    assert audit_rows() == []
    token = token_on("/admin/people/staff2")
    allowed = client.post(
        "/admin/people/staff2/deactivate", data={"version": "1", "csrf_token": token}
    )
    assert allowed.status_code == 302
    assert [row["action"] for row in audit_rows()] == ["person.deactivate"]
    with strict.app_context():
        from ideaboard.extensions import db

        db.engine.dispose()
