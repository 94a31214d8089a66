"""Who reviews a submitted idea: the rule, written once.

The *responsible reviewers* of an idea are the active supervisors of the nearest unit — the
idea's own unit, else the unit above it, and so on up the tree — that has at least one
active supervisor who is not on the idea's team (its author or a co-author). So an idea
whose unit has no active supervisor goes to the unit above, and a supervisor's own idea
goes to the next unit up (SPEC §1). When no unit up the tree has such a supervisor, nobody
is responsible: the administrator sees those ideas (``workflow.queue.unreviewable_ideas``).

Responsibility says whose queue an idea waits in and whom a (re)submission concerns. The
authority to decide is wider and stays with ``Idea.can_review`` (any supervisor of the unit
or a unit above, not on the team), so a head of office can still step in.

The rule is one piece of SQL, ``Responsibility``, over a set of ideas (``waiting``): walk up
from each idea's unit through ``parent_id`` (an index lookup per step, a handful of steps);
at each unit on the way, the supervisions held by active people off the idea's team are
*eligible*; the deepest unit with one is the nearest; its eligible supervisors are the
responsible reviewers. Set-based, so one statement answers for one idea (here), for a
supervisor's queue and its count, or for every waiting idea (``workflow.queue``).
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Integer, and_, bindparam, exists, func, or_, select
from sqlalchemy.orm import aliased

from ideaboard.extensions import db
from ideaboard.ideas.models import idea_coauthors
from ideaboard.people.models import OrgUnit, UnitSupervisor, User


def on_team(idea_id, author_id, person_id):
    """The person is the idea's author or one of its co-authors (columns or values)."""
    coauthor = (
        exists()
        .where(idea_coauthors.c.idea_id == idea_id, idea_coauthors.c.user_id == person_id)
        .correlate_except(idea_coauthors)
    )
    return or_(person_id == author_id, coauthor)


def at_or_above(path, unit_path):
    """The unit whose path is ``path`` is the one whose path is ``unit_path``, or above it:
    an exact prefix of the materialised path (no LIKE: nothing in a path is a pattern)."""
    return func.substr(unit_path, 1, func.length(path)) == path


def supervisions(among: Callable | None = None):
    """The supervisions held by active people, as rows (``user_id``, ``path``, ``depth`` of
    the unit): the ``held`` of ``Responsibility.of``. ``among(unit)`` narrows them to some
    units."""
    supervision, unit, person = aliased(UnitSupervisor), aliased(OrgUnit), aliased(User)
    stmt = (
        select(
            supervision.user_id.label("user_id"),
            unit.path.label("path"),
            unit.depth.label("depth"),
        )
        .select_from(supervision)
        .join(unit, unit.id == supervision.unit_id)
        .join(person, person.id == supervision.user_id)
        .where(person.active.is_(True))
    )
    return stmt.where(among(unit)) if among is not None else stmt


def materialized(cte):
    """``cte`` computed once per statement, not once per row asking it (PostgreSQL 12+ and
    SQLite 3.35+ understand ``AS MATERIALIZED``; an older SQLite decides for itself)."""
    cte = cte.prefix_with("MATERIALIZED", dialect="postgresql")
    if sqlite3.sqlite_version_info >= (3, 35):
        cte = cte.prefix_with("MATERIALIZED", dialect="sqlite")
    return cte


@dataclass(frozen=True)
class Responsibility:
    """THE RULE for the ideas of ``waiting`` (a CTE with columns ``id``, ``author_id`` and
    ``unit_id``), as CTEs to select from:

    - ``nearest``: (idea_id, depth): the depth of each idea's nearest unit with an eligible
      supervisor; an idea without a row has nobody to review it;
    - ``reviewers``: (idea_id, user_id): its responsible reviewers.

    ``held`` (from ``supervisions``) are the supervisions to consider. A caller may narrow
    them to where it knows the answer lies (the subtrees a supervisor holds, the codes on
    one idea's way up) but must keep every one that could be the answer.

    The supervisions above each *unit* holding a waiting idea are found first (a few units
    against the supervisions held, by path prefix), then each idea's team is set aside.
    """

    nearest: object
    reviewers: object

    @classmethod
    def of(cls, waiting, held) -> Responsibility:
        unit = aliased(OrgUnit)
        units = (
            select(waiting.c.unit_id.label("unit_id"), unit.path.label("path"))
            .join(unit, unit.id == waiting.c.unit_id)
            .distinct()
            .cte("waiting_units")
        )
        above = (
            select(units.c.unit_id, held.c.user_id, held.c.depth)
            .select_from(units)
            .join(held, at_or_above(held.c.path, units.c.path))
            .cte("held_above")
        )
        eligible = (
            select(waiting.c.id.label("idea_id"), above.c.user_id, above.c.depth)
            .join(above, above.c.unit_id == waiting.c.unit_id)
            .where(~on_team(waiting.c.id, waiting.c.author_id, above.c.user_id))
            .cte("eligible")
        )
        nearest = (
            select(eligible.c.idea_id, func.max(eligible.c.depth).label("depth"))
            .group_by(eligible.c.idea_id)
            .cte("nearest")
        )
        reviewers = (
            select(eligible.c.idea_id, eligible.c.user_id)
            .join(
                nearest,
                and_(nearest.c.idea_id == eligible.c.idea_id, nearest.c.depth == eligible.c.depth),
            )
            .cte("responsible")
        )
        return cls(nearest, reviewers)


def responsible_reviewers(idea) -> list[User]:
    """The people whose queue ``idea`` waits in (one statement), by username; empty when
    nobody up the tree can review it."""
    params = {
        "idea_id": idea.id,
        "author_id": idea.author_id,
        "unit_id": idea.unit_id,
        "chain": idea.unit.ancestor_codes,
    }
    return list(db.session.scalars(_reviewers_statement(), params))


@functools.cache
def _reviewers_statement():
    """Built once (building costs more than running it); the idea comes as parameters."""
    waiting = select(
        bindparam("idea_id", type_=Integer).label("id"),
        bindparam("author_id", type_=Integer).label("author_id"),
        bindparam("unit_id", type_=Integer).label("unit_id"),
    ).cte("waiting")
    chain = bindparam("chain", expanding=True)  # the codes of its unit and those above
    held = materialized(supervisions(among=lambda unit: unit.code.in_(chain)).cte("held"))
    rule = Responsibility.of(waiting, held)
    return select(User).where(User.id.in_(select(rule.reviewers.c.user_id))).order_by(User.username)
