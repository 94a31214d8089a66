"""The admin pages under /admin: only active administrators reach them (403 for everyone
else). Views parse, call an operation, commit once, and render; every rule is in the
operations (``people_operations``, ``unit_operations``)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ideaboard.admin.audit import (
    ACTION_TITLES,
    AuditFilters,
    action_title,
    audit_page,
    target_type_title,
)
from ideaboard.admin.queries import overview
from ideaboard.extensions import db
from ideaboard.people.models import OrgUnit
from ideaboard.people.operations import unit_by_code, user_by_username

admin = Blueprint("admin", __name__, url_prefix="/admin")

# how the audit log names the fields it records
FIELD_LABELS = {
    "username": _l("Username"),
    "display_name": _l("Full name"),
    "position": _l("Position"),
    "email": _l("E-mail"),
    "unit": _l("Unit"),
    "locale": _l("Language"),
    "active": _l("Active"),
    "api_tokens": _l("API tokens"),
    "password": _l("Password"),
    "generated": _l("Generated password"),
    "roles": _l("Roles"),
    "supervises": _l("Supervises"),
    "code": _l("Code"),
    "parent": _l("Under"),
    "kind": _l("Kind"),
    "name_th": _l("Thai name"),
    "name_en": _l("English name"),
    "path": _l("Place in the tree"),
    "units": _l("Units moved"),
    "closed_at": _l("Closed"),
    # an applied roster import (admin.listeners)
    "created": _l("People added"),
    "updated": _l("People updated"),
    "unchanged": _l("Unchanged"),
    "rejected": _l("Rows rejected"),
    "deactivated": _l("People deactivated"),
}


@admin.before_request
def only_administrators():
    if not getattr(current_user, "can_administer", False):
        abort(403)


@admin.app_template_global()
def audit_field_label(name: str) -> str:
    label = FIELD_LABELS.get(name)
    return str(label) if label is not None else name


@admin.app_template_global()
def audit_value(value) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


admin.add_app_template_global(action_title, "audit_action_title")
admin.add_app_template_global(target_type_title, "audit_target_type")


@admin.get("/")
def index():
    entries, _next = audit_page(AuditFilters(limit=10))
    return render_template("admin/index.html", overview=overview(), entries=entries)


def _echo(value: str) -> str:
    return value if len(value) <= 40 else value[:40] + "…"


@admin.get("/audit")
def audit():
    """The log, newest first; filters: who did it, about whom, which action, which unit."""
    filters, bad = AuditFilters(), {}
    names = {"actor": "actor", "person": "person"}
    for arg, attr in names.items():
        raw = (request.args.get(arg) or "").strip()
        if raw:
            found = user_by_username(raw)
            if found is None:
                bad[arg] = raw
            setattr(filters, attr, found)
    raw_unit = (request.args.get("unit") or "").strip()
    if raw_unit:
        filters.unit = unit_by_code(raw_unit.upper())
        if filters.unit is None:
            bad["unit"] = raw_unit
    action = request.args.get("action") or ""
    if action and action not in ACTION_TITLES:
        bad["action"] = action
    else:
        filters.action = action
    before = request.args.get("before") or ""
    if before:
        if before.isdecimal() and len(before) <= 12:
            filters.before = int(before)
        else:
            bad["before"] = before
    for value in bad.values():
        flash(
            _("“%(value)s” is not valid here, so this filter was left out.", value=_echo(value)),
            "warn",
        )
    entries, next_before = audit_page(filters)
    return render_template(
        "admin/audit.html",
        entries=entries,
        next_before=next_before,
        filters=filters,
        args=request.args,
        actions=ACTION_TITLES,
    ), (422 if bad else 200)


def rolled_back(error, form=None) -> int:
    """After a refused operation: roll back, flash its message (and any a form cannot show
    next to a field), and give the status to answer with."""
    db.session.rollback()
    flash(str(error.message), "error")
    if form is not None:
        for message in form.show_errors(error.fields):
            flash(message, "error")
    else:
        for message in error.fields.values():
            flash(message, "error")
    return error.status


def unit_or_404(code: str) -> OrgUnit:
    unit = unit_by_code(code)
    if unit is None:
        abort(404)
    return unit


from ideaboard.admin import people_views, unit_views  # noqa: E402,F401  (routes register)
