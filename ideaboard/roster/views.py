"""The roster import in the browser, for administrators: upload a file, read the dry run's
report, confirm to apply the same file (kept server-side, never sent twice).

Views parse input and render; ``roster.operations`` decides and writes.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ideaboard import ROOT
from ideaboard.core.errors import Conflict, PermissionDenied
from ideaboard.extensions import db
from ideaboard.roster import messages, operations, uploads
from ideaboard.roster.forms import ApplyForm, UploadForm
from ideaboard.roster.planning import Report
from ideaboard.roster.queries import applied_as, recent_imports
from ideaboard.roster.reading import COLUMN_NAMES, OPTIONAL, REQUIRED, RosterFileError

roster = Blueprint("roster", __name__, url_prefix="/admin/roster")

EXAMPLE = ROOT / "docs" / "roster-example.csv"


@roster.before_request
def administrators_only():
    """Only administrators import the roster and see the record of imports."""
    if not getattr(current_user, "can_administer", False):
        raise PermissionDenied()


@roster.context_processor
def report_words() -> dict:
    return {
        "reason_text": messages.reason_text,
        "field_label": messages.field_label,
        "value_text": messages.value_text,
    }


def _read_capped(upload) -> bytes | None:
    """The uploaded bytes, or None when there are more than the cap allows."""
    limit = uploads.max_bytes()
    data = upload.stream.read(limit + 1)
    return None if len(data) > limit else data


@roster.route("/", methods=["GET", "POST"])
def index():
    form = UploadForm()
    if form.validate_on_submit():
        data = _read_capped(form.roster.data)
        if data is None:
            form.roster.errors.append(
                messages.file_error_text(
                    "too_large", {"limit": uploads.max_bytes() // (1024 * 1024)}
                )
            )
        else:
            try:
                record, _report = operations.preview_upload(
                    data,
                    form.roster.data.filename or "",
                    current_user,
                    deactivate_missing=form.deactivate_missing.data,
                )
            except RosterFileError as error:
                db.session.rollback()
                form.roster.errors.append(messages.file_error_text(error.code, error.params))
            else:
                db.session.commit()
                return redirect(url_for("roster.report", import_id=record.id))
    status = 422 if any(field.errors for field in form) else 200
    columns = [(field, COLUMN_NAMES[field][:2], field in REQUIRED) for field in REQUIRED + OPTIONAL]
    return render_template(
        "roster/index.html",
        form=form,
        imports=recent_imports(),
        columns=columns,
        example=EXAMPLE.is_file(),
        max_mb=uploads.max_bytes() // (1024 * 1024),
    ), status


@roster.get("/example.csv")
def example():
    if not EXAMPLE.is_file():
        abort(404)
    return send_file(EXAMPLE, mimetype="text/csv", as_attachment=True)


@roster.get("/<int:import_id>")
def report(import_id: int):
    record = operations.get_import(import_id)
    state = operations.preview_state(record)
    return render_template(
        "roster/report.html",
        record=record,
        report=Report.from_dict(record.details),
        state=state,
        applied=applied_as(record) if state == "applied" else None,
        form=ApplyForm(),
    )


@roster.post("/<int:import_id>/apply")
def apply(import_id: int):
    preview = operations.get_import(import_id)
    back = url_for("roster.report", import_id=preview.id)
    if not ApplyForm().validate_on_submit():
        flash(_("This form has expired. Please try again."), "error")
        return redirect(back)
    previewed = preview.counts
    try:
        record, report = operations.apply_preview(preview, current_user)
    except Conflict as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(back)
    except RosterFileError as error:  # the same bytes read before: only if a limit changed
        db.session.rollback()
        flash(messages.file_error_text(error.code, error.params), "error")
        return redirect(back)
    db.session.commit()
    flash(
        _(
            "The roster is imported: %(created)s created, %(updated)s updated, "
            "%(unchanged)s unchanged, %(rejected)s rejected.",
            created=f"{report.created:,}",
            updated=f"{report.updated:,}",
            unchanged=f"{report.unchanged:,}",
            rejected=f"{report.rejected:,}",
        ),
        "ok",
    )
    if record.counts != previewed:
        flash(
            _(
                "People changed between the preview and now, so the outcome differs from "
                "the preview; the report below is what was imported."
            ),
            "warn",
        )
    return redirect(url_for("roster.report", import_id=record.id))
