"""Reading ideas: what a user may see, filtered, sorted and paginated by keyset cursor.

Keyset ("seek") pagination stays fast at any depth and never skips or repeats an idea
when new ones arrive between pages. The HTML list and the API share it.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
from dataclasses import dataclass, replace
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Integer, and_, bindparam, literal_column, or_, select, tuple_, union_all

from ideaboard.core.errors import ValidationError
from ideaboard.core.text import normalise
from ideaboard.engagement.models import Vote
from ideaboard.extensions import db
from ideaboard.ideas.models import IMPACT_FIELDS, Category, Idea, StoredImpact, idea_coauthors
from ideaboard.people.models import OrgUnit, UnitPlace, User
from ideaboard.people.operations import unit_by_code, user_by_username
from ideaboard.workflow.models import UNLISTED_STAGES, Stage

SORTS = ("new", "top", "trending", "hours_saved", "step_reduction")
RELEVANCE = "relevance"  # the order of a search (``q``): best match first, whatever ``sort``
MAX_LIMIT = 100
MAX_QUERY = 200
MAX_CURSOR = 200  # a real cursor is well under 100 characters
FY_RANGE = (2500, 2700)  # Buddhist-era fiscal years a filter accepts
MAX_ID = 2**31  # ids and counts are 32-bit integers in the database
# sorts on a stored number that may be unknown (None): known values first, then the rest
NULLABLE_SORTS = ("hours_saved", "step_reduction")


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
    author: User | None = None
    voted: bool = False  # only the ideas the caller voted for (``voted=me``)


def encode_cursor(values: tuple) -> str:
    raw = json.dumps(list(values), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor_values(text: str) -> tuple:
    """The two values ``encode_cursor`` wrote (unchecked); ValueError, TypeError,
    binascii.Error or UnicodeDecodeError for anything else."""
    padded = text + "=" * (-len(text) % 4)
    values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    if not isinstance(values, list) or len(values) != 2:
        raise ValueError("bad cursor")
    return tuple(values)


def _decode_cursor(text: str, sort: str) -> tuple:
    """(sort key, id) of the last idea on the previous page; anything else is refused."""
    key, last_id = decode_cursor_values(text)
    if isinstance(last_id, bool) or not isinstance(last_id, int) or not 0 <= last_id < MAX_ID:
        raise ValueError("bad cursor id")
    if sort in ("top", RELEVANCE):
        if isinstance(key, bool) or not isinstance(key, int) or not 0 <= key < MAX_ID:
            raise ValueError("bad vote count")
    elif sort == "trending":
        # a score is a sum of positive weights, give or take the rounding of a subtraction
        if isinstance(key, bool) or not isinstance(key, int | float) or not -1e308 < key < 1e308:
            raise ValueError("bad score")
        key = float(key)
    elif sort in NULLABLE_SORTS:
        if key is not None and (isinstance(key, bool) or not isinstance(key, int | float)):
            raise ValueError("bad number")
        if key is not None and not -(10**12) < key < 10**12:
            raise ValueError("number out of range")
    else:
        key = datetime.fromisoformat(key)  # TypeError / ValueError when it is not a date
    return key, last_id


def parse_filters(args, *, default_limit: int = 20) -> IdeaFilters:
    """Read list arguments (query string or API); bad values raise a 422 with field errors."""
    filters, errors = read_filters(args, default_limit=default_limit)
    if errors:
        raise ValidationError(fields=errors)
    return filters


def read_filters(args, *, default_limit: int = 20) -> tuple[IdeaFilters, dict]:
    """The list arguments that are valid, and {name: message} for those that are not (left
    at their default), so a page can name a bad filter and still apply the others."""
    errors = {}
    filters = IdeaFilters(limit=default_limit)
    raw_query = args.get("q") or ""
    filters.q = normalise(raw_query.replace("\x00", "")).strip()
    if len(raw_query) > MAX_QUERY:
        errors["q"] = _("Search with at most %(n)d characters.", n=MAX_QUERY)
        filters.q = ""
    sort = args.get("sort") or "new"
    if sort in SORTS:
        filters.sort = sort
    else:
        errors["sort"] = _("Sort by one of: %(choices)s.", choices=", ".join(SORTS))
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
        if len(fy) == 4 and fy.isdecimal() and FY_RANGE[0] <= int(fy) <= FY_RANGE[1]:
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
            filters.cursor = _decode_cursor(
                args["cursor"], RELEVANCE if filters.q else filters.sort
            )
        except (ValueError, TypeError, UnicodeDecodeError, binascii.Error, RecursionError):
            errors["cursor"] = _l("This page link is no longer valid; start from the first page.")
    mine = str(args.get("mine") or "").strip().lower()
    if mine not in ("", "1", "0", "true", "false", "yes", "no"):
        errors["mine"] = _l("Say 1 (only my ideas) or 0.")
    filters.mine = mine in ("1", "true", "yes")
    if args.get("author"):
        filters.author = user_by_username(str(args["author"]).strip().lower()[:64])
        if filters.author is None:
            errors["author"] = _l("No colleague has this username.")
    voted = str(args.get("voted") or "").strip().lower()
    if voted not in ("", "me"):
        errors["voted"] = _l("Say voted=me (the ideas you voted for).")
    filters.voted = voted == "me"
    return filters, errors


def _sort_column(sort: str):
    return {
        "new": Idea.created_at,
        "top": Idea.vote_count,
        "trending": Idea.trending_score,
        "hours_saved": Idea.hours_saved_per_year,
        "step_reduction": Idea.step_reduction_pct,
    }[sort]


def _sort_key(idea: Idea, sort: str) -> tuple:
    """The order of the list, in Python, for merging streams: larger first."""
    value = getattr(idea, _sort_column(sort).key)
    if sort in NULLABLE_SORTS:
        return (value is not None, value or 0, idea.id)
    return (value, idea.id)


def _cursor_value(idea: Idea, sort: str):
    value = getattr(idea, _sort_column(sort).key)
    return value.isoformat() if sort == "new" else value


def _after(column, value, last_id):
    """Rows after (value, last_id) in descending order, as one row-value range on the
    index (column, id): both databases walk the index from that point (an OR of the two
    bounds makes SQLite sort instead, a range on the column alone misleads PostgreSQL)."""
    return tuple_(column, Idea.id) < tuple_(value, last_id)


@dataclass(frozen=True, slots=True)
class PageShape:
    """What decides the SQL of one page statement; the values go in as parameters, so each
    shape is built and compiled once per process (building a statement costs more than
    running it on a page of 20)."""

    # "public" (past the draft stage), "private" (own drafts), "team" (mine), "voted" (the
    # ideas the user voted for)
    stream: str
    sort: str
    segment: str  # "all"; or a nullable sort's "known" values, then its "unknown" ones by id
    after: bool  # a cursor narrows the page
    stage: Stage | None  # None: the public stream leaves out the unlisted stages (merged)
    category: bool
    fy: bool
    unit: bool
    author: bool = False


def _escape_like(text: str) -> str:
    return text.replace("/", "//").replace("%", "/%").replace("_", "/_")


def _filtered(base, shape: PageShape):
    if shape.category:
        base = base.where(Idea.category == bindparam("category"))
    if shape.fy:
        base = base.where(Idea.fiscal_year == bindparam("fy"))
    if shape.unit:
        subunits = select(OrgUnit.id).where(
            OrgUnit.path.startswith(bindparam("unit_path"), escape="/")
        )
        base = base.where(Idea.unit_id.in_(subunits))
    if shape.stage is not None:
        base = base.where(Idea.stage == shape.stage)
    if shape.author:
        base = base.where(Idea.author_id == bindparam("author_id"))
    return base


def _written(stages) -> list:
    """Stages written into the SQL rather than bound: a bound list is expanded into the SQL
    text on every run, and a page statement's text is meant to be made once."""
    return [literal_column(f"'{Stage(stage).value}'") for stage in stages]


