"""A notification (one person told of one event) and the e-mail outbox.

A notification names what happened by reference — the stage event or the comment — and is
worded when it is read, in the reader's language. One person is told once of one event: the
database refuses a second row for the same (person, event) or (person, comment).

An outbox row is a rendered e-mail waiting for the worker (``notifications.worker``). It is
written in the transaction of the change, so it commits or rolls back with it; the worker
sends it after the commit. ``next_attempt_at`` is when it is due (its lease while a worker
holds it) and is empty once it is sent or given up, so "what is due" is one range on its
index.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from ideaboard.core.dates import utcnow
from ideaboard.core.models import enum_column
from ideaboard.extensions import db

UNREAD = text("read_at IS NULL")


class Kind(enum.StrEnum):
    STAGE = "stage"  # the idea moved between stages (its team and followers)
    REVIEW = "review"  # submitted or resubmitted: waiting for this supervisor's review
    COMMENT = "comment"  # a colleague commented (its team and followers)
    MERGED = "merged"  # a duplicate went into another idea (its team and followers)


class Notification(db.Model):
    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    kind: Mapped[Kind] = mapped_column(enum_column(Kind, 12, name="notification_kind"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("stage_events.id", ondelete="CASCADE"))
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        # someone's notifications, newest first, a page at a time
        Index("ix_notifications_user_id", "user_id", "id"),
        # only the unread ones: the bell's count (at most a hundred entries read), the
        # unread filter and "mark all read" never touch what was read
        Index(
            "ix_notifications_unread",
            "user_id",
            "id",
            sqlite_where=UNREAD,
            postgresql_where=UNREAD,
        ),  # fmt: skip
        UniqueConstraint("user_id", "event_id", name="uq_notifications_user_event"),
        UniqueConstraint("user_id", "comment_id", name="uq_notifications_user_comment"),
        CheckConstraint(
            "(kind = 'comment' AND comment_id IS NOT NULL AND event_id IS NULL) OR "
            "(kind <> 'comment' AND event_id IS NOT NULL AND comment_id IS NULL)",
            name="names_what_happened",
        ),
        {"sqlite_autoincrement": True},  # ids never reused: the API names notifications
    )

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class MailStatus(enum.StrEnum):
    PENDING = "pending"  # due at next_attempt_at (first try or a retry)
    SENDING = "sending"  # a worker holds it until next_attempt_at (then another may retry)
    SENT = "sent"
    FAILED = "failed"  # given up after the last attempt; kept to be looked at


class OutboxMail(db.Model):
    __tablename__ = "mail_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(400))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[MailStatus] = mapped_column(
        enum_column(MailStatus, 10, name="mail_status"), default=MailStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        # what is due: a range from the oldest due time (finished rows have none)
        Index("ix_mail_outbox_due", "next_attempt_at"),
        CheckConstraint(
            "(status IN ('pending', 'sending')) = (next_attempt_at IS NOT NULL)",
            name="due_while_unsent",
        ),
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        {"sqlite_autoincrement": True},
    )
