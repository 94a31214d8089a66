"""Hostile input in every field of the admin forms: markup, 10,000 characters, NUL, spaces
only, Thai typed two ways. A clear message or the text saved as text; never a 500, never
half-saved, never rendered as markup."""

from __future__ import annotations

import pytest
from pages import text

MARKUP = '<img src=x onerror=alert(1)><script>alert("x")</script>{{7*7}}'
HUGE = "ก" * 10_000
NUL = "ฝ่าย\x00ทะเบียน"
SPACES = "     "
HOSTILE = {"markup": MARKUP, "huge": HUGE, "nul": NUL, "spaces": SPACES}

NEW_PERSON = {
    "username": "somsri_k", "display_name": "นางสมศรี ขยันงาน", "position": "นักจัดการงานทั่วไป",
    "email": "somsri@bangkok.go.th", "unit": "D1001-REG", "locale": "th",
    "password": "ลืมง่าย 2569!", "confirm": "ลืมง่าย 2569!",
}  # fmt: skip
NEW_UNIT = {"code": "D1001-CLN", "parent": "D1001", "kind": "section",
            "name_th": "ฝ่ายรักษาความสะอาด", "name_en": "Cleansing"}  # fmt: skip


@pytest.fixture
def admin(staff_roles, as_user):
    client = as_user("admin1")
    client.get("/admin/?lang=en")  # the language is the account's: set it before comparing
    return client


def assert_no_markup(response) -> None:
    page = text(response)
    assert response.status_code < 500
    assert "<img src=x" not in page and '<script>alert("x")' not in page


def state(app):
    """Everything the admin pages write: people, units, audit rows."""
    import sqlalchemy as sa

    from ideaboard.extensions import db

    with app.app_context():
        return [
            db.session.execute(sa.text(f"SELECT * FROM {table} ORDER BY 1")).all()
            for table in ("users", "org_units", "user_roles", "unit_supervisors", "audit_log")
        ]


@pytest.mark.parametrize("kind", HOSTILE)
@pytest.mark.parametrize("name", sorted(NEW_PERSON))
def test_hostile_values_in_the_new_person_form(admin, app, name, kind):
    before = state(app)
    value = HOSTILE[kind]
    data = {**NEW_PERSON, name: value}
    if name in ("password", "confirm"):
        data = {**data, "password": value, "confirm": value}
    response = admin.post("/admin/people/new?lang=en", data=data)
    assert_no_markup(response)
    # markup is a name or a position like any text, and a password may hold any characters
    saved_as_text = kind == "markup" and name in ("display_name", "position")
    any_password = kind == "markup" and name in ("password", "confirm")
    blank_is_fine = kind == "spaces" and name in ("position", "email")
    if saved_as_text or blank_is_fine or any_password:
        assert response.status_code == 302, text(response)[:600]
        page = admin.get("/admin/people/somsri_k")
        assert_no_markup(page)
        if saved_as_text:
            assert "&lt;img src=x onerror=alert(1)&gt;" in text(page)
            assert "{{7*7}}" in text(page)  # shown as typed, not run as a template
    else:
        assert response.status_code == 422, (name, kind, text(response)[:600])
        assert state(app) == before


@pytest.mark.parametrize("kind", HOSTILE)
@pytest.mark.parametrize("name", ["display_name", "position", "email", "unit", "locale", "version"])
def test_hostile_values_in_the_profile_form(admin, app, person_as_committed, name, kind):
    staff2 = person_as_committed("staff2")
    data = {"display_name": staff2.display_name, "position": "", "email": "", "unit": "D1001-REG",
            "locale": "th", "version": str(staff2.version), name: HOSTILE[kind]}  # fmt: skip
    before = state(app)
    response = admin.post("/admin/people/staff2?lang=en", data=data)
    assert_no_markup(response)
    if (kind == "markup" and name in ("display_name", "position")) or (
        kind == "spaces" and name in ("position", "email")
    ):
        assert response.status_code == 302
        assert_no_markup(admin.get("/admin/people/staff2"))
        assert_no_markup(admin.get("/admin/audit"))
        assert_no_markup(admin.get("/admin/people?q=%3Cimg"))
    else:
        assert response.status_code in (409, 422), (name, kind)
        assert state(app) == before


@pytest.mark.parametrize("kind", HOSTILE)
@pytest.mark.parametrize("name", sorted(NEW_UNIT))
def test_hostile_values_in_the_new_unit_form(admin, app, name, kind):
    before = state(app)
    response = admin.post("/admin/units/new?lang=en", data={**NEW_UNIT, name: HOSTILE[kind]})
    assert_no_markup(response)
    if (kind == "markup" and name in ("name_th", "name_en")) or (
        kind == "spaces" and name == "name_en"
    ):
        assert response.status_code == 302
        assert_no_markup(admin.get("/admin/units"))
        assert_no_markup(admin.get("/admin/units/D1001-CLN"))
        assert_no_markup(admin.get("/admin/people/new"))  # the unit suggestions
    else:
        assert response.status_code == 422, (name, kind)
        assert state(app) == before


@pytest.mark.parametrize("kind", HOSTILE)
@pytest.mark.parametrize(
    ("path", "field", "extra"),
    [
        ("/admin/units/D1001-PWK/rename", "name_th", {"name_en": ""}),
        ("/admin/units/D1001-PWK/move", "parent", {}),
        ("/admin/people/staff2/supervision", "supervised", {"op": "add", "version": "1"}),
        ("/admin/people/staff2/roles", "role", {"op": "grant", "version": "1"}),
        ("/admin/people/staff2/deactivate", "version", {}),
        ("/admin/people/staff2/password", "password", {"confirm": "x", "version": "1"}),
    ],
)
def test_hostile_values_in_the_other_forms(admin, app, path, field, extra, kind):
    before = state(app)
    response = admin.post(f"{path}?lang=en", data={**extra, field: HOSTILE[kind]})
    assert_no_markup(response)
    if kind == "markup" and field == "name_th":
        assert response.status_code == 302
        assert_no_markup(admin.get("/admin/units/D1001-PWK"))
    else:
        assert response.status_code in (409, 422), (path, kind, text(response)[:300])
        assert state(app) == before


@pytest.mark.parametrize("kind", HOSTILE)
@pytest.mark.parametrize(
    "url",
    [
        "/admin/people?q={}",
        "/admin/people?unit={}",
        "/admin/people?status={}",
        "/admin/people?role={}",
        "/admin/people?cursor={}",
        "/admin/people?limit={}",
        "/admin/units?q={}",
        "/admin/audit?actor={}",
        "/admin/audit?action={}",
        "/admin/audit?before={}",
        "/admin/units/{}",
        "/admin/people/{}",
        "/api/v1/admin/people?q={}",
        "/api/v1/admin/units?cursor={}",
    ],
)
def test_hostile_values_in_searches_and_addresses(admin, url, kind):
    from urllib.parse import quote

    response = admin.get(
        url.format(quote(HOSTILE[kind])) + ("&" if "?" in url else "?") + "lang=en"
    )
    assert response.status_code in (200, 404, 422), (url, kind, response.status_code)
    assert_no_markup(response)


def test_thai_typed_two_ways_finds_the_same_person(admin, make_user):
    make_user("nam", display_name="นางสาวน้ำฝน สำราญใจ")
    typed_apart = "ส\u0e4d\u0e32ราญ"  # sara am typed as nikhahit + sara aa
    listed = text(admin.get("/admin/people?q=" + typed_apart))
    assert "นางสาวน้ำฝน สำราญใจ" in listed
