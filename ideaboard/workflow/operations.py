"""The one operation that moves an idea between stages; it writes the event and announces it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from ideaboard import signals
from ideaboard.core.dates import utcnow
from ideaboard.core.versioning import flush_or_conflict
from ideaboard.extensions import db
from ideaboard.files.models import Kind
from ideaboard.files.operations import store
from ideaboard.ideas.models import Idea
from ideaboard.ideas.validation import MAX_NOTE, FieldErrors, clean_text
from ideaboard.workflow.models import Action, Stage, StageEvent
from ideaboard.workflow.transitions import IDEA_WORKFLOW


def transition(
    idea: Idea,
    user,
    action,
    *,
    version,
    note: str | None = None,
    measured: Mapping | None = None,
    into=None,
    evidence_files: Sequence = (),
    now: datetime | None = None,
) -> StageEvent:
    """Take ``action`` on ``idea`` as ``user``: everything the table asks is checked first
    (see ``workflow.machine.StateMachine.move``); then the event is written and
    ``stage_changed`` (and ``idea_submitted``, ``impact_changed``, ``idea_merged``) are sent.

    ``measured``: the measured result (implement); ``into``: the reference of the idea a
    duplicate is merged into, or that Idea (merge); ``evidence_files``: ``files.operations.
    Upload``s attached as evidence when implementing (checked with the measurement, stored
    once the idea is implemented). The table's effects read them, with the user as ``by``,
    from one inputs mapping; actions that do not ask for them ignore them."""
    errors = FieldErrors()
    note = clean_text(note, "note", MAX_NOTE, errors)
    IDEA_WORKFLOW.parse_action(action)  # an unknown action is named before a bad note
    errors.check()
    estimate_before, measured_before = idea.impact, idea.measured_impact
    inputs = {"measured": measured, "into": into, "evidence_files": evidence_files, "by": user}
    rule, source = IDEA_WORKFLOW.move(idea, user, action, version=version, note=note, inputs=inputs)
    now = now or utcnow()
    idea.updated_at = now
    if rule.target == Stage.SUBMITTED:
        idea.submitted_at = now
    survivor = idea.merged_into if rule.action == Action.MERGE else None
    if survivor is not None:
        # the survivor's row changes too, so its version moves on: a merge the other way
        # (or into an idea merged meanwhile) racing this one conflicts instead of making
        # a cycle or a chain
        survivor.updated_at = now
        with db.session.no_autoflush:  # a stale survivor is found by the flush below
            taken_in = list(idea.merged_ideas)
        for earlier in taken_in:  # no chains: what the duplicate took in goes on with it
            earlier.merged_into = survivor
    impact_changed = idea.refresh_impact()
    event = StageEvent(
        idea=idea,
        actor=user,
        action=rule.action,
        from_stage=source,
        to_stage=rule.target,
        note=note or None,
        related_idea=survivor,
        created_at=now,
    )
    db.session.add(event)
    flush_or_conflict()
    if inputs.get("evidence"):  # checked by the measurement's effect; the table allowed the user
        store(idea, user, inputs["evidence"], kind=Kind.EVIDENCE, now=now)
    signals.stage_changed.send(idea, event=event, action=rule.action)
    if rule.target == Stage.SUBMITTED:
        signals.idea_submitted.send(idea, event=event)
    if impact_changed:
        signals.impact_changed.send(idea, before=estimate_before, measured_before=measured_before)
    if survivor is not None:
        signals.idea_merged.send(idea, survivor=survivor, user=user, event=event)
    return event
