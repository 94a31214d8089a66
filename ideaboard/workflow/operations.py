"""The one operation that moves an idea between stages, and its history."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ideaboard.core.dates import utcnow
from ideaboard.core.errors import Conflict, PermissionDenied, ValidationError
from ideaboard.core.versioning import check_version, flush_or_conflict
from ideaboard.extensions import db
from ideaboard.ideas.models import Idea, Stage, StageEvent
from ideaboard.ideas.validation import (
    MAX_NOTE,
    FieldErrors,
    check_complete,
    clean_measurement,
    clean_text,
)
from ideaboard.workflow import transitions


def transition(
    idea: Idea,
    user,
    action: str,
    *,
    version,
    note: str | None = None,
    measured: Mapping | None = None,
    now: datetime | None = None,
) -> StageEvent:
    if action not in transitions.ACTIONS:
        raise ValidationError(fields={"action": _l("Unknown action.")})
    rule = transitions.lookup(idea.stage, action)
    if rule is None:
        raise Conflict(
            _(
                "“%(action)s” is not possible while the idea is “%(stage)s”.",
                action=transitions.ACTION_TITLES[action],
                stage=idea.stage.title,
            )
        )
    if not rule.allowed(idea, user):
        raise PermissionDenied(
            _("Only %(who)s can do this.", who=transitions.ACTOR_RULE_TITLES[rule.allowed])
        )
    check_version(idea, version)
    errors = FieldErrors()
    note = clean_text(note, "note", MAX_NOTE, errors)
    if rule.note_required and note == "":
        errors["note"] = _l("Please give a reason; the author will read it.")
    errors.check()
    if action == "submit":
        check_complete(idea)
    if rule.needs_measurement:
        result = clean_measurement(measured)
        idea.measured_steps_after = result["steps_after"]
        idea.measured_minutes_after = result["minutes_after"]
        idea.measured_cases_since = result["cases_since"]
        idea.measured_evidence = result["evidence"]

    now = now or utcnow()
    source = idea.stage
    idea.stage = rule.target
    idea.updated_at = now
    if rule.target == Stage.SUBMITTED:
        idea.submitted_at = now
    event = StageEvent(
        idea=idea,
        actor=user,
        action=action,
        from_stage=source,
        to_stage=rule.target,
        note=note or None,
        created_at=now,
    )
    db.session.add(event)
    flush_or_conflict()
    return event
