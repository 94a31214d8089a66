"""/admin/units: the tree, a new unit, a unit's page and its rename, move, close and reopen
forms."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from ideaboard.admin import unit_operations as ops
from ideaboard.admin.audit import AuditFilters, audit_page
from ideaboard.admin.forms import ButtonForm, MoveForm, UnitForm, UnitNamesForm
from ideaboard.admin.queries import MAX_QUERY, find_units, unit_tree, units_by_code
from ideaboard.admin.views import admin, rolled_back, unit_or_404
from ideaboard.core.errors import DomainError, ValidationError
from ideaboard.core.i18n import current_locale
from ideaboard.extensions import db
from ideaboard.people.models import OrgUnit, User


@admin.get("/units")
def units():
    """The whole tree (collapsible), or with ``q`` the matching units with their place."""
    raw = request.args.get("q") or ""
    status = 200
    if len(raw) > MAX_QUERY:
        flash(_("Search with at most %(n)d characters.", n=MAX_QUERY), "warn")
        raw, status = "", 422
    if raw.strip():
        found = find_units(raw)
        places = units_by_code({code for unit in found for code in unit.ancestor_codes[:-1]})
        return render_template(
            "admin/units.html", q=raw, found=found, places=places, roots=None
        ), status
    roots, total = unit_tree(current_locale())
    return render_template("admin/units.html", q="", found=None, roots=roots, total=total), status


@admin.route("/units/new", methods=["GET", "POST"])
def new_unit():
    form = UnitForm()
    status = 200
    if request.method == "GET":
        form.parent.data = (request.args.get("parent") or "")[:40]
        form.kind.data = "section"
    elif form.validate_on_submit():
        try:
            unit = ops.add_unit(current_user, form.data)
        except ValidationError as error:
            status = rolled_back(error, form)
        except DomainError as error:
            status = rolled_back(error)
        else:
            db.session.commit()
            flash(_("%(name)s was added.", name=unit.name_th), "ok")
            return redirect(url_for("admin.unit", code=unit.code))
    else:
        status = 422
    return render_template("admin/unit_new.html", form=form), status


def render_unit(unit: OrgUnit, status: int = 200, **forms):
    names = forms.get("names") or UnitNamesForm(formdata=None, obj=unit)
    move = forms.get("move") or MoveForm(formdata=None)
    ancestors = units_by_code(unit.ancestor_codes[:-1])
    entries, _next = audit_page(AuditFilters(unit=unit, limit=10))
    people = db.session.scalar(
        select(func.count()).where(User.unit_id == unit.id, User.active.is_(True))
    )
    return render_template(
        "admin/unit.html",
        unit=unit,
        ancestors=[ancestors[code] for code in unit.ancestor_codes[:-1] if code in ancestors],
        children=sorted(unit.children, key=lambda child: child.path),
        people=people,
        obstacles=ops.closing_obstacles(unit) if not unit.is_closed else {},
        names=names,
        move=move,
        button=ButtonForm(formdata=None),
        entries=entries,
    ), status


@admin.get("/units/<code>")
def unit(code: str):
    return render_unit(unit_or_404(code))


def _unit_act(code: str, form, action, done, **form_name):
    unit = unit_or_404(code)
    if not form.validate_on_submit():
        return render_unit(unit, 400, **form_name)
    try:
        message = action(unit)
    except DomainError as error:
        status = rolled_back(error, form if form_name else None)
        return render_unit(unit_or_404(code), status, **form_name)
    db.session.commit()
    flash(message or done, "ok")
    return redirect(url_for("admin.unit", code=unit.code))


@admin.post("/units/<code>/rename")
def rename_unit(code: str):
    form = UnitNamesForm()

    def action(unit):
        return None if ops.rename_unit(current_user, unit, form.data) else _("Nothing changed.")

    return _unit_act(code, form, action, _("Saved."), names=form)


@admin.post("/units/<code>/move")
def move_unit(code: str):
    form = MoveForm()

    def action(unit):
        moved = ops.move_unit(current_user, unit, form.data)
        if not moved:
            return _("It is already there.")
        return _("Moved %(n)d unit(s): this one and everything below it.", n=moved)

    return _unit_act(code, form, action, "", move=form)


@admin.post("/units/<code>/close")
def close_unit(code: str):
    return _unit_act(
        code,
        ButtonForm(),
        lambda unit: ops.close_unit(current_user, unit),
        _("Closed: it no longer takes people or ideas, and it is hidden from the pickers."),
    )


@admin.post("/units/<code>/reopen")
def reopen_unit(code: str):
    return _unit_act(
        code, ButtonForm(), lambda unit: ops.reopen_unit(current_user, unit), _("Reopened.")
    )
