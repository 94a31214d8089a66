"""Explicit serializers: each lists the fields it exposes."""

from __future__ import annotations

from datetime import UTC

from ideaboard.ideas.models import Idea, Step
from ideaboard.people.models import OrgUnit, User
from ideaboard.workflow.transitions import available


def iso(moment) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()


def unit_json(unit: OrgUnit) -> dict:
    return {
        "code": unit.code,
        "name_th": unit.name_th,
        "name_en": unit.name_en,
        "kind": str(unit.kind),
    }


def person_json(user: User) -> dict:
    return {"username": user.username, "display_name": user.display_name}


def me_json(user: User) -> dict:
    return {
        **person_json(user),
        "position": user.position,
        "locale": user.locale,
        "roles": user.role_names,
        "unit": unit_json(user.unit),
        "supervises": [unit_json(unit) for unit in user.supervised_units],
    }


def step_json(step: Step) -> dict:
    return {
        "description": step.description,
        "actor": str(step.actor),
        "work_minutes": step.work_minutes,
        "wait_minutes": step.wait_minutes,
        "citizen_present": step.citizen_present,
    }


def idea_summary_json(idea: Idea) -> dict:
    return {
        "ref": idea.ref,
        "title": idea.title,
        "stage": str(idea.stage),
        "category": str(idea.category) if idea.category else None,
        "fiscal_year": idea.fiscal_year,
        "unit": unit_json(idea.unit),
        "author": person_json(idea.author),
        "vote_count": idea.vote_count,
        "comment_count": idea.comment_count,
        "version": idea.version,
        "created_at": iso(idea.created_at),
        "updated_at": iso(idea.updated_at),
        "impact": idea.impact.as_dict(),
    }


def idea_json(idea: Idea, user) -> dict:
    measured = idea.measured_impact
    return {
        **idea_summary_json(idea),
        "eh_moment": idea.eh_moment,
        "process_name": idea.process_name,
        "service": idea.service,
        "annual_volume": idea.annual_volume,
        "solution": idea.solution,
        "value": idea.value,
        "stakeholders": list(idea.stakeholders or []),
        "stakeholders_other": idea.stakeholders_other,
        "coauthors": [person_json(user) for user in idea.coauthors],
        "current_steps": [step_json(step) for step in idea.current_steps],
        "proposed_steps": [step_json(step) for step in idea.proposed_steps],
        "submitted_at": iso(idea.submitted_at),
        "measured": None
        if measured is None
        else {
            "steps_after": idea.measured_steps_after,
            "minutes_after": idea.measured_minutes_after,
            "cases_since": idea.measured_cases_since,
            "evidence": idea.measured_evidence,
            "impact": measured.as_dict(),
        },
        "can_edit": idea.can_edit(user),
        "actions": [str(t.action) for t in available(idea, user)],
    }


def event_json(event) -> dict:
    return {
        "action": str(event.action),
        "from": str(event.from_stage) if event.from_stage else None,
        "to": str(event.to_stage),
        "actor": person_json(event.actor),
        "note": event.note,
        "at": iso(event.created_at),
        "changes": list(event.changes or []),
    }
