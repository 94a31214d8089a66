"""What some transitions check or record beyond the stage: the table names these."""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l

from ideaboard.core.errors import ValidationError
from ideaboard.ideas import validation
from ideaboard.ideas.validation import (
    MAX_LONG_TEXT,
    MAX_STEPS,
    MAX_WAIT_MINUTES,
    FieldErrors,
    clean_text,
    parse_whole_number,
)


def check_complete(idea) -> None:
    """Submission needs a complete idea (steps both sides and the case for it)."""
    validation.check_complete(idea)


def clean_measurement(raw) -> dict:
    """steps_after, minutes_after, cases_since and evidence: all required to implement."""
    errors = FieldErrors()
    if not isinstance(raw, Mapping):
        raise ValidationError(fields={"measured": _l("Give the measured result.")})
    clean = {
        "steps_after": parse_whole_number(
            raw.get("steps_after"), "measured.steps_after", 0, MAX_STEPS, errors, required=True
        ),
        "minutes_after": parse_whole_number(
            raw.get("minutes_after"),
            "measured.minutes_after",
            0,
            MAX_STEPS * MAX_WAIT_MINUTES,
            errors,
            required=True,
        ),
        "cases_since": parse_whole_number(
            raw.get("cases_since"), "measured.cases_since", 0, 100_000_000, errors, required=True
        ),
        "evidence": clean_text(raw.get("evidence"), "measured.evidence", MAX_LONG_TEXT, errors),
    }
    if clean["evidence"] == "":
        errors["measured.evidence"] = _l("Describe the evidence of the result.")
    errors.check()
    return clean


def record_measurement(idea, inputs: Mapping) -> None:
    """Implementing records the measured result and stores its impact."""
    result = clean_measurement(inputs.get("measured"))
    idea.measured_steps_after = result["steps_after"]
    idea.measured_minutes_after = result["minutes_after"]
    idea.measured_cases_since = result["cases_since"]
    idea.measured_evidence = result["evidence"]
