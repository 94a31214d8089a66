"""Serializers: each dumps through the declaration of its entity (``api.schemas``), so the
JSON lists exactly the declared fields and cannot drift from the OpenAPI document."""

from __future__ import annotations

from ideaboard.api.schemas import COMMENT, EVENT, IDEA, IDEA_SUMMARY, ME, PERSON, UNIT
from ideaboard.engagement.queries import viewer_state
from ideaboard.ideas.diff import step_diff
from ideaboard.ideas.models import Idea
from ideaboard.ideas.validation import STEP
from ideaboard.people.models import OrgUnit, User
from ideaboard.workflow.transitions import available


def unit_json(unit: OrgUnit) -> dict:
    return UNIT.dump(unit)


def person_json(user: User) -> dict:
    return PERSON.dump(user)


def me_json(user: User) -> dict:
    return ME.dump(user)


def idea_summary_json(idea: Idea) -> dict:
    """Reads only the attributes the list query loads (see ``IDEA_SUMMARY``)."""
    return IDEA_SUMMARY.dump(idea)


def idea_json(idea: Idea, user) -> dict:
    state = viewer_state(idea, user)
    return IDEA.dump(
        idea,
        measured=idea if idea.measured_impact is not None else None,
        can_edit=idea.can_edit(user),
        actions=[str(t.action) for t in available(idea, user)],
        diff=[row.as_dict(STEP.dump) for row in step_diff(idea.current_steps, idea.proposed_steps)],
        voted=state.voted,
        following=state.following,
    )


def comment_json(comment, user) -> dict:
    return COMMENT.dump(
        comment,
        body=None if comment.is_deleted else comment.body,
        can_edit=comment.can_change(user),
    )


def event_json(event) -> dict:
    return EVENT.dump(event, changes=list(event.changes or []))
