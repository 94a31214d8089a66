"""The notification lists and the bell walk their indexes: the query plans at 20,000
notifications (and 20,000 sent e-mails) on the database under test.

Why the bell counts rows rather than reading a counter kept on ``users``: a count along the
partial index of unread notifications, stopped at 100, reads at most 100 index entries —
one bounded query per page — and is exact by construction. A counter would be written in
the transaction of whoever acts, on each recipient's row (a submission holding its
supervisors' rows until it commits, two of them able to deadlock on PostgreSQL), and would
need a rule for every way a notification is read, hidden or deleted to stay equal to the
rows. The plans below show the count never scans the table, however many notifications
pile up.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from plans import captured as captured_where
from plans import plan
from sqlalchemy import insert, select

from ideaboard.core.dates import utcnow
from ideaboard.engagement.models import Comment
from ideaboard.extensions import db
from ideaboard.notifications import operations
from ideaboard.notifications.models import MailStatus, Notification, OutboxMail
from ideaboard.notifications.queries import notification_page, unread_count
from ideaboard.notifications.worker import claim
from ideaboard.people.models import User
from ideaboard.people.operations import user_by_username

NOTIFICATIONS = 20_000
READER_SHARE = 1_000  # supervisor1's
COLLEAGUES = 100


def captured(table: str):
    """The statements that read or update ``table``."""
    return captured_where(lambda s: f"FROM {table}" in s or f"UPDATE {table}" in s)


def assert_index_walk(table: str, statement, parameters, index: str | None = None) -> None:
    """No whole-table scan of ``table``, no sort; with ``index``, that index is read."""
    steps = plan(statement, parameters)
    if db.engine.dialect.name == "sqlite":
        assert not [s for s in steps if s.strip() in (f"SCAN {table}", f"SCAN {table} AS {table}")]
        assert not any("TEMP B-TREE FOR ORDER BY" in s for s in steps), steps
        if index:
            assert any(index in s for s in steps if table in s), steps
    else:
        assert not [n for n in steps if n["Node Type"] == "Seq Scan"
                    and n.get("Relation Name") == table], steps  # fmt: skip
        assert not any(n["Node Type"] in ("Sort", "Incremental Sort") for n in steps), steps
        if index:
            brief = [(n["Node Type"], n.get("Relation Name"), n.get("Index Name"), n.get("Filter"))
                     for n in steps]  # fmt: skip
            assert any(n.get("Index Name") == index for n in steps), [
                b for b in brief if b[1] == table
            ]


@pytest.fixture
def many_notifications(app, make_idea):
    """20,000 comment notifications on one idea: 1,000 of supervisor1's (a tenth unread),
    the rest spread over 100 colleagues; and 20,000 e-mails sent long ago, three due now."""
    idea = make_idea(author="staff2", stage="submitted")
    with app.app_context():
        author = user_by_username("staff2")
        reader = user_by_username("supervisor1")
        now = utcnow()
        db.session.execute(
            insert(User),
            [{"username": f"colleague{n:03}", "password_hash": "x", "display_name": f"คนที่ {n}",
              "position": "", "unit_id": author.unit_id, "locale": "th", "active": True,
              "created_at": now, "updated_at": now} for n in range(COLLEAGUES)],
        )  # fmt: skip
        colleagues = db.session.scalars(
            select(User.id).where(User.username.startswith("colleague"))
        ).all()
        db.session.execute(
            insert(Comment),
            [{"idea_id": idea.id, "author_id": author.id, "body": f"ความคิดเห็น {n}",
              "created_at": now} for n in range(NOTIFICATIONS)],
        )  # fmt: skip
        comments = db.session.scalars(select(Comment.id).order_by(Comment.id)).all()
        rows = []
        for n, comment_id in enumerate(comments):
            mine = n % (NOTIFICATIONS // READER_SHARE) == 0
            rows.append({
                "user_id": reader.id if mine else colleagues[n % COLLEAGUES],
                "idea_id": idea.id, "kind": "comment", "actor_id": author.id,
                "comment_id": comment_id, "created_at": now,
                "read_at": None if n % 200 == 0 or n % 10 == 1 else now,
            })  # fmt: skip
        db.session.execute(insert(Notification), rows)
        long_ago = now - timedelta(days=90)
        db.session.execute(
            insert(OutboxMail),
            [{"to_address": f"p{n}@bangkok.go.th", "subject": "s", "body": "b",
              "status": MailStatus.SENT if n >= 3 else MailStatus.PENDING, "attempts": 1,
              "next_attempt_at": None if n >= 3 else now, "created_at": long_ago}
             for n in range(NOTIFICATIONS + 3)],
        )  # fmt: skip
        db.session.commit()
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        if db.engine.dialect.name == "sqlite":
            db.engine.dispose()  # new connections read the statistics


def test_a_page_of_notifications_walks_the_readers_index(many_notifications, app):
    with app.app_context():
        reader = user_by_username("supervisor1")
        with captured("notifications") as statements:
            first, cursor = notification_page(reader)
            notification_page(reader, before=first[-1].id)
        assert len(first) == 20 and cursor
        # PostgreSQL may walk the primary key backwards instead, filtering by person, while
        # this reader owns a twentieth of the table (cheaper in its sums at this size; no
        # sort either way); with many people it takes the reader's index
        index = "ix_notifications_user_id" if db.engine.dialect.name == "sqlite" else None
        for statement, parameters in statements:
            assert_index_walk("notifications", statement, parameters, index=index)


def test_the_unread_page_count_and_mark_all_walk_the_unread_index(many_notifications, app):
    with app.app_context():
        reader = user_by_username("supervisor1")
        with captured("notifications") as statements:
            notification_page(reader, unread_only=True)
            assert unread_count(reader) == 100  # 101 unread, counted up to 100
        with captured("notifications") as updates:
            # a tenth of theirs, and the submission make_idea told them of
            assert operations.mark_all_read(reader) == READER_SHARE // 10 + 1
        for statement, parameters in statements + updates:
            assert_index_walk(
                "notifications", statement, parameters, index="ix_notifications_unread"
            )
        db.session.rollback()


def test_the_worker_finds_what_is_due_without_reading_what_was_sent(many_notifications, app):
    with app.app_context():
        with captured("mail_outbox") as statements:
            assert len(claim(utcnow(), 20)) == 3
        for statement, parameters in statements:
            assert_index_walk("mail_outbox", statement, parameters)
