"""Reading ideas: what a user may see, filtered, sorted and paginated by keyset cursor.

Keyset ("seek") pagination stays fast at any depth and never skips or repeats an idea
when new ones arrive between pages. The HTML list and the API share it.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import selectinload

from ideaboard.core.errors import ValidationError
from ideaboard.extensions import db
from ideaboard.ideas.models import Category, Idea, Stage, idea_coauthors
from ideaboard.people.models import OrgUnit
from ideaboard.people.operations import unit_by_code

SORTS = ("new", "top")
MAX_LIMIT = 100
MAX_QUERY = 200
MAX_CURSOR = 200  # a real cursor is well under 100 characters
MAX_ID = 2**31  # ids and counts are 32-bit integers in the database


@dataclass
class IdeaFilters:
    q: str = ""
    sort: str = "new"
    stage: Stage | None = None
    unit: OrgUnit | None = None
    category: Category | None = None
    fy: int | None = None
    limit: int = 20
    cursor: tuple | None = None
    mine: bool = False


def _encode_cursor(values: tuple) -> str:
    raw = json.dumps(list(values), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(text: str, sort: str) -> tuple:
    """(sort key, id) of the last idea on the previous page; anything else is refused."""
    padded = text + "=" * (-len(text) % 4)
    values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    if not isinstance(values, list) or len(values) != 2:
        raise ValueError("bad cursor")
    key, last_id = values
    if isinstance(last_id, bool) or not isinstance(last_id, int) or not 0 <= last_id < MAX_ID:
        raise ValueError("bad cursor id")
    if sort == "top":
        if isinstance(key, bool) or not isinstance(key, int) or not 0 <= key < MAX_ID:
            raise ValueError("bad vote count")
    else:
        key = datetime.fromisoformat(key)  # TypeError / ValueError when it is not a date
    return key, last_id


def parse_filters(args, *, default_limit: int = 20) -> IdeaFilters:
    """Read list arguments (query string or API); bad values raise a 422 with field errors."""
    errors = {}
    filters = IdeaFilters(limit=default_limit)
    filters.q = (args.get("q") or "").replace("\x00", "").strip()[:MAX_QUERY]
    sort = args.get("sort") or "new"
    if sort not in SORTS:
        errors["sort"] = _("Sort by one of: %(choices)s.", choices=", ".join(SORTS))
    filters.sort = sort
    if args.get("stage"):
        try:
            filters.stage = Stage(args["stage"])
        except ValueError:
            errors["stage"] = _l("Unknown stage.")
    if args.get("category"):
        try:
            filters.category = Category(args["category"])
        except ValueError:
            errors["category"] = _l("Unknown category.")
    if args.get("unit"):
        filters.unit = unit_by_code(args["unit"].strip().upper())
        if filters.unit is None:
            errors["unit"] = _l("No unit has this code.")
    if args.get("fy"):
        fy = str(args["fy"]).strip()
        if len(fy) == 4 and fy.isdecimal() and 2500 <= int(fy) <= 2700:
            filters.fy = int(fy)
        else:
            errors["fy"] = _l("Give a Buddhist-era fiscal year such as 2569.")
    if args.get("limit"):
        limit = str(args["limit"])
        if len(limit) <= 3 and limit.isdecimal() and 1 <= int(limit) <= MAX_LIMIT:
            filters.limit = int(limit)
        else:
            errors["limit"] = _("Between 1 and %(n)d.", n=MAX_LIMIT)
    if args.get("cursor"):
        try:
            if len(args["cursor"]) > MAX_CURSOR:
                raise ValueError("cursor too long")
            filters.cursor = _decode_cursor(args["cursor"], filters.sort)
        except (ValueError, TypeError, UnicodeDecodeError, binascii.Error, RecursionError):
            errors["cursor"] = _l("This page link is no longer valid; start from the first page.")
    filters.mine = str(args.get("mine", "")).lower() in ("1", "true", "yes")
    if errors:
        raise ValidationError(fields=errors)
    return filters


def visible_to(user):
    """Drafts only for their team; every other stage for every colleague."""
    in_team = or_(
        Idea.author_id == user.id,
        Idea.id.in_(select(idea_coauthors.c.idea_id).where(idea_coauthors.c.user_id == user.id)),
    )
    return or_(Idea.stage != Stage.DRAFT, in_team), in_team


def _sort_columns(sort: str):
    if sort == "top":
        return Idea.vote_count, Idea.id
    return Idea.created_at, Idea.id


def list_ideas(user, filters: IdeaFilters) -> tuple[list[Idea], str | None]:
    """One page of ideas and the cursor of the next page (None on the last)."""
    visible, in_team = visible_to(user)
    stmt = select(Idea).where(visible)
    if filters.mine:
        stmt = stmt.where(in_team)
    if filters.stage:
        stmt = stmt.where(Idea.stage == filters.stage)
    if filters.category:
        stmt = stmt.where(Idea.category == filters.category)
    if filters.fy:
        stmt = stmt.where(Idea.fiscal_year == filters.fy)
    if filters.unit:
        subunits = select(OrgUnit.id).where(
            OrgUnit.path.startswith(filters.unit.path, autoescape=True)
        )
        stmt = stmt.where(Idea.unit_id.in_(subunits))
    if filters.q:
        pattern = filters.q
        stmt = stmt.where(
            or_(*(column.icontains(pattern, autoescape=True)
                  for column in (Idea.title, Idea.eh_moment, Idea.process_name, Idea.service, Idea.ref)))
        )  # fmt: skip
    primary, tiebreak = _sort_columns(filters.sort)
    if filters.cursor:
        value, last_id = filters.cursor
        stmt = stmt.where(or_(primary < value, and_(primary == value, tiebreak < last_id)))
    stmt = stmt.order_by(primary.desc(), tiebreak.desc()).limit(filters.limit + 1)
    stmt = stmt.options(selectinload(Idea.coauthors))
    rows = list(db.session.scalars(stmt))
    next_cursor = None
    if len(rows) > filters.limit:
        rows = rows[: filters.limit]
        last = rows[-1]
        key = last.created_at.isoformat() if filters.sort == "new" else last.vote_count
        next_cursor = _encode_cursor((key, last.id))
    return rows, next_cursor
