"""History listens: an edit after the first submission becomes an event on the timeline,
and a merge is recorded on the survivor's timeline too, in the same transaction."""

from __future__ import annotations

from ideaboard import signals
from ideaboard.extensions import db
from ideaboard.workflow.models import Action, StageEvent


@signals.idea_edited.connect
def record_edit(idea, *, user, changes, recorded, **_):
    if not recorded:
        return  # a draft's edits before anyone reviewed it are not history
    db.session.add(
        StageEvent(
            idea=idea,
            actor=user,
            action=Action.EDIT,
            from_stage=idea.stage,
            to_stage=idea.stage,
            changes=[change.as_dict() for change in changes],
            created_at=idea.updated_at,
        )
    )
    db.session.flush()


@signals.idea_merged.connect
def record_absorption(duplicate, *, survivor, user, event, **_):
    """The survivor's history says which duplicate it took in (its stage unchanged)."""
    db.session.add(
        StageEvent(
            idea=survivor,
            actor=user,
            action=Action.ABSORB,
            from_stage=survivor.stage,
            to_stage=survivor.stage,
            note=event.note,
            related_idea=duplicate,
            created_at=event.created_at,
        )
    )
    db.session.flush()
