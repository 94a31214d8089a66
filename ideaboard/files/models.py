"""Files attached to an idea: photos of forms, PDFs and office documents, and the evidence
a reviewer attaches to the measured result.

The row keeps what a person sees (the cleaned display name) apart from where the bytes are
(``stored_key``, made up by the application); the content type, size, checksum and an
image's dimensions are what the content was found to be at upload. Rows go with their idea
(a draft deleted before submission) and their files after the commit
(``files.listeners``).
"""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from ideaboard.core.dates import utcnow
from ideaboard.core.models import enum_column
from ideaboard.extensions import db
from ideaboard.files.types import FileType, file_type_of
from ideaboard.ideas.models import Idea
from ideaboard.people.models import User


class Kind(enum.StrEnum):
    ATTACHMENT = "attachment"  # the team's own material: photos of forms, documents
    EVIDENCE = "evidence"  # a reviewer's proof of the measured result

    @property
    def title(self):
        return KIND_TITLES[self]


KIND_TITLES = {
    Kind.ATTACHMENT: _l("Attachment"),
    Kind.EVIDENCE: _l("Evidence of the result"),
}


class Attachment(db.Model):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    uploader_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[Kind] = mapped_column(enum_column(Kind, 12, name="attachment_kind"))
    display_name: Mapped[str] = mapped_column(String(200))
    stored_key: Mapped[str] = mapped_column(String(64), unique=True)
    thumbnail_key: Mapped[str | None] = mapped_column(String(70))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    # deleting an idea through the ORM deletes these rows one by one, so each one's files
    # are removed after the commit (the database cascade is the backstop)
    idea: Mapped[Idea] = relationship(
        backref=backref("attachments", cascade="all, delete-orphan", order_by="Attachment.id")
    )
    uploader: Mapped[User] = relationship(lazy="joined")

    __table_args__ = (
        # an idea's files in the order they came: one index walk per idea page
        Index("ix_attachments_idea_id", "idea_id", "id"),
        CheckConstraint("size > 0", name="not_empty"),
        CheckConstraint("(width IS NULL) = (height IS NULL)", name="both_dimensions_or_none"),
        {"sqlite_autoincrement": True},  # ids never reused: the API names files by id
    )

    @property
    def file_type(self) -> FileType:
        return file_type_of(self.content_type)

    @property
    def is_image(self) -> bool:
        return self.file_type.image

    @property
    def is_evidence(self) -> bool:
        return self.kind == Kind.EVIDENCE

    def can_remove(self, user) -> bool:
        from ideaboard.files.permissions import can_remove

        return can_remove(self, user)

    def __repr__(self) -> str:
        return f"<Attachment {self.id} {self.display_name!r}>"
