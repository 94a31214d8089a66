"""The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json.

Every request and response schema is generated from the entity declarations
(``ideas.validation`` and ``api.schemas``); this module only says which goes where.
"""

from __future__ import annotations

from ideaboard.api.schemas import (
    ADMIN_PEOPLE_PAGE,
    ADMIN_UNITS_PAGE,
    COMMENT,
    COMMENT_PAGE,
    COMMENT_REQUEST,
    DELETE_REQUEST,
    ERROR,
    EVENTS,
    FOLLOW_STATE,
    IDEA,
    IDEA_PAGE,
    ME,
    PEOPLE,
    SIMILAR_IDEAS,
    TOKEN,
    TOKEN_REQUEST,
    TRANSITION_REQUEST,
    TRANSITION_RESULT,
    VOTE_STATE,
    version_field,
)
from ideaboard.core.schema import IN, OUT, Choice, Object, partial_schema
from ideaboard.ideas.models import Category
from ideaboard.ideas.queries import FY_RANGE, SORTS
from ideaboard.ideas.validation import IDEA_INPUT
from ideaboard.search import similar
from ideaboard.workflow.models import Stage

ERROR_TEXT = {
    400: "malformed request (not a JSON object, bad JSON)",
    401: "not logged in, or a bad token",
    403: "not allowed",
    404: "no such idea (or not visible to the caller)",
    409: "conflict: a stale version, or a transition not legal from the current stage",
    422: "invalid fields, each named in error.fields",
    429: "too many attempts",
}


