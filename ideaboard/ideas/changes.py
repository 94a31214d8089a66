"""What an edit changed: field by field (before → after) and step by step (added, removed,
changed), so a reviewer sees what changed since they returned an idea."""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

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
}
STEP_FIELDS = ("description", "actor", "work_minutes", "wait_minutes", "citizen_present")
STEP_LISTS = ("current_steps", "proposed_steps")


@dataclass(frozen=True)
class Change:
    field: str
    change: str  # changed | added | removed
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
    key = lambda step: tuple(step[name] for name in STEP_FIELDS)  # noqa: E731
    matcher = difflib.SequenceMatcher(
        None, [key(s) for s in before], [key(s) for s in after], autojunk=False
    )
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old, new = before[i1:i2], after[j1:j2]
        paired = min(len(old), len(new)) if tag == "replace" else 0
        for offset in range(paired):
            changes.append(Change(field, "changed", old[offset], new[offset], j1 + offset + 1))
        for offset, step in enumerate(old[paired:], start=i1 + paired):
            changes.append(Change(field, "removed", step, None, offset + 1))
        for offset, step in enumerate(new[paired:], start=j1 + paired):
            changes.append(Change(field, "added", None, step, offset + 1))
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
    from ideaboard.ideas.models import Actor, Category, Stakeholder

    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, dict):  # a step
        minutes = (value.get("work_minutes") or 0) + (value.get("wait_minutes") or 0)
        try:
            actor = Actor(value.get("actor")).title
        except ValueError:
            actor = value.get("actor")
        return f"{value.get('description')} ({actor}, {minutes} min)"
    if field == "category":
        try:
            return str(Category(value).title)
        except ValueError:
            return str(value)
    if field == "stakeholders":
        titles = []
        for code in value:
            try:
                titles.append(str(Stakeholder(code).title))
            except ValueError:
                titles.append(str(code))
        return ", ".join(titles)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def describe(change: dict) -> dict:
    """One stored change (``Change.as_dict()``) ready for the timeline."""
    field = change.get("field", "")
    return {
        "title": FIELD_TITLES.get(field, field),
        "change": change.get("change"),
        "step": change.get("step"),
        "before": _text(field, change.get("before")),
        "after": _text(field, change.get("after")),
    }
