"""Jinja filters and globals: dates in BE, numbers, the current locale."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from flask import Flask, request, url_for
from flask_babel import format_decimal

from ideaboard.core import dates
from ideaboard.core.i18n import current_locale


def thai_date(value) -> str:
    return dates.format_date(value, current_locale())


def thai_datetime(value) -> str:
    return dates.format_datetime(value, current_locale())


def iso_datetime(value) -> str:
    """A stored moment for ``<time datetime>``: ISO 8601 with its offset (UTC if the database
    gave it back without one)."""
    return dates.as_utc(value).isoformat() if value else ""


def number(value, digits: int = 1) -> str:
    """1234.5 → "1,234.5"; whole numbers without decimals; None → "–"."""
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return format_decimal(value, format="#,##0." + "#" * digits)
    return format_decimal(int(value), format="#,##0")


def signed_pct(value) -> str:
    """A reduction of 40 % shown as −40 %, an increase as +25 %."""
    if value is None:
        return "–"
    change = -value
    sign = "−" if change < 0 else ("+" if change > 0 else "±")
    return f"{sign}{number(abs(change))} %"


def url_with(**changes) -> str:
    """The current page's URL with some query arguments changed (None removes one)."""
    args = request.args.to_dict()
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value
    if request.endpoint is None:  # an error page for an unknown address
        return request.path + ("?" + urlencode(args) if args else "")
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def language_switch_next() -> str:
    """Where the language switch returns to: this page, or — after a form was posted to an
    address that only takes POST — the page the form was on."""
    rule = request.url_rule
    if request.method == "GET" or (rule is not None and "GET" in (rule.methods or ())):
        return request.full_path.rstrip("?")
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host and referrer.path.startswith("/"):
        return referrer.path
    return "/"


def error_attributes(field) -> dict:
    """aria-invalid and aria-describedby for a field with errors (the message's id is
    ``<field id>-error``, as the ``errors`` macro writes it)."""
    if not field.errors:
        return {}
    return {"aria_invalid": "true", "aria_describedby": f"{field.id}-error"}


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        thai_date=thai_date,
        thai_datetime=thai_datetime,
        iso_datetime=iso_datetime,
        number=number,
        signed_pct=signed_pct,
    )
    app.jinja_env.globals.update(
        url_with=url_with,
        current_locale=current_locale,
        language_switch_next=language_switch_next,
        error_attributes=error_attributes,
    )
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
