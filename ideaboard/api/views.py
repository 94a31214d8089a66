"""API endpoints. Each parses JSON, calls an operation, commits, serializes."""

from __future__ import annotations

from flask import current_app, jsonify, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ideaboard.api import api
from ideaboard.api.openapi import openapi_document
from ideaboard.api.schemas import (
    COLLEAGUE,
    DELETE_REQUEST,
    REVIEW_QUEUE,
    SIMILAR_IDEAS,
    TOKEN,
    TOKEN_REQUEST,
    TRANSITION_REQUEST,
    version_field,
)
from ideaboard.api.serializers import event_json, idea_json, idea_summary_json, me_json
from ideaboard.core.errors import DomainError, PermissionDenied, Unauthorized, ValidationError
from ideaboard.core.schema import FORM, JSON, Errors
from ideaboard.extensions import db
from ideaboard.ideas import operations
from ideaboard.ideas.queries import parse_filters
from ideaboard.people.operations import authenticate, issue_token
from ideaboard.people.queries import search_people
from ideaboard.search.queries import find_ideas
from ideaboard.search.similar import read_similar_text, similar_ideas
from ideaboard.workflow.operations import transition
from ideaboard.workflow.queue import (
    read_page_args,
    review_queue,
    supervises_any,
    unreviewable_ideas,
)


def json_object() -> dict:
    """The request body as a JSON object, or a 400 that says what is wrong."""
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # absurdly deep nesting
        body = None
    if body is None:
        raise DomainError(_l("Send a JSON object with Content-Type: application/json."))
    if not isinstance(body, dict):
        raise DomainError(_l("The body must be a JSON object."))
    return body


@api.post("/tokens")
def create_token():
    try:
        body = TOKEN_REQUEST.load(json_object(), JSON)
    except ValidationError as error:
        fields = {**error.fields, "username": _l("Give a username and a password.")}
        raise ValidationError(fields=fields) from None
    user = authenticate(body["username"], body["password"])
    if user is None:
        raise Unauthorized(_l("Wrong username or password."))
    token = issue_token(
        user, days=current_app.config["API_TOKEN_DAYS"], name=body.get("name") or ""
    )
    db.session.commit()
    return jsonify(TOKEN.dump({"token": token, "token_type": "Bearer"})), 201


@api.get("/me")
def me():
    return jsonify(me_json(current_user))


@api.get("/people")
def people_search():
    """Colleagues to pick as co-authors: ``?q=`` (at least two characters)."""
    found = search_people(request.args.get("q", ""))
    return jsonify({"items": [COLLEAGUE.dump(user) for user in found]})


@api.get("/ideas")
def ideas_index():
    """The list, or with ``q`` the search (best match first; see ``search.queries``)."""
    filters = parse_filters(request.args)
    items, next_cursor, _hits = find_ideas(current_user, filters)
    return jsonify(
        {"items": [idea_summary_json(idea) for idea in items], "next_cursor": next_cursor}
    )


@api.get("/ideas/similar")
def ideas_similar():
    """Likely duplicates of ``?text=`` (what someone is typing), best first, with a score."""
    found = similar_ideas(read_similar_text(request.args.get("text")), current_user)
    return jsonify(SIMILAR_IDEAS.dump({"items": [
        {"score": item.score, "idea": item.idea} for item in found
    ]}))  # fmt: skip


@api.post("/ideas")
def ideas_create():
    body = json_object()
    idea = operations.create_idea(current_user, body, mode=JSON)  # wrong JSON types: 422
    db.session.commit()
    return jsonify(idea_json(idea, current_user)), 201


@api.get("/ideas/<ref>")
def ideas_read(ref: str):
    return jsonify(idea_json(operations.get_visible_idea(ref, current_user), current_user))


@api.patch("/ideas/<ref>")
def ideas_update(ref: str):
    idea = operations.get_visible_idea(ref, current_user)
    body = json_object()
    errors = Errors()
    if "version" in body:
        version = version_field().clean(body.pop("version"), "version", errors, JSON)
    else:
        version = version_field().empty("version", errors)
    errors.check()
    operations.update_idea(idea, current_user, body, version, mode=JSON)
    db.session.commit()
    return jsonify(idea_json(idea, current_user))


@api.delete("/ideas/<ref>")
def ideas_delete(ref: str):
    idea = operations.get_visible_idea(ref, current_user)
    if request.content_length:
        version = DELETE_REQUEST.load(json_object(), JSON)["version"]
    else:
        errors = Errors()
        version = version_field().clean(request.args.get("version"), "version", errors, FORM)
        errors.check()
    operations.delete_draft(idea, current_user, version)
    db.session.commit()
    response = current_app.response_class(status=204)
    del response.headers["Content-Type"]  # no body, so no type
    return response


@api.post("/ideas/<ref>/transitions")
def ideas_transition(ref: str):
    idea = operations.get_visible_idea(ref, current_user)
    body = json_object()
    TRANSITION_REQUEST.load(body, JSON, partial=True)  # the shape; the operation the meaning
    event = transition(
        idea,
        current_user,
        body.get("action"),
        version=body.get("version"),
        note=body.get("note"),
        measured=body.get("measured"),
        into=body.get("into"),
    )
    db.session.commit()
    return jsonify({"event": event_json(event), "idea": idea_json(idea, current_user)})


@api.get("/ideas/<ref>/events")
def ideas_events(ref: str):
    idea = operations.get_visible_idea(ref, current_user)
    return jsonify({"items": [event_json(event) for event in idea.events]})


@api.get("/review-queue")
def review_queue_read():
    """The caller's review queue (``workflow.queue``); administrators also get the ideas
    nobody can review. Someone who supervises no unit and is no administrator: 403."""
    admin = current_user.can_administer
    if not supervises_any(current_user) and not admin:
        raise PermissionDenied(_l("You supervise no unit, so no ideas wait for your review."))
    limit, after = read_page_args(request.args)
    page = review_queue(current_user, limit=limit, after=after)
    nobody = unreviewable_ideas() if admin else None
    return jsonify(REVIEW_QUEUE.dump(page, unreviewable=nobody))


@api.get("/openapi.json")
def openapi():
    return jsonify(openapi_document())
