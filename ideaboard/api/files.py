"""API endpoints for an idea's files: list, attach (multipart), download, remove. The same
operations as the pages, the same rules for who sees and who changes what."""

from __future__ import annotations

from flask import current_app, jsonify, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ideaboard.api import api
from ideaboard.api.schemas import ATTACHMENT, ATTACHMENT_UPLOAD
from ideaboard.core.errors import DomainError, ValidationError
from ideaboard.core.schema import FORM, Errors
from ideaboard.extensions import db
from ideaboard.files import operations
from ideaboard.files.models import Kind
from ideaboard.files.serving import file_response, uploads_from
from ideaboard.ideas.operations import get_visible_idea


def attachment_json(attachment, user) -> dict:
    return ATTACHMENT.dump(attachment, can_remove=attachment.can_remove(user))


@api.get("/ideas/<ref>/attachments")
def attachments_index(ref: str):
    idea = get_visible_idea(ref, current_user)
    items = [attachment_json(a, current_user) for a in operations.attachments_of(idea)]
    return jsonify({"items": items})


def _upload_kind() -> Kind:
    """The multipart body's shape by its declaration: only ``file`` parts and one ``kind``."""
    if request.mimetype != "multipart/form-data":
        raise DomainError(_l("Send the files as multipart/form-data, each in a part named file."))
    errors = Errors()
    for name in {*request.form, *request.files}:
        if name not in ATTACHMENT_UPLOAD.fields:
            errors[name] = _l("Unknown field.")
    if "file" in request.form:  # a part without a file name: text, not a file
        errors["file"] = _l("Send a file (a part with a file name), not text.")
    kind = Kind.ATTACHMENT
    if "kind" in request.form:
        kind = ATTACHMENT_UPLOAD["kind"].clean(request.form["kind"], "kind", errors, FORM)
    if errors:
        raise ValidationError(fields=errors)
    return kind


@api.post("/ideas/<ref>/attachments")
def attachments_add(ref: str):
    idea = get_visible_idea(ref, current_user)
    kind = _upload_kind()
    uploads = uploads_from(request.files.getlist("file"))
    added = operations.add_files(idea, current_user, uploads, kind=kind, field="file")
    db.session.commit()
    return jsonify({"items": [attachment_json(a, current_user) for a in added]}), 201


@api.get("/ideas/<ref>/attachments/<int:attachment_id>")
def attachments_download(ref: str, attachment_id: int):
    idea = get_visible_idea(ref, current_user)
    return file_response(operations.get_attachment(idea, attachment_id), download=True)


@api.delete("/ideas/<ref>/attachments/<int:attachment_id>")
def attachments_remove(ref: str, attachment_id: int):
    idea = get_visible_idea(ref, current_user)
    operations.remove_file(operations.get_attachment(idea, attachment_id), current_user)
    db.session.commit()
    response = current_app.response_class(status=204)
    del response.headers["Content-Type"]  # no body, so no type
    return response
