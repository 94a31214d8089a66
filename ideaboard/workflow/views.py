"""The supervisor's review queue (``/review``) and its count on the top bar."""

from __future__ import annotations

from typing import NamedTuple

from flask import Blueprint, flash, render_template, request
from flask_login import current_user

from ideaboard.core.errors import ValidationError
from ideaboard.workflow.queue import (
    QueuePage,
    read_page_args,
    review_queue,
    supervises_any,
    top_bar,
    unreviewable_ideas,
)

review = Blueprint("review", __name__)


class ReviewLink(NamedTuple):
    count: int | None  # None: an administrator's link, whose ideas are counted on the page
    admin: bool = False  # the user is an administrator (the top bar's admin links)


@review.app_template_global()
def review_link() -> ReviewLink | None:
    """The top bar's link to /review (one statement, ``queue.top_bar``): with how many
    ideas wait for the current user when they supervise a unit; without a count for an
    administrator who supervises none (what they act on is listed on the page); None for
    everyone else. It also tells the top bar whether to show the administrators' links, so
    the bar asks the database one question."""
    if not getattr(current_user, "is_authenticated", False):
        return None
    state = top_bar(current_user.id)
    if state.supervises:
        return ReviewLink(state.waiting, bool(state.admin))
    return ReviewLink(None, True) if state.admin else None


@review.get("/review")
def queue():
    """The ideas waiting for the current user's review; for an administrator also those
    nobody can review. Someone who supervises no unit is told so (403)."""
    supervises, admin = supervises_any(current_user), current_user.can_administer
    if not supervises and not admin:
        return render_template("review/queue.html", page=None, nobody=None), 403
    status = 200
    try:
        limit, after = read_page_args(request.args)
    except ValidationError as error:  # a stale or tampered page link: the first page
        flash(next(iter(error.fields.values())), "warn")
        limit, after, status = read_page_args({})[0], None, 422
    page = review_queue(current_user, limit=limit, after=after) if supervises else None
    nobody: QueuePage | None = unreviewable_ideas() if admin and after is None else None
    return render_template(
        "review/queue.html", page=page, nobody=nobody, first_page=after is None
    ), status
