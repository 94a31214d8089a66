"""The step diff: current and proposed steps aligned side by side and marked.

Steps are aligned on their descriptions (difflib on normalised text). A step kept with the
same description is *same*, or *changed* when its actor, minutes or presence differ; a run
of current steps replaced by a single proposed step is *merged*; a replaced step that still
resembles its counterpart is *changed*; otherwise the current step is *removed* and the
proposed one is *new* (shown on the same row when they stand in each other's place).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

SIMILAR_ENOUGH = 0.45


@dataclass(frozen=True)
class DiffRow:
    before: tuple  # current step(s) on the left (several when merged)
    before_mark: str | None  # same | changed | merged | removed
    after: object | None  # the proposed step on the right
    after_mark: str | None  # same | changed | merged | new

    @property
    def marks(self) -> list[str]:
        return [mark for mark in dict.fromkeys((self.before_mark, self.after_mark)) if mark]


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


def _kept(a, b, mark: str) -> DiffRow:
    return DiffRow((a,), mark, b, mark)


def _replace_block(before: Sequence, after: Sequence) -> list[DiffRow]:
    if len(after) == 1 and len(before) > 1:
        return [DiffRow(tuple(before), "merged", after[0], "merged")]
    rows = []
    for left, right in zip(before, after, strict=False):
        if _similarity(left, right) >= SIMILAR_ENOUGH:
            rows.append(_kept(left, right, "changed"))
        else:
            rows.append(DiffRow((left,), "removed", right, "new"))
    rows += [DiffRow((left,), "removed", None, None) for left in before[len(after) :]]
    rows += [DiffRow((), None, right, "new") for right in after[len(before) :]]
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
                _kept(a, b, "same" if _same_detail(a, b) else "changed")
                for a, b in zip(current[i1:i2], proposed[j1:j2], strict=True)
            ]
        elif tag == "delete":
            rows += [DiffRow((a,), "removed", None, None) for a in current[i1:i2]]
        elif tag == "insert":
            rows += [DiffRow((), None, b, "new") for b in proposed[j1:j2]]
        else:
            rows += _replace_block(current[i1:i2], proposed[j1:j2])
    return rows
