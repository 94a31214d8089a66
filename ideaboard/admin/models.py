"""The audit log: one row per administrative change, never changed or removed by the app.

Each row says who (``actor``; None for the command line), when, what (``action``, e.g.
``person.deactivate``), to what (``target_type``, ``target_id`` and the ``target_label`` it
had then: a username or a unit code) and how (``changes``: field → before and after). It is
written by ``admin.audit.record_audit`` in the transaction of the change, so the change and
its row commit or roll back together. Passwords, hashes and tokens never reach it.

The ORM refuses to update or delete a row; the database refuses an UPDATE too (a trigger of
migration 0007). Deleting old rows stays possible for a database administrator (retention).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideaboard.core.dates import utcnow
from ideaboard.extensions import db
from ideaboard.people.models import User


class AuditEntry(db.Model):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(60))
    target_type: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int | None] = mapped_column(Integer)
    target_label: Mapped[str] = mapped_column(String(200), default="")
    changes: Mapped[dict] = mapped_column(JSON, default=dict)

    actor: Mapped[User | None] = relationship()

    __table_args__ = (
        # the log is read newest first (by id), whole or for one actor, action or target
        Index("ix_audit_log_actor", "actor_id", "id"),
        Index("ix_audit_log_action", "action", "id"),
        Index("ix_audit_log_target", "target_type", "target_id", "id"),
        {"sqlite_autoincrement": True},  # an entry's number is never given twice
    )

    def __repr__(self) -> str:
        return f"<AuditEntry {self.id} {self.action} {self.target_type}:{self.target_label}>"


class AuditLogIsAppendOnly(RuntimeError):
    """Code tried to change or remove an audit entry."""


@event.listens_for(AuditEntry, "before_update")
def _refuse_update(mapper, connection, target) -> None:
    raise AuditLogIsAppendOnly(f"audit entries are never changed ({target!r})")


@event.listens_for(AuditEntry, "before_delete")
def _refuse_delete(mapper, connection, target) -> None:
    raise AuditLogIsAppendOnly(f"audit entries are never removed ({target!r})")
