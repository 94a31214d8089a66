"""The only code that writes attachments. Operations flush, send their signal and never
commit.

Nothing is half-done: every file of an upload is read and checked before any is stored;
the bytes are written before the row is flushed, and removed again if the transaction
ends without committing (``core.transactions.on_rollback``). A removed row's bytes go only
once its removal has committed (``files.listeners``).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import func, select

from ideaboard import signals
from ideaboard.core.dates import utcnow
from ideaboard.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from ideaboard.core.schema import Errors
from ideaboard.core.transactions import on_rollback
from ideaboard.extensions import db
from ideaboard.files.detection import Detected, clean_name, detect, display_name, shown
from ideaboard.files.models import Attachment, Kind
from ideaboard.files.permissions import may_add, stage_takes
from ideaboard.files.storage import new_key, storage, thumbnail_key
from ideaboard.files.types import Refused, format_size
from ideaboard.ideas.models import Idea
from ideaboard.workflow.models import Stage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Upload:
    """A file as it was sent: the name the browser gave it (display text only) and its
    bytes to read."""

    name: str
    stream: BinaryIO


@dataclass(frozen=True)
class Prepared:
    """An upload read and checked, ready to store."""

    name: str  # the display name, with the extension of what it is
    data: bytes
    detected: Detected


def limits() -> dict:
    config = current_app.config
    return {
        "file_bytes": config["MAX_ATTACHMENT_BYTES"],
        "per_idea": config["MAX_ATTACHMENTS_PER_IDEA"],
        "per_upload": config["MAX_FILES_PER_UPLOAD"],
        "pixels": config["MAX_IMAGE_PIXELS"],
    }


def parse_kind(value, field: str = "kind") -> Kind:
    try:
        return Kind(value or Kind.ATTACHMENT)
    except ValueError:
        raise ValidationError(
            fields={field: _l("Choose attachment or evidence of the result.")}
        ) from None


def attachments_of(idea: Idea) -> list[Attachment]:
    """The idea's files in the order they came (one walk of ix_attachments_idea_id)."""
    stmt = select(Attachment).where(Attachment.idea_id == idea.id).order_by(Attachment.id)
    return list(db.session.scalars(stmt))


def get_attachment(idea: Idea, attachment_id) -> Attachment:
    """One of the idea's files; another idea's (or none) is a 404."""
    numbered = isinstance(attachment_id, int) and 0 < attachment_id < 2**31  # ids are 32-bit
    found = db.session.get(Attachment, attachment_id) if numbered else None
    if found is None or found.idea_id != idea.id:
        raise NotFound(_l("No such file on this idea."))
    return found


# -- adding ----------------------------------------------------------------------------------


def _read(upload: Upload, name: str, cap: int) -> bytes:
    data = upload.stream.read(cap + 1)
    if len(data) > cap:
        raise Refused(
            _(
                "“%(name)s” is larger than %(limit)s, the most a file may be. Make it smaller "
                "(e.g. save a scan at a lower resolution, or split it) and attach it again.",
                name=shown(name),
                limit=format_size(cap),
            )
        )
    return data


def prepare(idea: Idea, uploads: Iterable[Upload], *, field: str = "files") -> list[Prepared]:
    """Read and check every upload (nothing is stored): ``ValidationError`` names each file
    that cannot be attached, under ``field`` (``field.N`` when several were sent)."""
    uploads = list(uploads)
    limit = limits()
    if not uploads:
        raise ValidationError(fields={field: _l("Choose a file to attach.")})
    if len(uploads) > limit["per_upload"]:
        raise ValidationError(
            fields={field: _("At most %(n)d files at a time.", n=limit["per_upload"])}
        )
    errors, prepared = Errors(), []
    for index, upload in enumerate(uploads):
        name = clean_name(upload.name)
        try:
            data = _read(upload, name, limit["file_bytes"])
            detected = detect(data, name, max_pixels=limit["pixels"])
        except Refused as refused:
            errors[f"{field}.{index}" if len(uploads) > 1 else field] = refused.message
            continue
        prepared.append(Prepared(display_name(name, detected.file_type), data, detected))
    if errors:
        message = ngettext(
            "%(num)d file could not be attached; nothing was saved.",
            "%(num)d files could not be attached; nothing was saved.",
            len(errors),
        )
        raise ValidationError(message, fields=errors)
    # then count under the idea's row lock, so two uploads at once cannot pass the cap
    # together (SQLite writes one transaction at a time anyway); checked files first, so
    # the lock is not held while photos decode
    db.session.execute(select(Idea.id).where(Idea.id == idea.id).with_for_update())
    count = db.session.scalar(
        select(func.count()).select_from(Attachment).where(Attachment.idea_id == idea.id)
    )
    if count + len(prepared) > limit["per_idea"]:
        raise ValidationError(
            fields={
                field: _(
                    "An idea holds at most %(n)d files; this one has %(m)d. Remove some "
                    "first, or attach fewer.",
                    n=limit["per_idea"],
                    m=count,
                )
            }
        )
    return prepared


