"""API endpoints for one's own account and for finding units: the caller's tokens (list,
revoke) and the unit picker's search. Parse, call the operation or query, commit, serialize."""

from __future__ import annotations

from flask import current_app, g, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from ideaboard.api import api
from ideaboard.api.schemas import API_TOKEN, UNIT_MATCHES
from ideaboard.core.dates import utcnow
from ideaboard.core.errors import ValidationError
from ideaboard.core.i18n import current_locale
from ideaboard.extensions import db
from ideaboard.people.operations import revoke_token
from ideaboard.people.queries import MAX_UNIT_MATCHES, MAX_UNIT_QUERY, find_units, tokens_of

DEFAULT_UNIT_MATCHES = 10


def token_json(record, now) -> dict:
    return API_TOKEN.dump(
        record,
        expired=record.is_expired(now),
        current=record.id == g.get("api_token_id"),
    )


@api.get("/tokens")
def tokens_index():
    """The caller's own API tokens (never their text: only a digest is stored)."""
    now = utcnow()
    return jsonify({"items": [token_json(t, now) for t in tokens_of(current_user)]})


@api.delete("/tokens/<int:token_id>")
def tokens_revoke(token_id: int):
    """Revoke one of the caller's tokens; another person's is a 404, like one that never was."""
    revoke_token(current_user, token_id)
    db.session.commit()
    response = current_app.response_class(status=204)
    del response.headers["Content-Type"]  # no body, so no type
    return response


def unit_search_arguments() -> tuple[str, int]:
    errors = {}
    text = request.args.get("q", "")
    if len(text) > MAX_UNIT_QUERY:
        errors["q"] = _("At most %(n)d characters.", n=MAX_UNIT_QUERY)
    limit = DEFAULT_UNIT_MATCHES
    raw = request.args.get("limit", "")
    if raw:
        if len(raw) <= 3 and raw.isdecimal() and 1 <= int(raw) <= MAX_UNIT_MATCHES:
            limit = int(raw)
        else:
            errors["limit"] = _("Between 1 and %(n)d.", n=MAX_UNIT_MATCHES)
    if errors:
        raise ValidationError(fields=errors)
    return text, limit


@api.get("/units")
def units_search():
    """Units by code or name for the unit picker: ``?q=ทะเบียน พระนคร&limit=10``."""
    text, limit = unit_search_arguments()
    found = find_units(text, current_locale(), near=current_user.unit, limit=limit)
    return jsonify(UNIT_MATCHES.dump({"items": found}))
