"""Reading notifications: a person's page (newest first, a walk down their index), the
bell's count, and the rule "about an idea the reader may see" in SQL.

The count reads the partial index of unread notifications and stops at ``COUNT_CAP``
entries (the bell shows "99+"): one bounded query per page, exact, and nothing to keep in
step. A counter column on ``users`` would have cost a write to each recipient's row in the
transaction of whoever acted (a submission locking its supervisors' rows while it commits)
and a rule to keep it equal to the rows; see tests/test_notification_plans.py for the plans.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, func, literal, or_, select
from sqlalchemy.orm import aliased

from ideaboard.engagement.models import Comment
from ideaboard.extensions import db
from ideaboard.ideas.models import Idea, idea_coauthors
from ideaboard.notifications import messages
from ideaboard.notifications.models import Kind, Notification
from ideaboard.people.models import User
from ideaboard.workflow.models import PRIVATE_STAGES, Action, Stage, StageEvent

PER_PAGE = 20
MAX_LIMIT = 100
COUNT_CAP = 100  # the bell counts up to here and shows "99+" beyond
MAX_ID = 2**31
PRIVATE = sorted(str(stage) for stage in PRIVATE_STAGES)


def visible_to(user_id):
    """``Idea.can_view`` in SQL, on the notification's idea (joined as ``Idea``): past the
    draft stage, or on its team."""
    coauthor = exists().where(
        idea_coauthors.c.idea_id == Idea.id, idea_coauthors.c.user_id == user_id
    )
    return or_(Idea.stage.not_in(PRIVATE), Idea.author_id == user_id, coauthor)


def unread_count(user) -> int:
    """How many unread notifications ``user`` has, counting at most ``COUNT_CAP``."""
    unread = Notification.__table__.c
    first = (
        select(literal(1))
        .where(unread.user_id == user.id, unread.read_at.is_(None))
        .limit(COUNT_CAP)
        .subquery()
    )
    return db.session.scalar(select(func.count()).select_from(first))


@dataclass(frozen=True)
class NotificationRow:
    """One notification as a list shows it: the stored columns it needs, read in one query."""

    id: int
    kind: Kind
    created_at: datetime
    read_at: datetime | None
    idea_ref: str
    idea_title: str
    idea_stage: Stage
    actor_name: str
    actor_username: str
    action: Action | None
    from_stage: Stage | None
    to_stage: Stage | None
    note: str | None
    into_ref: str | None
    comment_id: int | None
    comment_body: str | None

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def sentence(self) -> str:
        return messages.sentence(
            self.kind,
            actor=self.actor_name,
            action=self.action,
            from_stage=self.from_stage,
            to_stage=self.to_stage,
            into=self.into_ref,
        )

    @property
    def excerpt(self) -> str | None:
        """The note of the event or the comment's text (none once the comment is deleted)."""
        return messages.excerpt(self.comment_body if self.kind == Kind.COMMENT else self.note)

    @property
    def excerpt_label(self) -> str:
        return messages.excerpt_label(self.kind)

    @property
    def link(self) -> str:
        return messages.link_path(self.kind, ref=self.idea_ref, comment_id=self.comment_id)


def _row_statement():
    actor = aliased(User, name="actor")
    into = aliased(Idea, name="into_idea")
    return (
        select(
            Notification.id, Notification.kind, Notification.created_at, Notification.read_at,
            Idea.ref, Idea.title, Idea.stage, actor.display_name, actor.username,
            StageEvent.action, StageEvent.from_stage, StageEvent.to_stage, StageEvent.note,
            into.ref, Notification.comment_id, Comment.body,
        )
        .select_from(Notification)
        .join(Idea, Idea.id == Notification.idea_id)
        .join(actor, actor.id == Notification.actor_id)
        .outerjoin(StageEvent, StageEvent.id == Notification.event_id)
        .outerjoin(into, into.id == StageEvent.related_idea_id)
        .outerjoin(Comment, Comment.id == Notification.comment_id)
    )  # fmt: skip


def notification_page(
    user, *, before: int | None = None, unread_only: bool = False, limit: int = PER_PAGE
) -> tuple[list[NotificationRow], str | None]:
    """Up to ``limit`` of ``user``'s notifications numbered below ``before``, newest first,
    about ideas they may see now, and the cursor of the next page (None on the last)."""
    stmt = _row_statement().where(Notification.user_id == user.id, visible_to(user.id))
    if unread_only:
        stmt = stmt.where(Notification.read_at.is_(None))
    if before is not None:
        stmt = stmt.where(Notification.id < before)
    rows = db.session.execute(stmt.order_by(Notification.id.desc()).limit(limit + 1)).all()
    items = [NotificationRow(*row) for row in rows[:limit]]
    next_cursor = encode_cursor(items[-1].id) if len(rows) > limit else None
    return items, next_cursor


def notification_row(notification_id: int) -> NotificationRow:
    row = db.session.execute(_row_statement().where(Notification.id == notification_id)).one()
    return NotificationRow(*row)


def encode_cursor(notification_id: int) -> str:
    return base64.urlsafe_b64encode(str(notification_id).encode()).decode().rstrip("=")


def decode_cursor(text: str) -> int:
    """The id a cursor names; ValueError when it is not one of ours."""
    if not isinstance(text, str) or len(text) > 20:
        raise ValueError("bad cursor")
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise ValueError("bad cursor") from None
    if not raw.isdecimal() or not 0 < int(raw) < MAX_ID:
        raise ValueError("bad cursor")
    return int(raw)
