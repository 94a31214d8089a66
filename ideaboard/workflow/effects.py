"""What some transitions check or record beyond the stage: the table names these."""

from __future__ import annotations

from collections.abc import Mapping

from ideaboard.ideas import validation


def check_complete(idea) -> None:
    """Submission needs a complete idea (steps both sides and the case for it)."""
    validation.check_complete(idea)


def record_measurement(idea, inputs: Mapping) -> None:
    """Implementing records the measured result and stores its impact."""
    result = validation.clean_measurement(inputs.get("measured"))
    idea.measured_steps_after = result["steps_after"]
    idea.measured_minutes_after = result["minutes_after"]
    idea.measured_cases_since = result["cases_since"]
    idea.measured_evidence = result["evidence"]
