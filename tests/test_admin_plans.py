"""The admin lists walk an index at any size: the people list (by username) and the audit
log (newest first, whole or filtered), read at 20,000 people and 20,000 entries on the
database under test. Each statement a page runs is explained: the big table is never
scanned whole in another order and then sorted."""

from __future__ import annotations

import pytest
from plans import captured
from plans import plan as explain
from sqlalchemy import insert, select
from werkzeug.security import generate_password_hash

from ideaboard.admin.audit import AuditFilters, audit_page
from ideaboard.admin.models import AuditEntry
from ideaboard.admin.queries import people_page, read_people_filters
from ideaboard.core.dates import utcnow
from ideaboard.demo.generate import generate_users
from ideaboard.extensions import db
from ideaboard.people.models import User
from ideaboard.people.operations import user_by_username

SIZE = 20_000


@pytest.fixture
def crowd(app, staff_roles):
    with app.app_context():
        generate_users(SIZE, generate_password_hash("x", method="pbkdf2:sha256:1"))
        ids = db.session.scalars(select(User.id).order_by(User.id)).all()
        admin = user_by_username("admin1")
        now = utcnow()
        rows = [
            {"created_at": now, "actor_id": admin.id, "action": action, "target_type": "person",
             "target_id": ids[n % len(ids)], "target_label": f"gen{n:05d}",
             "changes": {"active": {"before": True, "after": False}}}
            for n in range(SIZE)
            for action in (("person.update", "person.deactivate")[n % 2],)
        ]  # fmt: skip
        db.session.execute(insert(AuditEntry.__table__), rows)
        db.session.commit()
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        if db.engine.dialect.name == "sqlite":
            db.engine.dispose()  # new connections read the statistics


def check(statement, parameters, table: str, *, may_sort: bool = False) -> None:
    """No sort of the big table's rows (``may_sort``: a handful found through an index), no
    scan of it in another order. On SQLite a walk down the rowid itself (the audit log by
    id) reads as ``SCAN audit_log`` with no sort: that is the index walk."""
    plan = explain(statement, parameters)
    if db.engine.dialect.name == "sqlite":
        sorted_ = any("TEMP B-TREE FOR ORDER BY" in line for line in plan)
        scanned = any(line.strip() == f"SCAN {table}" for line in plan)
        assert not (sorted_ and scanned), plan
        assert may_sort or not sorted_, plan
    else:
        scans = [
            n for n in plan if n["Node Type"] == "Seq Scan" and n.get("Relation Name") == table
        ]
        assert not scans, plan
        if not may_sort:
            assert not any(n["Node Type"] in ("Sort", "Incremental Sort") for n in plan), plan


def statements_of(run, table: str) -> list:
    """The SELECTs from ``table`` that ``run()`` sends."""
    keep = lambda s: s.lstrip().upper().startswith("SELECT") and f"FROM {table}" in s  # noqa: E731
    with captured(keep) as found:
        run()
    return found


PEOPLE_FILTERS = [{}, {"status": "active"}, {"role": "admin"}, {"q": "สม"}, {"cursor": "gen10000"}]
AUDIT_FILTERS = [
    {},
    {"action": "person.deactivate"},
    {"actor": "admin1"},
    {"person": "gen00042"},
    {"before": SIZE // 2},  # from the newest entry: half way down
]


def test_the_admin_lists_walk_an_index(crowd, app):
    """One crowd for both lists (building it is what takes the time)."""
    with app.test_request_context():
        for args in PEOPLE_FILTERS:
            filters, errors = read_people_filters(args)
            assert not errors
            found = statements_of(lambda filters=filters: people_page(filters), "users")
            assert found
            # the page itself (the rest load units and roles by id); the two admins are
            # found through the role table and may be sorted
            check(*found[0], "users", may_sort="role" in args)

        newest = db.session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
        for args in AUDIT_FILTERS:
            filters = AuditFilters(
                action=args.get("action", ""),
                actor=user_by_username(args["actor"]) if "actor" in args else None,
                person=user_by_username(args["person"]) if "person" in args else None,
                before=newest - args["before"] if "before" in args else None,
            )
            found = statements_of(lambda filters=filters: audit_page(filters), "audit_log")
            assert found
            for statement, parameters in found:
                check(statement, parameters, "audit_log")
