"""The only code that writes votes, follows and comments. Operations flush, send their
signal and never commit; the counters on the idea are kept by ``engagement.listeners``.

Concurrency: a vote is one ``INSERT … ON CONFLICT DO NOTHING`` under the (idea, person)
primary key. Two requests of the same person racing (a double-click) both try; the
database lets one in, the other adds nothing (on PostgreSQL it waits for the first to
commit) and answers the state as it now is. Taking a vote back is one DELETE: a second
one finds no row and does nothing. Counters move only when a row really came or went.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, delete, select, update
from sqlalchemy.orm.attributes import set_committed_value

from ideaboard import signals
from ideaboard.core.dates import utcnow
from ideaboard.core.errors import Conflict, NotFound, PermissionDenied
from ideaboard.core.schema import FORM
from ideaboard.engagement.models import Comment, Follow, Vote
from ideaboard.engagement.trending import vote_weight
from ideaboard.engagement.validation import COMMENT_INPUT
from ideaboard.extensions import db
from ideaboard.ideas.models import Idea
from ideaboard.workflow.models import Stage


@dataclass(frozen=True)
class VoteState:
    voted: bool
    vote_count: int


# -- votes ---------------------------------------------------------------------------------


def _check_vote(idea: Idea, user) -> None:
    """Why ``user`` may not vote for (or un-vote) ``idea``, as the error to raise."""
    _check_not_merged(idea)
    if not idea.open_to_colleagues:
        raise Conflict(_l("A draft cannot be voted for. Colleagues vote once it is submitted."))
    if idea.is_team_member(user):
        raise PermissionDenied(_l("You cannot vote for your own idea or one you co-wrote."))
    if not idea.can_vote(user):  # a rule added later (e.g. merged ideas) lands here
        raise Conflict(_l("This idea does not take votes."))


def _check_not_merged(idea: Idea) -> None:
    if idea.stage == Stage.MERGED:
        raise Conflict(_l("This idea was merged into another one; vote, comment and follow there."))


def _vote_count(idea: Idea) -> int:
    return db.session.scalar(select(Idea.vote_count).where(Idea.id == idea.id))


def _insert(table):
    """An INSERT into ``table`` that can say what to do ``ON CONFLICT`` (both databases)."""
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def cast_vote(idea: Idea, user, *, now: datetime | None = None) -> VoteState:
    """Vote for ``idea`` (idempotent: a second vote changes nothing).

    The primary key decides: ``INSERT … ON CONFLICT DO NOTHING`` adds the row or, when the
    person already voted (perhaps a moment ago, in a request still running), adds nothing
    and the answer is the state as it now is. Not a savepoint around a plain INSERT: on
    SQLite a savepoint opened before any write *is* the transaction, and releasing it
    would commit the vote before its count."""
    _check_vote(idea, user)
    now = now or utcnow()
    weight = vote_weight(now)
    votes = Vote.__table__
    stmt = _insert(votes).values(idea_id=idea.id, user_id=user.id, created_at=now, weight=weight)
    added = db.session.execute(
        stmt.on_conflict_do_nothing(index_elements=["idea_id", "user_id"]).returning(votes.c.weight)
    ).scalar()
    if added is None:  # already voted
        return VoteState(True, _vote_count(idea))
    signals.vote_cast.send(idea, user=user, weight=weight, at=now)
    return VoteState(True, idea.vote_count)  # the listener stored the new count on it


def withdraw_vote(idea: Idea, user) -> VoteState:
    """Take the vote back (idempotent: without a vote, nothing changes)."""
    _check_vote(idea, user)
    votes = Vote.__table__
    removed = db.session.execute(
        delete(votes)
        .where(and_(votes.c.idea_id == idea.id, votes.c.user_id == user.id))
        .returning(votes.c.weight)
    ).scalar()
    if removed is None:
        return VoteState(False, _vote_count(idea))
    signals.vote_withdrawn.send(idea, user=user, weight=removed)
    return VoteState(False, idea.vote_count)


def set_vote(idea: Idea, user, voted: bool) -> VoteState:
    return cast_vote(idea, user) if voted else withdraw_vote(idea, user)


# -- follows -------------------------------------------------------------------------------


def _upsert_follows(idea_id: int, user_ids: Iterable[int], *, following: bool | None) -> None:
    """Write follow rows in one statement, safe when another request writes the same row.

    ``following=None``: add the people who have no row yet as followers and leave every
    existing row alone (an explicit unfollow stays). True/False: set it for them."""
    rows = [
        {"idea_id": idea_id, "user_id": user_id, "following": following is not False,
         "created_at": utcnow(), "updated_at": utcnow()}
        for user_id in dict.fromkeys(user_ids)
    ]  # fmt: skip
    if not rows:
        return
    stmt = _insert(Follow.__table__).values(rows)
    keys = ["idea_id", "user_id"]
    if following is None:
        stmt = stmt.on_conflict_do_nothing(index_elements=keys)
    else:
        stmt = stmt.on_conflict_do_update(
            index_elements=keys,
            set_={"following": stmt.excluded.following, "updated_at": stmt.excluded.updated_at},
        )
    db.session.execute(stmt)


def follow_automatically(idea: Idea, users: Iterable) -> None:
    """Authors, co-authors, voters and commenters follow, unless they unfollowed before."""
    _upsert_follows(idea.id, [user.id for user in users], following=None)


def set_following(idea: Idea, user, following: bool) -> bool:
    """Follow or unfollow (idempotent). An unfollow is remembered: voting or commenting
    again does not make the person a follower again."""
    if following:
        _check_not_merged(idea)
    if following and not idea.can_follow(user):
        raise Conflict(_l("A draft cannot be followed. Its team is told about it anyway."))
    _upsert_follows(idea.id, [user.id], following=following)
    return following


# -- merge ---------------------------------------------------------------------------------


def carry_over(duplicate: Idea, survivor: Idea) -> None:
    """Move what colleagues gave ``duplicate`` to ``survivor`` (a merge): a vote moves
    unless its person already voted for the survivor or is on the survivor's team (one
    person, one vote: the duplicate's is dropped); a follow moves unless its person already
    has one there (an explicit unfollow of the survivor stands); comments move as they are.
    The counters are the listener's (``engagement.listeners``)."""
    team = [survivor.author_id, *(user.id for user in survivor.coauthors)]
    votes, follows = Vote.__table__, Follow.__table__
    on_survivor = select(votes.c.user_id).where(votes.c.idea_id == survivor.id)
    db.session.execute(
        update(votes)
        .where(
            votes.c.idea_id == duplicate.id,
            votes.c.user_id.not_in(on_survivor),
            votes.c.user_id.not_in(team),
        )
        .values(idea_id=survivor.id)
    )
    db.session.execute(delete(votes).where(votes.c.idea_id == duplicate.id))
    followed = select(follows.c.user_id).where(follows.c.idea_id == survivor.id)
    db.session.execute(
        update(follows)
        .where(follows.c.idea_id == duplicate.id, follows.c.user_id.not_in(followed))
        .values(idea_id=survivor.id)
    )
    db.session.execute(delete(follows).where(follows.c.idea_id == duplicate.id))
    db.session.execute(
        update(Comment.__table__)
        .where(Comment.__table__.c.idea_id == duplicate.id)
        .values(idea_id=survivor.id)
    )


