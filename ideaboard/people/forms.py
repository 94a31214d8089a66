"""Login form (the field names are a stable interface: username, password, csrf_token)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):
    username = StringField(
        _l("Username"),
        validators=[
            DataRequired(_l("Please enter your username.")),
            Length(max=64, message=_l("A username has at most 64 characters.")),
        ],
    )
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(_l("Please enter your password.")),
            Length(max=200, message=_l("A password has at most 200 characters.")),
        ],
    )
    remember = BooleanField(_l("Keep me logged in on this device"))


class PasswordForm(FlaskForm):
    """Change one's own password; the operation checks what the fields mean."""

    current_password = PasswordField(
        _l("Current password"),
        validators=[Length(max=200, message=_l("A password has at most 200 characters."))],
    )
    new_password = PasswordField(_l("New password"))
    new_password_again = PasswordField(_l("New password again"))


class TokenForm(FlaskForm):
    name = StringField(_l("Name of the new token"))


class RevokeTokenForm(FlaskForm):
    """The revoke button: its CSRF token only (the token's id is in the address)."""
