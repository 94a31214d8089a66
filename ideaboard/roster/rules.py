"""What one roster row must be, judged on the row alone (the database rules — units that
exist, people already there — are ``planning``'s).

Each problem is a ``Reason``: a message code and its values, translated when shown (the
page in the reader's language, the command line in the one asked for). A row with any
reason is rejected as a whole, with all of its reasons at once.

- username: trimmed, lower-case, Thai digits as Arabic; 3–64 letters, digits, ``.`` ``_``
  ``-`` (the accounts' own rule). A number-typed cell (XLSX) is read as its digits.
- display name and position: Thai normalised (``core.text.normalise``), runs of spaces and
  line breaks as one space.
- unit code: trimmed, upper-case.
- e-mail: one address, checked for shape; its domain lower-cased.
- language (th/en, ไทย/อังกฤษ) and active (yes/no, 1/0, ใช่/ไม่ใช่, ปฏิบัติงาน/พ้นสภาพ …)
  when the file has those columns.
- any cell starting with ``=`` ``+`` ``-`` ``@`` (or a tab or carriage return) is what a
  spreadsheet runs as a formula: the row is refused, so no formula is ever stored for a
  later export to run. A cell that is only ``-`` means "none" and counts as empty.
- control characters (NUL …) and values longer than their column refuse the row.
- an empty optional cell leaves what is stored as it is (it never erases).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from ideaboard.core.text import normalise
from ideaboard.people.operations import UNIT_CODE_PATTERN, USERNAME_PATTERN

Reason = tuple[str, dict]

LIMITS = {"username": 64, "display_name": 200, "position": 200, "unit": 40, "email": 254}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NONE_MARKS = {"-", "–", "—"}
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
SHOWN = 60  # characters of a refused value repeated in a message

LOCALES = {
    "th": "th", "thai": "th", "ไทย": "th", "ภาษาไทย": "th",
    "en": "en", "english": "en", "อังกฤษ": "en", "ภาษาอังกฤษ": "en",
}  # fmt: skip
ACTIVE = {
    **dict.fromkeys(("1", "y", "yes", "true", "active", "ใช่", "ปกติ", "ปฏิบัติงาน", "ทำงาน"), True),
    **dict.fromkeys(
        ("0", "n", "no", "false", "inactive", "ไม่ใช่", "ไม่ปฏิบัติงาน", "พ้นสภาพ", "ลาออก",
         "เกษียณ", "เกษียณอายุ", "ย้าย", "โอนย้าย"),
        False,
    ),
}  # fmt: skip

_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
EMAIL = re.compile(
    rf"^(?P<local>{_ATEXT}(?:\.{_ATEXT})*)@"
    r"(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})$"
)


@dataclass(slots=True)
class Candidate:
    """A row that passed the row rules. ``None`` in an optional field: the cell was empty
    (or the column is absent), so what is stored stays."""

    line: int
    username: str
    display_name: str
    position: str | None
    unit: str
    email: str | None
    locale: str | None
    active: bool | None


def shown(value: Any) -> str:
    """A cell as it may be repeated in a report: text, control characters made visible,
    cut to SHOWN characters."""
    text = _text(value) if not isinstance(value, str) else value
    text = CONTROL.sub("\ufffd", text.strip())
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def username_of(value: Any) -> str | None:
    """The username a cell names, or None when it cannot be one (for finding the same
    person twice in a file before the rows are judged)."""
    if isinstance(value, datetime | date | time | bool):
        return None
    text = _text(value).strip().lower().translate(THAI_DIGITS)
    return text if USERNAME_PATTERN.match(text) else None


def clean(line: int, record: dict[str, Any], labels: dict[str, str]) -> tuple[
    Candidate | None, list[Reason]
]:  # fmt: skip
    """The row's values cleaned, or None with every reason it is refused."""
    reasons: list[Reason] = []
    values: dict[str, str] = {}
    for field, raw in record.items():
        column = labels.get(field, field)
        if isinstance(raw, datetime | date | time):
            reasons.append(("date_in_text", {"column": column}))
            continue
        if isinstance(raw, bool) and field != "active":
            reasons.append(("not_text", {"column": column}))
            continue
        text = _text(raw).strip()
        if text in NONE_MARKS:
            text = ""
        if text.startswith(FORMULA_START):
            reasons.append(("formula", {"column": column, "start": text[0]}))
            continue
        if CONTROL.search(text):
            reasons.append(("control_character", {"column": column}))
            continue
        limit = LIMITS.get(field)
        if limit and len(text) > limit:
            reasons.append(("too_long", {"column": column, "length": len(text), "limit": limit}))
            continue
        values[field] = text

    def wanted(field: str) -> str | None:
        """The cleaned text of a required field, or None (reason given) when empty."""
        text = values.get(field)
        if text == "":
            reasons.append(("missing_value", {"column": labels.get(field, field)}))
            return None
        return text

    username = wanted("username")
    if username is not None:
        username = username.lower().translate(THAI_DIGITS)
        if not USERNAME_PATTERN.match(username):
            reasons.append(("bad_username", {"value": shown(username)}))
    display_name = wanted("display_name")
    if display_name is not None:
        display_name = _one_line(normalise(display_name))
    unit = wanted("unit")
    if unit is not None:
        unit = unit.upper()
        if not UNIT_CODE_PATTERN.match(unit):
            reasons.append(("bad_unit_code", {"value": shown(unit)}))
    position = values.get("position") or None
    if position is not None:
        position = _one_line(normalise(position))
    email = _email(values.get("email") or None, reasons)
    locale = _choice(values.get("locale"), LOCALES, "bad_locale", reasons)
    active = record.get("active")
    if not isinstance(active, bool):
        active = _choice(values.get("active"), ACTIVE, "bad_active", reasons)
    if reasons:
        return None, reasons
    return Candidate(line, username, display_name, position, unit, email, locale, active), []


def _text(value: Any) -> str:
    """A cell as text: numbers as typed (12345, not 12345.0), nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# control characters (Unicode category Cc) but tab, line feed and carriage return
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _email(text: str | None, reasons: list[Reason]) -> str | None:
    if text is None:
        return None
    match = EMAIL.match(text)
    if match is None or len(match.group("local")) > 64:
        reasons.append(("bad_email", {"value": shown(text)}))
        return None
    return f"{match.group('local')}@{match.group('domain').lower()}"


def _choice(text: str | None, choices: dict, code: str, reasons: list[Reason]):
    if not text:
        return None
    key = text.lower()
    if key not in choices:
        key = _one_line(normalise(key))
    if key not in choices:
        reasons.append((code, {"value": shown(text)}))
        return None
    return choices[key]
