"""The JSON API under /api/v1: a thin layer over the same operations as the pages."""

from flask import Blueprint, current_app, request

from ideaboard.core.auth import bearer_token
from ideaboard.extensions import csrf

api = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(api)


@api.before_request
def protect_cookie_writes():
    """Bearer requests cannot be forged by another site; cookie-authenticated writes must
    carry the CSRF token (header ``X-CSRFToken``) like any form."""
    writes = request.method in ("POST", "PUT", "PATCH", "DELETE")
    if not writes or not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    if not bearer_token() and request.endpoint != "api.create_token":
        csrf.protect()


from ideaboard.api import accounts, admin, engagement, files, notifications, views  # noqa: E402,F401  (routes register on import)
