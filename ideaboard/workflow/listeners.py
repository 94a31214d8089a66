"""History listens: an edit after the first submission becomes an event on the timeline,
and a merge is recorded on the survivor's timeline too, in the same transaction."""

from __future__ import annotations

from ideaboard import signals
from ideaboard.extensions import db
from ideaboard.workflow.models import Action, StageEvent


def _record_in_place(idea, **fields) -> None:
    """An event that leaves the idea in its stage (an edit, a duplicate taken in)."""
    db.session.add(StageEvent(idea=idea, from_stage=idea.stage, to_stage=idea.stage, **fields))
    db.session.flush()


@signals.idea_edited.connect
def record_edit(idea, *, user, changes, recorded, **_):
    if not recorded:
        return  # a draft's edits before anyone reviewed it are not history
    _record_in_place(
        idea,
        actor=user,
        action=Action.EDIT,
        changes=[change.as_dict() for change in changes],
        created_at=idea.updated_at,
    )


@signals.idea_merged.connect
def record_absorption(duplicate, *, survivor, user, event, **_):
    """The survivor's history says which duplicate it took in (its stage unchanged)."""
    _record_in_place(
        survivor,
        actor=user,
        action=Action.ABSORB,
        note=event.note,
        related_idea=duplicate,
        created_at=event.created_at,
    )


def _record_file(attachment, *, idea, user, recorded, change: str) -> None:
    if not recorded:
        return  # before the first submission, like an edit: not history
    field = "evidence_files" if attachment.is_evidence else "attachments"
    name = attachment.display_name
    _record_in_place(
        idea,
        actor=user,
        action=Action.EDIT,
        changes=[{"field": field, "change": change, "step": None,
                  "before": name if change == "removed" else None,
                  "after": name if change == "added" else None}],
    )  # fmt: skip


@signals.attachment_added.connect
def record_file_added(attachment, **kwargs):
    """A file attached after submission is on the timeline (what the reviewer saw changed)."""
    _record_file(attachment, change="added", **kwargs)


@signals.attachment_removed.connect
def record_file_removed(attachment, **kwargs):
    _record_file(attachment, change="removed", **kwargs)
