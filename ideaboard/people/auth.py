"""How Flask-Login finds the user: the session cookie, or a bearer token for the API.

A request that carries ``Authorization: Bearer`` is judged by its token alone; the session
cookie is then ignored, so a token-less forgery cannot ride on a logged-in browser.

The session (and the remember-me cookie) holds ``"<id>:<session version>"`` (``User.get_id``);
one whose version is not the account's, because the password changed since, is refused.
A session from before versions existed holds the bare id and counts as version 0.
Deactivating an account or an administrator's password reset raise the version too.
"""

from __future__ import annotations

from flask import Flask, g

from ideaboard.core.auth import bearer_token
from ideaboard.extensions import db, login_manager
from ideaboard.people.models import User
from ideaboard.people.operations import note_token_use, token_record


def session_user(session_id: str) -> User | None:
    """The active user a session id names, if its session version is still theirs."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and len(user_id) <= 12) or not (version.isdigit() or version == ""):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active:
        return None
    if int(version or 0) != (user.session_version or 0):
        return None  # made before the password changed
    return user


def init_app(app: Flask) -> None:
    @login_manager.user_loader
    def load_user(session_id: str):
        if bearer_token():
            return None  # the token decides (request_loader below)
        return session_user(session_id)

    @login_manager.request_loader
    def load_user_from_token(request):
        token = bearer_token()
        record = token_record(token) if token else None
        if record is None:
            return None
        g.api_token_id = record.id  # the token list marks the one in use
        session = db.session
        if not (session.new or session.dirty or session.deleted) and note_token_use(record):
            # the user is loaded before the view runs, so this commits the one UPDATE only
            session.commit()
        return record.user
