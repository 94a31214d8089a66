"""The form behind every stage button on an idea's page."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, MultipleFileField, StringField, TextAreaField


class TransitionForm(FlaskForm):
    action = HiddenField()
    version = HiddenField()
    note = TextAreaField(_l("Note"))
    steps_after = StringField(_l("Steps after the change (measured)"))
    minutes_after = StringField(_l("Minutes per case after the change (measured)"))
    cases_since = StringField(_l("Cases handled since the change"))
    evidence = TextAreaField(_l("Evidence"))
    evidence_files = MultipleFileField(_l("Evidence files (photos, PDF, office documents)"))
    into = StringField(_l("Merge into (the other idea's reference)"))

    def measured(self) -> dict:
        return {
            "steps_after": self.steps_after.data,
            "minutes_after": self.minutes_after.data,
            "cases_since": self.cases_since.data,
            "evidence": self.evidence.data,
        }

    def show_errors(self, fields: dict) -> list[str]:
        unplaced = []
        for path, message in fields.items():
            name = path.removeprefix("measured.").split(".")[0]  # evidence_files.2
            if name in self._fields and name not in ("action", "version", "csrf_token"):
                field = self._fields[name]
                field.errors = [*field.errors, message]
            else:
                unplaced.append(message)
        return unplaced
