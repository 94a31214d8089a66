"""The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json.

Every request and response schema is generated from the entity declarations
(``ideas.validation`` and ``api.schemas``); this module only says which goes where.
"""

from __future__ import annotations

from ideaboard.api.schemas import (
    ADMIN_PEOPLE_PAGE,
    ADMIN_UNITS_PAGE,
    API_TOKENS,
    ATTACHMENT_UPLOAD,
    ATTACHMENTS,
    COMMENT,
    COMMENT_PAGE,
    COMMENT_REQUEST,
    DELETE_REQUEST,
    ERROR,
    EVENTS,
    FILE_CONTENT_TYPES,
    FOLLOW_STATE,
    IDEA,
    IDEA_PAGE,
    ME,
    NOTIFICATION_PAGE,
    NOTIFICATION_READ,
    PEOPLE,
    READ_REQUEST,
    READ_RESULT,
    REVIEW_QUEUE,
    SIMILAR_IDEAS,
    TOKEN,
    TOKEN_REQUEST,
    TRANSITION_REQUEST,
    TRANSITION_RESULT,
    UNIT_MATCHES,
    VOTE_STATE,
    version_field,
)
from ideaboard.core.schema import IN, OUT, Choice, Object, partial_schema
from ideaboard.ideas.models import Category
from ideaboard.ideas.queries import FY_RANGE, SORTS
from ideaboard.ideas.validation import IDEA_INPUT
from ideaboard.people.queries import MAX_UNIT_MATCHES, MAX_UNIT_QUERY
from ideaboard.search import similar
from ideaboard.workflow.models import Stage

ERROR_TEXT = {
    400: "malformed request (not a JSON object, bad JSON)",
    401: "not logged in, or a bad token",
    403: "not allowed",
    404: "no such idea (or not visible to the caller)",
    409: "conflict: a stale version, or a transition not legal from the current stage",
    413: "the request is larger than the server takes (MAX_UPLOAD_BYTES for files)",
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
            },
            "get": {
                "summary": "The caller's own API tokens, newest first (never their text)",
                "responses": {"200": answer("the caller's tokens", API_TOKENS), **errors()},
            },
        },
        "/tokens/{token_id}": {
            "parameters": [
                {"name": "token_id", "in": "path", "required": True, "schema": {"type": "integer"}}
            ],
            "delete": {
                "summary": "Revoke one of the caller's tokens (another person's is a 404)",
                "responses": {"204": {"description": "revoked"}, **errors(400, 404)},
            },
        },
        "/units": {
            "get": {
                "summary": "Find units by code or name, Thai or English (the unit picker); "
                "every word must match the unit or a unit above it; an empty `q` finds none",
                "parameters": [
                    {
                        "name": "q",
                        "in": "query",
                        "schema": {"type": "string", "maxLength": MAX_UNIT_QUERY},
                        "example": "ทะเบียน พระนคร",
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_UNIT_MATCHES},
                    },
                ],
                "responses": {"200": answer("the best matches", UNIT_MATCHES), **errors(422)},
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
        "/ideas/{ref}/attachments": {
            "parameters": [ref_param],
            "get": {
                "summary": "The idea's files, oldest first",
                "responses": {"200": answer("the files", ATTACHMENTS), **errors(404)},
            },
            "post": {
                "summary": "Attach files (multipart/form-data): the team attaches, a supervisor "
                "of the unit adds evidence once implemented; every file is checked by its "
                "content, and if one is refused none is attached",
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": ATTACHMENT_UPLOAD.ref(IN, components),
                            "encoding": {"file": {"contentType": ", ".join(FILE_CONTENT_TYPES)}},
                        }
                    },
                },
                "responses": {
                    "201": answer("the files attached", ATTACHMENTS),
                    **errors(400, 403, 404, 409, 413, 422),
                },
            },
        },
        "/ideas/{ref}/attachments/{attachment_id}": {
            "parameters": [
                ref_param,
                {
                    "name": "attachment_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer"},
                },
            ],
            "get": {
                "summary": "Download a file: its detected type, Content-Disposition attachment "
                "(the name RFC 5987-encoded), nosniff, a sandbox Content-Security-Policy",
                "responses": {
                    "200": {
                        "description": "the file's bytes",
                        "content": {
                            content_type: {"schema": {"type": "string", "format": "binary"}}
                            for content_type in FILE_CONTENT_TYPES
                        },
                    },
                    "304": {"description": "not modified (If-None-Match with its checksum)"},
                    **errors(404),
                },
            },
            "delete": {
                "summary": "Remove a file (its uploader; the team while the idea is a draft or "
                "returned; evidence also a supervisor of the unit)",
                "responses": {"204": {"description": "removed"}, **errors(400, 403, 404, 409)},
            },
        },
        "/review-queue": {
            "get": {
                "summary": "The ideas waiting for the caller's review, oldest first, with age "
                "in days and, for a resubmission, what changed since it was returned; a 403 "
                "for someone who supervises no unit (an administrator gets the ideas nobody "
                "can review)",
                "parameters": [
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "maximum": 100},
                    },
                    {"name": "cursor", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": answer("the caller's queue", REVIEW_QUEUE),
                    **errors(403, 422),
                },
            }
        },
        "/ideas/{ref}/events": {
            "parameters": [ref_param],
            "get": {
                "summary": "The history: transitions and edits, oldest first",
                "responses": {"200": answer("events", EVENTS), **errors(404)},
            },
        },
        "/notifications": {
            "get": {
                "summary": "The caller's notifications, newest first, a page at a time, with "
                "the unread count (only those about ideas the caller may see)",
                "parameters": [
                    {
                        "name": "unread",
                        "in": "query",
                        "schema": {"type": "boolean", "description": "true: only unread ones"},
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "maximum": 100},
                    },
                    {"name": "cursor", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": answer("a page of notifications", NOTIFICATION_PAGE),
                    **errors(422),
                },
            }
        },
        "/notifications/{notification_id}/read": {
            "parameters": [
                {
                    "name": "notification_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer"},
                }
            ],
            "post": {
                "summary": "Mark one notification read (idempotent); another person's is a 404",
                "responses": {
                    "200": answer("the notification and the unread count", NOTIFICATION_READ),
                    **errors(400, 404),
                },
            },
        },
        "/notifications/read-all": {
            "post": {
                "summary": "Mark all the caller's notifications read",
                "responses": {"200": answer("how many were unread", READ_RESULT), **errors(400)},
            }
        },
        "/notifications/read": {
            "post": {
                "summary": 'Mark notifications read: {"ids": [...]} (all the caller\'s, or a '
                '404 and nothing changes) or {"all": true}',
                "requestBody": body(READ_REQUEST),
                "responses": {
                    "200": answer("how many were unread", READ_RESULT),
                    **errors(400, 404, 422),
                },
            }
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
