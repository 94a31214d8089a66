"""The last active administrator stays: they cannot be demoted or deactivated, even when
two administrators act against each other at the same moment (threads with sessions of
their own, on SQLite and on PostgreSQL). Two admins moving units into each other at once
cannot make a circle either."""

from __future__ import annotations

import threading
import time

import pytest
from pages import text
from sqlalchemy import func, select

from ideaboard.admin import people_operations, unit_operations
from ideaboard.core.errors import Conflict, ValidationError
from ideaboard.extensions import db
from ideaboard.people.models import OrgUnit, Role, User, UserRole
from ideaboard.people.operations import unit_by_code, user_by_username


def active_admins(app) -> list[str]:
    with app.app_context():
        return sorted(db.session.scalars(
            select(User.username).join(UserRole, UserRole.user_id == User.id)
            .where(UserRole.role == Role.ADMIN, User.active.is_(True))
        ))  # fmt: skip


def version(app, username: str) -> int:
    with app.app_context():
        return user_by_username(username).version


def test_the_only_administrator_cannot_demote_themselves(staff_roles, as_user, app, audit_rows):
    admin = as_user("admin1")
    assert admin.post("/admin/people/admin2/roles", data={
        "op": "revoke", "role": "admin", "version": version(app, "admin2")}).status_code == 302  # fmt: skip
    refused = admin.post("/admin/people/admin1/roles?lang=en", data={
        "op": "revoke", "role": "admin", "version": version(app, "admin1")})  # fmt: skip
    assert refused.status_code == 409
    assert "นายผู้ดูแล หนึ่ง is the last active administrator" in text(refused)
    assert active_admins(app) == ["admin1"]
    assert [row["action"] for row in audit_rows()] == ["role.revoke"]


def test_a_deactivated_administrator_does_not_count(staff_roles, as_user, app):
    as_user("admin1").post(
        "/admin/people/admin2/deactivate", data={"version": version(app, "admin2")}
    )
    assert active_admins(app) == ["admin1"]
    refused = as_user("admin1").post("/admin/people/admin1/roles?lang=en", data={
        "op": "revoke", "role": "admin", "version": version(app, "admin1")})  # fmt: skip
    assert refused.status_code == 409 and "last active administrator" in text(refused)


def test_an_administrator_may_step_down_while_another_remains(staff_roles, as_user, app):
    response = as_user("admin2").post("/admin/people/admin2/roles", data={
        "op": "revoke", "role": "admin", "version": version(app, "admin2")})  # fmt: skip
    assert response.status_code == 302
    assert response.headers["Location"] == "/"  # their admin pages are gone
    assert active_admins(app) == ["admin1"]
    assert as_user("admin2").get("/admin/").status_code == 403  # at once


def run_at_once(app, jobs) -> dict:
    """Each job(actor) in a thread with its own application context and session, started
    together; returns {name: "done" | "refused" | the unexpected error}."""
    barrier = threading.Barrier(len(jobs))
    results: dict = {}

    def run(name, job):
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                job()
                db.session.commit()
                results[name] = "done"
            except (Conflict, ValidationError) as error:
                db.session.rollback()
                results[name] = f"refused: {error.message} {error.fields}"
            except Exception as error:  # reported by the test, not swallowed
                db.session.rollback()
                results[name] = repr(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=item) for item in jobs.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def slow_after_check(monkeypatch):
    """Each operation waits a moment after its check, before it writes and commits: without
    a lock the other administrator's check would run meanwhile and pass too."""

    def slow(module, name):
        original = getattr(module, name)

        def checked_then_wait(*args, **kwargs):
            result = original(*args, **kwargs)
            time.sleep(0.4)
            return result

        monkeypatch.setattr(module, name, checked_then_wait)

    return slow


@pytest.mark.parametrize("how", ["revoke", "deactivate"])
def test_two_administrators_removing_each_other_at_once_leave_one(
    staff_roles, app, audit_rows, slow_after_check, how
):
    slow_after_check(people_operations, "ensure_an_admin_remains")

    def remove(actor_name, target_name):
        def job():
            actor, target = user_by_username(actor_name), user_by_username(target_name)
            if how == "revoke":
                people_operations.revoke_role(actor, target, "admin", target.version)
            else:
                people_operations.deactivate_person(actor, target, target.version)

        return job

    results = run_at_once(app, {"admin1": remove("admin1", "admin2"),
                                "admin2": remove("admin2", "admin1")})  # fmt: skip
    outcomes = sorted(result.split(":")[0] for result in results.values())
    assert outcomes == ["done", "refused"], results
    assert len(active_admins(app)) == 1
    assert len(audit_rows()) == 1


def test_two_administrators_moving_units_into_each_other_at_once_make_no_circle(
    staff_roles, app, audit_rows, slow_after_check, units_as_committed
):
    """D1001-PWK under D1001-REG while D1001-REG goes under D1001-PWK: one of them must see
    the other's move and refuse."""
    slow_after_check(unit_operations, "_parent")

    def move(code, under):
        def job():
            unit_operations.move_unit(user_by_username("admin1"), unit_by_code(code),
                                      {"parent": under})  # fmt: skip

        return job

    results = run_at_once(app, {"a": move("D1001-PWK", "D1001-REG"),
                                "b": move("D1001-REG", "D1001-PWK")})  # fmt: skip
    outcomes = sorted(result.split(":")[0] for result in results.values())
    assert outcomes == ["done", "refused"], results
    tree = units_as_committed()
    for code, (path, depth, parent, _closed) in tree.items():
        assert path.count("/") - 2 == depth, code
        assert path.endswith(f"/{code}/") and len(set(path.strip("/").split("/"))) == depth + 1
        if parent:
            assert path == tree[parent][0] + code + "/"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(OrgUnit)) == len(tree)
    assert len(audit_rows()) == 1
