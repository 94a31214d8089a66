"""Reading people and units: colleagues by name, supervisors of a unit, unit labels, units by
name or code (the unit picker), a person's API tokens."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sqlalchemy import or_, select

from ideaboard.core.text import normalise
from ideaboard.extensions import db
from ideaboard.people.models import GROUPING_KINDS, ApiToken, OrgUnit, UnitSupervisor, User

MAX_RESULTS = 10
MIN_QUERY = 2
MAX_UNIT_QUERY = 100
MAX_UNIT_MATCHES = 20


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


def tokens_of(user: User) -> list[ApiToken]:
    """The person's API tokens, newest first (an index on ``user_id``)."""
    stmt = (
        select(ApiToken)
        .where(ApiToken.user_id == user.id)
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    return list(db.session.scalars(stmt))


@dataclass
class UnitMatch:
    """A unit found by the picker, with the office it belongs to (``group``)."""

    code: str
    name_th: str
    name_en: str
    kind: str
    label: str
    group: dict | None


@functools.lru_cache(maxsize=16384)
def _folded(text: str) -> str:
    """Normalised and case-folded; unit names repeat on every search, so each is worked out
    once per process (Thai normalisation is the costly part)."""
    return normalise(text or "").casefold()


def find_units(text: str, locale: str, *, near: OrgUnit | None = None, limit: int = 10):
    """Units whose code or name (Thai or English, Thai typed either way) holds every word of
    ``text``; a word may also name a unit above (``ทะเบียน พระนคร`` is the ฝ่ายทะเบียน of
    เขตพระนคร). Best first: the exact code, codes and names that start with the text, units
    that match on their own names, then through a unit above; ties in the caller's office
    of ``near`` (the caller's unit) first, then in tree order.

    Closed units are left out. The organisation has hundreds of units, a few thousand at most: their short columns are
    read in one query and matched here, so a word is found inside a name ("ทะเบียน" in
    "ฝ่ายทะเบียน") the same way on both databases."""
    query = _folded(" ".join((text or "").replace("\x00", "").split()))
    words = query.split()
    if not words:
        return []
    rows = db.session.execute(
        select(
            OrgUnit.code, OrgUnit.name_th, OrgUnit.name_en, OrgUnit.kind, OrgUnit.path,
            OrgUnit.closed_at,
        )
    ).all()  # fmt: skip
    own = {row.code: f"{row.code} {_folded(row.name_th)} {_folded(row.name_en)}".casefold()
           for row in rows}  # fmt: skip
    by_code = {row.code: row for row in rows}
    near_path = None
    if near is not None:  # the caller's office: the nearest bureau, district or hospital
        office = near.nearest({r.code for r in rows if r.kind in GROUPING_KINDS}, include_self=True)
        near_path = by_code[office].path if office else near.path
    found = []
    for row in rows:
        if row.closed_at is not None:  # a closed unit takes no people or ideas
            continue
        chain = [code for code in row.path.strip("/").split("/") if code in own]
        if not all(any(word in own[code] for code in chain) for word in words):
            continue
        code = row.code.casefold()
        names = (_folded(row.name_th), _folded(row.name_en))
        if code == query:
            rank = 0
        elif code.startswith(query) or any(name.startswith(query) for name in names):
            rank = 1
        elif all(word in own[row.code] for word in words):
            rank = 2
        else:
            rank = 3
        outside = not (near_path and row.path.startswith(near_path))
        found.append((rank, outside, row.path, row))
    found.sort(key=lambda item: item[:3])
    matches = []
    for *_, row in found[:limit]:
        group_code = next(
            (c for c in reversed(row.path.strip("/").split("/")[:-1])
             if c in by_code and by_code[c].kind in GROUPING_KINDS),
            None,
        )  # fmt: skip
        group = by_code[group_code] if group_code else None
        name = row.name_en if locale == "en" and row.name_en else row.name_th
        group_name = (
            (group.name_en if locale == "en" and group.name_en else group.name_th) if group else ""
        )
        matches.append(
            UnitMatch(
                code=row.code,
                name_th=row.name_th,
                name_en=row.name_en,
                kind=str(row.kind),
                label=f"{name} · {group_name}" if group else name,
                group={"code": group.code, "name_th": group.name_th, "name_en": group.name_en}
                if group
                else None,
            )
        )
    return matches
