"""Rules every administrative operation shares: who may, one writer at a time where a check
must see the others' changes, and "changed by someone else" for a person's page.

Why locks: some rules are about rows other than the one changed. "At least one active
administrator remains" is about every admin; "no unit goes under its own descendant" is
about the whole tree. Two admins checking at the same moment could each pass and together
break the rule (A demotes B while B demotes A). So such an operation first takes a lock that
every operation of its kind takes, and only then reads what it checks:

- PostgreSQL: a transaction-level advisory lock (``pg_advisory_xact_lock``), released by
  the commit or rollback. Reads after it are new statements, so under READ COMMITTED they
  see what the previous holder committed.
- SQLite: a write takes the database's single write lock until the commit, and a second
  writer waits for it (the driver's busy timeout). A write that changes nothing takes it at
  once; the objects read before are then read again.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, text, update
from sqlalchemy.orm.attributes import set_committed_value

from ideaboard.core.errors import Conflict, PermissionDenied, ValidationError
from ideaboard.extensions import db
from ideaboard.people.models import Role, User, UserRole

# one advisory lock key per kind of rule (any fixed 64-bit numbers, unique in this app)
LOCK_KEYS = {"admins": 7_301_001, "org_tree": 7_301_002}

PERSON_CHANGED = _l(
    "Someone else changed this person since you opened the page (perhaps you, in another "
    "tab). Nothing was saved: look at the page as it is now and try again."
)


def require_admin(actor) -> None:
    """Only an active administrator changes the organisation."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.can_administer:
        raise PermissionDenied()


def serialise(kind: str) -> None:
    """Wait until no other transaction holds the ``kind`` lock, and hold it until this one
    ends (see the module's docstring)."""
    key = LOCK_KEYS[kind]
    if db.session.connection().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
    else:
        db.session.execute(text("UPDATE org_units SET id = id WHERE 1 = 0"))


def read_version(version) -> int:
    """The person's version as the page sent it (a hidden field), or a 422."""
    if isinstance(version, bool) or not isinstance(version, int | str):
        raise ValidationError(fields={"version": _l("Send the version you last read.")})
    text_value = str(version).strip()
    if not text_value.isdecimal() or len(text_value) > 9:
        raise ValidationError(fields={"version": _l("Send the version you last read.")})
    return int(text_value)


def claim_person(user: User, version) -> None:
    """Raise the person's version from the one the page was built on, or refuse (409).

    One conditional UPDATE: of two admins who saw the same version, the first one's UPDATE
    holds the row until its commit, and the second finds the version moved on."""
    seen = read_version(version)
    claimed = db.session.execute(
        update(User)
        .where(User.id == user.id, User.version == seen)
        .values(version=seen + 1)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise Conflict(PERSON_CHANGED)
    set_committed_value(user, "version", seen + 1)


def _active_admins(*conditions) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.ADMIN, User.active.is_(True), *conditions)
    )


def ensure_an_admin_remains(user: User) -> None:
    """Refuse to take ``user``'s administration away when nobody else would have it. Call
    after ``serialise("admins")`` and before changing anything: both counts are read from
    the database as committed now, not from objects loaded before the lock."""
    if _active_admins(User.id == user.id) and _active_admins(User.id != user.id) == 0:
        raise Conflict(
            _(
                "%(name)s is the last active administrator. Make someone else an administrator "
                "first, so that someone can still run Ideaboard.",
                name=user.display_name,
            )
        )
