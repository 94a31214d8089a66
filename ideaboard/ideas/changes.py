"""What an edit changed: field by field (before → after) and step by step (added, removed,
changed), so a reviewer sees what changed since they returned an idea."""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ideaboard.core.models import title_of
from ideaboard.ideas.models import Actor, Category, Stakeholder

# the fields an edit can change, in the order the form shows them, with their labels
FIELD_TITLES = {
    "title": _l("Title"),
    "eh_moment": _l("Your เอ๊ะ moment"),
    "process_name": _l("Process (กระบวนงาน)"),
    "service": _l("Service it belongs to"),
    "unit": _l("Unit that owns the process"),
    "category": _l("Category"),
    "annual_volume": _l("Annual volume (cases per year)"),
    "solution": _l("Solution"),
    "value": _l("Value added"),
    "stakeholders": _l("Who benefits"),
    "stakeholders_other": _l("Others who benefit"),
    "coauthors": _l("Co-authors"),
    "current_steps": _l("Current steps"),
    "proposed_steps": _l("Proposed steps"),
    # files are no form field: their additions and removals are recorded by workflow's
    # listeners of the files signals, under these names
    "attachments": _l("Attachments"),
    "evidence_files": _l("Evidence of the result"),
}
STEP_FIELDS = ("description", "actor", "work_minutes", "wait_minutes", "citizen_present")
STEP_LISTS = ("current_steps", "proposed_steps")


@dataclass(frozen=True)
class Change:
    field: str
    change: str  # changed | added | removed | moved (before/after carry their "position")
    before: Any = None
    after: Any = None
    step: int | None = None  # 1-based position in its list, for steps

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def title(self):
        return FIELD_TITLES.get(self.field, self.field)


def step_values(step) -> dict:
    return {
        "description": step.description,
        "actor": str(step.actor),
        "work_minutes": step.work_minutes,
        "wait_minutes": step.wait_minutes,
        "citizen_present": bool(step.citizen_present),
    }


def snapshot(idea) -> dict:
    """The editable content of ``idea`` as plain JSON values."""
    return {
        "title": idea.title,
        "eh_moment": idea.eh_moment,
        "process_name": idea.process_name,
        "service": idea.service,
        "unit": idea.unit.code if idea.unit else None,
        "category": str(idea.category) if idea.category else None,
        "annual_volume": idea.annual_volume,
        "solution": idea.solution,
        "value": idea.value,
        "stakeholders": list(idea.stakeholders or []),
        "stakeholders_other": idea.stakeholders_other,
        "coauthors": sorted(user.username for user in idea.coauthors),
        "current_steps": [step_values(step) for step in idea.current_steps],
        "proposed_steps": [step_values(step) for step in idea.proposed_steps],
    }


def _step_changes(field: str, before: list[dict], after: list[dict]) -> list[Change]:
    """Steps kept in order are no change; a step found unchanged elsewhere in the list is
    *moved*; a step replaced in place is *changed*; the rest are *removed* or *added*."""
    key = lambda step: tuple(step[name] for name in STEP_FIELDS)  # noqa: E731
    matcher = difflib.SequenceMatcher(
        None, [key(s) for s in before], [key(s) for s in after], autojunk=False
    )
    gone: list[tuple[int, dict]] = []  # (position before, step) not kept in order
    new: list[tuple[int, dict]] = []  # (position after, step)
    blocks = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            blocks.append((list(range(i1, i2)), list(range(j1, j2))))
            gone += [(i, before[i]) for i in range(i1, i2)]
            new += [(j, after[j]) for j in range(j1, j2)]
    changes: list[Change] = []
    moved_from, moved_to = set(), set()
    for j, step in new:
        match = next((i for i, old in gone if i not in moved_from and key(old) == key(step)), None)
        if match is not None:
            moved_from.add(match)
            moved_to.add(j)
            moved = Change(
                field,
                "moved",
                {"position": match + 1, **before[match]},
                {"position": j + 1, **step},
                j + 1,
            )
            changes.append(moved)
    for old_positions, new_positions in blocks:
        old_left = [i for i in old_positions if i not in moved_from]
        new_left = [j for j in new_positions if j not in moved_to]
        for i, j in zip(old_left, new_left, strict=False):
            changes.append(Change(field, "changed", before[i], after[j], j + 1))
        for i in old_left[len(new_left) :]:
            changes.append(Change(field, "removed", before[i], None, i + 1))
        for j in new_left[len(old_left) :]:
            changes.append(Change(field, "added", None, after[j], j + 1))
    return changes


def compare(before: dict, after: dict) -> list[Change]:
    """The changes from one snapshot to the next, in form order."""
    changes = []
    for field in FIELD_TITLES:
        old, new = before.get(field), after.get(field)
        if old == new:
            continue
        if field in STEP_LISTS:
            changes += _step_changes(field, old or [], new or [])
        else:
            changes.append(Change(field, "changed", old, new))
    return changes


def _text(field: str, value) -> str:
    """A value as a reader of the timeline sees it (plain text; the template escapes it)."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, dict):  # a step
        minutes = (value.get("work_minutes") or 0) + (value.get("wait_minutes") or 0)
        actor = title_of(Actor, value.get("actor"))
        return _(
            "%(step)s (%(actor)s, %(n)s min)", step=value.get("description"), actor=actor, n=minutes
        )
    if field == "category":
        return title_of(Category, value)
    if field == "stakeholders":
        return ", ".join(title_of(Stakeholder, code) for code in value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def describe(change: dict) -> dict:
    """One stored change (``Change.as_dict()``) ready for the timeline."""
    field = change.get("field", "")
    if change.get("change") == "moved":
        before, after = change.get("before") or {}, change.get("after") or {}
        return {
            "title": FIELD_TITLES.get(field, field),
            "change": "moved",
            "step": change.get("step"),
            "before": before.get("position"),
            "after": after.get("position"),
            "what": _text(field, after),
        }
    return {
        "title": FIELD_TITLES.get(field, field),
        "change": change.get("change"),
        "step": change.get("step"),
        "before": _text(field, change.get("before")),
        "after": _text(field, change.get("after")),
    }
