"""The admin pages' forms. They check shape only (CSRF, which button); every value is
cleaned by the declarations in ``admin.validation`` inside the operations, and their
messages are put back on these fields (``show_errors``)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice

from ideaboard.people.models import Role, UnitKind

LOCALE_CHOICES = [SelectChoice("th", "ไทย"), SelectChoice("en", "English")]


class AdminForm(FlaskForm):
    # an operation's field name → this form's, where the page needs another (unique ids)
    aliases: dict[str, str] = {}

    def show_errors(self, fields: dict) -> list[str]:
        """Put each message on its field; return the ones no field of this form shows."""
        unplaced = []
        for name, message in fields.items():
            field = self._fields.get(self.aliases.get(name, name))
            if field is not None and name != "csrf_token" and not isinstance(field, HiddenField):
                field.errors = [*field.errors, message]
            else:
                unplaced.append(message)
        return unplaced


class ProfileForm(AdminForm):
    display_name = StringField(_l("Full name (ชื่อ-สกุล)"))
    position = StringField(_l("Position"))
    email = StringField(_l("E-mail"))
    unit = StringField(_l("Unit (code)"))
    locale = SelectField(_l("Language"), choices=LOCALE_CHOICES, validate_choice=False)
    version = HiddenField()


class NewPersonForm(ProfileForm):
    username = StringField(_l("Username"))
    password = PasswordField(_l("Password"))
    confirm = PasswordField(_l("The same password again"))


class VersionForm(AdminForm):
    """A button on a person's page: deactivate, reactivate."""

    version = HiddenField()


class PasswordForm(AdminForm):
    password = PasswordField(_l("New password"))
    confirm = PasswordField(_l("The same password again"))
    version = HiddenField()


class RoleForm(AdminForm):
    role = SelectField(
        _l("Role"),
        choices=[SelectChoice(role.value, role.title) for role in Role],
        validate_choice=False,
    )
    version = HiddenField()


class SupervisionForm(AdminForm):
    aliases = {"unit": "supervised"}
    supervised = StringField(_l("Unit to supervise (code)"))
    version = HiddenField()


class UnitForm(AdminForm):
    code = StringField(_l("Code"))
    parent = StringField(_l("Under (code of the unit above)"))
    kind = SelectField(
        _l("Kind"),
        choices=[SelectChoice(kind.value, kind.title) for kind in UnitKind],
        validate_choice=False,
    )
    name_th = StringField(_l("Thai name"))
    name_en = StringField(_l("English name"))


class UnitNamesForm(AdminForm):
    name_th = StringField(_l("Thai name"))
    name_en = StringField(_l("English name"))


class MoveForm(AdminForm):
    parent = StringField(_l("Move under (code of the new unit above)"))


class ButtonForm(AdminForm):
    """A button with nothing to fill in (close, reopen): the CSRF token only."""
