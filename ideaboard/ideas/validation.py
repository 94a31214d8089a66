"""What makes idea data valid: one set of rules for the web form, the API and the CLI.

``clean_idea_data`` turns raw values (form strings or JSON values) into clean Python values
or raises ``ValidationError`` whose ``fields`` map paths such as ``current_steps.2.actor``
onto messages in the user's language. A draft may be incomplete; ``check_complete`` is the
stricter check made on submission.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ideaboard.core.errors import ValidationError
from ideaboard.ideas.models import Actor, Category, Stakeholder

MAX_TITLE = 200
MAX_SHORT_TEXT = 200
MAX_LONG_TEXT = 4000
MAX_STAKEHOLDERS_OTHER = 500
MAX_STEP_DESCRIPTION = 300
MAX_NOTE = 2000
MAX_STEPS = 50
MAX_COAUTHORS = 10
MAX_WORK_MINUTES = 24 * 60  # one step of more than a day's work is a typo
MAX_WAIT_MINUTES = 90 * 24 * 60  # waiting up to 90 days (e.g. a permit) is plausible
MAX_ANNUAL_VOLUME = 50_000_000  # several times the city's population: a typo beyond this
MAX_DIGITS = 12  # longer digit strings are refused before int() is asked to read them

# the same limits as maxlength in the browser (templates read them as ``limits``)
LIMITS = {
    "title": MAX_TITLE, "short": MAX_SHORT_TEXT, "long": MAX_LONG_TEXT,
    "other": MAX_STAKEHOLDERS_OTHER, "step": MAX_STEP_DESCRIPTION, "note": MAX_NOTE,
}  # fmt: skip

TEXT_FIELDS = {
    "title": MAX_TITLE,
    "eh_moment": MAX_LONG_TEXT,
    "process_name": MAX_SHORT_TEXT,
    "service": MAX_SHORT_TEXT,
    "solution": MAX_LONG_TEXT,
    "value": MAX_LONG_TEXT,
    "stakeholders_other": MAX_STAKEHOLDERS_OTHER,
}
REQUIRED_ALWAYS = ("title", "eh_moment")
STEP_LISTS = ("current_steps", "proposed_steps")
# NUL and other C0 controls (except tab and newlines) and lone surrogates cannot be stored
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
TRUE_STRINGS = {"true", "1", "y", "yes", "on"}
FALSE_STRINGS = {"false", "0", "n", "no", "off", ""}


class FieldErrors(dict):
    def check(self) -> None:
        if self:
            raise ValidationError(fields=dict(self))


def clean_text(value, field: str, limit: int, errors: FieldErrors) -> str | None:
    if value is None:
        return ""
    if not isinstance(value, str):
        errors[field] = _l("Please enter text.")
        return None
    if UNSTORABLE.search(value):
        errors[field] = _l("Remove the invisible control characters from this text.")
        return None
    text = value.replace("\r\n", "\n").strip()
    if len(text) > limit:
        errors[field] = _("At most %(n)d characters (you have %(m)d).", n=limit, m=len(text))
        return None
    return text


def parse_whole_number(
    value, field: str, low: int, high: int, errors: FieldErrors, *, required: bool = False
) -> int | None:
    """Accept 12000, "12000", "12,000" or "12 000"; refuse fractions, negatives, words."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors[field] = _l("Please enter a number.")
        return None
    if isinstance(value, bool):
        errors[field] = _l("Please enter a whole number.")
        return None
    if isinstance(value, float):
        if not value.is_integer():
            errors[field] = _l("Please enter a whole number.")
            return None
        value = int(value)
    if isinstance(value, str):
        digits = value.strip().replace(",", "").replace(" ", "")
        sign = -1 if digits.startswith("-") else 1
        digits = digits.lstrip("+-")
        if len(digits) > MAX_DIGITS:
            errors[field] = _("Must not be more than %(n)s.", n=f"{high:,}")
            return None
        if not digits.isdecimal():  # ASCII or Thai digits; not "²" or "½"
            errors[field] = _l("Please enter a whole number, e.g. 1200.")
            return None
        value = sign * int(digits)
    if not isinstance(value, int):
        errors[field] = _l("Please enter a whole number, e.g. 1200.")
        return None
    if value < low:
        errors[field] = _("Must not be less than %(n)s.", n=f"{low:,}")
        return None
    if value > high:
        errors[field] = _("Must not be more than %(n)s.", n=f"{high:,}")
        return None
    return value


def parse_bool(value, field: str, errors: FieldErrors) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    if isinstance(value, str) and value.strip().lower() in TRUE_STRINGS | FALSE_STRINGS:
        return value.strip().lower() in TRUE_STRINGS
    errors[field] = _l("Choose yes or no.")
    return False


