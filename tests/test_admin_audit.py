"""The audit log: one row per administrative change, in the change's transaction, with
before → after and never a secret; rows are never changed or removed; the page lists them
newest first with filters and keyset pages; other features record through
``record_audit``."""

from __future__ import annotations

import enum
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from admin_story import every_admin_change
from pages import flashes, text, tree

from ideaboard.admin.audit import record_audit
from ideaboard.admin.models import AuditEntry, AuditLogIsAppendOnly
from ideaboard.core.errors import ValidationError
from ideaboard.people.operations import unit_by_code, user_by_username


class Colour(enum.Enum):
    GREEN = "green"


def test_record_audit_keeps_before_and_after_and_never_a_secret(staff_roles, db):
    admin = user_by_username("admin1")
    entry = record_audit(admin, "roster.import", ("roster", 7, "บุคลากร_2569.xlsx"), {
        "rows": (None, 1200),
        "password": ("old-secret", "new-secret"),
        "password_hash": ("scrypt:1:abc", "scrypt:1:def"),
        "token": ("t1", "t2"),
        "kind": (None, Colour.GREEN),
        "at": (None, datetime(2026, 11, 27, 3, 0, tzinfo=UTC)),
        "note": (None, "ก" * 2000),
        "units": (None, {"D1001", "BMA"}),
        "rows_by_outcome": (None, {"created": 3, "rejected": Colour.GREEN}),
    })  # fmt: skip
    db.session.commit()
    stored = db.session.get(AuditEntry, entry.id)
    assert (stored.actor_id, stored.action, stored.target_type, stored.target_id,
            stored.target_label) == (admin.id, "roster.import", "roster", 7, "บุคลากร_2569.xlsx")  # fmt: skip
    changes = stored.changes
    assert changes["rows"] == {"before": None, "after": 1200}
    for secret in ("password", "password_hash", "token"):
        assert changes[secret] == {"changed": True}
    assert "secret" not in str(changes) and "scrypt" not in str(changes)
    assert changes["kind"]["after"] == "green"
    assert changes["at"]["after"] == "2026-11-27T03:00:00+00:00"
    assert len(changes["note"]["after"]) == 501
    assert changes["units"]["after"] == ["BMA", "D1001"]
    assert changes["rows_by_outcome"]["after"] == {"created": 3, "rejected": "green"}


def test_a_person_or_unit_target_names_itself(staff_roles, db):
    person = record_audit(None, "person.reactivate", user_by_username("staff1"))
    unit = record_audit(None, "unit.rename", unit_by_code("D1001-REG"), {"name_th": ("ก", "ข")})
    assert (person.target_type, person.target_label, person.actor_id) == ("person", "staff1", None)
    assert (unit.target_type, unit.target_label) == ("unit", "D1001-REG")


@pytest.mark.parametrize("action", ["", "Person.Create", "create", "person.", "x." + "a" * 70])
def test_an_action_is_dotted_lower_case_words(staff_roles, db, action):
    with pytest.raises(ValueError):
        record_audit(None, action, user_by_username("staff1"))


def test_entries_are_never_changed_or_removed(staff_roles, db):
    entry = record_audit(None, "person.reactivate", user_by_username("staff1"))
    db.session.commit()
    entry.action = "person.deactivate"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEntry, entry.id))
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    with db.engine.connect() as conn, pytest.raises(sa.exc.DatabaseError):
        conn.execute(sa.text("UPDATE audit_log SET action = 'person.deactivate'"))
    assert db.session.get(AuditEntry, entry.id).action == "person.reactivate"


def test_a_refused_change_leaves_no_entry(staff_roles, db):
    """The entry is written in the change's transaction: a rollback takes both."""
    from ideaboard.admin.people_operations import update_person

    staff1 = user_by_username("staff1")
    with pytest.raises(ValidationError):
        update_person(user_by_username("admin1"), staff1, {
            "display_name": "นายสมชาย ใจดีมาก", "position": "", "email": "not-an-address",
            "unit": "D1001-REG", "locale": "th"}, staff1.version)  # fmt: skip
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == 0