@functools.lru_cache(maxsize=512)
def _page_statement(shape: PageShape):
    """The statement of one page segment: the stream's branches (one, or two joined with
    UNION ALL), narrowed by the filters and the cursor, in list order, up to ``limit``."""
    base = _filtered(_list_select(), shape)
    if shape.stream == "public":
        branches = [base.where(Idea.stage.not_in(_written(_hidden(shape.stage))))]
    elif shape.stream == "private":
        branches = team_branches(base.where(Idea.stage.in_(_written(PRIVATE))))
    elif shape.stream == "voted":
        # found through the vote index by person (votes go only to ideas past the draft
        # stage; one that went back to draft is hidden)
        branches = [
            base.where(Idea.stage.not_in(_written(PRIVATE)), voted_by(bindparam("user_id")))
        ]
    else:
        branches = team_branches(base)
    column = _sort_column(shape.sort)
    conditions = []
    if shape.segment == "known":
        conditions.append(column.is_not(None))
    elif shape.segment == "unknown":
        conditions.append(column.is_(None))
    if shape.after and shape.segment == "unknown":
        conditions.append(Idea.id < bindparam("after_id"))
    elif shape.after:
        value = bindparam("after_value", type_=column.type)
        conditions.append(_after(column, value, bindparam("after_id")))
    stmts = [branch.where(*conditions) for branch in branches]
    keys = ([] if shape.segment == "unknown" else [column.key]) + ["id"]
    limit = bindparam("limit", type_=Integer)
    if len(stmts) == 1:
        columns = [getattr(Idea, key) for key in keys]
        return stmts[0].order_by(*(c.desc() for c in columns)).limit(limit)
    union = union_all(*stmts).subquery()
    return select(union).order_by(*(union.c[key].desc() for key in keys)).limit(limit)


