"""HTML for notifications: the list, marking read (forms that work without JavaScript;
``static/js/notifications.js`` marks one read when its link is followed), the e-mail
setting, and the bell's count for the top bar."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from ideaboard.extensions import db
from ideaboard.notifications import mail, operations
from ideaboard.notifications.forms import MailSettingsForm, MarkReadForm
from ideaboard.notifications.queries import (
    COUNT_CAP,
    PER_PAGE,
    decode_cursor,
    notification_page,
    unread_count,
)

notifications = Blueprint("notifications", __name__, url_prefix="/notifications")


@notifications.record_once
def check_mail_settings(state) -> None:
    mail.check_config(state.app)  # a wrong SMTP_URL stops the start, with the reason


def unread_notifications() -> int:
    """The bell's number for the current user: one query per request, when asked."""
    if not current_user.is_authenticated:
        return 0
    if "unread_notifications" not in g:
        g.unread_notifications = unread_count(current_user)
    return g.unread_notifications


@notifications.app_context_processor
def bell() -> dict:
    return {"unread_notifications": unread_notifications, "unread_cap": COUNT_CAP}


def _back(target: str | None) -> str:
    """The page a form came from when it is a path on this site, else the list."""
    target = (target or "").strip()
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("notifications.index")


@notifications.get("")
def index():
    unread_only = request.args.get("unread") == "1"
    before = None
    if request.args.get("cursor"):
        try:
            before = decode_cursor(request.args["cursor"])
        except ValueError:
            flash(_("This page link is no longer valid; here is the first page."), "warn")
    items, next_cursor = notification_page(
        current_user, before=before, unread_only=unread_only, limit=PER_PAGE
    )
    return render_template(
        "notifications/list.html",
        items=items,
        next_cursor=next_cursor,
        unread_only=unread_only,
        form=MarkReadForm(formdata=None),
    )


@notifications.post("/<int:notification_id>/read")
def read(notification_id: int):
    form = MarkReadForm()
    if not form.validate_on_submit():
        flash(_("This form has expired. Please try again."), "error")
        return redirect(_back(form.next.data))
    operations.mark_read(operations.get_notification(current_user, notification_id))
    db.session.commit()
    return redirect(_back(form.next.data))


@notifications.post("/read-all")
def read_all():
    form = MarkReadForm()
    if not form.validate_on_submit():
        flash(_("This form has expired. Please try again."), "error")
        return redirect(_back(form.next.data))
    operations.mark_all_read(current_user)
    db.session.commit()
    flash(_("All your notifications are marked read."), "ok")
    return redirect(_back(form.next.data))


@notifications.route("/settings", methods=["GET", "POST"])
def settings():
    """One's own choice of e-mail: a small form of its own (the account page may link it)."""
    if request.method == "POST":
        form = MailSettingsForm()
        if not form.validate():
            flash(_("This form has expired. Please try again."), "error")
            return redirect(url_for("notifications.settings"))
        operations.set_email_notifications(current_user, form.email_notifications.data)
        db.session.commit()
        if form.email_notifications.data:
            flash(_("Your notifications will also come by e-mail."), "ok")
        else:
            flash(_("Your notifications will no longer come by e-mail."), "ok")
        return redirect(url_for("notifications.settings"))
    form = MailSettingsForm(email_notifications=current_user.email_notifications)
    return render_template(
        "notifications/settings.html",
        form=form,
        mail_on=bool(current_app.config.get("SMTP_URL")),
    )