def _forget_on_rollback(key: str) -> None:
    store = storage()

    def remove() -> None:
        try:
            store.delete(key)
        except OSError:  # the row is gone anyway; a sweep can find the file later
            log.exception("could not remove the stored file %s", key)

    on_rollback(remove)


def _save(key: str, data: bytes) -> None:
    storage().save(key, data)
    _forget_on_rollback(key)


def store(
    idea: Idea, user, prepared: list[Prepared], *, kind: Kind, now: datetime | None = None
) -> list[Attachment]:
    """Store checked files on ``idea`` as ``kind``. No permission check: ``add_files`` and
    the implement transition (whose table allows only a reviewer) check first."""
    now = now or utcnow()
    rows = []
    for item in prepared:
        file_type = item.detected.file_type
        key = new_key()
        _save(key, item.data)
        thumb = None
        if item.detected.thumbnail is not None:
            thumb = thumbnail_key(key)
            _save(thumb, item.detected.thumbnail)
        rows.append(
            Attachment(
                idea=idea,
                uploader=user,
                kind=kind,
                display_name=item.name,
                stored_key=key,
                thumbnail_key=thumb,
                content_type=file_type.content_type,
                size=len(item.data),
                sha256=hashlib.sha256(item.data).hexdigest(),
                width=item.detected.width,
                height=item.detected.height,
                created_at=now,
            )
        )
    db.session.add_all(rows)
    db.session.flush()
    recorded = idea.submitted_at is not None
    for row in rows:
        signals.attachment_added.send(row, idea=idea, user=user, recorded=recorded)
    return rows


def add_files(
    idea: Idea, user, uploads: Iterable[Upload], *, kind=Kind.ATTACHMENT, field: str = "files"
) -> list[Attachment]:
    """Attach files to ``idea`` (see ``files.permissions`` for who and when)."""
    kind = parse_kind(kind)
    if not may_add(idea, user, kind):
        if kind == Kind.EVIDENCE:
            raise PermissionDenied(
                _l("Only a supervisor of the idea's unit attaches evidence of the result.")
            )
        raise PermissionDenied(_l("Only the idea's author and co-authors can attach files."))
    if not stage_takes(idea, kind):
        if kind == Kind.EVIDENCE:
            raise Conflict(_l("Evidence of the result is attached once the idea is implemented."))
        if idea.stage == Stage.MERGED:
            raise Conflict(_l("This idea was merged into another one; attach files there."))
        raise Conflict(_l("Files can no longer be attached to a declined idea."))
    return store(idea, user, prepare(idea, uploads, field=field), kind=kind)


# -- removing --------------------------------------------------------------------------------


def remove_file(attachment: Attachment, user) -> None:
    """Remove a file (its bytes go after the commit)."""
    idea = attachment.idea
    if not attachment.can_remove(user):
        if idea.stage == Stage.MERGED:
            raise Conflict(_l("This idea was merged into another one; its files stay as they are."))
        if attachment.kind == Kind.EVIDENCE:
            raise PermissionDenied(
                _l("Evidence is removed only by whoever attached it or a supervisor of the unit.")
            )
        raise PermissionDenied(
            _l(
                "Only the person who attached this file can remove it now; the idea's team "
                "removes any file while the idea is a draft or returned."
            )
        )
    db.session.delete(attachment)
    db.session.flush()
    signals.attachment_removed.send(
        attachment, idea=idea, user=user, recorded=idea.submitted_at is not None
    )


def sweep_orphans(older_than: float = 24 * 3600) -> list[str]:
    """Remove stored bytes that no row names, stored at least ``older_than`` seconds ago:
    left by a process that died between writing a file and committing its row (a rollback
    removes its own). Returns the keys removed."""
    store = storage()
    named = set()
    for key, thumb in db.session.execute(select(Attachment.stored_key, Attachment.thumbnail_key)):
        named.update((key, thumb))
    orphans = [key for key in store.keys(older_than=older_than) if key not in named]
    for key in orphans:
        store.delete(key)
    return orphans
