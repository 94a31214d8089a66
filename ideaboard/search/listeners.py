"""The search index listens: every create and edit rewrites the idea's search row, every
delete removes it, in the same transaction as the change (``ideaboard.signals``).

Visibility is not in the index (a draft's row is there from the start); searches ask the
ideas table who may see what, so a stage change needs nothing here. A merge (issue 6)
will send ``idea_edited`` for the survivor or ``idea_deleted`` for a removed duplicate.
"""

from __future__ import annotations

from ideaboard import signals
from ideaboard.extensions import db
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
