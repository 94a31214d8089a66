"""The only code that writes ideas. Operations flush but never commit."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ideaboard import signals
from ideaboard.core.dates import be_year, fiscal_year, utcnow
from ideaboard.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from ideaboard.core.versioning import check_version, flush_or_conflict
from ideaboard.extensions import db
from ideaboard.ideas.changes import STEP_LISTS, compare, snapshot, step_values
from ideaboard.ideas.models import Idea, IdeaSequence, Step, StepKind
from ideaboard.ideas.validation import FORM, clean_idea_data
from ideaboard.people.models import OrgUnit, User
from ideaboard.people.operations import unit_by_code, user_by_username
from ideaboard.workflow.models import Action, Stage, StageEvent

SIMPLE_FIELDS = (
    "title", "eh_moment", "process_name", "service", "category", "annual_volume",
    "solution", "value", "stakeholders", "stakeholders_other",
)  # fmt: skip


REF_PATTERN = re.compile(r"^IDEA-\d{4}-\d{5,}$")


def idea_by_ref(ref: str) -> Idea | None:
    ref = ref.strip().upper() if isinstance(ref, str) else ""
    if not REF_PATTERN.match(ref):
        return None
    return db.session.scalar(select(Idea).where(Idea.ref == ref))


def get_visible_idea(ref: str, user) -> Idea:
    """The idea if ``user`` may see it. A private draft answers 404, not 403, so its
    existence does not leak."""
    idea = idea_by_ref(ref)
    if idea is None or not idea.can_view(user):
        raise NotFound(_l("No idea with this reference."))
    return idea


def allocate_ref(year: int) -> tuple[int, str]:
    """The next sequence number in a BE year; safe under concurrent creation."""
    bump = (
        update(IdeaSequence)
        .where(IdeaSequence.year == year)
        .values(last_value=IdeaSequence.last_value + 1)
        .returning(IdeaSequence.last_value)
    )
    value = db.session.execute(bump).scalar()
    if value is None:
        try:
            with db.session.begin_nested():
                db.session.add(IdeaSequence(year=year, last_value=1))
            value = 1
        except IntegrityError:  # another request created the year's row first
            value = db.session.execute(bump).scalar_one()
    return value, f"IDEA-{year}-{value:05d}"


def _steps(kind: StepKind, cleaned: list[dict]) -> list[Step]:
    return [Step(kind=kind, position=index, **step) for index, step in enumerate(cleaned)]


def _names(raw) -> list[str]:
    """Usernames as typed ("a, b" or a list), for looking them up even when another field
    of the same form was refused."""
    if isinstance(raw, str):
        raw = raw.replace("\n", ",").split(",")
    if not isinstance(raw, list):
        return []
    return [name.strip().lower() for name in raw if isinstance(name, str) and name.strip()]


def _clean(
    data: Mapping, author: User, *, partial: bool, mode: str, unit_now: OrgUnit | None = None
) -> dict:
    """Clean ``data`` and look up the unit and co-authors it names, reporting every problem
    at once (a bad number and an unknown colleague in the same message, not in rounds).
    The result carries ``unit`` as an OrgUnit and ``coauthors`` as Users when given. A
    closed unit takes no new ideas (``unit_now``: the one an edited idea is in already)."""
    errors: dict = {}
    try:
        clean = dict(clean_idea_data(data, partial=partial, mode=mode))
    except ValidationError as error:
        errors.update(error.fields)
        clean = None
    source = clean if clean is not None else data
    resolved: dict = {}
    code = source.get("unit")
    if isinstance(code, str) and code.strip() and "unit" not in errors:
        unit = unit_by_code(code.strip())
        if unit is None:
            errors["unit"] = str(_l("No unit has this code."))
        elif unit.is_closed and unit != unit_now:
            errors["unit"] = str(_l("This unit is closed."))
        resolved["unit"] = unit
    if "coauthors" in source and "coauthors" not in errors:
        users, unknown = [], []
        for name in _names(source.get("coauthors")):
            user = user_by_username(name)
            if user is None or not user.active:
                unknown.append(name)
            elif user.id != author.id and user not in users:
                users.append(user)
        if unknown:
            errors["coauthors"] = _(
                "No colleague with username: %(names)s", names=", ".join(unknown)
            )
        resolved["coauthors"] = users
    if errors:
        raise ValidationError(fields=errors)
    clean.pop("unit", None)
    clean.pop("coauthors", None)
    return {**clean, **resolved}


def _apply(idea: Idea, clean: dict) -> None:
    for field in SIMPLE_FIELDS:
        if field in clean:
            setattr(idea, field, clean[field])
    if clean.get("unit") is not None:
        idea.unit = clean["unit"]
    if "coauthors" in clean:
        idea.coauthors = clean["coauthors"]
    replaced = [
        name
        for name in STEP_LISTS
        if name in clean and clean[name] != [step_values(step) for step in getattr(idea, name)]
    ]
    if replaced and idea.id is not None:
        # delete the old rows before inserting the new ones: positions are unique
        for name in replaced:
            setattr(idea, name, [])
        flush_or_conflict()
    for name in replaced:
        kind = StepKind.CURRENT if name == "current_steps" else StepKind.PROPOSED
        setattr(idea, name, _steps(kind, clean[name]))


def create_idea(
    author: User, data: Mapping, *, now: datetime | None = None, mode: str = FORM
) -> Idea:
    """A new draft with its reference; quick capture sends only title and เอ๊ะ moment.
    ``mode``: FORM reads what people type, JSON refuses values of the wrong JSON type."""
    clean = _clean(data, author, partial=False, mode=mode)
    now = now or utcnow()
    year = be_year(now)
    seq, ref = allocate_ref(year)
    idea = Idea(
        ref=ref,
        ref_year=year,
        ref_seq=seq,
        fiscal_year=fiscal_year(now),
        author=author,
        unit=author.unit,
        stage=Stage.DRAFT,
        created_at=now,
        updated_at=now,
    )
    _apply(idea, clean)
    idea.refresh_impact()
    db.session.add(idea)
    db.session.add(
        StageEvent(idea=idea, actor=author, action=Action.CREATE, from_stage=None,
                   to_stage=Stage.DRAFT, created_at=now)
    )  # fmt: skip
    db.session.flush()
    signals.idea_created.send(idea, user=author)
    return idea


def update_idea(idea: Idea, user: User, data: Mapping, version, *, mode: str = FORM) -> Idea:
    """Edit a draft or returned idea (its team only); ``version`` guards lost updates."""
    if not idea.can_edit(user):
        if idea.is_team_member(user):
            raise Conflict(_l("Only drafts and returned ideas can be edited."))
        raise PermissionDenied()
    check_version(idea, version)
    clean = _clean(data, idea.author, partial=True, mode=mode, unit_now=idea.unit)
    if "coauthors" in clean and user.id != idea.author_id:
        current = sorted(c.username for c in idea.coauthors)
        if sorted(c.username for c in clean["coauthors"]) != current:
            raise ValidationError(fields={"coauthors": _l("Only the author can change the team.")})
    before, estimate_before, measured_before = snapshot(idea), idea.impact, idea.measured_impact
    _apply(idea, clean)
    changes = compare(before, snapshot(idea))
    if not changes:
        return idea  # nothing to save: no new version, no history line
    impact_changed = idea.refresh_impact()
    idea.updated_at = utcnow()
    flush_or_conflict()
    signals.idea_edited.send(
        idea, user=user, changes=changes, recorded=idea.submitted_at is not None
    )
    if impact_changed:
        signals.impact_changed.send(idea, before=estimate_before, measured_before=measured_before)
    return idea


def delete_draft(idea: Idea, user: User, version) -> None:
    """Remove a draft that was never submitted, with its steps and history."""
    if not idea.can_delete(user):
        if idea.is_team_member(user):
            raise Conflict(_l("Only the author can delete, and only a draft never submitted."))
        raise PermissionDenied()
    check_version(idea, version)
    db.session.delete(idea)
    flush_or_conflict()
    signals.idea_deleted.send(idea, user=user)
