"""Recording and reading the audit log (``admin.models.AuditEntry``).

``record_audit(actor, action, target, changes)`` is the one way in, for every feature that
changes the organisation (the admin pages, the command line, the roster import): call it
from the operation, after the change and before the commit, so both land together.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ideaboard.admin.models import AuditEntry
from ideaboard.core.dates import utcnow
from ideaboard.extensions import db
from ideaboard.people.models import OrgUnit, User

ACTION_PATTERN = re.compile(r"^[a-z][a-z_]*(\.[a-z][a-z_]*)+$")
# a field whose name says it holds a secret is recorded as "changed", never its value
SECRET_FIELD = re.compile(r"password|secret|hash|^token$", re.IGNORECASE)
MAX_VALUE = 500  # characters of one recorded text value
MAX_PAGE = 100

ACTION_TITLES = {
    "person.create": _l("Person created"),
    "person.update": _l("Person edited"),
    "person.deactivate": _l("Person deactivated"),
    "person.reactivate": _l("Person reactivated"),
    "person.password_reset": _l("Password reset"),
    "role.grant": _l("Role granted"),
    "role.revoke": _l("Role taken away"),
    "supervision.add": _l("Supervision added"),
    "supervision.remove": _l("Supervision removed"),
    "unit.create": _l("Unit added"),
    "unit.rename": _l("Unit renamed"),
    "unit.move": _l("Unit moved"),
    "unit.close": _l("Unit closed"),
    "unit.reopen": _l("Unit reopened"),
    "roster.import": _l("Roster imported"),
}
TARGET_TYPES = {"person": _l("Person"), "unit": _l("Unit"), "roster_import": _l("Roster file")}


def target_type_title(kind: str) -> str:
    """The translated name of what an entry changed (a person, a unit, a roster file)."""
    title = TARGET_TYPES.get(kind)
    return str(title) if title is not None else kind


def action_title(action: str) -> str:
    """The translated name of an action; an action of another feature shows as recorded."""
    title = ACTION_TITLES.get(action)
    return str(title) if title is not None else action


def _target(target) -> tuple[str, int | None, str]:
    if isinstance(target, User):
        return "person", target.id, target.username
    if isinstance(target, OrgUnit):
        return "unit", target.id, target.code
    if isinstance(target, tuple) and len(target) == 3:
        kind, number, label = target
        return str(kind)[:20], number, str(label)[:200]
    raise TypeError("target: a User, an OrgUnit or (type, id, label)")


def _plain(value):
    """A JSON value for the log: enums by value, moments in ISO 8601, long text cut."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [_plain(item) for item in items]
    text = str(value)
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE] + "…"


def record_audit(
    actor: User | None,
    action: str,
    target,
    changes: Mapping[str, tuple] | None = None,
) -> AuditEntry:
    """Append one entry to the audit log, in the current transaction (flushed, never
    committed).

    ``actor``: who did it (None: the command line or another process). ``action``: dotted
    lower-case words, ``"<thing>.<verb>"`` (``person.deactivate``, ``roster.import``).
    ``target``: the User or OrgUnit changed, or ``(type, id, label)`` for anything else.
    ``changes``: field → ``(before, after)``; use None for "nothing before" on a creation.
    A field named like a secret (password, hash, token, secret) is stored as changed
    without either value.
    """
    if not ACTION_PATTERN.match(action or "") or len(action) > 60:
        raise ValueError(f"an audit action is dotted lower-case words: {action!r}")
    kind, number, label = _target(target)
    recorded = {}
    for field, pair in (changes or {}).items():
        if SECRET_FIELD.search(str(field)):
            recorded[str(field)] = {"changed": True}
            continue
        before, after = pair
        recorded[str(field)] = {"before": _plain(before), "after": _plain(after)}
    entry = AuditEntry(
        created_at=utcnow(),
        actor_id=actor.id if actor is not None else None,
        action=action,
        target_type=kind,
        target_id=number,
        target_label=label,
        changes=recorded,
    )
    db.session.add(entry)
    db.session.flush()
    return entry


# -- reading ---------------------------------------------------------------------------------


@dataclass
class AuditFilters:
    actor: User | None = None
    person: User | None = None  # entries about this person
    unit: OrgUnit | None = None  # entries about this unit
    action: str = ""
    before: int | None = None  # keyset cursor: entries older than this id
    limit: int = 50


def audit_page(filters: AuditFilters) -> tuple[list[AuditEntry], int | None]:
    """A page of entries, newest first, and the cursor of the next page (None on the last).
    Each filter has an index ending in the id, so a page is a walk down one index."""
    stmt = (
        select(AuditEntry)
        .options(selectinload(AuditEntry.actor))  # a second query: the page's own stays simple
        .order_by(AuditEntry.id.desc())
        .limit(filters.limit + 1)
    )
    if filters.actor is not None:
        stmt = stmt.where(AuditEntry.actor_id == filters.actor.id)
    if filters.person is not None:
        stmt = stmt.where(
            AuditEntry.target_type == "person", AuditEntry.target_id == filters.person.id
        )
    if filters.unit is not None:
        stmt = stmt.where(AuditEntry.target_type == "unit", AuditEntry.target_id == filters.unit.id)
    if filters.action:
        stmt = stmt.where(AuditEntry.action == filters.action)
    if filters.before is not None:
        stmt = stmt.where(AuditEntry.id < filters.before)
    entries = list(db.session.scalars(stmt))
    more = len(entries) > filters.limit
    entries = entries[: filters.limit]
    return entries, (entries[-1].id if more and entries else None)
