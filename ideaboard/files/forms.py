"""The upload and remove forms: they check shape (CSRF); the operations check meaning."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField


class UploadForm(FlaskForm):
    """The files themselves are read from ``request.files`` ("files"), each checked by
    content in ``files.operations``; ``kind`` is attachment or evidence."""

    kind = HiddenField()


class RemoveForm(FlaskForm):
    pass
