"""What an administrator types, declared once (``core.schema``): the pages clean their forms
with these declarations, and their limits are the columns' lengths, so nothing too long,
blank or unstorable (NUL) ever reaches the database."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

from ideaboard.core.schema import Choice, Object, Text
from ideaboard.people.models import UnitKind

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_PASSWORD = 200  # the login form's limit
LOCALES = ("th", "en")

PROFILE = Object(
    "AdminProfileInput",
    {
        "display_name": Text(200, required=True, required_message=_l("Please enter a name.")),
        "position": Text(200),
        "email": Text(254, normalise=False),
        "unit": Text(40, required=True, normalise=False, description="unit code"),
        "locale": Choice(LOCALES, required=True, unknown=_l("Choose Thai or English.")),
    },
)
NEW_PERSON = PROFILE.extend("AdminPersonInput", username=Text(64, required=True, normalise=False))

UNIT_NAMES = Object(
    "AdminUnitNamesInput",
    {
        "name_th": Text(200, required=True, required_message=_l("Please enter the Thai name.")),
        "name_en": Text(200),
    },
)
NEW_UNIT = UNIT_NAMES.extend(
    "AdminUnitInput",
    code=Text(40, required=True, normalise=False),
    parent=Text(40, required=True, normalise=False),
    kind=Choice(UnitKind, required=True, unknown=_l("Unknown kind of unit.")),
)
PARENT = Object("AdminMoveInput", {"parent": Text(40, required=True, normalise=False)})
PASSWORD = Object(
    "AdminPasswordInput",
    {
        "password": Text(MAX_PASSWORD, strip=False, normalise=False),
        "confirm": Text(MAX_PASSWORD, strip=False, normalise=False),
    },
)
