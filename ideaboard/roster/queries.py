"""Reading the record of roster imports."""

from __future__ import annotations

from sqlalchemy import select

from ideaboard.extensions import db
from ideaboard.roster.models import RosterImport


def recent_imports(limit: int = 20) -> list[RosterImport]:
    """The newest imports first (a walk of the primary key)."""
    return list(
        db.session.scalars(select(RosterImport).order_by(RosterImport.id.desc()).limit(limit))
    )


def applied_as(preview: RosterImport) -> RosterImport | None:
    """The applied import of a browser preview, if it was applied (the unique
    ``preview_id`` index)."""
    return db.session.scalar(select(RosterImport).where(RosterImport.preview_id == preview.id))