def parse_choice(value, field: str, choices: type, errors: FieldErrors, *, allow_empty: bool):
    if value in (None, ""):
        if not allow_empty:
            errors[field] = _l("Please choose one.")
        return None
    try:
        return choices(value)
    except ValueError:
        errors[field] = _("Unknown choice: %(value)s.", value=str(value)[:40])
        return None


def clean_steps(raw, field: str, errors: FieldErrors) -> list[dict] | None:
    if raw is None:
        return []
    if not isinstance(raw, list):
        errors[field] = _l("Steps must be a list.")
        return None
    if len(raw) > MAX_STEPS:
        errors[field] = _("At most %(n)d steps.", n=MAX_STEPS)
        return None
    steps = []
    for index, item in enumerate(raw):
        path = f"{field}.{index}"
        if not isinstance(item, Mapping):
            errors[path] = _l("Each step needs a description, actor and minutes.")
            continue
        description = clean_text(
            item.get("description"), f"{path}.description", MAX_STEP_DESCRIPTION, errors
        )
        if description == "":
            errors[f"{path}.description"] = _l("Describe the step.")
        steps.append(
            {
                "description": description,
                "actor": parse_choice(
                    item.get("actor"), f"{path}.actor", Actor, errors, allow_empty=False
                ),
                "work_minutes": parse_whole_number(
                    item.get("work_minutes"),
                    f"{path}.work_minutes",
                    0,
                    MAX_WORK_MINUTES,
                    errors,
                )
                or 0,
                "wait_minutes": parse_whole_number(
                    item.get("wait_minutes"),
                    f"{path}.wait_minutes",
                    0,
                    MAX_WAIT_MINUTES,
                    errors,
                )
                or 0,
                "citizen_present": parse_bool(
                    item.get("citizen_present"), f"{path}.citizen_present", errors
                ),
            }
        )
    return steps


def clean_string_list(raw, field: str, errors: FieldErrors) -> list[str] | None:
    if raw is None:
        return []
    if isinstance(raw, str):
        raw = [part for part in raw.replace("\n", ",").split(",")]
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        errors[field] = _l("Please give a list.")
        return None
    return [item.strip() for item in raw if item.strip()]


def clean_idea_data(data: Mapping, *, partial: bool) -> dict:
    """Clean the fields present in ``data``; with ``partial=False`` the required ones must be.

    Unknown keys are refused so a typo in an API client does not silently drop data.
    """
    errors = FieldErrors()
    known = set(TEXT_FIELDS) | {
        "unit",
        "category",
        "annual_volume",
        "stakeholders",
        "coauthors",
        *STEP_LISTS,
    }
    for key in data:
        if key not in known:
            errors[key] = _l("Unknown field.")
    clean: dict = {}
    for field, limit in TEXT_FIELDS.items():
        if field in data or not partial:
            text = clean_text(data.get(field), field, limit, errors)
            if text == "" and field in REQUIRED_ALWAYS:
                errors[field] = _l("This field is required.")
            clean[field] = text
    if "unit" in data:
        unit = data.get("unit")
        if unit not in (None, "") and not isinstance(unit, str):
            errors["unit"] = _l("Give the unit's code.")
        clean["unit"] = (unit or "").strip() if isinstance(unit, str) else None
    if "category" in data or not partial:
        clean["category"] = parse_choice(
            data.get("category"), "category", Category, errors, allow_empty=True
        )
    if "annual_volume" in data or not partial:
        clean["annual_volume"] = parse_whole_number(
            data.get("annual_volume"), "annual_volume", 0, MAX_ANNUAL_VOLUME, errors
        )
    if "stakeholders" in data or not partial:
        codes = clean_string_list(data.get("stakeholders"), "stakeholders", errors) or []
        chosen = []
        for code in codes:
            choice = parse_choice(code, "stakeholders", Stakeholder, errors, allow_empty=True)
            if choice and choice not in chosen:
                chosen.append(choice)
        clean["stakeholders"] = [str(choice) for choice in chosen]
    if "coauthors" in data:
        names = clean_string_list(data.get("coauthors"), "coauthors", errors) or []
        if len(names) > MAX_COAUTHORS:
            errors["coauthors"] = _("At most %(n)d co-authors.", n=MAX_COAUTHORS)
        clean["coauthors"] = [name.lower() for name in names]
    for field in STEP_LISTS:
        if field in data or not partial:
            clean[field] = clean_steps(data.get(field), field, errors)
    errors.check()
    return clean


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
