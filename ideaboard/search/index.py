"""Writing the search documents: one idea (listeners) or every idea (``reindex``, the
migration). Called only from listeners and commands, in their transaction; never commits.

Rows are replaced whole (delete, then insert), so on SQLite the triggers of migration
``0004_search`` move the FTS5 entries with them. On PostgreSQL the word ``document`` is a
``tsvector`` written as its literal: ``'word':position+weight`` (title A, team B, body C),
no parser involved; words hold only letters, digits, Thai marks, ``-`` and ``.``, never a
quote.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import bindparam, cast, delete, insert, select
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.engine import Connection

from ideaboard.ideas.models import Idea, Step, idea_coauthors
from ideaboard.people.models import User
from ideaboard.search.models import IdeaSearch
from ideaboard.search.words import clean, words

MAX_POSITION = 16383  # PostgreSQL keeps positions up to this
WEIGHTS = (("title", "A"), ("team", "B"), ("body", "C"))
BATCH = 500


def document_row(
    idea_id: int, ref: str, title: str, team: Iterable[str], body: Iterable[str]
) -> dict:
    """The search row of one idea from its texts (``team``: names; ``body``: the rest).
    The reference goes with the title, so ``IDEA-2569-00042`` (or ``00042``) finds it."""
    parts = {
        "title": f"{title or ''}\n{ref}",
        "team": "\n".join(name for name in team if name),
        "body": "\n".join(text for text in body if text),
    }
    row: dict = {"idea_id": idea_id}
    lexemes, position = [], 0
    for part, weight in WEIGHTS:
        row[f"{part}_text"] = cleaned = clean(parts[part])
        found = words(cleaned, cleaned=True)
        row[f"{part}_words"] = " ".join(found)
        for word in found:
            position = min(position + 1, MAX_POSITION)
            lexemes.append(f"'{word}':{position}{weight}")
    row["document"] = " ".join(lexemes)
    return row


def idea_row(idea: Idea) -> dict:
    steps = [*idea.current_steps, *idea.proposed_steps]
    return document_row(
        idea.id,
        idea.ref,
        idea.title,
        [idea.author.display_name, *(user.display_name for user in idea.coauthors)],
        [idea.eh_moment, idea.process_name, idea.service, idea.solution,
         *(step.description for step in steps)],
    )  # fmt: skip


def store(connection: Connection, rows: list[dict]) -> None:
    """Replace the search rows of these ideas."""
    if not rows:
        return
    table = IdeaSearch.__table__
    connection.execute(delete(table).where(table.c.idea_id.in_([row["idea_id"] for row in rows])))
    values = {name: bindparam(name) for name in rows[0] if name != "document"}
    if connection.dialect.name == "postgresql":
        values["document"] = cast(bindparam("document"), TSVECTOR)
        connection.execute(insert(table).values(values), rows)
    else:
        connection.execute(insert(table).values(values), [
            {k: v for k, v in row.items() if k != "document"} for row in rows
        ])  # fmt: skip


def remove(connection: Connection, idea_id: int) -> None:
    table = IdeaSearch.__table__
    connection.execute(delete(table).where(table.c.idea_id == idea_id))


def rebuild(connection: Connection, batch: int = BATCH) -> int:
    """Index every idea again, in batches by id; returns how many were indexed. Reads plain
    columns (no ORM), so the migration can run it on its own connection."""
    connection.execute(delete(IdeaSearch.__table__))
    ideas = Idea.__table__.c
    last_id, total = 0, 0
    while True:
        found = connection.execute(
            select(ideas.id, ideas.ref, ideas.title, ideas.eh_moment, ideas.process_name, ideas.service,
                   ideas.solution, User.__table__.c.display_name)
            .join(User.__table__, User.__table__.c.id == ideas.author_id)
            .where(ideas.id > last_id).order_by(ideas.id).limit(batch)
        ).all()  # fmt: skip
        if not found:
            return total
        ids = [row.id for row in found]
        team: dict[int, list[str]] = defaultdict(list)
        for idea_id, name in connection.execute(
            select(idea_coauthors.c.idea_id, User.__table__.c.display_name)
            .join(User.__table__, User.__table__.c.id == idea_coauthors.c.user_id)
            .where(idea_coauthors.c.idea_id.in_(ids))
            .order_by(idea_coauthors.c.idea_id, User.__table__.c.id)
        ):
            team[idea_id].append(name)
        steps: dict[int, list[str]] = defaultdict(list)
        step = Step.__table__.c
        for idea_id, description in connection.execute(
            select(step.idea_id, step.description)
            .where(step.idea_id.in_(ids))
            .order_by(step.idea_id, step.kind, step.position)
        ):
            steps[idea_id].append(description)
        store(connection, [
            document_row(row.id, row.ref, row.title, [row.display_name, *team[row.id]],
                         [row.eh_moment, row.process_name, row.service, row.solution,
                          *steps[row.id]])
            for row in found
        ])  # fmt: skip
        total += len(found)
        last_id = ids[-1]
