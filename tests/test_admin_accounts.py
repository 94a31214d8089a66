"""Deactivating, reactivating and resetting a password: what a person's login, open
sessions and API tokens do afterwards, and what stays (their ideas, with their name)."""

from __future__ import annotations

import pytest
from api import api_error
from fixtures.people import PASSWORD
from pages import flashes, location, text, tree
from sqlalchemy import func, select

from ideaboard.extensions import db
from ideaboard.people.models import ApiToken


@pytest.fixture
def admin(staff_roles, as_user):
    return as_user("admin1")


def tokens_of(app, person) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count()).select_from(ApiToken).where(ApiToken.user_id == person.id)
        )


def version_of(person_as_committed, username: str) -> int:
    return person_as_committed(username).version


def test_a_deactivated_person_is_out_at_once_and_their_ideas_stay(
    admin, app, as_user, token, make_idea, person_as_committed, audit_rows
):
    idea = make_idea(author="staff2", stage="submitted")
    browser = as_user("staff2")  # logged in before
    headers = token("staff2")
    assert browser.get("/ideas/").status_code == 200
    staff2 = person_as_committed("staff2")

    response = admin.post(
        "/admin/people/staff2/deactivate?lang=en", data={"version": staff2.version}
    )
    assert response.status_code == 302
    message = flashes(tree(admin.get(location(response) + "?lang=en")), "ok")[0]
    assert "1 API token(s) stopped working" in message

    assert browser.get("/ideas/").status_code == 302  # the open session ended
    assert "/login" in browser.get("/ideas/").headers["Location"]
    api_error(app.test_client().get("/api/v1/me", headers=headers), 401, "unauthorized")
    assert tokens_of(app, staff2) == 0
    refused = app.test_client().post("/login", data={"username": "staff2", "password": PASSWORD})
    assert refused.status_code == 422
    # the idea stays, with its author's name
    page = text(as_user("staff1").get(f"/ideas/{idea.ref}"))
    assert "นางสาวสุดา รักงาน" in page
    [entry] = audit_rows()
    assert entry["changes"] == {
        "active": {"before": True, "after": False},
        "api_tokens": {"before": 1, "after": 0},
    }


def test_a_person_without_tokens_is_deactivated_without_a_token_line(
    admin, person_as_committed, audit_rows
):
    """The log says what changed: no "API tokens 0 → 0" for someone who had none."""
    version = version_of(person_as_committed, "staff2")
    assert (
        admin.post("/admin/people/staff2/deactivate", data={"version": version}).status_code == 302
    )
    [entry] = audit_rows()
    assert entry["changes"] == {"active": {"before": True, "after": False}}


def test_a_reactivated_person_logs_in_again_but_old_sessions_and_tokens_stay_ended(
    admin, app, as_user, token, person_as_committed
):
    browser = as_user("staff2")
    headers = token("staff2")
    version = version_of(person_as_committed, "staff2")
    admin.post("/admin/people/staff2/deactivate", data={"version": version})
    response = admin.post("/admin/people/staff2/reactivate", data={"version": version + 1})
    assert response.status_code == 302
    assert person_as_committed("staff2").active
    assert browser.get("/ideas/").status_code == 302  # the old session did not come back
    api_error(app.test_client().get("/api/v1/me", headers=headers), 401, "unauthorized")
    again = app.test_client()
    assert (
        again.post("/login", data={"username": "staff2", "password": PASSWORD}).status_code == 302
    )
    assert again.get("/ideas/").status_code == 200


def test_reactivation_needs_an_open_unit(admin, app, person_as_committed, closed_unit):
    from sqlalchemy import update

    from ideaboard.people.models import OrgUnit, User

    version = version_of(person_as_committed, "staff2")
    admin.post("/admin/people/staff2/deactivate", data={"version": version})
    with app.app_context():
        old = db.session.scalar(select(OrgUnit.id).where(OrgUnit.code == closed_unit))
        db.session.execute(update(User).where(User.username == "staff2").values(unit_id=old))
        db.session.commit()
    refused = admin.post("/admin/people/staff2/reactivate?lang=en", data={"version": version + 1})
    assert refused.status_code == 422
    assert "Their unit is closed" in text(refused)
    assert not person_as_committed("staff2").active


def test_nobody_deactivates_their_own_account(admin, person_as_committed, audit_rows):
    version = version_of(person_as_committed, "admin1")
    refused = admin.post("/admin/people/admin1/deactivate?lang=en", data={"version": version})
    assert refused.status_code == 409
    assert "You cannot deactivate your own account" in text(refused)
    assert person_as_committed("admin1").active
    assert audit_rows() == []
    assert "Yes, deactivate" not in text(admin.get("/admin/people/admin1?lang=en"))


