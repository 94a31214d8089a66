"""Every button of the admin pages pressed once, in order, as an administrator would (for
the audit tests and the browser walk's data)."""

from __future__ import annotations

from sqlalchemy import select

from ideaboard.extensions import db
from ideaboard.people.models import User


def version(app, username: str) -> int:
    with app.app_context():
        return db.session.scalar(select(User.version).where(User.username == username))


def every_admin_change(admin, app) -> list[str]:
    """Press every admin button once (each must succeed); returns the passwords typed."""
    typed = ["ลืมง่าย 2569!", "ตั้งใหม่ 2569!"]

    def ok(path, data, status=302):
        response = admin.post(path, data=data)
        assert response.status_code == status, (path, response.get_data(as_text=True)[:600])

    ok("/admin/people/new", {
        "username": "somsri_k", "display_name": "นางสมศรี ขยันงาน", "position": "นักจัดการงานทั่วไป",
        "email": "", "unit": "D1001-REG", "locale": "th", "password": typed[0], "confirm": typed[0],
    })  # fmt: skip
    person = "/admin/people/somsri_k"
    ok(person, {"display_name": "นางสมศรี ขยันงาน", "position": "หัวหน้างานทะเบียน",
                "email": "somsri@bangkok.go.th", "unit": "D1001-PWK", "locale": "en",
                "version": version(app, "somsri_k")})  # fmt: skip
    ok(person + "/roles", {"op": "grant", "role": "committee", "version": version(app, "somsri_k")})
    ok(person + "/supervision", {"op": "add", "supervised": "D1001-REG",
                                 "version": version(app, "somsri_k")})  # fmt: skip
    ok(person + "/supervision", {"op": "remove", "supervised": "D1001-REG",
                                 "version": version(app, "somsri_k")})  # fmt: skip
    ok(
        person + "/roles",
        {"op": "revoke", "role": "committee", "version": version(app, "somsri_k")},
    )
    ok(person + "/password", {"password": typed[1], "confirm": typed[1], "set": "1",
                              "version": version(app, "somsri_k")})  # fmt: skip
    ok(person + "/password", {"generate": "1", "version": version(app, "somsri_k")}, status=200)
    ok(person + "/deactivate", {"version": version(app, "somsri_k")})
    ok(person + "/reactivate", {"version": version(app, "somsri_k")})
    ok("/admin/units/new", {"code": "D1001-CLN", "parent": "D1001", "kind": "section",
                            "name_th": "ฝ่ายรักษาความสะอาด", "name_en": ""})  # fmt: skip
    ok("/admin/units/D1001-CLN/rename", {"name_th": "ฝ่ายรักษาความสะอาดและสวนสาธารณะ",
                                         "name_en": "Cleansing and Parks"})  # fmt: skip
    ok("/admin/units/D1001-CLN/move", {"parent": "MED-H02"})
    ok("/admin/units/D1001-CLN/close", {})
    ok("/admin/units/D1001-CLN/reopen", {})
    return typed
