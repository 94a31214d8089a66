"""What makes idea data valid: one declaration for the web form, the API and the CLI.

``IDEA_INPUT`` and ``STEP`` (and ``MEASUREMENT`` for an implemented idea) declare every
field once (``ideaboard.core.schema``): the same declaration cleans the form's strings,
refuses mistyped JSON in the API, and is published in the OpenAPI document.

``clean_idea_data`` turns raw values (form strings or JSON values) into clean Python values
or raises ``ValidationError`` whose ``fields`` map paths such as ``current_steps.2.actor``
onto messages in the user's language. A draft may be incomplete; ``check_complete`` is the
stricter check made on submission.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ideaboard.core.errors import ValidationError
from ideaboard.core.schema import (
    FORM,
    UNSTORABLE,  # noqa: F401  (re-exported)
    Bool,
    Choice,
    Errors,
    List,
    Object,
    Text,
    WholeNumber,
)
from ideaboard.ideas.models import Actor, Category, Stakeholder

MAX_TITLE = 200
MAX_SHORT_TEXT = 200
MAX_LONG_TEXT = 4000
MAX_STAKEHOLDERS_OTHER = 500
MAX_STEP_DESCRIPTION = 300
MAX_NOTE = 2000
MAX_REF = 24  # an idea's reference (IDEA-2569-00042, longer sequences too): the column's size
MAX_STEPS = 50
MAX_COAUTHORS = 10
MAX_UNIT_CODE = 40
MAX_WORK_MINUTES = 24 * 60  # one step of more than a day's work is a typo
MAX_WAIT_MINUTES = 90 * 24 * 60  # waiting up to 90 days (e.g. a permit) is plausible
MAX_ANNUAL_VOLUME = 50_000_000  # several times the city's population: a typo beyond this
MAX_CASES_SINCE = 100_000_000

# the same limits as maxlength in the browser (templates read them as ``limits``)
LIMITS = {
    "title": MAX_TITLE, "short": MAX_SHORT_TEXT, "long": MAX_LONG_TEXT,
    "other": MAX_STAKEHOLDERS_OTHER, "step": MAX_STEP_DESCRIPTION, "note": MAX_NOTE,
    "ref": MAX_REF,
}  # fmt: skip

STEP = Object(
    "Step",
    {
        "description": Text(
            MAX_STEP_DESCRIPTION, required=True, required_message=_l("Describe the step.")
        ),
        "actor": Choice(Actor, required=True),
        "work_minutes": WholeNumber(0, MAX_WORK_MINUTES, empty_value=0),
        "wait_minutes": WholeNumber(0, MAX_WAIT_MINUTES, empty_value=0),
        "citizen_present": Bool(),
    },
    both=True,
    not_object=_l("Each step needs a description, actor and minutes."),
)


def _steps(description: str) -> List:
    return List(
        STEP,
        max_items=MAX_STEPS,
        too_many=lambda n: _("At most %(n)d steps.", n=n),
        not_list=_l("Steps must be a list."),
        description=description,
    )


IDEA_INPUT = Object(
    "IdeaInput",
    {
        "title": Text(MAX_TITLE, required=True),
        "eh_moment": Text(MAX_LONG_TEXT, required=True, description="the เอ๊ะ moment"),
        "process_name": Text(MAX_SHORT_TEXT),
        "service": Text(MAX_SHORT_TEXT),
        "unit": Text(
            MAX_UNIT_CODE,
            nullable=True,
            fill=False,
            not_text=_l("Give the unit's code."),
            description="unit code; default: the author's unit",
        ),
        "category": Choice(Category, nullable=True),
        "annual_volume": WholeNumber(0, MAX_ANNUAL_VOLUME, nullable=True),
        "solution": Text(MAX_LONG_TEXT),
        "value": Text(MAX_LONG_TEXT),
        "stakeholders": List(Choice(Stakeholder), unique=True, split=True, drop_blank=True),
        "stakeholders_other": Text(MAX_STAKEHOLDERS_OTHER),
        "coauthors": List(
            Text(),
            max_items=MAX_COAUTHORS,
            too_many=lambda n: _("At most %(n)d co-authors.", n=n),
            split=True,
            drop_blank=True,
            fill=False,
            description="usernames",
        ),
        "current_steps": _steps("how the process runs today"),
        "proposed_steps": _steps("how it would run"),
    },
)

MEASUREMENT = Object(
    "Measurement",
    {
        # a process still has a step; a result needs cases that show it
        "steps_after": WholeNumber(1, MAX_STEPS, required=True),
        "minutes_after": WholeNumber(0, MAX_STEPS * MAX_WAIT_MINUTES, required=True),
        "cases_since": WholeNumber(1, MAX_CASES_SINCE, required=True),
        "evidence": Text(
            MAX_LONG_TEXT,
            required=True,
            required_message=_l("Describe the evidence of the result."),
        ),
    },
    not_object=_l("Give the measured result."),
)

# in the page's form the evidence may be files instead of text (SPEC §2: attachment or text)
MEASUREMENT_WITH_FILES = MEASUREMENT.extend(None, evidence=Text(MAX_LONG_TEXT))

STEP_LISTS = ("current_steps", "proposed_steps")
TEXT_FIELDS = {
    name: field.max_length for name, field in IDEA_INPUT.fields.items() if isinstance(field, Text)
}
# the fields an idea stores as they are cleaned (the rest are resolved: unit, team, steps)
SIMPLE_FIELDS = tuple(
    name for name in IDEA_INPUT.names if name not in ("unit", "coauthors", *STEP_LISTS)
)


class FieldErrors(Errors):
    """Field path → message (kept under this name for the operations that collect them)."""


def clean_text(value, field: str, limit: int, errors: Errors) -> str | None:
    """One free text in form mode (None → ""), e.g. a reviewer's note."""
    return Text(limit).clean(value, field, errors, FORM)


