"""The record of roster imports: who ran which file, when, as a dry run or applied, and
what came of it (the counts, and the report's rows kept for the page)."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideaboard.core.dates import utcnow
from ideaboard.core.models import enum_column
from ideaboard.extensions import db
from ideaboard.people.models import User


class ImportMode(enum.StrEnum):
    DRY_RUN = "dry_run"
    APPLIED = "applied"

    @property
    def title(self):
        return MODE_TITLES[self]


MODE_TITLES = {ImportMode.DRY_RUN: _l("Dry run"), ImportMode.APPLIED: _l("Applied")}


class ImportSource(enum.StrEnum):
    WEB = "web"
    CLI = "cli"


OUTCOMES = ("created", "updated", "unchanged", "rejected", "skipped", "deactivated")


class RosterImport(db.Model):
    """One run of a roster file. A dry run uploaded in the browser keeps its file under
    ``instance/`` (``stored_name``) until it is applied or expires; applying it writes a
    second record whose ``preview_id`` names it (unique: a preview is applied once)."""

    __tablename__ = "roster_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # who ran it; NULL from the command line (or once the account is gone)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    source: Mapped[ImportSource] = mapped_column(enum_column(ImportSource, length=8))
    mode: Mapped[ImportMode] = mapped_column(enum_column(ImportMode, length=12))
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)
    deactivate_missing: Mapped[bool] = mapped_column(Boolean, default=False)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    deactivated: Mapped[int] = mapped_column(Integer, default=0)
    # the rows the page lists (rejected with reasons, changes before → after, created …),
    # each list capped; ``planning.Report.from_dict`` reads it back
    details: Mapped[dict] = mapped_column(JSON)
    stored_name: Mapped[str | None] = mapped_column(String(80))
    preview_id: Mapped[int | None] = mapped_column(
        ForeignKey("roster_imports.id", ondelete="SET NULL"), unique=True
    )

    by: Mapped[User | None] = relationship(lazy="joined")

    __table_args__ = {"sqlite_autoincrement": True}  # ids are never given twice

    @property
    def counts(self) -> dict[str, int]:
        return {outcome: getattr(self, outcome) for outcome in OUTCOMES}

    @property
    def is_dry_run(self) -> bool:
        return self.mode == ImportMode.DRY_RUN

    def __repr__(self) -> str:
        return f"<RosterImport {self.id} {self.mode} {self.file_name}>"
