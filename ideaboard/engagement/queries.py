"""Reading engagement: what the current person did on a page of ideas or one idea, an
idea's comment thread a page at a time, and who follows an idea."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field

from sqlalchemy import exists, literal, select, union_all

from ideaboard.engagement.models import Comment, Follow, Vote
from ideaboard.extensions import db
from ideaboard.ideas.models import Idea, idea_coauthors
from ideaboard.people.models import User

COMMENTS_PER_PAGE = 50
MAX_COMMENT_LIMIT = 100


@dataclass
class CardStates:
    """For one page of the list: the ideas the person voted for and those they co-wrote
    (the cards' vote buttons), found in one query whatever the page size."""

    voted: set[int] = field(default_factory=set)
    coauthored: set[int] = field(default_factory=set)

    def can_vote(self, idea, username: str) -> bool:
        """``Idea.can_vote`` for a list row (which carries its author, not its co-authors):
        a rule added there (merged ideas) is added here too."""
        return (
            idea.stage.is_open
            and idea.author.username != username
            and idea.id not in self.coauthored
        )


def card_states(user, idea_ids: list[int]) -> CardStates:
    states = CardStates()
    if not idea_ids or not getattr(user, "is_authenticated", False):
        return states
    votes = select(Vote.idea_id, literal("vote").label("kind")).where(
        Vote.user_id == user.id, Vote.idea_id.in_(idea_ids)
    )
    team = select(idea_coauthors.c.idea_id, literal("team").label("kind")).where(
        idea_coauthors.c.user_id == user.id, idea_coauthors.c.idea_id.in_(idea_ids)
    )
    for idea_id, kind in db.session.execute(union_all(votes, team)):
        (states.voted if kind == "vote" else states.coauthored).add(idea_id)
    return states


@dataclass(frozen=True)
class ViewerState:
    voted: bool
    following: bool


def viewer_state(idea: Idea, user) -> ViewerState:
    """Whether ``user`` voted for and follows ``idea``: one query."""
    if not getattr(user, "is_authenticated", False):
        return ViewerState(False, False)
    voted = exists().where(Vote.idea_id == idea.id, Vote.user_id == user.id)
    following = exists().where(
        Follow.idea_id == idea.id, Follow.user_id == user.id, Follow.following.is_(True)
    )
    row = db.session.execute(select(voted.label("voted"), following.label("following"))).one()
    return ViewerState(bool(row.voted), bool(row.following))


def sees_deleted_comments(idea: Idea, user) -> bool:
    """The idea's author and the supervisors of its unit see where a comment was deleted
    (never its text); everyone else sees the thread without it."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return user.id == idea.author_id or user.supervises(idea.unit)


def encode_after(comment_id: int) -> str:
    return base64.urlsafe_b64encode(str(comment_id).encode()).decode().rstrip("=")


def decode_after(text: str) -> int:
    """The id a comments cursor names; ValueError when it is not one of ours."""
    if not isinstance(text, str) or len(text) > 20:
        raise ValueError("bad cursor")
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError):
        raise ValueError("bad cursor") from None
    if not raw.isdecimal() or not 0 < int(raw) < 2**31:
        raise ValueError("bad cursor")
    return int(raw)


def comment_page(
    idea: Idea, user, *, after: int | None = None, limit: int = COMMENTS_PER_PAGE
) -> tuple[list[Comment], str | None]:
    """Up to ``limit`` comments of ``idea`` after the one numbered ``after``, oldest first,
    and the cursor of the next page (None on the last): a walk down (idea_id, id).

    Deleted comments keep their place for those who see it (``sees_deleted_comments``) and
    are left out for everyone else."""
    stmt = select(Comment).where(Comment.idea_id == idea.id)
    if not sees_deleted_comments(idea, user):
        stmt = stmt.where(Comment.deleted_at.is_(None))
    if after is not None:
        stmt = stmt.where(Comment.id > after)
    comments = list(db.session.scalars(stmt.order_by(Comment.id).limit(limit + 1)))
    next_cursor = None
    if len(comments) > limit:
        comments = comments[:limit]
        next_cursor = encode_after(comments[-1].id)
    return comments, next_cursor


def followers_of(idea: Idea) -> list[User]:
    """Active people who follow ``idea`` (notifications go to them)."""
    stmt = (
        select(User)
        .join(Follow, Follow.user_id == User.id)
        .where(Follow.idea_id == idea.id, Follow.following.is_(True), User.active.is_(True))
        .order_by(User.id)
    )
    return list(db.session.scalars(stmt))
