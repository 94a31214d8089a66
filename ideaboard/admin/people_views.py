"""/admin/people: the list, a new person, a person's page and the buttons on it."""

from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from ideaboard.admin import people_operations as ops
from ideaboard.admin.audit import AuditFilters, audit_page
from ideaboard.admin.forms import (
    NewPersonForm,
    PasswordForm,
    ProfileForm,
    RoleForm,
    SupervisionForm,
    VersionForm,
)
from ideaboard.admin.queries import ROLE_FILTERS, STATUSES, people_page, read_people_filters
from ideaboard.admin.views import admin, rolled_back
from ideaboard.core.errors import DomainError, ValidationError
from ideaboard.extensions import db
from ideaboard.people.models import Role, User
from ideaboard.people.operations import user_by_username


def person_or_404(username: str) -> User:
    user = user_by_username(username)
    if user is None:
        abort(404)
    return user


@admin.get("/people")
def people():
    filters, errors = read_people_filters(request.args)
    for name, message in errors.items():
        flash(_("The filter “%(filter)s” was left out: %(reason)s", filter=name, reason=message),
              "warn")  # fmt: skip
    found, next_cursor = people_page(filters)
    return render_template(
        "admin/people.html",
        people=found,
        next_cursor=next_cursor,
        filters=filters,
        args=request.args,
        statuses=STATUSES,
        roles=ROLE_FILTERS,
        role_titles={role.value: role.title for role in Role},
    ), (422 if errors else 200)


def shown_once(user: User, password: str, *, created: bool):
    """The generated password, on this one answer only: never flashed (the session cookie
    is signed, not secret), never stored, never cached."""
    response = make_response(
        render_template(
            "admin/password_shown.html", person=user, password=password, created=created
        )  # fmt: skip
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@admin.route("/people/new", methods=["GET", "POST"])
def new_person():
    form = NewPersonForm()
    status = 200
    if request.method == "GET":
        form.locale.data = "th"
        form.unit.data = request.args.get("unit", "")[:40]
    elif form.validate_on_submit():
        generate = not (form.password.data or form.confirm.data)
        try:
            user, password = ops.create_person(current_user, form.data, generate=generate)
        except ValidationError as error:
            status = rolled_back(error, form)
        except DomainError as error:
            status = rolled_back(error)
        else:
            db.session.commit()
            if password:
                return shown_once(user, password, created=True)
            flash(_("%(name)s can now log in as %(username)s.", name=user.display_name,
                    username=user.username), "ok")  # fmt: skip
            return redirect(url_for("admin.person", username=user.username))
    else:
        status = 422
    return render_template("admin/person_new.html", form=form), status


def render_person(user: User, status: int = 200, **forms):
    """A person's page; ``forms``: a refused form, shown with what was typed and why."""
    version = str(user.version)
    profile = forms.get("profile")
    if profile is None:
        profile = ProfileForm(formdata=None, obj=user)
        profile.unit.data = user.unit.code
    profile.version.data = version
    blank = {
        "status_form": VersionForm,
        "password": PasswordForm,
        "role": RoleForm,
        "supervision": SupervisionForm,
    }
    built = {name: forms.get(name) or cls(formdata=None) for name, cls in blank.items()}
    for form in built.values():
        form.version.data = version
    entries, _next = audit_page(AuditFilters(person=user, limit=10))
    granted = {str(g.role) for g in user.roles}
    return render_template(
        "admin/person.html",
        person=user,
        profile=profile,
        entries=entries,
        grantable=[role for role in Role if role.value not in granted],
        is_self=user.id == current_user.id,
        **built,
    ), status


@admin.route("/people/<username>", methods=["GET", "POST"])
def person(username: str):
    user = person_or_404(username)
    if request.method == "GET":
        return render_person(user)
    form = ProfileForm()
    if not form.validate_on_submit():
        return render_person(user, 400, profile=form)
    try:
        changes = ops.update_person(current_user, user, form.data, form.version.data)
    except ValidationError as error:
        status = rolled_back(error, form)
        return render_person(person_or_404(username), status, profile=form)
    except DomainError as error:  # e.g. changed by someone else: what was typed stays
        return render_person(person_or_404(username), rolled_back(error), profile=form)
    db.session.commit()
    flash(_("Saved.") if changes else _("Nothing changed."), "ok" if changes else "info")
    return redirect(url_for("admin.person", username=user.username))


def _act(username: str, form, action, done: str, **form_name):
    """Run a button's operation; on success commit and go back to the page, else show the
    page with the refusal (and the refused form)."""
    user = person_or_404(username)
    if not form.validate_on_submit():
        return render_person(user, 400, **form_name)
    try:
        result = action(user)
    except DomainError as error:
        status = rolled_back(error, form if form_name else None)
        return render_person(person_or_404(username), status, **form_name)
    db.session.commit()
    return result if result is not None else _done(user, done)


def _done(user: User, message: str):
    flash(message, "ok")
    if not current_user.can_administer:  # they gave up their own administration
        return redirect(url_for("core.home"))
    return redirect(url_for("admin.person", username=user.username))


@admin.post("/people/<username>/deactivate")
def deactivate(username: str):
    form = VersionForm()

    def action(user):
        tokens = ops.deactivate_person(current_user, user, form.version.data)
        return _done(user, _("%(name)s is deactivated: they cannot log in, and their sessions "
                             "and %(n)d API token(s) stopped working. Their ideas stay.",
                             name=user.display_name, n=tokens))  # fmt: skip

    return _act(username, form, action, "")


@admin.post("/people/<username>/reactivate")
def reactivate(username: str):
    form = VersionForm()

    def action(user):
        ops.reactivate_person(current_user, user, form.version.data)

    return _act(username, form, action, _("Reactivated: they can log in again."))


@admin.post("/people/<username>/password")
def password(username: str):
    form = PasswordForm()
    generate = "generate" in request.form

    def action(user):
        chosen = ops.reset_password(current_user, user, form.version.data, form.data,
                                    generate=generate)  # fmt: skip
        db.session.commit()
        if user.id == current_user.id:
            login_user(user)  # the reset ended every session, this one included
        if chosen:
            return shown_once(user, chosen, created=False)
        return _done(user, _("The new password is set. Their sessions and API tokens ended."))

    return _act(username, form, action, "", password=form)


@admin.post("/people/<username>/roles")
def roles(username: str):
    form = RoleForm()
    grant = request.form.get("op") == "grant"

    def action(user):
        if grant:
            ops.grant_role(current_user, user, form.role.data, form.version.data)
        else:
            ops.revoke_role(current_user, user, form.role.data, form.version.data)

    done = _("Role granted.") if grant else _("Role taken away.")
    return _act(username, form, action, done, role=form)


@admin.post("/people/<username>/supervision")
def supervision(username: str):
    form = SupervisionForm()
    add = request.form.get("op") == "add"

    def action(user):
        if add:
            ops.add_supervision(current_user, user, form.supervised.data, form.version.data)
        else:
            ops.remove_supervision(current_user, user, form.supervised.data, form.version.data)

    done = _("Supervision added.") if add else _("Supervision removed.")
    return _act(username, form, action, done, supervision=form)
