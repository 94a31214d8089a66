"""The stage buttons on an idea's page."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ideaboard.core.errors import Conflict, PermissionDenied, ValidationError
from ideaboard.extensions import db
from ideaboard.ideas.operations import get_visible_idea
from ideaboard.ideas.pages import render_idea_page
from ideaboard.workflow import transitions
from ideaboard.workflow.forms import TransitionForm
from ideaboard.workflow.operations import transition

workflow = Blueprint("workflow", __name__)


@workflow.post("/ideas/<ref>/transitions")
def act(ref: str):
    idea = get_visible_idea(ref, current_user)
    form = TransitionForm()
    status = 422
    if form.validate_on_submit():
        action = form.action.data
        try:
            transition(
                idea,
                current_user,
                action,
                version=form.version.data,
                note=form.note.data,
                measured=form.measured(),
            )
        except ValidationError as error:
            db.session.rollback()
            for message in form.show_errors(error.fields):
                flash(message, "error")
            flash(error.message, "error")
        except (Conflict, PermissionDenied) as error:
            db.session.rollback()
            status = error.status
            flash(error.message, "error")
        else:
            db.session.commit()
            flash(_("Done: %(action)s.", action=transitions.ACTION_TITLES[action]), "ok")
            return redirect(url_for("ideas.detail", ref=idea.ref))
    idea = get_visible_idea(ref, current_user)
    return render_idea_page(idea, status, failed_form=form)