def test_deactivating_twice_says_so(admin, person_as_committed):
    version = version_of(person_as_committed, "staff2")
    admin.post("/admin/people/staff2/deactivate", data={"version": version})
    again = admin.post("/admin/people/staff2/deactivate?lang=en", data={"version": version + 1})
    assert again.status_code == 409 and "already deactivated" in text(again)


# -- password reset --------------------------------------------------------------------------


def test_a_typed_password_replaces_the_old_one_and_ends_sessions_and_tokens(
    admin, app, as_user, token, person_as_committed, audit_rows
):
    browser = as_user("staff2")
    headers = token("staff2")
    new = "สุดาตั้งใหม่ 2569"
    response = admin.post(
        "/admin/people/staff2/password?lang=en",
        data={"password": new, "confirm": new, "set": "1",
              "version": version_of(person_as_committed, "staff2")},
    )  # fmt: skip
    assert response.status_code == 302
    assert browser.get("/ideas/").status_code == 302
    api_error(app.test_client().get("/api/v1/me", headers=headers), 401, "unauthorized")
    client = app.test_client()
    assert (
        client.post("/login", data={"username": "staff2", "password": PASSWORD}).status_code == 422
    )
    assert client.post("/login", data={"username": "staff2", "password": new}).status_code == 302
    [entry] = audit_rows()
    assert entry["action"] == "person.password_reset"
    assert entry["changes"] == {
        "password": {"changed": True},
        "generated": {"before": None, "after": False},
        "api_tokens": {"before": 1, "after": 0},
    }
    assert new not in str(entry)
    with app.app_context():
        from ideaboard.admin.models import AuditEntry

        stored = db.session.scalars(select(AuditEntry.changes)).all()
    hashed = person_as_committed("staff2").password_hash
    assert hashed not in str(stored) and new not in str(stored)


def test_a_made_up_password_is_shown_once_on_an_uncached_page(admin, app, person_as_committed):
    response = admin.post(
        "/admin/people/staff2/password",
        data={"generate": "1", "version": version_of(person_as_committed, "staff2")},
    )
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    shown = tree(response).xpath("//*[@data-password]")[0].text_content().strip()
    client = app.test_client()
    assert client.post("/login", data={"username": "staff2", "password": shown}).status_code == 302


@pytest.mark.parametrize(
    ("password", "confirm", "message"),
    [
        ("", "", "Use at least 10 characters."),
        (" " * 12, " " * 12, "A password of spaces only is too easy to guess."),
        ("สั้นไป", "สั้นไป", "Use at least 10 characters."),
        ("staff2-2569-new", "staff2-2569-new", "Do not use your username in your password."),
        ("bangkok12345", "bangkok12345", "too common or too easy to guess"),
        ("ต้นมะม่วงริมคลองแสนแสบ 7", "ต้นมะม่วงริมคลองแสนแสบ 8", "The two passwords are not the same."),
        ("x" * 10_000, "x" * 10_000, "At most 200 characters"),
        ("null\x00byte-pass", "null\x00byte-pass", "invisible control characters"),
    ],
)
def test_a_typed_password_must_be_long_enough_and_typed_twice(
    admin, app, person_as_committed, audit_rows, password, confirm, message
):
    before = person_as_committed("staff2")
    response = admin.post(
        "/admin/people/staff2/password?lang=en",
        data={"password": password, "confirm": confirm, "set": "1", "version": before.version},
    )
    assert response.status_code == 422
    assert message in text(response)
    assert person_as_committed("staff2").password_hash == before.password_hash
    assert audit_rows() == []


def test_an_administrator_resetting_their_own_password_stays_logged_in(
    admin, app, person_as_committed
):
    new = "ผู้ดูแลตั้งใหม่ 99"
    response = admin.post(
        "/admin/people/admin1/password",
        data={
            "password": new,
            "confirm": new,
            "version": version_of(person_as_committed, "admin1"),
        },
    )
    assert response.status_code == 302
    assert admin.get("/admin/").status_code == 200


def test_a_session_from_before_versions_still_works_until_the_first_reset(app, staff_roles):
    """Sessions written before this change carry the bare id; they count as version 0."""
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(staff_roles["staff1"].id)
        session["_fresh"] = True
    assert client.get("/ideas/").status_code == 200
    with client.session_transaction() as session:
        session["_user_id"] = f"{staff_roles['staff1'].id}:2"  # a forged future version
    assert client.get("/ideas/").status_code == 302
