"""Engagement forms: they check shape (CSRF, which button); the operations check meaning."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import AnyOf


class ReturnForm(FlaskForm):
    """A button that changes something and returns: ``next`` is the page to return to (a
    path on this site); CSRF is checked."""

    next = HiddenField()


class ToggleForm(ReturnForm):
    """The vote and follow buttons: ``on`` is "1" to vote / follow, "0" to take it back."""

    on = HiddenField(
        validators=[AnyOf(("0", "1"), message=_l("Say 1 (vote or follow) or 0 (take it back)."))]
    )

    @property
    def wanted(self) -> bool:
        return self.on.data == "1"


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Your comment"))
    next = HiddenField()
