"""The review queue: the submitted ideas waiting for one supervisor, oldest waiting first,
with how long they have waited and, for a resubmission, what changed since it was returned.
And, for the administrator, the submitted ideas nobody can review.

A queue is one statement that reads stored columns: the submitted ideas of the units in the
supervisor's subtrees (walked down through ``parent_id``), found unit by unit through the
partial index ``ix_ideas_waiting_review`` (it holds only waiting ideas), kept when the
nearest-unit rule (``review.Responsibility``) names the supervisor. The rule runs in SQL
over that small set, against the supervisions inside the same subtrees (a handful of rows),
not in Python over loaded rows. Those few are sorted by when they reached *submitted*
(``Idea.submitted_at``: the latest submission or resubmission). The count on the top bar is
the same statement counted: one query, under a millisecond on SQLite and a few on
PostgreSQL for a section's or a district's queue at 20,000 ideas (tests/test_review_plans.py
reads the plans).

A page of the queue then reads its ideas' list rows and their return and edit events (one
statement each, by id).
"""

from __future__ import annotations

import binascii
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Integer, bindparam, exists, func, literal_column, select, tuple_
from sqlalchemy.orm import aliased

from ideaboard.core.dates import as_utc, days_between, utcnow
from ideaboard.core.errors import ValidationError
from ideaboard.extensions import db
from ideaboard.ideas.models import Idea
from ideaboard.ideas.queries import (
    MAX_CURSOR,
    MAX_ID,
    IdeaRow,
    decode_cursor_values,
    encode_cursor,
    rows_by_id,
)
from ideaboard.people.models import OrgUnit, Role, UnitSupervisor, UserRole
from ideaboard.workflow.models import Action, StageEvent
from ideaboard.workflow.review import Responsibility, materialized, on_team, supervisions

# written into the SQL, never bound: only then may either database use the partial index
SUBMITTED = literal_column("'submitted'")
PER_PAGE = 50
MAX_LIMIT = 100
UNREVIEWABLE_SHOWN = 100  # the administrator's list: the oldest this many, and the count


@dataclass
class QueueItem:
    """One waiting idea as the queue shows it."""

    idea: IdeaRow
    submitted_at: datetime
    waiting_days: int
    # the last time a reviewer sent it back (who, when, why); None if it never was
    returned: StageEvent | None = None
    # what its team changed since then (``ideas.changes.Change`` dicts, form order per edit)
    changes: list[dict] = field(default_factory=list)

    @property
    def resubmitted(self) -> bool:
        return self.returned is not None


@dataclass
class QueuePage:
    items: list[QueueItem]
    next_cursor: str | None
    count: int  # how many wait in all, this page or not


def supervises_any(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.supervisions)


def _subtrees(user_id):
    """The units ``user_id`` supervises and every unit under them: walked down the tree
    through the index on ``parent_id`` (no pattern match on paths, no table scan)."""
    top = select(UnitSupervisor.unit_id.label("id")).where(UnitSupervisor.user_id == user_id)
    subtree = top.cte("supervised_subtree", recursive=True)
    below = aliased(OrgUnit)
    return subtree.union(select(below.id).join(subtree, below.parent_id == subtree.c.id))


WAITING_COLUMNS = (Idea.id, Idea.author_id, Idea.unit_id, Idea.submitted_at)


# The statements are built once per process with their values as parameters: building one
# (its CTEs and aliases) costs far more than running it.
@functools.cache
def _queue_statement(counted: bool, after: bool = False):
    """The ideas waiting for the user ``user_id``: the submitted ideas of the units in the
    subtrees they supervise, found unit by unit through the partial index, not on their
    team; kept when the rule names the user among their reviewers."""
    user_id = bindparam("user_id", type_=Integer)
    subtree = _subtrees(user_id)
    waiting = (
        select(*WAITING_COLUMNS)
        .where(
            Idea.stage == SUBMITTED,
            Idea.unit_id.in_(select(subtree.c.id)),
            ~on_team(Idea.id, Idea.author_id, user_id),
        )
        .cte("waiting")
    )
    # the user is eligible at the top of each subtree, so the nearest unit of an idea in
    # it lies at that depth or below: the supervisions inside the subtrees suffice
    held = materialized(
        supervisions(among=lambda unit: unit.id.in_(select(subtree.c.id))).cte("held")
    )
    rule = Responsibility.of(waiting, held)
    mine = waiting.c.id.in_(
        select(rule.reviewers.c.idea_id).where(rule.reviewers.c.user_id == user_id)
    )
    return _finish(waiting, mine, counted, after)


@functools.cache
def _nobody_statement(counted: bool):
    """Every submitted idea (the partial index), kept when the rule finds no unit up the
    tree with an eligible supervisor."""
    waiting = select(*WAITING_COLUMNS).where(Idea.stage == SUBMITTED).cte("waiting")
    rule = Responsibility.of(waiting, materialized(supervisions().cte("held")))
    return _finish(waiting, waiting.c.id.not_in(select(rule.nearest.c.idea_id)), counted, False)


def _finish(waiting, condition, counted: bool, after: bool):
    if counted:
        return select(func.count()).select_from(waiting).where(condition)
    order = (waiting.c.submitted_at, waiting.c.id)
    stmt = select(waiting.c.id, waiting.c.submitted_at).where(condition)
    if after:
        value = bindparam("after_at", type_=Idea.submitted_at.type)
        stmt = stmt.where(tuple_(*order) > tuple_(value, bindparam("after_id")))
    return stmt.order_by(*order).limit(bindparam("limit", type_=Integer))


class TopBar(NamedTuple):
    supervises: bool
    admin: bool
    waiting: int  # how many ideas wait for them (0 for someone who supervises nothing)


