"""The only code that changes the organisation tree from the admin pages: add, rename, move,
close and reopen units. Every change that depends on the shape of the tree first takes the
tree lock (``admin.rules.serialise``), so two admins moving units at once cannot make a
cycle between them. Operations flush and record the audit entry; they never commit."""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import String, func, literal, select, update

from ideaboard.admin.audit import record_audit
from ideaboard.admin.people_operations import pick
from ideaboard.admin.rules import require_admin, serialise
from ideaboard.admin.validation import NEW_UNIT, PARENT, UNIT_NAMES
from ideaboard.core.dates import utcnow
from ideaboard.core.errors import Conflict, ValidationError
from ideaboard.core.i18n import current_locale
from ideaboard.core.schema import FORM
from ideaboard.extensions import db
from ideaboard.ideas.models import Idea
from ideaboard.people.models import OrgUnit, User
from ideaboard.people.operations import UNIT_CODE_PATTERN, create_unit, unit_by_code
from ideaboard.workflow.models import Stage

MAX_PATH = 1000  # OrgUnit.path's length
# ideas still on their way: a unit with any of these cannot close
IN_PROGRESS = frozenset(
    {Stage.DRAFT, Stage.SUBMITTED, Stage.RETURNED, Stage.APPROVED, Stage.PILOTING}
)


def _fresh(unit: OrgUnit) -> OrgUnit:
    """The unit as committed now (read again after taking the tree lock)."""
    db.session.refresh(unit)
    return unit


def _parent(code: str, field: str = "parent") -> OrgUnit:
    parent = unit_by_code(code.strip().upper())
    if parent is None:
        raise ValidationError(fields={field: _l("No unit has this code.")})
    _fresh(parent)
    if parent.is_closed:
        raise ValidationError(fields={field: _l("This unit is closed.")})
    return parent


def add_unit(actor: User, data: Mapping) -> OrgUnit:
    """A new open unit under an open parent."""
    require_admin(actor)
    clean = NEW_UNIT.load(pick(data, NEW_UNIT), FORM)
    code = clean["code"].upper()
    if not UNIT_CODE_PATTERN.match(code):
        raise ValidationError(fields={"code": _l("Use capital letters, digits and '-' only.")})
    serialise("org_tree")
    parent = _parent(clean["parent"])
    if len(parent.path) + len(code) + 1 > MAX_PATH:
        raise ValidationError(fields={"parent": _l("The tree cannot go deeper here.")})
    unit = create_unit(code, parent.code, clean["kind"], clean["name_th"], clean["name_en"])
    record_audit(
        actor,
        "unit.create",
        unit,
        {
            "code": (None, unit.code),
            "parent": (None, parent.code),
            "kind": (None, unit.kind),
            "name_th": (None, unit.name_th),
            "name_en": (None, unit.name_en),
        },
    )
    return unit


def rename_unit(actor: User, unit: OrgUnit, data: Mapping) -> dict:
    """New Thai and English names; returns the changes (empty: nothing was written)."""
    require_admin(actor)
    clean = UNIT_NAMES.load(pick(data, UNIT_NAMES), FORM)
    changes = {
        name: (getattr(unit, name), clean[name])
        for name in ("name_th", "name_en")
        if getattr(unit, name) != clean[name]
    }
    if not changes:
        return {}
    unit.name_th, unit.name_en = clean["name_th"], clean["name_en"]
    db.session.flush()
    record_audit(actor, "unit.rename", unit, changes)
    return changes


