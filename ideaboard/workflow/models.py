"""The immutable history of an idea's stages."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideaboard.core.dates import utcnow
from ideaboard.extensions import db
from ideaboard.ideas.models import Idea, Stage, enum_column
from ideaboard.people.models import User


class StageEvent(db.Model):
    """One transition: who, when, from, to, why. Rows are never updated or deleted."""

    __tablename__ = "stage_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(24))
    from_stage: Mapped[Stage | None] = mapped_column(enum_column(Stage, name="from_stage"))
    to_stage: Mapped[Stage] = mapped_column(enum_column(Stage, name="to_stage"))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    idea: Mapped[Idea] = relationship(
        backref=db.backref(
            "events",
            order_by="StageEvent.id",
            lazy="select",  # the history is read on one idea's page, not in lists
            cascade="all, delete-orphan",
            passive_deletes=True,
        )
    )
    actor: Mapped[User] = relationship(lazy="joined")


@event.listens_for(StageEvent, "before_update")
def _events_are_immutable(mapper, connection, target):
    raise RuntimeError("stage events are append-only")
