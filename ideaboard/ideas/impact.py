"""The step-diff arithmetic. Pure functions: the only place impact numbers are computed.

minutes = work + wait; a citizen visit is one trip: a run of consecutive steps at which the
citizen must be present counts once (three counters in one trip to the office are one
visit); hours saved per year = minutes saved per case × annual volume / 60.

The results are stored on the idea (``Idea.refresh_impact``) whenever its steps, volume or
measurement change; nothing else computes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol


class StepLike(Protocol):
    work_minutes: int
    wait_minutes: int
    citizen_present: bool


@dataclass(frozen=True)
class Impact:
    steps_before: int
    steps_after: int
    step_reduction_pct: float | None  # positive = fewer steps; None until both sides exist
    minutes_before: int
    minutes_after: int
    minutes_saved_per_case: int | None  # negative when slower; None until both sides exist
    hours_saved_per_year: float | None  # None until both sides and an annual volume exist
    citizen_visits_before: int
    citizen_visits_after: int

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in IMPACT_NAMES}


IMPACT_NAMES = tuple(field.name for field in fields(Impact))


def _round1(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def step_minutes(step: StepLike) -> int:
    return (step.work_minutes or 0) + (step.wait_minutes or 0)


def reduction_pct(before: int, after: int) -> float | None:
    """5 → 3 is 40.0; 4 → 5 is -25.0; undefined (None) when there was nothing before."""
    if before <= 0:
        return None
    return _round1(Decimal(before - after) * 100 / before)


def compute_impact(
    current: Sequence[StepLike], proposed: Sequence[StepLike], annual_volume: int | None
) -> Impact:
    """A half-written idea (one side still empty) claims no reduction and no savings."""
    minutes_before = sum(step_minutes(step) for step in current)
    minutes_after = sum(step_minutes(step) for step in proposed)
    both_sides = bool(current) and bool(proposed)
    saved = minutes_before - minutes_after if both_sides else None
    return Impact(
        steps_before=len(current),
        steps_after=len(proposed),
        step_reduction_pct=reduction_pct(len(current), len(proposed)) if both_sides else None,
        minutes_before=minutes_before,
        minutes_after=minutes_after,
        minutes_saved_per_case=saved,
        hours_saved_per_year=hours_per_year(saved, annual_volume),
        citizen_visits_before=citizen_visits(current),
        citizen_visits_after=citizen_visits(proposed),
    )


def citizen_visits(steps: Sequence[StepLike]) -> int:
    """Trips the citizen makes: each run of consecutive present-steps is one visit."""
    visits, present_before = 0, False
    for step in steps:
        if step.citizen_present and not present_before:
            visits += 1
        present_before = bool(step.citizen_present)
    return visits


def hours_per_year(minutes_saved_per_case: int | None, annual_volume: int | None) -> float | None:
    if minutes_saved_per_case is None or annual_volume is None:
        return None
    return _round1(Decimal(minutes_saved_per_case * annual_volume) / 60)


def measured_impact(
    estimate: Impact, steps_after: int, minutes_after: int, annual_volume: int | None
) -> Impact:
    """The measured result, judged against the same 'before' as the estimate.

    Citizen visits after the change are not measured separately; the estimate stands.
    """
    saved = estimate.minutes_before - minutes_after
    return Impact(
        steps_before=estimate.steps_before,
        steps_after=steps_after,
        step_reduction_pct=reduction_pct(estimate.steps_before, steps_after),
        minutes_before=estimate.minutes_before,
        minutes_after=minutes_after,
        minutes_saved_per_case=saved,
        hours_saved_per_year=hours_per_year(saved, annual_volume),
        citizen_visits_before=estimate.citizen_visits_before,
        citizen_visits_after=estimate.citizen_visits_after,
    )


def stored_numbers(
    current: Sequence[StepLike],
    proposed: Sequence[StepLike],
    annual_volume: int | None,
    measured_steps_after: int | None = None,
    measured_minutes_after: int | None = None,
) -> dict:
    """Every impact number an idea stores, by column name: the estimate, and the measured
    result once there is one (None before)."""
    estimate = compute_impact(current, proposed, annual_volume)
    values = estimate.as_dict()
    measured = None
    if measured_steps_after is not None:
        measured = measured_impact(
            estimate, measured_steps_after, measured_minutes_after or 0, annual_volume
        )
    values["measured_step_reduction_pct"] = measured.step_reduction_pct if measured else None
    values["measured_minutes_saved_per_case"] = (
        measured.minutes_saved_per_case if measured else None
    )
    values["measured_hours_saved_per_year"] = measured.hours_saved_per_year if measured else None
    return values
