"""Administration in the API: people and units, for administrators only (403 otherwise).
Reading only; changes go through the admin pages (and their audit log)."""

from __future__ import annotations

from flask import jsonify, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from ideaboard.admin.queries import active_people_by_unit, clean_query, parse_people_filters
from ideaboard.admin.queries import people_page as admin_people_page
from ideaboard.admin.rules import require_admin
from ideaboard.api import api
from ideaboard.api.schemas import ADMIN_PEOPLE_PAGE, ADMIN_UNIT
from ideaboard.core.errors import ValidationError
from ideaboard.extensions import db
from ideaboard.people.models import OrgUnit
from ideaboard.people.operations import unit_by_code

UNITS_LIMIT = 500
MAX_UNITS_LIMIT = 1000


@api.get("/admin/people")
def admin_people():
    require_admin(current_user)
    found, next_cursor = admin_people_page(parse_people_filters(request.args))
    return jsonify(ADMIN_PEOPLE_PAGE.dump({"items": found, "next_cursor": next_cursor}))


@api.get("/admin/units")
def admin_units():
    """Every unit in tree order (``q``: only those whose code or name matches), a page at
    a time: the cursor is the code of the last unit of the previous page."""
    require_admin(current_user)
    errors, limit = {}, UNITS_LIMIT
    stmt = select(OrgUnit).order_by(OrgUnit.path)
    raw = request.args.get("q") or ""
    if len(raw) > 100:
        errors["q"] = _("Search with at most %(n)d characters.", n=100)
    elif clean_query(raw):
        text = clean_query(raw)
        stmt = stmt.where(
            OrgUnit.code.startswith(text.upper(), autoescape=True)
            | OrgUnit.name_th.icontains(text, autoescape=True)
            | OrgUnit.name_en.icontains(text, autoescape=True)
        )
    if request.args.get("cursor"):
        last = unit_by_code(request.args["cursor"])
        if last is None:
            errors["cursor"] = _l("This page link is no longer valid; start from the first page.")
        else:
            stmt = stmt.where(OrgUnit.path > last.path)
    if request.args.get("limit"):
        raw_limit = request.args["limit"]
        if raw_limit.isdecimal() and len(raw_limit) <= 4 and 1 <= int(raw_limit) <= MAX_UNITS_LIMIT:
            limit = int(raw_limit)
        else:
            errors["limit"] = _("Between 1 and %(n)d.", n=MAX_UNITS_LIMIT)
    if errors:
        raise ValidationError(fields=errors)
    units = list(db.session.scalars(stmt.limit(limit + 1)))
    more = len(units) > limit
    units = units[:limit]
    people = active_people_by_unit()
    return jsonify({  # ADMIN_UNITS_PAGE, each unit with its count of people
        "items": [ADMIN_UNIT.dump(unit, people=people.get(unit.id, 0)) for unit in units],
        "next_cursor": units[-1].code if more and units else None,
    })  # fmt: skip
