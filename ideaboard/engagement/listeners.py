"""Engagement listens: the idea's counters and trending score follow the vote and comment
rows, and the people around an idea follow it. Everything here runs in the transaction of
the change that sent the signal.

The counters move with one atomic ``UPDATE ideas SET vote_count = vote_count + 1 …`` (no
read-modify-write, so concurrent voters never lose a count). It is a plain UPDATE of the
table, not of the ORM object: a vote is not an edit, so it neither bumps the idea's
optimistic-lock ``version`` (an author saving their edit while colleagues vote is not told
"someone changed it") nor its ``updated_at``.
"""

from __future__ import annotations

from sqlalchemy import case, func, select, update
from sqlalchemy.orm.attributes import set_committed_value

from ideaboard import signals
from ideaboard.engagement import operations
from ideaboard.engagement.models import Comment, Vote
from ideaboard.extensions import db
from ideaboard.ideas.models import Idea

IDEAS = Idea.__table__


def _bump(idea: Idea, **changes) -> None:
    """Apply SET expressions to the idea's row and store the new values on the loaded
    object as if just read (so the answer shows them and no flush writes them again)."""
    stmt = (
        update(IDEAS)
        .where(IDEAS.c.id == idea.id)
        .values(**changes, updated_at=IDEAS.c.updated_at)
        .returning(*(IDEAS.c[name] for name in changes))
    )
    row = db.session.execute(stmt).one()
    for name in changes:
        set_committed_value(idea, name, row._mapping[name])


@signals.vote_cast.connect
def count_vote(idea, *, weight, **_):
    _bump(
        idea,
        vote_count=IDEAS.c.vote_count + 1,
        trending_score=IDEAS.c.trending_score + weight,
    )


@signals.vote_withdrawn.connect
def uncount_vote(idea, *, weight, **_):
    # the last vote gone leaves exactly 0, not the rounding left by adding and subtracting
    _bump(
        idea,
        vote_count=IDEAS.c.vote_count - 1,
        trending_score=case((IDEAS.c.vote_count <= 1, 0.0), else_=IDEAS.c.trending_score - weight),
    )


@signals.comment_added.connect
def count_comment(comment, *, idea, **_):
    _bump(idea, comment_count=IDEAS.c.comment_count + 1)


@signals.comment_deleted.connect
def uncount_comment(comment, *, idea, **_):
    _bump(idea, comment_count=IDEAS.c.comment_count - 1)


@signals.vote_cast.connect
def voter_follows(idea, *, user, **_):
    operations.follow_automatically(idea, [user])


@signals.comment_added.connect
def commenter_follows(comment, *, idea, user, **_):
    operations.follow_automatically(idea, [user])


@signals.idea_created.connect
def team_follows_new_idea(idea, *, user, **_):
    operations.follow_automatically(idea, [idea.author, *idea.coauthors])


@signals.idea_edited.connect
def new_coauthors_follow(idea, *, changes, **_):
    if any(change.field == "coauthors" for change in changes):
        operations.follow_automatically(idea, idea.coauthors)


@signals.idea_merged.connect
def engagement_moves_to_survivor(duplicate, *, survivor, **_):
    """Votes, follows and comments go to the survivor; both ideas' counters are then
    counted from their rows (a merge is rare and moves many rows at once). The survivor's
    row is already locked by this transaction (the merge raised its version), so a vote
    committed meanwhile is counted, and one still running adds its own +1 after."""
    operations.carry_over(duplicate, survivor)
    for idea in (survivor, duplicate):
        votes = Vote.__table__.c
        _bump(
            idea,
            vote_count=select(func.count()).where(votes.idea_id == idea.id).scalar_subquery(),
            trending_score=select(func.coalesce(func.sum(votes.weight), 0.0))
            .where(votes.idea_id == idea.id)
            .scalar_subquery(),
            comment_count=select(func.count())
            .where(Comment.__table__.c.idea_id == idea.id, Comment.__table__.c.deleted_at.is_(None))
            .scalar_subquery(),
        )