def top_bar(user_id: int) -> TopBar:
    """What the top bar shows about reviewing, in one statement: whether the user
    supervises a unit, whether they are an administrator, and how many ideas wait for
    them (the queue counted). Nothing else is loaded for it."""
    return TopBar(*db.session.execute(_top_bar_statement(), {"user_id": user_id}).one())


@functools.cache
def _top_bar_statement():
    user_id = bindparam("user_id", type_=Integer)
    supervises = exists().where(UnitSupervisor.user_id == user_id)
    admin = exists().where(UserRole.user_id == user_id, UserRole.role == Role.ADMIN)
    return select(
        supervises.label("supervises"),
        admin.label("admin"),
        _queue_statement(counted=True).scalar_subquery().label("waiting"),
    )


def queue_count(user) -> int:
    """How many ideas wait for ``user``: one statement (none when they supervise
    nothing)."""
    if not supervises_any(user):
        return 0
    return db.session.scalar(_queue_statement(counted=True), {"user_id": user.id})


def review_queue(user, *, limit: int = PER_PAGE, after: tuple | None = None) -> QueuePage:
    """The ideas waiting for ``user``'s review, oldest waiting first, a page at a time:
    ``after`` is the (submitted_at, id) of the last idea of the previous page."""
    if not supervises_any(user):
        return QueuePage([], None, 0)
    params = {"user_id": user.id}
    if after is not None:
        params.update(after_at=after[0], after_id=after[1])
    rows, next_cursor = _page(_queue_statement(False, after is not None), params, limit)
    count = len(rows) if after is None and next_cursor is None else queue_count(user)
    return QueuePage(_items(rows), next_cursor, count)


def unreviewable_ideas(limit: int = UNREVIEWABLE_SHOWN) -> QueuePage:
    """Submitted ideas no active person off their team supervises, anywhere up the tree:
    nobody's queue holds them, so the administrator names a supervisor. The oldest
    ``limit``, and how many there are. Every waiting idea is read (the partial index) and
    asked the rule: the administrator's page, not the top bar."""
    rows, more = _page(_nobody_statement(counted=False), {}, limit)
    count = len(rows) if more is None else db.session.scalar(_nobody_statement(counted=True))
    return QueuePage(_items(rows), None, count)


def _page(stmt, params: dict, limit: int) -> tuple[list, str | None]:
    rows = db.session.execute(stmt, {**params, "limit": limit + 1}).all()
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    return rows, encode_cursor((as_utc(last.submitted_at).isoformat(), last.id))


def _items(rows) -> list[QueueItem]:
    if not rows:
        return []
    ids = [row.id for row in rows]
    ideas = rows_by_id(ids)
    history: dict[int, list[StageEvent]] = {idea_id: [] for idea_id in ids}
    events = db.session.scalars(
        select(StageEvent)
        .where(StageEvent.idea_id.in_(ids), StageEvent.action.in_((Action.RETURN, Action.EDIT)))
        .order_by(StageEvent.id)
    )
    for event in events:
        history[event.idea_id].append(event)
    now = utcnow()
    items = []
    for row in rows:
        returned, edits = since_last_return(history[row.id])
        items.append(
            QueueItem(
                idea=ideas[row.id],
                submitted_at=row.submitted_at,
                waiting_days=days_between(row.submitted_at, now),
                returned=returned,
                changes=merged_changes(edits),
            )
        )
    return items


def since_last_return(events: list[StageEvent]) -> tuple[StageEvent | None, list[StageEvent]]:
    """The last return among ``events`` (oldest first) and the edits after it."""
    last = next(
        (i for i in range(len(events) - 1, -1, -1) if events[i].action == Action.RETURN), None
    )
    if last is None:
        return None, []
    return events[last], [e for e in events[last + 1 :] if e.action == Action.EDIT]


def merged_changes(edits: list[StageEvent]) -> list[dict]:
    """The changes of several edits as one list, in order. A field (not a step) changed
    more than once shows once, from its first "before" to its last "after", and not at all
    when it ended where it began; step changes are listed as they happened."""
    merged: list[dict] = []
    fields: dict[str, dict] = {}
    for event in edits:
        for change in event.changes or []:
            if change.get("step") is not None or change.get("change") != "changed":
                merged.append(change)
            elif change.get("field") in fields:
                fields[change["field"]]["after"] = change.get("after")
            else:
                fields[change.get("field")] = dict(change)
                merged.append(fields[change.get("field")])
    return [
        change
        for change in merged
        if change.get("step") is not None
        or change.get("change") != "changed"
        or change.get("before") != change.get("after")
    ]


def read_page_args(args: Mapping) -> tuple[int, tuple | None]:
    """``limit`` and ``cursor`` of a queue page (query string); a bad one is a 422."""
    errors = {}
    limit, after = PER_PAGE, None
    if args.get("limit"):
        text = str(args["limit"])
        if len(text) <= 3 and text.isdecimal() and 1 <= int(text) <= MAX_LIMIT:
            limit = int(text)
        else:
            errors["limit"] = _("Between 1 and %(n)d.", n=MAX_LIMIT)
    if args.get("cursor"):
        try:
            if len(args["cursor"]) > MAX_CURSOR:
                raise ValueError("cursor too long")
            moment, last_id = decode_cursor_values(args["cursor"])
            if isinstance(last_id, bool) or not isinstance(last_id, int):
                raise ValueError("bad id")
            if not 0 <= last_id < MAX_ID:
                raise ValueError("id out of range")
            after = (datetime.fromisoformat(moment), last_id)
        except (ValueError, TypeError, UnicodeDecodeError, binascii.Error, RecursionError):
            errors["cursor"] = _l("This page link is no longer valid; start from the first page.")
    if errors:
        raise ValidationError(fields=errors)
    return limit, after