def move_unit(actor: User, unit: OrgUnit, data: Mapping) -> int:
    """Put the unit, with everything below it, under another unit. The materialised paths
    of the whole subtree are rewritten by one UPDATE (prefix swapped, depth shifted).
    Refused under itself or one of its own sub-units (the tree would become a circle).
    Returns how many units moved (the unit and its sub-units); 0 when already there."""
    require_admin(actor)
    clean = PARENT.load(pick(data, PARENT), FORM)
    serialise("org_tree")
    _fresh(unit)
    if unit.parent_id is None:
        raise Conflict(_l("The top of the organisation stays the top."))
    parent = _parent(clean["parent"])
    if parent.is_within(unit):
        raise ValidationError(
            fields={
                "parent": _(
                    "%(parent)s is %(unit)s itself or one of its sub-units: a unit cannot go "
                    "under itself (the tree would go round in a circle).",
                    parent=f"{parent.name(current_locale())} ({parent.code})",
                    unit=f"{unit.name(current_locale())} ({unit.code})",
                )
            }
        )
    if unit.parent_id == parent.id:
        return 0
    old_path, new_path = unit.path, parent.path + unit.code + "/"
    subtree = OrgUnit.path.startswith(old_path, autoescape=True)
    deepest = db.session.scalar(select(func.max(func.length(OrgUnit.path))).where(subtree))
    if deepest - len(old_path) + len(new_path) > MAX_PATH:
        raise ValidationError(fields={"parent": _l("The tree cannot go deeper here.")})
    old_parent = unit.parent.code
    shift = parent.depth + 1 - unit.depth
    moved = db.session.execute(
        update(OrgUnit)
        .where(subtree)
        .values(
            path=literal(new_path, String)
            + func.substr(OrgUnit.path, len(old_path) + 1, type_=String),
            depth=OrgUnit.depth + shift,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    unit.parent_id = parent.id
    db.session.flush()
    for held in list(db.session.identity_map.values()):
        if isinstance(held, OrgUnit):
            db.session.expire(held)  # paths and depths changed under the ORM's feet
    record_audit(
        actor,
        "unit.move",
        unit,
        {
            "parent": (old_parent, parent.code),
            "path": (old_path, new_path),
            "units": (moved, moved),
        },
    )
    return moved


def closing_obstacles(unit: OrgUnit) -> dict[str, int]:
    """What keeps the unit from closing: open sub-units, active people, ideas in progress
    (draft to piloting). Empty when it may close."""
    counts = {
        "sub_units": db.session.scalar(
            select(func.count()).where(OrgUnit.parent_id == unit.id, OrgUnit.closed_at.is_(None))
        ),
        "people": db.session.scalar(
            select(func.count()).where(User.unit_id == unit.id, User.active.is_(True))
        ),
        "ideas": db.session.scalar(
            select(func.count()).where(Idea.unit_id == unit.id, Idea.stage.in_(IN_PROGRESS))
        ),
    }
    return {name: count for name, count in counts.items() if count}


def close_unit(actor: User, unit: OrgUnit) -> None:
    """Close a unit: it keeps its history (people who left, finished ideas) but takes no new
    people or ideas and leaves the pickers. Refused while it has open sub-units, active
    people or ideas in progress: those move (or finish) first, so nothing is left behind in
    a unit nobody looks after."""
    require_admin(actor)
    serialise("org_tree")
    _fresh(unit)
    if unit.is_closed:
        raise Conflict(_l("This unit is already closed."))
    if unit.parent_id is None:
        raise Conflict(_l("The top of the organisation cannot be closed."))
    obstacles = closing_obstacles(unit)
    if obstacles:
        parts = []
        if "sub_units" in obstacles:
            parts.append(_("%(n)d open sub-unit(s)", n=obstacles["sub_units"]))
        if "people" in obstacles:
            parts.append(_("%(n)d active person(s)", n=obstacles["people"]))
        if "ideas" in obstacles:
            parts.append(_("%(n)d idea(s) in progress", n=obstacles["ideas"]))
        raise Conflict(
            _(
                "%(unit)s still has %(what)s. Close the sub-units and move the people to "
                "another unit first; ideas in progress must be finished or moved by their "
                "authors.",
                unit=unit.name_th,
                what=", ".join(parts),
            )
        )
    unit.closed_at = utcnow()
    db.session.flush()
    record_audit(actor, "unit.close", unit, {"closed_at": (None, unit.closed_at)})


def reopen_unit(actor: User, unit: OrgUnit) -> None:
    require_admin(actor)
    serialise("org_tree")
    _fresh(unit)
    if not unit.is_closed:
        raise Conflict(_l("This unit is open."))
    if unit.parent is not None and _fresh(unit.parent).is_closed:
        raise Conflict(_l("The unit above it is closed: reopen that one first."))
    before, unit.closed_at = unit.closed_at, None
    db.session.flush()
    record_audit(actor, "unit.reopen", unit, {"closed_at": (before, None)})
