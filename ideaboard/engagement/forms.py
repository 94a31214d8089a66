"""Engagement forms: they check shape (CSRF, which button); the operations check meaning."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField


class ToggleForm(FlaskForm):
    """The vote and follow buttons: ``on`` is "1" to vote / follow, "0" to take it back;
    ``next`` is the page to return to (a path on this site)."""

    on = HiddenField()
    next = HiddenField()

    @property
    def wanted(self) -> bool:
        return (self.on.data or "").strip() == "1"


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Your comment"))
    next = HiddenField()
