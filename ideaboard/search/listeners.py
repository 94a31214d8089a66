"""The search index listens: every create and edit rewrites the idea's search row, every
delete removes it, in the same transaction as the change (``ideaboard.signals``).

Visibility is not in the index (a draft's row is there from the start); searches ask the
ideas table who may see what, so a stage change needs nothing here. A merge (issue 6)
will send ``idea_edited`` for the survivor or ``idea_deleted`` for a removed duplicate.
An administrator renaming a person (``person_updated``) re-indexes that person's ideas.
"""

from __future__ import annotations

from sqlalchemy import or_, select

from ideaboard import signals
from ideaboard.extensions import db
from ideaboard.ideas.models import Idea, idea_coauthors
from ideaboard.search import index


@signals.idea_created.connect
def index_new_idea(idea, **_):
    index.store(db.session.connection(), [index.idea_row(idea)])


@signals.idea_edited.connect
def index_edited_idea(idea, **_):
    index.store(db.session.connection(), [index.idea_row(idea)])


@signals.idea_deleted.connect
def unindex_deleted_idea(idea, **_):
    index.remove(db.session.connection(), idea.id)


@signals.person_updated.connect
def index_renamed_authors_ideas(user, changes, **_):
    """Ideas are found by their team's names: a renamed person's ideas are indexed again."""
    if "display_name" not in changes:
        return
    coauthored = select(idea_coauthors.c.idea_id).where(idea_coauthors.c.user_id == user.id)
    ideas = db.session.scalars(
        select(Idea).where(or_(Idea.author_id == user.id, Idea.id.in_(coauthored)))
    ).all()
    index.store(db.session.connection(), [index.idea_row(idea) for idea in ideas])
