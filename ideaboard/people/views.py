"""Log in, log out, switch language."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ideaboard.core.i18n import current_locale, explicit_choice, remember_language, supported
from ideaboard.extensions import db
from ideaboard.people.forms import LoginForm
from ideaboard.people.operations import authenticate, set_locale
from ideaboard.people.queries import grouping_unit_names

people = Blueprint("people", __name__)


def safe_next(target: str | None) -> str:
    """Only same-site paths; anything else goes home (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and "\\" not in target and target.isprintable():
            return target
    return url_for("core.home")


@people.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.username.data, form.password.data)
        if user is None:
            form.password.errors.append(_("Wrong username or password."))
        else:
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next")))
    status = 422 if form.errors else 200
    return render_template("people/login.html", form=form), status


@people.post("/logout")
def logout():
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("people.login"))


@people.app_template_global()
def unit_label(unit) -> str:
    """A section with the office it belongs to: "ฝ่ายทะเบียน · สำนักงานเขตพระนคร"."""
    locale = current_locale()
    if "unit_groups" not in g:
        g.unit_groups = grouping_unit_names(locale)
    group = unit.nearest(g.unit_groups, include_self=False)
    return f"{unit.name(locale)} · {g.unit_groups[group]}" if group else unit.name(locale)


@people.app_template_global()
def unit_picker(chosen=None, empty_label: str = "") -> dict:
    """What static/js/unit-picker.js needs to turn a unit field into a searchable combobox
    (where to search, the chosen unit's label, its messages in the page's language), as
    keyword arguments for a WTForms field (``data_x`` renders ``data-x``)."""
    return {
        "data_unit_picker": True,
        "data_units_url": url_for("api.units_search"),
        "data_unit_label": unit_label(chosen) if chosen else "",
        "data_empty_label": empty_label,
        "data_text_found": _("%(n)s units found; use the arrow keys to choose.", n="{n}"),
        "data_text_none": _("No unit matches “%(q)s”.", q="{q}"),
        "data_text_failed": _("The units could not be searched just now; try again."),
        "data_text_pick": _("Choose a unit from the list, or press Escape to keep the one chosen."),
    }


@people.get("/lang/<code>")
def set_language(code: str):
    """Switch language and remember it (cookie, and the account when logged in)."""
    locale = supported(code)
    if locale is None:
        abort(404)
    adopt_language(locale)
    response = redirect(safe_next(request.args.get("next")))
    remember_language(response, locale)
    return response


def adopt_language(locale: str | None) -> None:
    """An explicit language choice becomes the logged-in user's setting."""
    if locale and current_user.is_authenticated and current_user.locale != locale:
        set_locale(current_user, locale)
        db.session.commit()


@people.after_app_request
def remember_language_on_the_account(response):
    """``?lang=`` chosen by a logged-in user on a page becomes their setting, like the
    switch. An API call's ``?lang=`` answers in that language without changing the account
    (a script reading in English must not switch a colleague's screens)."""
    if not request.path.startswith("/api/"):
        adopt_language(explicit_choice())
    return response


from ideaboard.people import account  # noqa: E402,F401  (the account page's routes)