# -- comments ------------------------------------------------------------------------------


def get_comment(idea: Idea, comment_id) -> Comment:
    """A comment of ``idea`` by its id (404 when it belongs to another idea)."""
    numbered = isinstance(comment_id, int) and 0 < comment_id < 2**31  # ids are 32-bit
    comment = db.session.get(Comment, comment_id) if numbered else None
    if comment is None or comment.idea_id != idea.id:
        raise NotFound(_l("No comment with this number on this idea."))
    return comment


def add_comment(idea: Idea, user, data: Mapping, *, mode: str = FORM) -> Comment:
    _check_not_merged(idea)
    if not idea.can_comment(user):
        raise Conflict(
            _l("A draft cannot be commented on. Colleagues comment once it is submitted.")
        )
    body = COMMENT_INPUT.load(data, mode)["body"]
    comment = Comment(idea_id=idea.id, author=user, body=body, created_at=utcnow())
    db.session.add(comment)
    db.session.flush()
    signals.comment_added.send(comment, idea=idea, user=user)
    return comment


def _check_change(comment: Comment, user) -> None:
    if comment.is_deleted:
        raise Conflict(_l("This comment was deleted."))
    if not comment.can_change(user):
        raise PermissionDenied(_l("Only the person who wrote a comment can change or delete it."))


def _rewrite(comment: Comment, **values) -> None:
    """Change a comment that is not deleted, in one UPDATE that checks it still is not
    (an edit racing a delete, or two deletes, cannot both go through)."""
    comments = Comment.__table__
    changed = db.session.execute(
        update(comments)
        .where(comments.c.id == comment.id, comments.c.deleted_at.is_(None))
        .values(**values)
    ).rowcount
    if changed != 1:
        db.session.expire(comment)
        raise Conflict(_l("This comment was deleted."))
    for name, value in values.items():
        set_committed_value(comment, name, value)


def edit_comment(idea: Idea, comment: Comment, user, data: Mapping, *, mode: str = FORM) -> Comment:
    _check_change(comment, user)
    body = COMMENT_INPUT.load(data, mode)["body"]
    if body == comment.body:
        return comment
    before = comment.body
    _rewrite(comment, body=body, edited_at=utcnow())
    signals.comment_edited.send(comment, idea=idea, user=user, before=before)
    return comment


def delete_comment(idea: Idea, comment: Comment, user) -> Comment:
    """Delete one's own comment: its place stays, its text goes."""
    _check_change(comment, user)
    _rewrite(comment, body="", deleted_at=utcnow())
    signals.comment_deleted.send(comment, idea=idea, user=user)
    return comment
