"""API endpoints for the caller's notifications: parse, call the operation, commit,
serialize (the same operations as the pages)."""

from __future__ import annotations

from flask import jsonify, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ideaboard.api import api
from ideaboard.api.schemas import NOTIFICATION_PAGE, NOTIFICATION_READ, READ_REQUEST, READ_RESULT
from ideaboard.api.views import json_object
from ideaboard.core.errors import ValidationError
from ideaboard.core.schema import JSON
from ideaboard.extensions import db
from ideaboard.notifications import operations
from ideaboard.notifications.queries import (
    MAX_LIMIT,
    PER_PAGE,
    decode_cursor,
    notification_page,
    notification_row,
    unread_count,
)

TRUE, FALSE = ("1", "true", "yes"), ("0", "false", "no", "")


def _page_arguments() -> tuple[int | None, int, bool]:
    errors = {}
    before, limit = None, PER_PAGE
    if request.args.get("cursor"):
        try:
            before = decode_cursor(request.args["cursor"])
        except ValueError:
            errors["cursor"] = _l("This page link is no longer valid; start from the first page.")
    if "limit" in request.args:
        raw = request.args["limit"]
        if len(raw) <= 3 and raw.isdecimal() and 1 <= int(raw) <= MAX_LIMIT:
            limit = int(raw)
        else:
            errors["limit"] = _("Between 1 and %(n)d.", n=MAX_LIMIT)
    unread = request.args.get("unread", "").strip().lower()
    if unread not in TRUE + FALSE:
        errors["unread"] = _l("Send true (only unread ones) or false.")
    if errors:
        raise ValidationError(fields=errors)
    return before, limit, unread in TRUE


@api.get("/notifications")
def notifications_index():
    before, limit, unread_only = _page_arguments()
    items, next_cursor = notification_page(
        current_user, before=before, unread_only=unread_only, limit=limit
    )
    return jsonify(NOTIFICATION_PAGE.dump({
        "items": items, "next_cursor": next_cursor, "unread_count": unread_count(current_user),
    }))  # fmt: skip


@api.post("/notifications/<int:notification_id>/read")
def notifications_read_one(notification_id: int):
    notification = operations.get_notification(current_user, notification_id)
    operations.mark_read(notification)
    db.session.commit()
    return jsonify(NOTIFICATION_READ.dump({
        "notification": notification_row(notification.id),
        "unread_count": unread_count(current_user),
    }))  # fmt: skip


@api.post("/notifications/read-all")
def notifications_read_all():
    marked = operations.mark_all_read(current_user)
    db.session.commit()
    return jsonify(READ_RESULT.dump({"marked": marked, "unread_count": unread_count(current_user)}))


@api.post("/notifications/read")
def notifications_read():
    """``{"ids": [...]}`` marks those read, ``{"all": true}`` every one."""
    body = READ_REQUEST.load(json_object(), JSON)
    if body["all"]:
        marked = operations.mark_all_read(current_user)
    elif body["ids"]:
        marked = operations.mark_read_many(current_user, body["ids"])
    else:
        raise ValidationError(fields={"ids": _l("Give the ids to mark read, or all: true.")})
    db.session.commit()
    return jsonify(READ_RESULT.dump({"marked": marked, "unread_count": unread_count(current_user)}))
