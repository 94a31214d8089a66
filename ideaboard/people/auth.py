"""How Flask-Login finds the user: the session cookie, or a bearer token for the API.

A request that carries ``Authorization: Bearer`` is judged by its token alone; the session
cookie is then ignored, so a token-less forgery cannot ride on a logged-in browser.
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
        user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
        return user if user and user.active else None

    @login_manager.request_loader
    def load_user_from_token(request):
        token = bearer_token()
        return user_for_token(token) if token else None
