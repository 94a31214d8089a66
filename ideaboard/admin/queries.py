"""Reading for the admin pages: people a page at a time, the unit tree, counts.

The people list is ordered by username and paged by the last username seen (keyset), so a
page is a walk down the username index whatever the filters, at any depth.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from pythainlp.util import collate
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from ideaboard.core.errors import ValidationError
from ideaboard.core.text import normalise
from ideaboard.extensions import db
from ideaboard.people.models import OrgUnit, Role, UnitKind, UnitSupervisor, User, UserRole
from ideaboard.people.operations import USERNAME_PATTERN, unit_by_code

MAX_QUERY = 100
PEOPLE_LIMIT = 50
MAX_LIMIT = 200
STATUSES = ("active", "inactive", "all")
ROLE_FILTERS = (*(role.value for role in Role), "supervisor")


@dataclass
class PeopleFilters:
    q: str = ""
    unit: OrgUnit | None = None  # with its sub-units
    status: str = "all"
    role: str = ""
    after: str | None = None  # the last username of the previous page
    limit: int = PEOPLE_LIMIT


def clean_query(raw) -> str:
    text = raw if isinstance(raw, str) else ""
    return normalise(text.replace("\x00", "")).strip()


def read_people_filters(args, *, default_limit: int = PEOPLE_LIMIT) -> tuple[PeopleFilters, dict]:
    """The valid filters, and {name: message} for the ones left out."""
    filters, errors = PeopleFilters(limit=default_limit), {}
    raw = args.get("q") or ""
    if len(raw) > MAX_QUERY:
        errors["q"] = _("Search with at most %(n)d characters.", n=MAX_QUERY)
    else:
        filters.q = clean_query(raw)
    if args.get("unit"):
        filters.unit = unit_by_code(str(args["unit"]).strip().upper())
        if filters.unit is None:
            errors["unit"] = _l("No unit has this code.")
    status = args.get("status") or "all"
    if status in STATUSES:
        filters.status = status
    else:
        errors["status"] = _l("Unknown choice.")
    role = args.get("role") or ""
    if role and role not in ROLE_FILTERS:
        errors["role"] = _l("Unknown role.")
    else:
        filters.role = role
    cursor = args.get("cursor") or ""
    if cursor:
        if isinstance(cursor, str) and USERNAME_PATTERN.match(cursor):
            filters.after = cursor
        else:
            errors["cursor"] = _l("This page link is no longer valid; start from the first page.")
    if args.get("limit"):
        raw_limit = str(args["limit"])
        if raw_limit.isdecimal() and len(raw_limit) <= 3 and 1 <= int(raw_limit) <= MAX_LIMIT:
            filters.limit = int(raw_limit)
        else:
            errors["limit"] = _("Between 1 and %(n)d.", n=MAX_LIMIT)
    return filters, errors


def parse_people_filters(args) -> PeopleFilters:
    filters, errors = read_people_filters(args)
    if errors:
        raise ValidationError(fields=errors)
    return filters


def people_page(filters: PeopleFilters) -> tuple[list[User], str | None]:
    """A page of people by username, and the cursor of the next page (None on the last):
    the last username shown."""
    stmt = (
        select(User)
        .options(
            selectinload(User.unit),
            selectinload(User.roles),
            selectinload(User.supervisions),
        )
        .order_by(User.username)
        .limit(filters.limit + 1)
    )
    if filters.q:
        text = filters.q
        units = select(OrgUnit.id).where(
            or_(
                OrgUnit.code == text.upper(),
                OrgUnit.name_th.icontains(text, autoescape=True),
                OrgUnit.name_en.icontains(text, autoescape=True),
            )
        )
        stmt = stmt.where(
            or_(
                User.username.startswith(text.lower(), autoescape=True),
                User.display_name.icontains(text, autoescape=True),
                User.email.icontains(text, autoescape=True),
                User.position.icontains(text, autoescape=True),
                User.unit_id.in_(units),
            )
        )
    if filters.unit is not None:
        below = select(OrgUnit.id).where(
            OrgUnit.path.startswith(filters.unit.path, autoescape=True)
        )
        stmt = stmt.where(User.unit_id.in_(below))
    if filters.status != "all":
        stmt = stmt.where(User.active.is_(filters.status == "active"))
    if filters.role == "supervisor":
        stmt = stmt.where(User.id.in_(select(UnitSupervisor.user_id)))
    elif filters.role:
        stmt = stmt.where(
            User.id.in_(select(UserRole.user_id).where(UserRole.role == filters.role))
        )
    if filters.after:
        stmt = stmt.where(User.username > filters.after)
    people = list(db.session.scalars(stmt))
    more = len(people) > filters.limit
    people = people[: filters.limit]
    return people, (people[-1].username if more and people else None)


# -- the unit tree ---------------------------------------------------------------------------


@dataclass
class UnitNode:
    unit: OrgUnit
    people: int = 0
    children: list[UnitNode] = field(default_factory=list)


def active_people_by_unit() -> dict[int, int]:
    rows = db.session.execute(
        select(User.unit_id, func.count()).where(User.active.is_(True)).group_by(User.unit_id)
    )
    return dict(rows.all())


KIND_ORDER = {kind: rank for rank, kind in enumerate(UnitKind)}


def unit_tree(locale: str = "th") -> tuple[list[UnitNode], int]:
    """The whole tree (read in path order, an index walk) as its top units, and how many
    units it has. Under each unit: bureaus, then district offices, hospitals, divisions,
    departments and sections, each kind by name (Thai dictionary order in Thai)."""
    people = active_people_by_unit()
    nodes: dict[int, UnitNode] = {}
    roots: list[UnitNode] = []
    for unit in db.session.scalars(select(OrgUnit).order_by(OrgUnit.path)):
        node = UnitNode(unit, people.get(unit.id, 0))
        nodes[unit.id] = node
        parent = nodes.get(unit.parent_id)
        (parent.children if parent else roots).append(node)
    names = {node.unit.name(locale) for node in nodes.values()}
    rank = {name: n for n, name in enumerate(collate(names) if locale == "th" else
                                             sorted(names, key=str.casefold))}  # fmt: skip
    for node in nodes.values():
        node.children.sort(key=lambda child: (KIND_ORDER[child.unit.kind],
                                              rank[child.unit.name(locale)]))  # fmt: skip
    return roots, len(nodes)


def find_units(text: str, limit: int = 200) -> list[OrgUnit]:
    """Units whose code, Thai or English name matches, in tree order."""
    text = clean_query(text)[:MAX_QUERY]
    if not text:
        return []
    stmt = (
        select(OrgUnit)
        .where(
            or_(
                OrgUnit.code.startswith(text.upper(), autoescape=True),
                OrgUnit.name_th.icontains(text, autoescape=True),
                OrgUnit.name_en.icontains(text, autoescape=True),
            )
        )
        .order_by(OrgUnit.path)
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def units_by_code(codes) -> dict[str, OrgUnit]:
    codes = list(codes)
    if not codes:
        return {}
    return {u.code: u for u in db.session.scalars(select(OrgUnit).where(OrgUnit.code.in_(codes)))}


@dataclass
class Overview:
    active_people: int
    inactive_people: int
    open_units: int
    closed_units: int
    admins: list[User]


def overview() -> Overview:
    def count(stmt) -> int:
        return db.session.scalar(stmt) or 0

    admins = db.session.scalars(
        select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.ADMIN)
        .order_by(User.username)
    ).all()
    return Overview(
        active_people=count(select(func.count()).where(User.active.is_(True))),
        inactive_people=count(select(func.count()).where(User.active.is_(False))),
        open_units=count(select(func.count()).where(OrgUnit.closed_at.is_(None))),
        closed_units=count(select(func.count()).where(OrgUnit.closed_at.is_not(None))),
        admins=list(admins),
    )
