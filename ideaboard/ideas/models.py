"""The idea (a เอ๊ะ) and its steps, with its impact numbers stored for lists and totals.

Stages, actions and the history live in ``workflow``; this module holds no stage rule.
"""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    text,
)
from sqlalchemy.orm import Mapped, foreign, mapped_column, relationship

from ideaboard.core.models import TimestampMixin, enum_column
from ideaboard.extensions import db
from ideaboard.ideas.impact import Impact, stored_numbers
from ideaboard.people.models import OrgUnit, User
from ideaboard.workflow.models import Action, Stage, StageEvent


class Category(enum.StrEnum):
    PROCESS = "process"
    SERVICE_INNOVATION = "service_innovation"

    @property
    def title(self):
        return CATEGORY_TITLES[self]


CATEGORY_TITLES = {
    Category.PROCESS: _l("Process improvement"),
    Category.SERVICE_INNOVATION: _l("Service innovation"),
}


class Actor(enum.StrEnum):
    CITIZEN = "citizen"
    STAFF = "staff"
    OTHER_UNIT = "other_unit"

    @property
    def title(self):
        return ACTOR_TITLES[self]


ACTOR_TITLES = {
    Actor.CITIZEN: _l("Citizen"),
    Actor.STAFF: _l("Staff"),
    Actor.OTHER_UNIT: _l("Other unit"),
}


class Stakeholder(enum.StrEnum):
    CITIZENS = "citizens"
    COLLEAGUES = "colleagues"
    OTHER_UNITS = "other_units"
    PARTNERS = "partners"

    @property
    def title(self):
        return STAKEHOLDER_TITLES[self]


STAKEHOLDER_TITLES = {
    Stakeholder.CITIZENS: _l("Citizens"),
    Stakeholder.COLLEAGUES: _l("Colleagues"),
    Stakeholder.OTHER_UNITS: _l("Other units"),
    Stakeholder.PARTNERS: _l("Partner agencies"),
}


class StepKind(enum.StrEnum):
    CURRENT = "current"
    PROPOSED = "proposed"


idea_coauthors = Table(
    "idea_coauthors",
    db.metadata,
    Column("idea_id", ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class IdeaSequence(db.Model):
    """The last reference number given in a BE year (``IDEA-2569-00042``)."""

    __tablename__ = "idea_sequences"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_value: Mapped[int] = mapped_column(Integer, default=0)


class Step(db.Model):
    __tablename__ = "idea_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    kind: Mapped[StepKind] = mapped_column(enum_column(StepKind, 10))
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(300))
    actor: Mapped[Actor] = mapped_column(enum_column(Actor, 12))
    work_minutes: Mapped[int] = mapped_column(Integer, default=0)
    wait_minutes: Mapped[int] = mapped_column(Integer, default=0)
    citizen_present: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        CheckConstraint("work_minutes >= 0 AND wait_minutes >= 0", name="minutes_not_negative"),
        UniqueConstraint("idea_id", "kind", "position", name="uq_idea_steps_position"),
        {"sqlite_autoincrement": True},  # SQLite never gives an id twice (PostgreSQL never does)
    )


IMPACT_FIELDS = tuple(Impact.__dataclass_fields__)
WAITING = "stage = 'submitted'"  # the condition of the review queue's partial index


class StoredImpact:
    """The estimate as stored on the idea (no step rows are read); for the model and the
    light rows of lists."""

    @property
    def impact(self) -> Impact:
        return Impact(**{name: getattr(self, name) for name in IMPACT_FIELDS})


