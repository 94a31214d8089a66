"""HTML for an idea's files: attach (a form that works without JavaScript), view or
download, the thumbnail, remove. Views parse input and answer; the rules live in
``files.operations`` and ``files.permissions``."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from ideaboard.core.errors import HTTP_MESSAGES, ValidationError, error_body, wants_json
from ideaboard.extensions import db
from ideaboard.files import operations
from ideaboard.files.forms import RemoveForm, UploadForm
from ideaboard.files.permissions import addable_kinds
from ideaboard.files.serving import (
    UPLOAD_ENDPOINTS,
    allow_large_requests,
    file_response,
    uploads_from,
)
from ideaboard.files.types import ACCEPT, ACCEPTED_KINDS, format_size
from ideaboard.ideas.operations import get_visible_idea

files = Blueprint("files", __name__, url_prefix="/ideas")


@files.record_once
def _setup(state) -> None:
    allow_large_requests(state.app)
    state.app.jinja_env.filters["file_size"] = format_size


@files.app_errorhandler(RequestEntityTooLarge)
def upload_too_large(error):
    """A 413 that says how much may be sent (the body was cut off before it was read)."""
    if request.endpoint in UPLOAD_ENDPOINTS:
        message = _(
            "What you sent is larger than %(most)s altogether, so nothing was attached. Attach "
            "fewer files at a time; each may be at most %(size)s.",
            most=format_size(current_app.config["MAX_UPLOAD_BYTES"]),
            size=format_size(current_app.config["MAX_ATTACHMENT_BYTES"]),
        )
    else:
        message = str(HTTP_MESSAGES[413])
    if wants_json():
        return jsonify(error_body("too_large", message)), 413
    return render_template("errors/error.html", status=413, message=message), 413


@files.app_context_processor
def upload_settings() -> dict:
    limits = operations.limits()
    return {
        "file_accept": ACCEPT,
        "file_kinds_text": ACCEPTED_KINDS,
        "file_limits": limits,
    }


def _back(idea) -> str:
    return url_for("ideas.detail", ref=idea.ref) + "#files"


@files.post("/<ref>/files")
def upload(ref: str):
    idea = get_visible_idea(ref, current_user)
    form = UploadForm()
    if not form.validate_on_submit():
        flash(_("This form has expired. Please try again."), "error")
        return redirect(_back(idea))
    uploads = uploads_from(request.files.getlist("files"))
    try:
        added = operations.add_files(idea, current_user, uploads, kind=form.kind.data or None)
    except ValidationError as error:
        db.session.rollback()
        idea = get_visible_idea(ref, current_user)
        messages = list(error.fields.values()) or [error.message]
        return render_template(
            "files/upload.html",
            idea=idea,
            messages=messages,
            summary=error.message,
            upload_kinds=addable_kinds(idea, current_user),
        ), 422
    db.session.commit()
    flash(
        ngettext("Attached %(num)d file: %(names)s.", "Attached %(num)d files: %(names)s.", len(added),
                 names=", ".join(a.display_name for a in added)),
        "ok",
    )  # fmt: skip
    return redirect(_back(idea))


@files.get("/<ref>/files/<int:file_id>")
def download(ref: str, file_id: int):
    idea = get_visible_idea(ref, current_user)
    attachment = operations.get_attachment(idea, file_id)
    return file_response(attachment, download=request.args.get("download") == "1")


@files.get("/<ref>/files/<int:file_id>/thumbnail")
def thumbnail(ref: str, file_id: int):
    idea = get_visible_idea(ref, current_user)
    return file_response(operations.get_attachment(idea, file_id), thumbnail=True)


@files.post("/<ref>/files/<int:file_id>/delete")
def remove(ref: str, file_id: int):
    idea = get_visible_idea(ref, current_user)
    attachment = operations.get_attachment(idea, file_id)
    if not RemoveForm().validate_on_submit():
        flash(_("This form has expired. Please try again."), "error")
        return redirect(_back(idea))
    name = attachment.display_name
    operations.remove_file(attachment, current_user)  # refused: the 403/409 page says why
    db.session.commit()
    flash(_("Removed: %(name)s.", name=name), "ok")
    return redirect(_back(idea))
