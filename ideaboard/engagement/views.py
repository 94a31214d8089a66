"""HTML for votes, follows and comments. Every form works without JavaScript (a POST, then
back to the page it came from); ``static/js/engagement.js`` sends the vote and follow
buttons through the API instead, so the page updates in place.

Views parse input and render; the rules live in ``engagement.operations``.
"""

from __future__ import annotations

import re

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape

from ideaboard.core.errors import Conflict, ValidationError
from ideaboard.engagement import operations
from ideaboard.engagement.forms import CommentForm, ReturnForm, ToggleForm
from ideaboard.engagement.models import MAX_COMMENT
from ideaboard.extensions import db
from ideaboard.ideas.operations import get_visible_idea

engagement = Blueprint("engagement", __name__, url_prefix="/ideas")


@engagement.app_context_processor
def comment_limits() -> dict:
    return {"comment_limit": MAX_COMMENT}


# http and https links only; the end of a sentence (".", ")", "," …) is not part of the link
LINK = re.compile(r"\bhttps?://[^\s<>\"'\u200b]+", re.IGNORECASE)
TRAILING = ".,;:!?)]}'\"”’」"
MAX_LINK = 2000


@engagement.app_template_filter("linkify")
def linkify(text: str | None) -> Markup:
    """Plain text with its http(s) links made clickable: every piece is escaped, the link
    carries rel="nofollow noopener" and opens nothing else; no other markup can come out."""
    if not text:
        return Markup("")
    pieces, position = [], 0
    for match in LINK.finditer(text):
        url = match.group(0)
        while url and url[-1] in TRAILING:
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break  # a balanced parenthesis belongs to the link (Wikipedia style)
            url = url[:-1]
        end = match.start() + len(url)
        if len(url) > MAX_LINK or url.lower() in ("http://", "https://"):
            continue
        pieces.append(escape(text[position : match.start()]))
        pieces.append(
            Markup(
                '<a href="{0}" rel="nofollow noopener noreferrer" class="comment-link">{1}</a>'
            ).format(url, url)
        )
        position = end
    pieces.append(escape(text[position:]))
    return Markup("").join(pieces)


def _back(idea, target: str | None, anchor: str = "") -> str:
    """The page a button came from when it is a path on this site, else the idea's page."""
    target = (target or "").strip()
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target + anchor
    return url_for("ideas.detail", ref=idea.ref) + anchor


def _form_expired(idea, form) -> str:
    """A form that did not validate: a tampered value is named (422); otherwise the CSRF
    token ran out, and the person is sent back to try again."""
    if form.errors.get("on"):
        raise ValidationError(form.errors["on"][0], fields={"on": form.errors["on"][0]})
    flash(_("This form has expired. Please try again."), "error")
    return redirect(_back(idea, form.next.data))


@engagement.post("/<ref>/vote")
def vote(ref: str):
    idea = get_visible_idea(ref, current_user)
    form = ToggleForm()
    if not form.validate_on_submit():
        return _form_expired(idea, form)
    state = operations.set_vote(idea, current_user, form.wanted)  # refusals: 403/409 page
    db.session.commit()
    flash(_("Your vote is counted.") if state.voted else _("Your vote was taken back."), "ok")
    return redirect(_back(idea, form.next.data))


@engagement.post("/<ref>/follow")
def follow(ref: str):
    idea = get_visible_idea(ref, current_user)
    form = ToggleForm()
    if not form.validate_on_submit():
        return _form_expired(idea, form)
    following = operations.set_following(idea, current_user, form.wanted)
    db.session.commit()
    if following:
        flash(_("You follow this idea."), "ok")
    else:
        flash(_("You no longer follow this idea."), "ok")
    return redirect(_back(idea, form.next.data))


def _comment_page(idea, form, comment=None, status: int = 422):
    """The comment form on a page of its own: a refused comment with what was typed kept,
    or the edit form."""
    return render_template(
        "engagement/comment_form.html", idea=idea, form=form, comment=comment
    ), status


def _show_errors(form, error) -> None:
    form.body.errors = [error.fields.get("body") or error.message]


@engagement.post("/<ref>/comments")
def comment(ref: str):
    idea = get_visible_idea(ref, current_user)
    form = CommentForm()
    if not form.validate_on_submit():
        return _form_expired(idea, form)
    try:
        added = operations.add_comment(idea, current_user, {"body": form.body.data or ""})
    except ValidationError as error:
        db.session.rollback()
        _show_errors(form, error)
        return _comment_page(get_visible_idea(ref, current_user), form)
    db.session.commit()
    flash(_("Your comment is posted."), "ok")
    return redirect(url_for("ideas.detail", ref=idea.ref) + f"#comment-{added.id}")


@engagement.route("/<ref>/comments/<int:comment_id>/edit", methods=["GET", "POST"])
def edit_comment(ref: str, comment_id: int):
    idea = get_visible_idea(ref, current_user)
    found = operations.get_comment(idea, comment_id)
    if request.method == "GET":
        if not found.can_change(current_user):
            flash(_("Only the person who wrote a comment can change or delete it."), "warn")
            return redirect(url_for("ideas.detail", ref=idea.ref))
        return _comment_page(idea, CommentForm(body=found.body), found, status=200)
    form = CommentForm()
    if not form.validate_on_submit():
        return _form_expired(idea, form)
    try:
        operations.edit_comment(idea, found, current_user, {"body": form.body.data or ""})
    except (ValidationError, Conflict) as error:
        # refused, or deleted meanwhile (in another tab): the page again, with what was
        # typed kept and the reason under it
        db.session.rollback()
        _show_errors(form, error)
        idea = get_visible_idea(ref, current_user)
        comment = operations.get_comment(idea, comment_id)
        return _comment_page(idea, form, comment, status=error.status)
    db.session.commit()
    flash(_("Your comment is saved."), "ok")
    return redirect(url_for("ideas.detail", ref=idea.ref) + f"#comment-{found.id}")


@engagement.post("/<ref>/comments/<int:comment_id>/delete")
def delete_comment(ref: str, comment_id: int):
    idea = get_visible_idea(ref, current_user)
    found = operations.get_comment(idea, comment_id)
    form = ReturnForm()
    if not form.validate_on_submit():
        return _form_expired(idea, form)
    operations.delete_comment(idea, found, current_user)
    db.session.commit()
    flash(_("Your comment was deleted."), "ok")
    return redirect(url_for("ideas.detail", ref=idea.ref) + "#comments")
