"""Domain errors and their one mapping onto HTTP statuses.

Operations raise these; the HTML views turn them into form messages or flashes, the API
into ``{"error": {...}}`` bodies. One error type → one status, here.
"""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


class DomainError(Exception):
    status = 400
    code = "bad_request"
    default_message = _l("The request could not be understood.")

    def __init__(self, message=None, fields: dict | None = None):
        # Plain ``str``, never a LazyString: a lazy string counts as safe markup to Jinja, and
        # messages may repeat what the user typed. Templates escape a ``str``.
        self.message = str(message or self.default_message)
        self.fields = {str(path): str(text) for path, text in (fields or {}).items()}
        super().__init__(self.message)


class ValidationError(DomainError):
    """One or more fields are invalid; ``fields`` maps field path → message."""

    status = 422
    code = "invalid"
    default_message = _l("Some fields need your attention.")


class PermissionDenied(DomainError):
    status = 403
    code = "forbidden"
    default_message = _l("You are not allowed to do that.")


class NotFound(DomainError):
    status = 404
    code = "not_found"
    default_message = _l("Not found.")


class Conflict(DomainError):
    """Someone else changed the thing first, or the action is not legal right now."""

    status = 409
    code = "conflict"
    default_message = _l(
        "This idea has changed since you opened it (perhaps by you in another tab). "
        "Reload it to see the latest version, then try again."
    )


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"
    default_message = _l("Please log in.")


HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid",
    429: "too_many_requests",
}

HTTP_MESSAGES = {
    400: _l("The request could not be understood."),
    401: _l("Please log in."),
    403: _l("You are not allowed to do that."),
    404: _l("Not found."),
    405: _l("This method is not allowed here."),
    413: _l("The upload is too large."),
    429: _l("Too many attempts. Please wait a minute and try again."),
    500: _l("Something went wrong on our side. Nothing you sent was saved; please try again."),
}


def error_body(code: str, message, fields: dict | None = None) -> dict:
    return {
        "error": {
            "code": code,
            "message": str(message),
            "fields": {k: str(v) for k, v in (fields or {}).items()},
        }
    }


def wants_json() -> bool:
    return request.path.startswith("/api/")


def register_handlers(app: Flask) -> None:
    from ideaboard.extensions import db

    @app.errorhandler(DomainError)
    def handle_domain_error(error: DomainError):
        db.session.rollback()
        if wants_json():
            return jsonify(error_body(error.code, error.message, error.fields)), error.status
        return render_template(
            "errors/error.html", status=error.status, message=error.message
        ), error.status

    @app.errorhandler(CSRFError)
    def handle_csrf_error(error: CSRFError):
        message = _l(
            "This form has expired or did not come from Ideaboard. Go back, reload the page "
            "and send it again; what you typed is still in your browser's back page."
        )
        if wants_json():
            return jsonify(error_body("csrf", message)), 400
        return render_template("errors/error.html", status=400, message=message), 400

    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException):
        if error.response is not None:  # the raiser made the answer (e.g. a rate limit's page)
            return error.response
        status = error.code or 500
        message = HTTP_MESSAGES.get(
            status, HTTP_MESSAGES[400] if status < 500 else HTTP_MESSAGES[500]
        )
        if wants_json():
            response = jsonify(error_body(HTTP_CODES.get(status, "error"), message))
        else:
            response = app.make_response(
                render_template("errors/error.html", status=status, message=message)
            )
        response.status_code = status
        for name, value in error.get_headers():  # e.g. the Allow header of a 405
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        if wants_json():
            return jsonify(error_body("server_error", HTTP_MESSAGES[500])), 500
        return render_template("errors/error.html", status=500, message=HTTP_MESSAGES[500]), 500