def parse_whole_number(
    value, field: str, low: int, high: int, errors: Errors, *, required: bool = False
) -> int | None:
    """Accept 12000, "12000", "12,000", "12 000" or Thai digits; refuse fractions, words."""
    return WholeNumber(low, high, required=required).clean(value, field, errors, FORM)


def clean_idea_data(data: Mapping, *, partial: bool, mode: str = FORM) -> dict:
    """Clean the fields present in ``data``; with ``partial=False`` the required ones must be.

    Unknown keys are refused so a typo in an API client does not silently drop data. In
    ``JSON`` mode a value of the wrong JSON type is refused too (the API's shape check).
    """
    clean = IDEA_INPUT.load(data, mode, partial=partial)
    if "unit" in clean:
        clean["unit"] = clean["unit"] or None
    if "stakeholders" in clean:
        clean["stakeholders"] = [str(choice) for choice in clean["stakeholders"] or []]
    if "coauthors" in clean:
        clean["coauthors"] = [name.lower() for name in clean["coauthors"] or []]
    return clean


def clean_measurement(raw, *, with_files: bool = False) -> dict:
    """steps_after, minutes_after, cases_since and evidence: all required to implement, but
    the evidence text may be left empty when evidence files come with it."""
    return (MEASUREMENT_WITH_FILES if with_files else MEASUREMENT).load(raw, FORM, path="measured")


def submission_gaps(idea) -> dict:
    """What ``idea`` still lacks before it can be submitted, as field path → message (empty
    when complete). ``idea`` is an Idea or a mapping of its fields (e.g. what a form sent,
    cleaned or not), so the form can say everything submission needs even when saving failed.
    """
    if isinstance(idea, Mapping):
        value_of = idea.get
    else:

        def value_of(name):
            return getattr(idea, name, None)

    def blank(name: str) -> bool:
        value = value_of(name)
        return not (value.strip() if isinstance(value, str) else value)

    errors = {}
    if blank("process_name"):
        errors["process_name"] = _l("Name the process before submitting.")
    if blank("category"):
        errors["category"] = _l("Choose a category before submitting.")
    if blank("current_steps"):
        errors["current_steps"] = _l("Add at least one current step before submitting.")
    if blank("proposed_steps"):
        errors["proposed_steps"] = _l("Add at least one proposed step before submitting.")
    if blank("solution"):
        errors["solution"] = _l("Describe the solution before submitting.")
    if blank("value"):
        errors["value"] = _l("Describe the value added before submitting.")
    if blank("stakeholders") and blank("stakeholders_other"):
        errors["stakeholders"] = _l("Say who benefits before submitting.")
    return errors


def check_complete(idea) -> None:
    """What a submitted idea must have: steps both sides, and the case for it."""
    errors = submission_gaps(idea)
    if errors:
        raise ValidationError(
            _l("The idea is not complete yet; fill in the marked fields and submit again."),
            fields=errors,
        )
