"""An idea's stages, the actions that move it, and its history of events.

The stage rules (who may, which note, what else is required) are in ``transitions``; this
module only names the stages and actions and stores what happened.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideaboard.core.dates import utcnow
from ideaboard.core.models import enum_column
from ideaboard.extensions import db
from ideaboard.people.models import User

if TYPE_CHECKING:
    from ideaboard.ideas.models import Idea


class Stage(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    DECLINED = "declined"
    PILOTING = "piloting"
    IMPLEMENTED = "implemented"
    NOMINATED = "nominated"
    AWARDED = "awarded"
    MERGED = "merged"  # a duplicate taken in by another idea (``Idea.merged_into``)

    @property
    def title(self):
        return STAGE_TITLES[self]

    @property
    def badge(self) -> str:
        return STAGE_BADGES[self]

    @property
    def is_private(self) -> bool:
        """Only the idea's team sees it (a draft)."""
        return self in PRIVATE_STAGES

    @property
    def is_editable(self) -> bool:
        """Its team may still change its fields and steps."""
        return self in EDITABLE_STAGES

    @property
    def is_open(self) -> bool:
        """Colleagues may vote for it, comment on it and follow it: past the draft stage,
        and not merged into another idea (its votes and talk went there)."""
        return not self.is_private and self is not Stage.MERGED

    @property
    def is_listed(self) -> bool:
        """Lists show it without being asked for this stage."""
        return self not in UNLISTED_STAGES


PRIVATE_STAGES = frozenset({Stage.DRAFT})
EDITABLE_STAGES = frozenset({Stage.DRAFT, Stage.RETURNED})
# Readable by every colleague at their own address, but left out of the default lists (HTML
# and API); a list shows them only when filtered by their stage. A merged duplicate lives on
# in the idea that took it in, so listing both would count the same idea twice.
UNLISTED_STAGES = frozenset({Stage.MERGED})


STAGE_TITLES = {
    Stage.DRAFT: _l("Draft"),
    Stage.SUBMITTED: _l("Submitted"),
    Stage.RETURNED: _l("Returned for revision"),
    Stage.APPROVED: _l("Approved"),
    Stage.DECLINED: _l("Declined"),
    Stage.PILOTING: _l("Piloting"),
    Stage.IMPLEMENTED: _l("Implemented"),
    Stage.NOMINATED: _l("Nominated"),
    Stage.AWARDED: _l("Awarded"),
    Stage.MERGED: _l("Merged into another idea"),
}
STAGE_BADGES = {
    Stage.DRAFT: "muted",
    Stage.SUBMITTED: "info",
    Stage.RETURNED: "warn",
    Stage.APPROVED: "ok",
    Stage.DECLINED: "bad",
    Stage.PILOTING: "info",
    Stage.IMPLEMENTED: "ok",
    Stage.NOMINATED: "gold",
    Stage.AWARDED: "gold",
    Stage.MERGED: "muted",
}


class Action(enum.StrEnum):
    """What an event records: the creation, an edit, or a move through the table."""

    CREATE = "create"
    EDIT = "edit"
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    APPROVE = "approve"
    RETURN = "return"
    DECLINE = "decline"
    START_PILOT = "start_pilot"
    IMPLEMENT = "implement"
    MERGE = "merge"  # the duplicate's event: it went into another idea
    ABSORB = "absorb"  # the survivor's event: it took a duplicate in (its stage unchanged)

    @property
    def title(self):
        return ACTION_TITLES[self]


ACTION_TITLES = {
    Action.CREATE: _l("Created"),
    Action.EDIT: _l("Edited"),
    Action.SUBMIT: _l("Submit"),
    Action.WITHDRAW: _l("Withdraw"),
    Action.APPROVE: _l("Approve"),
    Action.RETURN: _l("Return for revision"),
    Action.DECLINE: _l("Decline"),
    Action.START_PILOT: _l("Start pilot"),
    Action.IMPLEMENT: _l("Record as implemented"),
    Action.MERGE: _l("Merge into another idea"),
    Action.ABSORB: _l("Merged a duplicate in"),
}


class StageEvent(db.Model):
    """One thing that happened to an idea: its creation, a stage move (who, when, from, to,
    why) or an edit after the first submission (what changed). Rows are never updated; they
    go only with a draft its author deletes before anyone else saw it."""

    __tablename__ = "stage_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    action: Mapped[Action] = mapped_column(enum_column(Action, name="action"))
    from_stage: Mapped[Stage | None] = mapped_column(enum_column(Stage, name="from_stage"))
    to_stage: Mapped[Stage] = mapped_column(enum_column(Stage, name="to_stage"))
    note: Mapped[str | None] = mapped_column(Text)
    # the other idea of a merge: the survivor on the duplicate's event, the duplicate on the
    # survivor's, so both timelines link each other
    related_idea_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id", ondelete="SET NULL"))
    # for edits: [{"field", "change", "step", "before", "after"}] (ideas.changes.Change)
    changes: Mapped[list | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    idea: Mapped[Idea] = relationship(back_populates="events", foreign_keys=[idea_id])
    actor: Mapped[User] = relationship(lazy="joined")
    related_idea: Mapped[Idea | None] = relationship(foreign_keys=[related_idea_id])

    __table_args__ = (
        CheckConstraint(
            "action NOT IN ('return', 'decline') OR (note IS NOT NULL AND note <> '')",
            name="reason_given",
        ),
        {"sqlite_autoincrement": True},  # ids never reused (history hangs on them)
    )

    @property
    def title(self):
        return self.action.title


@event.listens_for(StageEvent, "before_update")
def _events_are_immutable(mapper, connection, target):
    raise RuntimeError("stage events are append-only")