class Idea(StoredImpact, TimestampMixin, db.Model):
    __tablename__ = "ideas"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(24), unique=True)
    ref_year: Mapped[int] = mapped_column(Integer)
    ref_seq: Mapped[int] = mapped_column(Integer)
    fiscal_year: Mapped[int] = mapped_column(Integer, index=True)

    title: Mapped[str] = mapped_column(String(200))
    eh_moment: Mapped[str] = mapped_column(Text)
    process_name: Mapped[str] = mapped_column(String(200), default="")
    service: Mapped[str] = mapped_column(String(200), default="")
    category: Mapped[Category | None] = mapped_column(enum_column(Category))
    annual_volume: Mapped[int | None] = mapped_column(Integer)
    solution: Mapped[str] = mapped_column(Text, default="")
    value: Mapped[str] = mapped_column(Text, default="")
    stakeholders: Mapped[list] = mapped_column(JSON, default=list)
    stakeholders_other: Mapped[str] = mapped_column(String(500), default="")

    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))  # see ix_ideas_author_created
    # no index of its own: a handful of values, and a planner that picks it sorts a quarter
    # of the table for a page; lists filter by stage while walking their order's index
    stage: Mapped[Stage] = mapped_column(enum_column(Stage), default=Stage.DRAFT)
    version: Mapped[int] = mapped_column(Integer, default=1)
    vote_count: Mapped[int] = mapped_column(Integer, default=0)
    comment_count: Mapped[int] = mapped_column(Integer, default=0)
    # votes weighted by recency, kept by engagement's listeners (see engagement.trending)
    trending_score: Mapped[float] = mapped_column(Float, default=0.0)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # set when a supervisor merges this idea, a duplicate, into another (stage "merged")
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id"), index=True)

    measured_steps_after: Mapped[int | None] = mapped_column(Integer)
    measured_minutes_after: Mapped[int | None] = mapped_column(Integer)
    measured_cases_since: Mapped[int | None] = mapped_column(Integer)
    measured_evidence: Mapped[str | None] = mapped_column(Text)

    # The impact, stored by ``refresh_impact`` whenever the steps, the annual volume or the
    # measurement change, so lists, sorts and totals never read step rows. Never typed.
    steps_before: Mapped[int] = mapped_column(Integer, default=0)
    steps_after: Mapped[int] = mapped_column(Integer, default=0)
    step_reduction_pct: Mapped[float | None] = mapped_column(Float)
    minutes_before: Mapped[int] = mapped_column(Integer, default=0)
    minutes_after: Mapped[int] = mapped_column(Integer, default=0)
    minutes_saved_per_case: Mapped[int | None] = mapped_column(Integer)
    hours_saved_per_year: Mapped[float | None] = mapped_column(Float)
    citizen_visits_before: Mapped[int] = mapped_column(Integer, default=0)
    citizen_visits_after: Mapped[int] = mapped_column(Integer, default=0)
    measured_step_reduction_pct: Mapped[float | None] = mapped_column(Float)
    measured_minutes_saved_per_case: Mapped[int | None] = mapped_column(Integer)
    measured_hours_saved_per_year: Mapped[float | None] = mapped_column(Float)

    unit: Mapped[OrgUnit] = relationship(lazy="joined")
    author: Mapped[User] = relationship(lazy="joined")
    coauthors: Mapped[list[User]] = relationship(secondary=idea_coauthors, lazy="selectin")
    current_steps: Mapped[list[Step]] = relationship(
        primaryjoin=lambda: and_(Idea.id == foreign(Step.idea_id), Step.kind == StepKind.CURRENT),
        order_by=lambda: Step.position,
        cascade="all, delete-orphan",
        lazy="selectin",
        overlaps="proposed_steps",
    )
    proposed_steps: Mapped[list[Step]] = relationship(
        primaryjoin=lambda: and_(Idea.id == foreign(Step.idea_id), Step.kind == StepKind.PROPOSED),
        order_by=lambda: Step.position,
        cascade="all, delete-orphan",
        lazy="selectin",
        overlaps="current_steps",
    )

    # the history is read on one idea's page, not in lists: loaded on access
    events: Mapped[list[StageEvent]] = relationship(
        back_populates="idea", order_by="StageEvent.id", cascade="all, delete-orphan",
        passive_deletes=True, foreign_keys="StageEvent.idea_id",
    )  # fmt: skip
    # a merge: the idea that took this one in, and the duplicates this one took in
    merged_into: Mapped[Idea | None] = relationship(
        remote_side=lambda: Idea.id, back_populates="merged_ideas"
    )
    merged_ideas: Mapped[list[Idea]] = relationship(
        back_populates="merged_into", order_by=lambda: Idea.id
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        # one index per list order: a page is a walk down one of these (ideas.queries)
        Index("ix_ideas_sort_new", "created_at", "id"),
        Index("ix_ideas_sort_top", "vote_count", "id"),
        Index("ix_ideas_sort_trending", "trending_score", "id"),
        Index("ix_ideas_sort_hours_saved", "hours_saved_per_year", "id"),
        Index("ix_ideas_sort_step_reduction", "step_reduction_pct", "id"),
        # someone's own ideas, and their drafts newest first (the list's second stream)
        Index("ix_ideas_author_created", "author_id", "created_at"),
        # the review queue: the ideas waiting in *submitted*, unit by unit, oldest first
        # (``workflow.queue``); partial, so it holds only the few that wait. Queries must
        # write the stage as a literal for either database to use it.
        Index(
            "ix_ideas_waiting_review",
            "unit_id",
            "submitted_at",
            sqlite_where=text(WAITING),
            postgresql_where=text(WAITING),
        ),
        UniqueConstraint("ref_year", "ref_seq", name="uq_ideas_ref_year_seq"),
        CheckConstraint("annual_volume IS NULL OR annual_volume >= 0", name="volume_not_negative"),
        CheckConstraint("vote_count >= 0 AND comment_count >= 0", name="counts_not_negative"),
        CheckConstraint(
            "stage NOT IN ('implemented', 'nominated', 'awarded') "
            "OR measured_steps_after IS NOT NULL",
            name="implemented_has_measurement",
        ),
        CheckConstraint(
            "stage <> 'merged' OR (merged_into_id IS NOT NULL AND merged_into_id <> id)",
            name="merged_names_its_survivor",
        ),
        {"sqlite_autoincrement": True},
    )

    @property
    def measured_impact(self) -> Impact | None:
        """The measured result against the same "before", as stored; None until measured."""
        if self.measured_steps_after is None:
            return None
        return Impact(
            steps_before=self.steps_before,
            steps_after=self.measured_steps_after,
            step_reduction_pct=self.measured_step_reduction_pct,
            minutes_before=self.minutes_before,
            minutes_after=self.measured_minutes_after or 0,
            minutes_saved_per_case=self.measured_minutes_saved_per_case,
            hours_saved_per_year=self.measured_hours_saved_per_year,
            citizen_visits_before=self.citizen_visits_before,
            citizen_visits_after=self.citizen_visits_after,
        )

    def refresh_impact(self) -> bool:
        """Store the numbers computed from the steps, volume and measurement (the one pure
        function in ``impact``). Returns True when anything stored changed."""
        values = stored_numbers(
            self.current_steps,
            self.proposed_steps,
            self.annual_volume,
            self.measured_steps_after,
            self.measured_minutes_after,
        )
        changed = any(getattr(self, name) != value for name, value in values.items())
        for name, value in values.items():
            setattr(self, name, value)
        return changed

    @property
    def return_note(self) -> StageEvent | None:
        """While returned: the reviewer's request for revision, to show beside the form."""
        if self.stage != Stage.RETURNED:
            return None
        return next((e for e in reversed(self.events) if e.action == Action.RETURN), None)

    @property
    def merge_event(self) -> StageEvent | None:
        """Once merged: the event that merged it (who, when, why, into which idea)."""
        if self.stage != Stage.MERGED:
            return None
        return next((e for e in reversed(self.events) if e.action == Action.MERGE), None)

    # -- permissions: questions the model answers -------------------------------------
    def is_team_member(self, user) -> bool:
        if user is None or not getattr(user, "is_authenticated", False):
            return False
        return user.id == self.author_id or any(c.id == user.id for c in self.coauthors)

    def can_view(self, user) -> bool:
        """Drafts are private to their team; everything else is open to every colleague."""
        if self.stage.is_private:
            return self.is_team_member(user)
        return bool(user and user.is_authenticated)

    def can_edit(self, user) -> bool:
        return self.stage.is_editable and self.is_team_member(user)

    def can_delete(self, user) -> bool:
        """Only the author, and only a draft nobody else has seen (never submitted)."""
        return (
            self.stage.is_private
            and self.submitted_at is None
            and bool(user and getattr(user, "is_authenticated", False))
            and user.id == self.author_id
        )

    @property
    def open_to_colleagues(self) -> bool:
        """Colleagues may vote, comment and follow (``Stage.is_open``)."""
        return self.stage.is_open

    def can_vote(self, user) -> bool:
        """Any colleague but its team, while it is open to colleagues."""
        return (
            self.open_to_colleagues
            and bool(user and getattr(user, "is_authenticated", False))
            and not self.is_team_member(user)
        )

    def can_comment(self, user) -> bool:
        return self.open_to_colleagues and bool(user and getattr(user, "is_authenticated", False))

    def can_follow(self, user) -> bool:
        return self.can_comment(user)

    @property
    def reviewers(self) -> list[User]:
        """Its *responsible* reviewers: the active supervisors of the nearest unit, from its
        own up the tree, with one who is not on its team (``workflow.review``). The idea
        waits in their review queues; a submission or resubmission concerns them."""
        from ideaboard.workflow.review import responsible_reviewers  # reads this module's tables

        return responsible_reviewers(self)

    def can_review(self, user) -> bool:
        """The authority to review, wider than the responsibility (``reviewers``): any
        supervisor of the idea's unit or a unit above it, never on their own idea. A head of
        a district office may still decide an idea waiting for a section's supervisor."""
        if user is None or not getattr(user, "is_authenticated", False):
            return False
        return user.supervises(self.unit) and not self.is_team_member(user)

    def __repr__(self) -> str:
        return f"<Idea {self.ref}>"
