"""The person's own account page: who they are, their password, their API tokens.

Views parse and render; the rules are in ``people.operations`` and ``people.passwords``.
"""

from __future__ import annotations

import time

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from ideaboard.core.dates import utcnow
from ideaboard.core.errors import ValidationError
from ideaboard.extensions import db
from ideaboard.people.forms import PasswordForm, RevokeTokenForm, TokenForm
from ideaboard.people.operations import change_password, issue_token, revoke_token, token_name
from ideaboard.people.passwords import MIN_LENGTH
from ideaboard.people.queries import tokens_of
from ideaboard.people.views import people


def render_account(status: int = 200, *, password_form=None, token_form=None, new_token=None):
    response = current_app.make_response(
        (
            render_template(
                "people/account.html",
                user=current_user,
                password_form=password_form or PasswordForm(formdata=None),
                token_form=token_form or TokenForm(formdata=None),
                revoke_form=RevokeTokenForm(formdata=None),
                tokens=tokens_of(current_user),
                now=utcnow(),
                new_token=new_token,
                min_length=MIN_LENGTH,
                token_days=current_app.config["API_TOKEN_DAYS"],
            ),
            status,
        )
    )
    response.headers["Cache-Control"] = "no-store"  # a new token's text is on it once
    return response


@people.get("/account")
def account():
    return render_account()


@people.post("/account/password")
def change_own_password():
    form = PasswordForm()
    if not form.validate_on_submit():
        return render_account(422, password_form=form)
    try:
        revoked = change_password(
            current_user,
            form.current_password.data or "",
            form.new_password.data or "",
            form.new_password_again.data or "",
        )
    except ValidationError as error:
        db.session.rollback()
        for name, message in error.fields.items():
            form[name].errors = [*form[name].errors, message]
        return render_account(422, password_form=form)
    db.session.commit()
    # this browser stays logged in: its session now carries the new session version
    remember = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies
    login_user(current_user._get_current_object(), remember=remember)
    flash(_("Your password is changed. Your other devices have been logged out."), "ok")
    if revoked:
        flash(
            _(
                "Your %(n)d API tokens were revoked as well; create new ones for your scripts.",
                n=revoked,
            ),
            "warn",
        )
    return redirect(url_for("people.account"))


def password_change_paused(request_limit):
    """The rate limit's answer: how long changing the password is paused, on the page."""
    minutes = max(1, round((request_limit.reset_at - time.time()) / 60))
    message = _(
        "Too many attempts to change your password. For your safety it is paused for "
        "%(n)d minutes; you are still logged in.",
        n=minutes,
    )
    return current_app.make_response(
        (render_template("errors/error.html", status=429, message=message), 429)
    )


@people.post("/account/tokens")
def create_own_token():
    form = TokenForm()
    if not form.validate_on_submit():
        return render_account(422, token_form=form)
    try:
        name = token_name(form.name.data)
    except ValidationError as error:
        form.name.errors = [error.fields["name"]]
        return render_account(422, token_form=form)
    token = issue_token(current_user, days=current_app.config["API_TOKEN_DAYS"], name=name)
    db.session.commit()
    return render_account(201, new_token={"name": name, "text": token})


@people.post("/account/tokens/<int:token_id>/revoke")
def revoke_own_token(token_id: int):
    form = RevokeTokenForm()
    if not form.validate_on_submit():
        flash(_("This form has expired. Please try again."), "error")
        return redirect(url_for("people.account"))
    name = revoke_token(current_user, token_id).name  # another person's: a 404 page
    db.session.commit()
    flash(_("The token “%(name)s” is revoked: it no longer works.", name=name or "–"), "ok")
    return redirect(url_for("people.account") + "#tokens")