def test_every_admin_change_writes_one_entry_without_secrets(staff_roles, as_user, audit_rows, app):
    """Walk every button once; each leaves exactly one entry naming the admin."""
    typed = every_admin_change(as_user("admin1"), app)
    rows = audit_rows()
    assert [row["action"] for row in rows] == [
        "person.create", "person.update", "role.grant", "supervision.add", "supervision.remove",
        "role.revoke", "person.password_reset", "person.password_reset", "person.deactivate",
        "person.reactivate", "unit.create", "unit.rename", "unit.move", "unit.close", "unit.reopen",
    ]  # fmt: skip
    assert {row["actor"] for row in rows} == {"admin1"}
    everything = str(rows)
    for secret in typed:
        assert secret not in everything
    assert "pbkdf2:" not in everything and "scrypt:" not in everything
    for row in rows:
        assert row["changes"], row
        for change in row["changes"].values():
            assert set(change) in ({"before", "after"}, {"changed"})


def test_the_log_page_lists_newest_first_with_filters_and_pages(
    staff_roles, as_user, app, audit_rows
):
    admin = as_user("admin1")
    every_admin_change(admin, app)
    page = tree(admin.get("/admin/audit?lang=en"))
    actions = [s.text_content() for s in page.xpath("//strong[@class='audit-action']")]
    assert actions[0] == "Unit reopened" and actions[-1] == "Person created"
    about = tree(admin.get("/admin/audit?lang=en&person=somsri_k"))
    assert len(about.xpath("//li[@class='audit-entry']")) == 10
    by_action = tree(admin.get("/admin/audit?lang=en&action=unit.move"))
    entries = by_action.xpath("//li[@class='audit-entry']")
    assert len(entries) == 1
    assert "/BMA/D1001/D1001-CLN/ → /BMA/MED/MED-H02/D1001-CLN/" in " ".join(
        entries[0].text_content().split()
    )
    assert (
        len(tree(admin.get("/admin/audit?unit=D1001-CLN")).xpath("//li[@class='audit-entry']")) == 5
    )
    assert tree(admin.get("/admin/audit?actor=staff1")).xpath("//li[@class='audit-entry']") == []
    # pages of 50 never repeat or skip: make more entries, then walk
    for n in range(60):
        admin.post("/admin/units/D1001-PWK/rename", data={"name_th": f"ฝ่ายโยธา {n}", "name_en": ""})
    seen, url = [], "/admin/audit?action=unit.rename"
    while url:
        doc = tree(admin.get(url))
        seen += [li.text_content() for li in doc.xpath("//li[@class='audit-entry']")]
        older = doc.xpath("//nav[@class='pager']/a[contains(@href, 'before=')]/@href")
        url = older[0] if older else None
    assert len(seen) == 61 and len(set(seen)) == 61
    assert "ฝ่ายโยธา 59" in seen[0]


@pytest.mark.parametrize("query", ["actor=nobody", "action=<b>x</b>", "before=abc", "unit=ไม่มี"])
def test_a_bad_filter_is_named_and_left_out(staff_roles, as_user, query):
    response = as_user("admin1").get(f"/admin/audit?lang=en&{query}")
    assert response.status_code == 422
    assert any("is not valid here" in m for m in flashes(tree(response), "warn"))
    assert "<b>x</b>" not in text(response)


def test_the_command_line_records_who_it_was(app, org, audit_rows):
    result = app.test_cli_runner().invoke(args=[
        "ideaboard", "create-user", "somsri", "--name", "นางสมศรี มีสุข", "--unit", "D1001-REG",
        "--role", "admin", "--password", "s3cret-pass",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    [entry] = audit_rows()
    assert (entry["actor"], entry["action"], entry["target"]) == (
        None,
        "person.create",
        ("person", "somsri"),
    )
    assert entry["changes"]["roles"] == {"before": None, "after": ["admin"]}
    assert "s3cret-pass" not in str(entry)
