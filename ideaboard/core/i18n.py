"""Locale choice: ``?lang=`` → the user's setting → the ``lang`` cookie → Thai.

Accept-Language is deliberately not consulted: Ideaboard is Thai-first and many staff run
browsers in English; English is one click away and the choice is remembered.
"""

from __future__ import annotations

from flask import Flask, current_app, has_request_context, request
from flask_babel import get_locale
from flask_login import current_user

LANG_COOKIE = "lang"


def supported(code: str | None) -> str | None:
    if code and code in current_app.config["LANGUAGES"]:
        return code
    return None


def select_locale() -> str:
    if not has_request_context():  # CLI and background work: the default
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    explicit = explicit_choice()
    if explicit:
        return explicit
    if current_user and current_user.is_authenticated and supported(current_user.locale):
        return current_user.locale
    return supported(request.cookies.get(LANG_COOKIE)) or current_app.config["BABEL_DEFAULT_LOCALE"]


def current_locale() -> str:
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def remember_language(response, locale: str) -> None:
    """Keep the chosen language for a year in the ``lang`` cookie."""
    response.set_cookie(LANG_COOKIE, locale, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)


def explicit_choice() -> str | None:
    """The language chosen on this request with ``?lang=``, if any."""
    return supported(request.args.get("lang")) if has_request_context() else None


def init_app(app: Flask) -> None:
    @app.after_request
    def remember_explicit_language(response):
        choice = explicit_choice()
        if choice:
            remember_language(response, choice)
        return response