def openapi_document() -> dict:
    components: dict = {}

    def body(obj: Object) -> dict:
        return {
            "required": True,
            "content": {"application/json": {"schema": obj.ref(IN, components)}},
        }

    def answer(description: str, obj: Object) -> dict:
        return {
            "description": description,
            "content": {"application/json": {"schema": obj.ref(OUT, components)}},
        }

    def errors(*statuses: int) -> dict:
        return {str(s): {"$ref": "#/components/responses/Error"} for s in (401, *statuses)}

    ERROR.ref(OUT, components)
    ref_param = {
        "name": "ref",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "example": "IDEA-2569-00042"},
    }

    def or_empty(name: str, schema: dict) -> dict:
        """The list takes an empty value as "not given" (the HTML filter form sends them)."""
        if schema.get("type") == "string" and "enum" not in schema:
            return schema
        return {"anyOf": [schema, {"type": "string", "maxLength": 0}],
                "description": "empty: not given"}  # fmt: skip

    list_params = [
        {"name": name, "in": "query", "schema": or_empty(name, schema)}
        for name, schema in (
            (
                "q",
                {
                    "type": "string",
                    "maxLength": 200,
                    "description": "words to search for "
                    "(Thai or English, also inside longer words); results come best match "
                    "first whatever `sort` says, and the cursor carries (score, id); "
                    "punctuation or symbols alone are a 422",
                },
            ),
            ("sort", Choice(SORTS).json_schema(IN, components)),
            ("stage", Choice(Stage).json_schema(IN, components)),
            ("unit", {"type": "string", "description": "unit code, includes sub-units"}),
            ("category", Choice(Category).json_schema(IN, components)),
            (
                "fy",
                {
                    "type": "integer",
                    "minimum": FY_RANGE[0],
                    "maximum": FY_RANGE[1],
                    "description": "Buddhist-era fiscal year",
                },
            ),
            ("mine", {"type": "boolean", "description": "only the caller's team's ideas"}),
            ("author", {"type": "string", "description": "username: only this person's ideas"}),
            (
                "voted",
                {
                    "type": "string",
                    "enum": ["me"],
                    "description": "me: only the ideas the caller voted for",
                },
            ),
            ("limit", {"type": "integer", "minimum": 1, "maximum": 100}),
            ("cursor", {"type": "string"}),
        )
    ]
    patch_body = partial_schema(IDEA_INPUT, components, version=version_field())
    page_params = [
        {"name": "limit", "in": "query",
         "schema": or_empty("limit", {"type": "integer", "minimum": 1})},
        {"name": "cursor", "in": "query", "schema": {"type": "string"}},
    ]  # fmt: skip
    paths = {
        "/tokens": {
            "post": {
                "security": [],
                "summary": "Exchange username and password for a bearer token",
                "requestBody": body(TOKEN_REQUEST),
                "responses": {
                    "201": answer("a bearer token", TOKEN),
                    **{
                        str(s): {"$ref": "#/components/responses/Error"}
                        for s in (400, 401, 422, 429)
                    },
                },
            }
        },
        "/me": {
            "get": {
                "summary": "The current user, roles and unit",
                "responses": {"200": answer("the caller", ME), **errors()},
            }
        },
        "/people": {
            "get": {
                "summary": "Find colleagues by username prefix or name (co-authors); fewer than "
                "two characters find nobody",
                "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}],
                "responses": {"200": answer("up to 10 people", PEOPLE), **errors()},
            }
        },
        "/admin/people": {
            "get": {
                "summary": "Administrators: people by username, a page at a time (`q` finds "
                "usernames, names, e-mail, positions and unit names; `unit` a unit code, with "
                "its sub-units; `status` active|inactive|all; `role` admin|secretariat|"
                "committee|supervisor; `limit` up to 200)",
                "parameters": [
                    {"name": name, "in": "query", "schema": {"type": "string"}}
                    for name in ("q", "unit", "status", "role")
                ]
                + page_params,
                "responses": {
                    "200": answer("a page of people", ADMIN_PEOPLE_PAGE),
                    **errors(403, 422),
                },
            }
        },
        "/admin/units": {
            "get": {
                "summary": "Administrators: the organisation's units in tree order, a page at "
                "a time (`q` finds codes and names; `limit` up to 1000, default 500; the "
                "cursor is the last code of the previous page)",
                "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}]
                + page_params,
                "responses": {
                    "200": answer("a page of units", ADMIN_UNITS_PAGE),
                    **errors(403, 422),
                },
            }
        },
        "/ideas": {
            "get": {
                "summary": "List and search ideas (summaries; read one idea for the rest)",
                "parameters": list_params,
                "responses": {"200": answer("a page of summaries", IDEA_PAGE), **errors(422)},
            },
            "post": {
                "summary": "Create a draft",
                "requestBody": body(IDEA_INPUT),
                "responses": {"201": answer("the new draft", IDEA), **errors(400, 422)},
            },
        },
        "/ideas/similar": {
            "get": {
                "summary": "Likely duplicates of a text being written (title, เอ๊ะ moment, "
                "process), best first, each with a score in 0..1: the Dice overlap of the "
                f"significant words (Thai stop words removed) weighted {similar.WORDS_WEIGHT}, "
                f"plus that of the character trigrams weighted {similar.TRIGRAMS_WEIGHT}, over "
                "each idea's title, เอ๊ะ moment and process; only scores of at least "
                f"{similar.MIN_SCORE}, at most {similar.MAX_RESULTS} ideas",
                "parameters": [
                    {
                        "name": "text",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string", "maxLength": similar.MAX_TEXT},
                    }
                ],
                "responses": {"200": answer("similar ideas", SIMILAR_IDEAS), **errors(422)},
            }
        },
        "/ideas/{ref}": {
            "parameters": [ref_param],
            "get": {
                "summary": "Read an idea",
                "responses": {"200": answer("the idea", IDEA), **errors(404)},
            },
            "patch": {
                "summary": "Edit a draft or returned idea (send `version`)",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": patch_body}},
                },
                "responses": {
                    "200": answer("the idea as saved", IDEA),
                    **errors(400, 403, 404, 409, 422),
                },
            },
            "delete": {
                "summary": "Delete a draft never submitted (author; `version` in the "
                "body or the query)",
                "parameters": [
                    {"name": "version", "in": "query", "schema": {"type": "integer", "minimum": 0}}
                ],
                "requestBody": {
                    "required": False,
                    "content": {"application/json": {"schema": DELETE_REQUEST.ref(IN, components)}},
                },
                "responses": {"204": {"description": "deleted"}, **errors(400, 403, 404, 409, 422)},
            },
        },
        "/ideas/{ref}/transitions": {
            "parameters": [ref_param],
            "post": {
                "summary": "Move the idea to its next stage",
                "requestBody": body(TRANSITION_REQUEST),
                "responses": {
                    "200": answer("the event and the idea", TRANSITION_RESULT),
                    **errors(400, 403, 404, 409, 422),
                },
            },
        },
        "/ideas/{ref}/vote": {
            "parameters": [ref_param],
            **{
                method: {
                    "summary": summary,
                    "responses": {
                        "200": answer("the caller's vote and the count", VOTE_STATE),
                        **errors(400, 403, 404, 409),
                    },
                }
                for method, summary in (
                    ("put", "Vote for the idea (idempotent; not one's own, not a draft)"),
                    ("delete", "Take the vote back (idempotent)"),
                )
            },
        },
        "/ideas/{ref}/follow": {
            "parameters": [ref_param],
            **{
                method: {
                    "summary": summary,
                    "responses": {
                        "200": answer("whether the caller follows it", FOLLOW_STATE),
                        **errors(400, 404, 409),
                    },
                }
                for method, summary in (
                    ("put", "Follow the idea (idempotent)"),
                    (
                        "delete",
                        "Unfollow (idempotent; voting or commenting again does not follow again)",
                    ),
                )
            },
        },
        "/ideas/{ref}/comments": {
            "parameters": [ref_param],
            "get": {
                "summary": "The comments, oldest first, a page at a time",
                "parameters": [
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "maximum": 100},
                    },
                    {"name": "cursor", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": answer("a page of comments", COMMENT_PAGE),
                    **errors(404, 422),
                },
            },
            "post": {
                "summary": "Comment (plain text; not on a draft)",
                "requestBody": body(COMMENT_REQUEST),
                "responses": {
                    "201": answer("the new comment", COMMENT),
                    **errors(400, 404, 409, 422),
                },
            },
        },
        "/ideas/{ref}/comments/{comment_id}": {
            "parameters": [
                ref_param,
                {
                    "name": "comment_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer"},
                },
            ],
            "patch": {
                "summary": "Edit one's own comment",
                "requestBody": body(COMMENT_REQUEST),
                "responses": {
                    "200": answer("the comment as saved", COMMENT),
                    **errors(400, 403, 404, 409, 422),
                },
            },
            "delete": {
                "summary": "Delete one's own comment (its place stays, its text goes)",
                "responses": {"204": {"description": "deleted"}, **errors(400, 403, 404, 409)},
            },
        },
        "/ideas/{ref}/events": {
            "parameters": [ref_param],
            "get": {
                "summary": "The history: transitions and edits, oldest first",
                "responses": {"200": answer("events", EVENTS), **errors(404)},
            },
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Ideaboard API", "version": "1"},
        "servers": [{"url": "/api/v1"}],
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "session"},
            },
            "schemas": dict(sorted(components.items())),
            "responses": {"Error": {
                "description": ", ".join(f"{s} {text}" for s, text in ERROR_TEXT.items()),
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            }},
        },
        "security": [{"bearer": []}, {"session": []}],
        "paths": paths,
    }  # fmt: skip
