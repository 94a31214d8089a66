"""The step diff: current and proposed steps aligned side by side and marked.

Steps are aligned on their descriptions (difflib on normalised text). A step kept with the
same description is *same* or *changed* (actor, minutes or presence differ); a run of
current steps replaced by one proposed step is *merged*; a replaced step that still
resembles its successor is *changed*; the rest are *removed* or *new*.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

SIMILAR_ENOUGH = 0.45


@dataclass(frozen=True)
class DiffRow:
    mark: str  # same | changed | merged | removed | new
    before: tuple  # the current step(s) on the left
    after: object | None  # the proposed step on the right


def _normalise(text: str) -> str:
    return " ".join((text or "").lower().split())


def _same_detail(a, b) -> bool:
    return (a.actor, a.work_minutes, a.wait_minutes, a.citizen_present) == (
        b.actor,
        b.work_minutes,
        b.wait_minutes,
        b.citizen_present,
    )


def _similarity(a, b) -> float:
    return difflib.SequenceMatcher(
        None, _normalise(a.description), _normalise(b.description)
    ).ratio()


def _replace_block(before: Sequence, after: Sequence) -> list[DiffRow]:
    if len(after) == 1 and len(before) > 1:
        return [DiffRow("merged", tuple(before), after[0])]
    rows = []
    for left, right in zip(before, after, strict=False):
        if _similarity(left, right) >= SIMILAR_ENOUGH:
            rows.append(DiffRow("changed", (left,), right))
        else:
            rows.append(DiffRow("removed", (left,), None))
            rows.append(DiffRow("new", (), right))
    rows += [DiffRow("removed", (left,), None) for left in before[len(after) :]]
    rows += [DiffRow("new", (), right) for right in after[len(before) :]]
    return rows


def step_diff(current: Sequence, proposed: Sequence) -> list[DiffRow]:
    matcher = difflib.SequenceMatcher(
        None,
        [_normalise(step.description) for step in current],
        [_normalise(step.description) for step in proposed],
        autojunk=False,
    )
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [
                DiffRow("same" if _same_detail(a, b) else "changed", (a,), b)
                for a, b in zip(current[i1:i2], proposed[j1:j2], strict=True)
            ]
        elif tag == "delete":
            rows += [DiffRow("removed", (a,), None) for a in current[i1:i2]]
        elif tag == "insert":
            rows += [DiffRow("new", (), b) for b in proposed[j1:j2]]
        else:
            rows += _replace_block(current[i1:i2], proposed[j1:j2])
    return rows
