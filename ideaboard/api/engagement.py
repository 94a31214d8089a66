"""API endpoints for votes, follows and comments: parse, call the operation, commit,
serialize (the same operations as the pages)."""

from __future__ import annotations

from flask import current_app, jsonify, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ideaboard.api import api
from ideaboard.api.schemas import FOLLOW_STATE, VOTE_STATE
from ideaboard.api.serializers import comment_json
from ideaboard.api.views import json_object
from ideaboard.core.errors import ValidationError
from ideaboard.core.schema import JSON
from ideaboard.engagement import operations
from ideaboard.engagement.queries import (
    MAX_COMMENT_LIMIT,
    comment_page,
    decode_after,
    viewer_state,
)
from ideaboard.extensions import db
from ideaboard.ideas.operations import get_visible_idea


@api.route("/ideas/<ref>/vote", methods=["PUT", "DELETE"])
def ideas_vote(ref: str):
    """PUT votes, DELETE takes the vote back; both idempotent."""
    idea = get_visible_idea(ref, current_user)
    state = operations.set_vote(idea, current_user, request.method == "PUT")
    db.session.commit()
    following = viewer_state(idea, current_user).following  # the page's Follow button
    return jsonify(VOTE_STATE.dump(state, following=following))


@api.route("/ideas/<ref>/follow", methods=["PUT", "DELETE"])
def ideas_follow(ref: str):
    idea = get_visible_idea(ref, current_user)
    following = operations.set_following(idea, current_user, request.method == "PUT")
    db.session.commit()
    return jsonify(FOLLOW_STATE.dump({"following": following}))


def _page_arguments() -> tuple[int | None, int]:
    errors = {}
    after, limit = None, MAX_COMMENT_LIMIT // 2
    if request.args.get("cursor"):
        try:
            after = decode_after(request.args["cursor"])
        except ValueError:
            errors["cursor"] = _l("This page link is no longer valid; start from the first page.")
    if request.args.get("limit"):
        raw = request.args["limit"]
        if len(raw) <= 3 and raw.isdecimal() and 1 <= int(raw) <= MAX_COMMENT_LIMIT:
            limit = int(raw)
        else:
            errors["limit"] = _("Between 1 and %(n)d.", n=MAX_COMMENT_LIMIT)
    if errors:
        raise ValidationError(fields=errors)
    return after, limit


@api.get("/ideas/<ref>/comments")
def ideas_comments(ref: str):
    idea = get_visible_idea(ref, current_user)
    after, limit = _page_arguments()
    comments, next_cursor = comment_page(idea, current_user, after=after, limit=limit)
    return jsonify(
        {"items": [comment_json(c, current_user) for c in comments], "next_cursor": next_cursor}
    )


@api.post("/ideas/<ref>/comments")
def ideas_comment(ref: str):
    idea = get_visible_idea(ref, current_user)
    comment = operations.add_comment(idea, current_user, json_object(), mode=JSON)
    db.session.commit()
    return jsonify(comment_json(comment, current_user)), 201


@api.patch("/ideas/<ref>/comments/<int:comment_id>")
def comments_edit(ref: str, comment_id: int):
    idea = get_visible_idea(ref, current_user)
    comment = operations.get_comment(idea, comment_id)
    body = json_object()
    operations.edit_comment(idea, comment, current_user, body, mode=JSON)
    db.session.commit()
    return jsonify(comment_json(comment, current_user))


@api.delete("/ideas/<ref>/comments/<int:comment_id>")
def comments_delete(ref: str, comment_id: int):
    idea = get_visible_idea(ref, current_user)
    comment = operations.get_comment(idea, comment_id)
    operations.delete_comment(idea, comment, current_user)
    db.session.commit()
    response = current_app.response_class(status=204)
    del response.headers["Content-Type"]  # no body, so no type
    return response
