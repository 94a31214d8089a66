"""Votes, comments and follows: rows that hang on an idea and a person.

Each row names its idea by ``idea_id`` only, so merging a duplicate into another idea (a
later feature) moves them with plain UPDATEs: votes and follows keyed by (idea, person)
move unless the person already has one on the survivor (then the duplicate's row goes);
comments move as they are. The idea's counters (``vote_count``, ``comment_count``) and its
``trending_score`` are kept by ``engagement.listeners``, never written here.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, Float, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideaboard.core.dates import utcnow
from ideaboard.extensions import db
from ideaboard.people.models import User

MAX_COMMENT = 5000  # characters; a longer comment is refused, never cut


class Vote(db.Model):
    """One person's vote for one idea: the primary key (idea, person) is the rule "one
    person, one vote", enforced by the database also when two requests race.

    ``weight`` is what the vote added to the idea's ``trending_score`` (see
    ``engagement.trending``); taking the vote back subtracts exactly that."""

    __tablename__ = "votes"

    idea_id: Mapped[int] = mapped_column(
        ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True
    )
    # no cascade: deleting a person would take votes away behind the counters' back (people
    # are deactivated, not deleted)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    weight: Mapped[float] = mapped_column(Float)

    __table_args__ = (
        # "the ideas I voted for", and "which of this page's ideas did I vote for": one
        # index lookup by person
        Index("ix_votes_user_idea", "user_id", "idea_id"),
        CheckConstraint("weight > 0", name="vote_weight_positive"),
    )


class Follow(db.Model):
    """Whether a person follows an idea (notifications will go to its followers).

    Authors, co-authors, voters and commenters follow automatically; a row with
    ``following = false`` remembers an explicit unfollow, so voting or commenting again
    does not sign the person up again (only pressing "Follow" does)."""

    __tablename__ = "follows"

    idea_id: Mapped[int] = mapped_column(
        ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    following: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class Comment(db.Model):
    """A colleague's comment on an idea, in plain text (links are made clickable when it
    is shown, never stored as markup).

    Deleting keeps the row (its place in the thread, for the idea's author and the unit's
    supervisors) and removes the text: ``body`` is emptied when ``deleted_at`` is set, and
    the database refuses anything else."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    author: Mapped[User] = relationship(lazy="joined")

    __table_args__ = (
        # an idea's thread, oldest first, a page at a time
        Index("ix_comments_idea_id", "idea_id", "id"),
        CheckConstraint(
            "(deleted_at IS NULL AND body <> '') OR (deleted_at IS NOT NULL AND body = '')",
            name="comment_text_or_deleted",
        ),
        {"sqlite_autoincrement": True},  # ids never reused: the API names comments by id
    )

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def can_change(self, user) -> bool:
        """Only its writer edits or deletes it, and only while it is not deleted."""
        return (
            not self.is_deleted
            and bool(user and getattr(user, "is_authenticated", False))
            and user.id == self.author_id
        )
