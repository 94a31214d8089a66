"""The words of a roster report, translated when shown: a reason a row was refused, why a
file cannot be used, the names of the fields. Reports are stored as codes and values, so
the same report reads in Thai on one screen and in English on another.

Every message is built with ``gettext`` at the moment it is shown and returned as a plain
``str``: values from the file (a username, a header as typed) are escaped by the template
like any other text, never trusted as markup.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from ideaboard.roster.reading import COLUMN_NAMES, MAX_ROWS, REQUIRED

FIELD_LABELS = {
    "username": _l("Username"),
    "display_name": _l("Full name"),
    "position": _l("Position"),
    "unit": _l("Unit code"),
    "email": _l("E-mail"),
    "locale": _l("Language"),
    "active": _l("Active"),
}


def field_label(field: str) -> str:
    label = FIELD_LABELS.get(field)
    return str(label) if label is not None else field


def lines_text(lines: list[int]) -> str:
    shown = ", ".join(str(line) for line in lines[:10])
    return shown + (", …" if len(lines) > 10 else "")


REASONS = {
    "missing_value": lambda p: _("“%(column)s” is empty.", column=p["column"]),
    "formula": lambda p: _(
        "“%(column)s” starts with “%(start)s”, which a spreadsheet runs as a formula; "
        "type the value without it.",
        column=p["column"],
        start=p["start"],
    ),
    "control_character": lambda p: _(
        "“%(column)s” contains a control character (such as NUL) that cannot be stored.",
        column=p["column"],
    ),
    "too_long": lambda p: _(
        "“%(column)s” is %(length)s characters long; at most %(limit)s fit.",
        column=p["column"],
        length=f"{p['length']:,}",
        limit=p["limit"],
    ),
    "date_in_text": lambda p: _(
        "“%(column)s” holds a date; text was expected (are the columns shifted?).",
        column=p["column"],
    ),
    "not_text": lambda p: _(
        "“%(column)s” holds TRUE/FALSE; text was expected.", column=p["column"]
    ),
    "bad_username": lambda p: _(
        "The username “%(value)s” is not usable: 3–64 characters, lower-case letters, "
        "digits, dot, dash or underscore.",
        value=p["value"],
    ),
    "bad_unit_code": lambda p: _(
        "“%(value)s” is not a unit code (capital letters, digits and '-').", value=p["value"]
    ),
    "unknown_unit": lambda p: _("No unit has the code “%(code)s”.", code=p["code"]),
    "closed_unit": lambda p: _(
        "The unit “%(code)s” is closed; people cannot be placed in it.", code=p["code"]
    ),
    "bad_email": lambda p: _("“%(value)s” is not an e-mail address.", value=p["value"]),
    "bad_locale": lambda p: _(
        "Language “%(value)s” is not known: write th or en (ไทย or อังกฤษ).", value=p["value"]
    ),
    "bad_active": lambda p: _(
        "Active “%(value)s” is not known: write yes or no (ใช่ or ไม่ใช่, 1 or 0).",
        value=p["value"],
    ),
    "duplicate": lambda p: _(
        "The username “%(username)s” is on rows %(lines)s: one row per person; none of "
        "them is imported.",
        username=p["username"],
        lines=lines_text(p["lines"]),
    ),
    "deactivate_self": lambda p: _("You cannot deactivate your own account."),
    "last_admin": lambda p: _(
        "This is the last active administrator; deactivating them would leave nobody to "
        "manage Ideaboard."
    ),
}


def reason_text(code: str, params: dict) -> str:
    describe = REASONS.get(code)
    return describe(params) if describe else code


FILE_KINDS = {
    "pdf": _l("a PDF document"),
    "image": _l("an image"),
    "program": _l("a program"),
    "old_office": _l("an old Excel (.xls) or Office file: save it as .xlsx or CSV"),
    "zip": _l("a ZIP archive, not an Excel workbook"),
}

FILE_ERRORS = {
    "empty_file": lambda p: _("The file is empty."),
    "not_a_roster": lambda p: _(
        "This file is not a CSV file or an Excel workbook (.xlsx); its content looks like "
        "%(what)s.",
        what=FILE_KINDS.get(p["what"], p["what"]),
    ),
    "unreadable_xlsx": lambda p: _(
        "The Excel file cannot be read (damaged, protected, or too large once unpacked). "
        "Open it in Excel and save it again as .xlsx, or save it as CSV UTF-8."
    ),
    "encoding": lambda p: _(
        "The file's text is neither UTF-8 nor Thai TIS-620; save it as “CSV UTF-8” and try again."
    ),
    "broken_csv": lambda p: _(
        "The CSV file breaks off at row %(line)s (a quote that never closes, or a cell "
        "far too long).",
        line=p["line"],
    ),
    "no_header": lambda p: _(
        "No header row was found: the first row must name the columns (%(columns)s).",
        columns=", ".join(" / ".join(COLUMN_NAMES[field][:2]) for field in REQUIRED),
    ),
    "missing_columns": lambda p: ngettext(
        "The header on row %(line)s lacks the column %(columns)s; nothing was imported.",
        "The header on row %(line)s lacks the columns %(columns)s; nothing was imported.",
        len(p["missing"]),
        line=p["line"],
        columns=", ".join(
            f"{field_label(field)} ({' / '.join(COLUMN_NAMES[field][:2])})"
            for field in p["missing"]
        ),
    ),
    "duplicate_column": lambda p: _(
        "The header names the column “%(column)s” twice; keep one.", column=p["column"]
    ),
    "too_many_rows": lambda p: _(
        "The file has more than %(limit)s rows; split it into smaller files.",
        limit=f"{MAX_ROWS:,}",
    ),
    "too_large": lambda p: _("The file is larger than %(limit)s MB.", limit=p["limit"]),
}


def file_error_text(code: str, params: dict) -> str:
    describe = FILE_ERRORS.get(code)
    return describe(params) if describe else code


def value_text(field: str, value) -> str:
    """A stored or imported value as a report shows it."""
    if value is None or value == "":
        return _("(empty)")
    if field == "active":
        return _("yes") if value else _("no")
    if field == "locale":
        return _("Thai") if value == "th" else _("English")
    return str(value)