def _walk(shape: PageShape, params: dict, cursor: tuple | None, limit: int) -> list[IdeaRow]:
    """Up to ``limit`` ideas of a stream after ``cursor``, in list order. The big stream is
    one branch whose each segment is an index walk on (sort column, id): no scan and sort
    of the table.

    A nullable sort walks the known values first, then the unknown ones by id, so the same
    plain index serves both databases (they disagree on where NULL sorts).
    """
    if shape.sort not in NULLABLE_SORTS:
        return _fetch(replace(shape, after=cursor is not None), params, cursor, limit)
    rows: list[IdeaRow] = []
    if cursor is None or cursor[0] is not None:
        known = replace(shape, segment="known", after=cursor is not None)
        rows = _fetch(known, params, cursor, limit)
    if len(rows) < limit:
        past_known = cursor is not None and cursor[0] is None  # the cursor is among them
        unknown = replace(shape, segment="unknown", after=past_known)
        rows += _fetch(unknown, params, cursor, limit - len(rows))
    return rows


def _fetch(shape: PageShape, params: dict, cursor: tuple | None, limit: int) -> list[IdeaRow]:
    values = {**params, "limit": limit}
    if shape.after:
        values["after_id"] = cursor[1]
        if shape.segment != "unknown":
            values["after_value"] = cursor[0]
    return _rows(_page_statement(shape), values)


LIST_COLUMNS = (
    "id", "ref", "title", "stage", "category", "fiscal_year", "vote_count", "comment_count",
    "trending_score", "version", "created_at", "updated_at", *IMPACT_FIELDS,
)  # fmt: skip
UNIT_COLUMNS = ("code", "name_th", "name_en", "kind", "path")
PERSON_COLUMNS = ("username", "display_name")


@dataclass(frozen=True, slots=True)
class UnitRow(UnitPlace):
    code: str
    name_th: str
    name_en: str
    kind: str
    path: str


@dataclass(frozen=True, slots=True)
class PersonRow:
    username: str
    display_name: str


class IdeaRow(StoredImpact):
    """One idea as a list shows it: its own columns, its unit and its author, read as plain
    rows (no ORM identity map, no long texts, no password hashes, no steps)."""

    __slots__ = (*LIST_COLUMNS, "unit", "author")

    def __init__(self, values, unit: UnitRow, author: PersonRow):
        for name, value in zip(LIST_COLUMNS, values, strict=True):
            setattr(self, name, value)
        self.unit, self.author = unit, author

    def __repr__(self) -> str:
        return f"<IdeaRow {self.ref}>"


def _list_select():
    """The columns a list shows, with the unit and the author joined in."""
    return (
        select(
            *(getattr(Idea, name) for name in LIST_COLUMNS),
            *(getattr(OrgUnit, name).label(f"unit_{name}") for name in UNIT_COLUMNS),
            *(getattr(User, name).label(f"author_{name}") for name in PERSON_COLUMNS),
        )
        .join(OrgUnit, OrgUnit.id == Idea.unit_id)
        .join(User, User.id == Idea.author_id)
    )


def _rows(stmt, params: dict) -> list[IdeaRow]:
    """``stmt``'s rows (columns in ``_list_select`` order) as list rows."""
    return [
        IdeaRow(row[:_UNIT_AT], UnitRow(*row[_UNIT_AT:_AUTHOR_AT]), PersonRow(*row[_AUTHOR_AT:]))
        for row in db.session.connection().execute(stmt, params)
    ]


_UNIT_AT = len(LIST_COLUMNS)
_AUTHOR_AT = _UNIT_AT + len(UNIT_COLUMNS)


def rows_by_id(ids) -> dict[int, IdeaRow]:
    """The list rows of these ideas (one statement), by id; no visibility check."""
    if not ids:
        return {}
    return {row.id: row for row in _rows(_list_select().where(Idea.id.in_(list(ids))), {})}


