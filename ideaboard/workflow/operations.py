"""The one operation that moves an idea between stages; it writes the event and announces it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from ideaboard import signals
from ideaboard.core.dates import utcnow
from ideaboard.core.versioning import flush_or_conflict
from ideaboard.extensions import db
from ideaboard.ideas.models import Idea
from ideaboard.ideas.validation import MAX_NOTE, FieldErrors, clean_text
from ideaboard.workflow.models import Stage, StageEvent
from ideaboard.workflow.transitions import IDEA_WORKFLOW


def transition(
    idea: Idea,
    user,
    action,
    *,
    version,
    note: str | None = None,
    measured: Mapping | None = None,
    now: datetime | None = None,
) -> StageEvent:
    """Take ``action`` on ``idea`` as ``user``: everything the table asks is checked first
    (see ``workflow.machine.StateMachine.move``); then the event is written and
    ``stage_changed`` (and ``idea_submitted``, ``impact_changed``) are sent."""
    errors = FieldErrors()
    note = clean_text(note, "note", MAX_NOTE, errors)
    IDEA_WORKFLOW.parse_action(action)  # an unknown action is named before a bad note
    errors.check()
    estimate_before, measured_before = idea.impact, idea.measured_impact
    rule, source = IDEA_WORKFLOW.move(
        idea, user, action, version=version, note=note, inputs={"measured": measured}
    )
    now = now or utcnow()
    idea.updated_at = now
    if rule.target == Stage.SUBMITTED:
        idea.submitted_at = now
    impact_changed = idea.refresh_impact()
    event = StageEvent(
        idea=idea,
        actor=user,
        action=rule.action,
        from_stage=source,
        to_stage=rule.target,
        note=note or None,
        created_at=now,
    )
    db.session.add(event)
    flush_or_conflict()
    signals.stage_changed.send(idea, event=event, action=rule.action)
    if rule.target == Stage.SUBMITTED:
        signals.idea_submitted.send(idea, event=event)
    if impact_changed:
        signals.impact_changed.send(idea, before=estimate_before, measured_before=measured_before)
    return event
