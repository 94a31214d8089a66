"""Notification forms: they check shape (CSRF); the operations check meaning."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField


class MarkReadForm(FlaskForm):
    """Mark one or all read; ``next`` is the page to return to (a path on this site)."""

    next = HiddenField()


class MailSettingsForm(FlaskForm):
    email_notifications = BooleanField(_l("Also send me my notifications by e-mail"))