def team_conditions(user_id) -> list:
    """The ideas the user ``user_id`` (a value, or a bound parameter) wrote, and those they
    co-wrote: two conditions."""
    coauthored = select(idea_coauthors.c.idea_id).where(idea_coauthors.c.user_id == user_id)
    return [Idea.author_id == user_id, Idea.id.in_(coauthored)]


def team_branches(base) -> list:
    """``base`` narrowed to the ideas the user (parameter ``user_id``) wrote, and to those
    they co-wrote: two branches of one UNION ALL, each served by its own index (an OR of
    the two would walk the whole list order looking for them)."""
    return [base.where(condition) for condition in team_conditions(bindparam("user_id"))]


def voted_by(user_id):
    """The ideas the user ``user_id`` (a value, or a bound parameter) voted for, through
    the vote index by person."""
    return Idea.id.in_(select(Vote.idea_id).where(Vote.user_id == user_id))


def _hidden(stage: Stage | None) -> tuple[Stage, ...]:
    """The stages the public stream leaves out: drafts always, unlisted stages (merged
    duplicates) unless that stage is asked for."""
    return PRIVATE if stage is not None else PRIVATE + UNLISTED


def visible_to(user, filters: IdeaFilters):
    """What ``user`` may see in a list (``Idea.can_view`` as one condition: past the draft
    stage, or their team's drafts; no merged duplicate unless asked for), or with ``mine``
    only their team's ideas, with ``voted`` only those they voted for. For statements that
    find a few ideas another way (search); the list walks the same rule as separate
    streams."""
    public = Idea.stage.not_in(_hidden(filters.stage))
    if filters.voted:
        return and_(public, voted_by(user.id))
    if filters.mine:
        return or_(*team_conditions(user.id))
    return or_(public, and_(Idea.stage.in_(PRIVATE), or_(*team_conditions(user.id))))


def _page_shape(user, filters: IdeaFilters) -> tuple[PageShape, dict]:
    """The shape of the public stream for ``filters``, and the values of its parameters."""
    params = {"user_id": user.id}
    if filters.category:
        params["category"] = filters.category
    if filters.fy:
        params["fy"] = filters.fy
    if filters.unit:
        params["unit_path"] = _escape_like(filters.unit.path)
    if filters.author:
        params["author_id"] = filters.author.id
    shape = PageShape(
        stream="public", sort=filters.sort, segment="all", after=False, stage=filters.stage,
        category=bool(filters.category), fy=bool(filters.fy), unit=bool(filters.unit),
        author=filters.author is not None,
    )  # fmt: skip
    return shape, params


def apply_filters(base, filters: IdeaFilters, user):
    """``base`` (a select over ideas) narrowed by category, fiscal year, unit (with its
    sub-units), stage and author: the list's own conditions, with their values bound."""
    shape, params = _page_shape(user, filters)
    return _filtered(base, shape).params(**params)


def list_ideas(user, filters: IdeaFilters) -> tuple[list[IdeaRow], str | None]:
    """One page of ideas and the cursor of the next page (None on the last); ``q`` is not
    read here (``search.queries.find_ideas`` sends a search to the search index).

    What a user sees comes from separate streams merged here: ideas past the draft stage
    (everyone's, the big one: a walk down the index of the list's order), and the drafts
    the user wrote or co-wrote (found through the author index and the co-author table).
    ``mine`` reads only the user's own ideas, whatever their stage; ``voted`` only the
    ideas the user voted for; ``author`` narrows every stream to one person's ideas (found
    through the author index). Ideas in an unlisted stage (merged duplicates) appear only
    when that stage is asked for, or in ``mine`` (an author finds where theirs went).
    """
    shape, params = _page_shape(user, filters)
    streams = []
    if filters.voted:
        streams.append(replace(shape, stream="voted"))
    elif filters.mine:
        streams.append(replace(shape, stream="team"))
    else:
        if filters.stage is None or not filters.stage.is_private:
            streams.append(shape)
        if filters.stage is None or filters.stage.is_private:
            streams.append(replace(shape, stream="private"))

    wanted = filters.limit + 1
    rows = [idea for stream in streams for idea in _walk(stream, params, filters.cursor, wanted)]
    rows.sort(key=lambda idea: _sort_key(idea, filters.sort), reverse=True)
    rows = rows[:wanted]
    next_cursor = None
    if len(rows) > filters.limit:
        rows = rows[: filters.limit]
        last = rows[-1]
        next_cursor = encode_cursor((_cursor_value(last, filters.sort), last.id))
    return rows, next_cursor


PRIVATE = tuple(stage for stage in Stage if stage.is_private)
UNLISTED = tuple(stage for stage in Stage if stage in UNLISTED_STAGES)
