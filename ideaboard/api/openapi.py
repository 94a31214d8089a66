"""The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json."""

from __future__ import annotations

from ideaboard.ideas.models import Actor, Category, Stakeholder
from ideaboard.ideas.queries import SORTS
from ideaboard.ideas.validation import (
    MAX_ANNUAL_VOLUME,
    MAX_STEP_DESCRIPTION,
    MAX_STEPS,
    MAX_TITLE,
    MAX_WAIT_MINUTES,
    MAX_WORK_MINUTES,
)
from ideaboard.workflow.models import Stage
from ideaboard.workflow.transitions import ACTIONS


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _errors(*statuses: int) -> dict:
    return {str(s): {"$ref": "#/components/responses/Error"} for s in statuses}


def _json(schema: dict) -> dict:
    return {"content": {"application/json": {"schema": schema}}}


STEP = {
    "type": "object",
    "required": ["description", "actor"],
    "properties": {
        "description": {"type": "string", "maxLength": MAX_STEP_DESCRIPTION},
        "actor": {"enum": [a.value for a in Actor]},
        "work_minutes": {"type": "integer", "minimum": 0, "maximum": MAX_WORK_MINUTES},
        "wait_minutes": {"type": "integer", "minimum": 0, "maximum": MAX_WAIT_MINUTES},
        "citizen_present": {"type": "boolean"},
    },
}
IMPACT = {
    "type": "object",
    "properties": {
        name: {"type": ["number", "null"]}
        for name in (
            "steps_before", "steps_after", "step_reduction_pct", "minutes_before",
            "minutes_after", "minutes_saved_per_case", "hours_saved_per_year",
            "citizen_visits_before", "citizen_visits_after",
        )
    },
}  # fmt: skip
IDEA_INPUT = {
    "type": "object",
    "required": ["title", "eh_moment"],
    "properties": {
        "title": {"type": "string", "maxLength": MAX_TITLE},
        "eh_moment": {"type": "string"},
        "process_name": {"type": "string"},
        "service": {"type": "string"},
        "unit": {"type": "string", "description": "unit code; default: the author's unit"},
        "category": {"enum": [c.value for c in Category]},
        "annual_volume": {"type": ["integer", "null"], "minimum": 0, "maximum": MAX_ANNUAL_VOLUME},
        "solution": {"type": "string"},
        "value": {"type": "string"},
        "stakeholders": {"type": "array", "items": {"enum": [s.value for s in Stakeholder]}},
        "stakeholders_other": {"type": "string"},
        "coauthors": {"type": "array", "items": {"type": "string"}},
        "current_steps": {"type": "array", "maxItems": MAX_STEPS, "items": _ref("Step")},
        "proposed_steps": {"type": "array", "maxItems": MAX_STEPS, "items": _ref("Step")},
    },
}
PERSON = {
    "type": "object",
    "properties": {"username": {"type": "string"}, "display_name": {"type": "string"}},
}
UNIT = {
    "type": "object",
    "properties": {name: {"type": "string"} for name in ("code", "name_th", "name_en", "kind")},
}
IDEA = {
    "type": "object",
    "properties": {
        **{name: IDEA_INPUT["properties"][name] for name in (
            "title", "eh_moment", "process_name", "service", "category", "annual_volume",
            "solution", "value", "stakeholders", "stakeholders_other",
            "current_steps", "proposed_steps",
        )},
        "ref": {"type": "string", "example": "IDEA-2569-00042"},
        "stage": {"enum": [s.value for s in Stage]},
        "version": {"type": "integer", "description": "send it back with PATCH and transitions"},
        "fiscal_year": {"type": "integer", "example": 2569},
        "unit": _ref("Unit"),
        "author": _ref("Person"),
        "coauthors": {"type": "array", "items": _ref("Person")},
        "vote_count": {"type": "integer"},
        "comment_count": {"type": "integer"},
        "impact": _ref("Impact"),
        "measured": {"type": ["object", "null"], "properties": {
            "steps_after": {"type": "integer"}, "minutes_after": {"type": "integer"},
            "cases_since": {"type": "integer"}, "evidence": {"type": "string"},
            "impact": _ref("Impact")}},
        "created_at": {"type": "string", "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"},
        "submitted_at": {"type": ["string", "null"], "format": "date-time"},
        "can_edit": {"type": "boolean"},
        "actions": {"type": "array", "items": {"enum": list(ACTIONS)},
                    "description": "the transitions the caller may take now"},
    },
}  # fmt: skip
ERROR = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        }
    },
}


