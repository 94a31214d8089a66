"""Who is asking: session login for the browser, bearer tokens for the API.

Every page needs a logged-in user except the few listed in ``PUBLIC_ENDPOINTS``.
"""

from __future__ import annotations

from flask import Flask, flash, jsonify, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ideaboard.core.errors import HTTP_MESSAGES, error_body
from ideaboard.extensions import login_manager

PUBLIC_ENDPOINTS = {
    "static",
    "core.healthz",
    "core.font",
    "people.set_language",
    "people.login",
    "api.create_token",
    "api.openapi",
}


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


def init_app(app: Flask) -> None:
    """Require a login everywhere but the public endpoints. The people feature registers
    how users are loaded (session and bearer token) with Flask-Login."""
    login_manager.login_view = "people.login"
    login_manager.login_message = _l("Please log in to continue.")
    login_manager.login_message_category = "info"

    @app.before_request
    def require_login():
        if request.endpoint is None or request.endpoint in PUBLIC_ENDPOINTS:
            return None
        if current_user.is_authenticated:
            return None
        if request.path.startswith("/api/"):
            return jsonify(error_body("unauthorized", HTTP_MESSAGES[401])), 401
        if request.path != "/":
            flash(login_manager.login_message, login_manager.login_message_category)
        return redirect(url_for("people.login", next=request.full_path.rstrip("?")))
