"""Roster forms: they check shape (CSRF, a file was sent); the file's content is judged by
``roster.reading`` and the rows by ``roster.rules``."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField


class UploadForm(FlaskForm):
    roster = FileField(
        _l("Roster file (CSV or Excel .xlsx)"),
        validators=[FileRequired(message=_l("Choose the roster file to upload."))],
    )
    deactivate_missing = BooleanField(
        _l("Also deactivate active people the file does not name (administrators excepted)")
    )


class ApplyForm(FlaskForm):
    """The confirmation of a preview: CSRF only; the file is the one kept server-side."""