def openapi_document() -> dict:
    ref_param = {"name": "ref", "in": "path", "required": True, "schema": {"type": "string"}}
    list_params = [
        {"name": name, "in": "query", "schema": schema}
        for name, schema in (
            ("q", {"type": "string"}),
            (
                "sort",
                {
                    "enum": list(SORTS),
                    "description": "trending arrives with votes; until then it is refused",
                },
            ),
            ("stage", {"enum": [s.value for s in Stage]}),
            ("unit", {"type": "string", "description": "unit code, includes sub-units"}),
            ("category", {"enum": [c.value for c in Category]}),
            ("fy", {"type": "integer", "description": "Buddhist-era fiscal year"}),
            ("limit", {"type": "integer", "minimum": 1, "maximum": 100}),
            ("cursor", {"type": "string"}),
        )
    ]
    return {
        "openapi": "3.1.0",
        "info": {"title": "Ideaboard API", "version": "1"},
        "servers": [{"url": "/api/v1"}],
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "session"},
            },
            "schemas": {"Step": STEP, "Impact": IMPACT, "IdeaInput": IDEA_INPUT, "Idea": IDEA,
                        "Person": PERSON, "Unit": UNIT, "Error": ERROR},
            "responses": {"Error": {"description": "error", **_json(_ref("Error"))}},
        },
        "security": [{"bearer": []}, {"session": []}],
        "paths": {
            "/tokens": {"post": {
                "security": [],
                "summary": "Exchange username and password for a bearer token",
                "requestBody": _json({"type": "object", "properties": {
                    "username": {"type": "string"}, "password": {"type": "string"}}}),
                "responses": {"201": {"description": "token", **_json({"type": "object", "properties": {"token": {"type": "string"}}})},
                              **_errors(400, 401, 422, 429)},
            }},
            "/people": {"get": {"summary": "Find colleagues by username prefix or name (co-authors)",
                                "parameters": [{"name": "q", "in": "query", "schema": {"type": "string", "minLength": 2}}],
                                "responses": {"200": {"description": "up to 10 people"}, **_errors(401)}}},
            "/me": {"get": {"summary": "The current user, roles and unit",
                            "responses": {"200": {"description": "user"}, **_errors(401)}}},
            "/ideas": {
                "get": {"summary": "List and search ideas", "parameters": list_params,
                        "responses": {"200": {"description": "a page", **_json({"type": "object", "properties": {
                            "items": {"type": "array", "items": _ref("Idea")},
                            "next_cursor": {"type": ["string", "null"]}}})}, **_errors(401, 422)}},
                "post": {"summary": "Create a draft", "requestBody": _json(_ref("IdeaInput")),
                         "responses": {"201": {"description": "created", **_json(_ref("Idea"))},
                                       **_errors(400, 401, 422)}},
            },
            "/ideas/{ref}": {
                "parameters": [ref_param],
                "get": {"summary": "Read an idea", "responses": {"200": {"description": "idea", **_json(_ref("Idea"))}, **_errors(401, 404)}},
                "delete": {"summary": "Delete a draft never submitted (author; `version` in the body or query)",
                           "responses": {"204": {"description": "deleted"}, **_errors(401, 403, 404, 409, 422)}},
                "patch": {"summary": "Edit a draft or returned idea (send `version`)",
                          "requestBody": _json({"allOf": [_ref("IdeaInput"), {"required": ["version"]}]}),
                          "responses": {"200": {"description": "idea", **_json(_ref("Idea"))}, **_errors(400, 401, 403, 404, 409, 422)}},
            },
            "/ideas/{ref}/transitions": {"parameters": [ref_param], "post": {
                "summary": "Move the idea to its next stage",
                "requestBody": _json({"type": "object", "required": ["action", "version"], "properties": {
                    "action": {"enum": list(ACTIONS)}, "note": {"type": "string"}, "version": {"type": "integer"},
                    "measured": {"type": "object", "properties": {
                        "steps_after": {"type": "integer"}, "minutes_after": {"type": "integer"},
                        "cases_since": {"type": "integer"}, "evidence": {"type": "string"}}}}}),
                "responses": {"200": {"description": "event and idea"}, **_errors(400, 401, 403, 404, 409, 422)},
            }},
            "/ideas/{ref}/events": {"parameters": [ref_param], "get": {
                "summary": "Stage history", "responses": {"200": {"description": "events"}, **_errors(401, 404)}}},
        },
    }  # fmt: skip
