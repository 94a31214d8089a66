"""Optimistic locking: the version a client read must still be current when it writes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError

from ideaboard.core.errors import Conflict, ValidationError
from ideaboard.extensions import db


def check_version(record, version) -> None:
    """Refuse a write based on an older read of ``record`` (409), or with no version (422)."""
    if isinstance(version, bool) or not isinstance(version, int | str):
        raise ValidationError(fields={"version": _l("Send the version you last read.")})
    try:
        version = int(version)
    except ValueError:
        raise ValidationError(fields={"version": _l("Send the version you last read.")}) from None
    if version != record.version:
        raise Conflict()


def flush_or_conflict() -> None:
    """Flush; a concurrent writer that got there first turns into a 409, not a 500."""
    try:
        db.session.flush()
    except StaleDataError:
        db.session.rollback()  # the session is unusable until rolled back
        raise Conflict() from None
