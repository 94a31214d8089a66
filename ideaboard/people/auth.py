"""How Flask-Login finds the user: the session cookie, or a bearer token for the API.

A request that carries ``Authorization: Bearer`` is judged by its token alone; the session
cookie is then ignored, so a token-less forgery cannot ride on a logged-in browser.

A session (and a remember-me cookie) carries ``"<id>:<session epoch>"`` (``User.get_id``).
Deactivating an account or resetting its password raises the epoch, so every session
opened before stops working at its next request. A session from before epochs existed
carries the bare id and counts as epoch 1.
"""

from __future__ import annotations

from flask import Flask

from ideaboard.core.auth import bearer_token
from ideaboard.extensions import db, login_manager
from ideaboard.people.models import User
from ideaboard.people.operations import user_for_token


def init_app(app: Flask) -> None:
    @login_manager.user_loader
    def load_user(user_id: str):
        if bearer_token():
            return None  # the token decides (request_loader below)
        number, _, epoch = user_id.partition(":")
        if not (number.isdigit() and len(number) <= 12):
            return None
        user = db.session.get(User, int(number))
        if user is None or not user.active or (epoch or "1") != str(user.session_epoch or 1):
            return None
        return user

    @login_manager.request_loader
    def load_user_from_token(request):
        token = bearer_token()
        return user_for_token(token) if token else None
