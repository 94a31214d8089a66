"""The only code that imports a roster and records it. Never commits: the command line or
the request commits once, so an import is whole or absent.

- ``import_roster``: run a file as a dry run or applied, record the run, and send
  ``roster_imported`` after an apply.
- ``preview_upload`` / ``apply_preview``: the browser's two steps. The uploaded bytes are
  kept server-side between them, so the confirmation applies exactly the file that was
  previewed (its SHA-256 is checked), judged again against the database as it is then.
"""

from __future__ import annotations

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from ideaboard import signals
from ideaboard.core.dates import as_utc, utcnow
from ideaboard.core.errors import Conflict, NotFound, PermissionDenied
from ideaboard.core.transactions import after_commit
from ideaboard.extensions import db
from ideaboard.people.models import User
from ideaboard.roster import planning, uploads
from ideaboard.roster.models import ImportMode, ImportSource, RosterImport
from ideaboard.roster.planning import KEEP, Report
from ideaboard.roster.queries import applied_as
from ideaboard.roster.reading import RosterFile, kind_of


def import_roster(
    roster: RosterFile,
    *,
    apply: bool,
    by: User | None,
    source: ImportSource,
    deactivate_missing: bool = False,
    keep: int | None = KEEP,
    preview: RosterImport | None = None,
    stored_name: str | None = None,
) -> tuple[RosterImport, Report]:
    """Judge (and with ``apply`` write) every row of ``roster``, and record the run.
    ``by``: the administrator (None: the command line, run by whoever runs the server).
    ``RosterFileError`` when the file cannot be used: nothing is written then."""
    if by is not None and not by.can_administer:
        raise PermissionDenied()
    record = RosterImport(
        by_id=by.id if by is not None else None,
        source=source,
        mode=ImportMode.APPLIED if apply else ImportMode.DRY_RUN,
        file_name=_file_name(roster.name),
        sha256=roster.sha256,
        size_bytes=roster.size,
        deactivate_missing=deactivate_missing,
        details={},
        stored_name=stored_name,
        preview_id=preview.id if preview is not None else None,
    )
    if preview is not None:
        # first, so a second confirmation of the same preview (a double click, another
        # admin) waits for this one and is then refused by the unique preview_id
        try:
            with db.session.begin_nested():
                db.session.add(record)
        except IntegrityError:
            raise Conflict(_l("This preview has been applied already.")) from None
    report = planning.run(
        roster, apply=apply, by=by, deactivate_missing=deactivate_missing, keep=keep
    )
    for name, value in report.counts().items():
        setattr(record, name, value)
    record.rows = report.rows
    record.details = report.to_dict()
    db.session.add(record)
    try:
        db.session.flush()
    except IntegrityError:  # a person of the file was created by someone else meanwhile
        raise Conflict(
            _l("People changed while the roster was being imported. Nothing was saved; try again.")
        ) from None
    if apply:
        signals.roster_imported.send(record, user=by, report=report)
    return record, report


def _file_name(name: str) -> str:
    cleaned = "".join(char for char in (name or "") if char.isprintable()).strip()
    return (cleaned or "roster")[-255:]


def preview_upload(data: bytes, file_name: str, by: User, *, deactivate_missing: bool):
    """Keep an uploaded file and record its dry run; ``RosterFileError`` (nothing kept)
    when it cannot be used."""
    uploads.purge_expired()
    stored_name = uploads.store(data, kind_of(data[:8]))
    try:
        roster = RosterFile.from_path(uploads.path_of(stored_name), file_name)
        return import_roster(
            roster,
            apply=False,
            by=by,
            source=ImportSource.WEB,
            deactivate_missing=deactivate_missing,
            stored_name=stored_name,
        )
    except BaseException:
        uploads.discard(stored_name)
        raise


def get_import(import_id: int) -> RosterImport:
    record = db.session.get(RosterImport, import_id)
    if record is None:
        raise NotFound(_l("No roster import has this number."))
    return record


def preview_state(preview: RosterImport) -> str:
    """Whether a preview can be applied: ``ready``, ``applied``, ``expired`` or ``none``
    (not a browser preview)."""
    if preview.mode != ImportMode.DRY_RUN or preview.source != ImportSource.WEB:
        return "none"
    if applied_as(preview) is not None:
        return "applied"
    age = utcnow() - as_utc(preview.created_at)
    if (
        age > timedelta(hours=uploads.preview_hours())
        or uploads.path_of(preview.stored_name) is None
    ):
        return "expired"
    return "ready"


def apply_preview(preview: RosterImport, by: User) -> tuple[RosterImport, Report]:
    """Apply the file a browser preview showed, judged again now."""
    state = preview_state(preview)
    if state == "none":
        raise NotFound(_l("Only a preview uploaded in the browser can be applied here."))
    if state == "applied":
        raise Conflict(_l("This preview has been applied already."))
    if state == "expired":
        raise Conflict(_l("This preview has expired. Upload the file again to see a new one."))
    path = uploads.path_of(preview.stored_name)
    roster = RosterFile.from_path(path, preview.file_name)
    if roster.sha256 != preview.sha256:
        raise Conflict(_l("The kept file is not the one previewed. Upload the file again."))
    stored_name = preview.stored_name
    record, report = import_roster(
        roster,
        apply=True,
        by=by,
        source=ImportSource.WEB,
        deactivate_missing=preview.deactivate_missing,
        preview=preview,
    )
    after_commit(lambda: uploads.discard(stored_name))
    return record, report
