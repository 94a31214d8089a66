"""Reading people and units: colleagues by name, supervisors of a unit, unit labels."""

from __future__ import annotations

from sqlalchemy import or_, select

from ideaboard.core.text import normalise
from ideaboard.extensions import db
from ideaboard.people.models import GROUPING_KINDS, OrgUnit, UnitSupervisor, User

MAX_RESULTS = 10
MIN_QUERY = 2


def supervisors_of(unit: OrgUnit) -> list[User]:
    """Active users who supervise ``unit`` or a unit above it."""
    stmt = (
        select(User)
        .join(UnitSupervisor, UnitSupervisor.user_id == User.id)
        .join(OrgUnit, OrgUnit.id == UnitSupervisor.unit_id)
        .where(OrgUnit.code.in_(unit.ancestor_codes), User.active.is_(True))
        .distinct()
    )
    return list(db.session.scalars(stmt))


def grouping_unit_names(locale: str) -> dict[str, str]:
    """Names of the bureaus, district offices and hospitals, by code (one small query)."""
    units = db.session.scalars(select(OrgUnit).where(OrgUnit.kind.in_(GROUPING_KINDS)))
    return {unit.code: unit.name(locale) for unit in units}


def search_people(text: str, limit: int = MAX_RESULTS) -> list[User]:
    """Up to ``limit`` active users whose username starts with, or name contains, ``text``."""
    text = normalise((text or "").replace("\x00", "")).strip()[:100]
    if len(text) < MIN_QUERY:
        return []
    stmt = (
        select(User)
        .where(User.active.is_(True))
        .where(
            or_(
                User.username.startswith(text.lower(), autoescape=True),
                User.display_name.icontains(text, autoescape=True),
            )
        )
        .order_by(User.username)
        .limit(limit)
    )
    return list(db.session.scalars(stmt))
