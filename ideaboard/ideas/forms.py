"""The idea form. It checks shape only (CSRF, structure); every value is cleaned once, by the
declaration in ``ideas.validation`` (in form mode: Thai digits, "12,000", a ticked box), and
its messages are put back on these fields. The fields handed on are the declared ones."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.fields.choices import SelectChoice

from ideaboard.ideas.models import Actor, Category, Stakeholder
from ideaboard.ideas.validation import IDEA_INPUT, STEP, STEP_LISTS

BLANK_STEPS_ON_NEW = 1


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class StepForm(Form):
    position = StringField(_l("Order"))
    description = StringField(_l("What happens"))
    actor = SelectField(
        _l("Who does it"),
        choices=[SelectChoice(a.value, a.title) for a in Actor],
        validate_choice=False,
    )
    work_minutes = StringField(_l("Work (min)"))
    wait_minutes = StringField(_l("Waiting (min)"))
    citizen_present = BooleanField(_l("Citizen must be present"))
    remove = BooleanField(_l("Remove"))

    def is_blank(self) -> bool:
        typed = (self.description.data, self.work_minutes.data, self.wait_minutes.data)
        return not any((value or "").strip() for value in typed)


class DeleteForm(FlaskForm):
    version = HiddenField()


class QuickIdeaForm(FlaskForm):
    title = StringField(_l("Title"))
    eh_moment = TextAreaField(_l("Your เอ๊ะ moment"))


class IdeaForm(FlaskForm):
    title = StringField(_l("Title"))
    eh_moment = TextAreaField(_l("Your เอ๊ะ moment"))
    process_name = StringField(_l("Process (กระบวนงาน)"))
    service = StringField(_l("Service it belongs to"))
    # a unit code; with JavaScript a searchable picker fills it (static/js/unit-picker.js)
    unit = StringField(_l("Unit that owns the process"))
    category = SelectField(
        _l("Category"),
        choices=[SelectChoice("", _l("— choose —"))]
        + [SelectChoice(c.value, c.title) for c in Category],
        validate_choice=False,
    )
    annual_volume = StringField(_l("Annual volume (cases per year)"))
    solution = TextAreaField(_l("Solution"))
    value = TextAreaField(_l("Value added"))
    stakeholders = MultiCheckboxField(
        _l("Who benefits"),
        choices=[SelectChoice(s.value, s.title) for s in Stakeholder],
        validate_choice=False,
    )
    stakeholders_other = StringField(_l("Others who benefit"))
    coauthors = StringField(_l("Co-authors (usernames, separated by commas)"))
    current_steps = FieldList(FormField(StepForm), min_entries=0)
    proposed_steps = FieldList(FormField(StepForm), min_entries=0)
    version = HiddenField()

    step_list_errors: dict[str, list] = {}

    def idea_data(self) -> dict:
        """The values to hand to the operations, blank and removed step rows left out."""
        data = {
            name: getattr(self, name).data for name in IDEA_INPUT.names if name not in STEP_LISTS
        }
        for name in STEP_LISTS:
            data[name] = [step for _, step in self.ordered_steps(name)]
        return data

    def ordered_steps(self, name: str) -> list[tuple[int, dict]]:
        """(row index, step data) in the order the user gave, skipping blank/removed rows."""
        rows = []
        for index, entry in enumerate(getattr(self, name)):
            if entry.form.remove.data or entry.form.is_blank():
                continue
            try:
                order = float(entry.form.position.data)
            except (TypeError, ValueError):
                order = float(index + 1)
            rows.append((order, index, entry.form))
        rows.sort(key=lambda row: (row[0], row[1]))
        return [
            (index, {name: getattr(form, name).data for name in STEP.names})
            for _, index, form in rows
        ]

    def show_errors(self, fields: dict) -> list[str]:
        """Put domain errors on the fields they belong to; return those with no field."""
        unplaced = []
        self.step_list_errors = {name: [] for name in STEP_LISTS}
        kept_rows = {name: [index for index, _ in self.ordered_steps(name)] for name in STEP_LISTS}
        for path, message in fields.items():
            head, *rest = path.split(".")
            if head in STEP_LISTS and len(rest) == 2 and rest[0].isdigit():
                rows = kept_rows[head]
                position = int(rest[0])
                if position < len(rows):
                    entry = getattr(self, head)[rows[position]].form
                    field = getattr(entry, rest[1], None)
                    if field is not None:
                        field.errors = [*field.errors, message]
                        continue
            if head in STEP_LISTS and not rest:
                self.step_list_errors[head].append(message)
                continue
            field = getattr(self, head, None) if not rest else None
            if field is not None and head in self._fields:
                field.errors = [*field.errors, message]
                continue
            unplaced.append(message)
        return unplaced


def blank_step_templates() -> dict[str, StepForm]:
    """Unbound step rows named ``<list>-__INDEX__-…``; the browser clones them to add a step."""
    return {name: StepForm(formdata=None, prefix=f"{name}-__INDEX__-") for name in STEP_LISTS}
