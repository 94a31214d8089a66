"""One roster row on its own: values cleaned, or refused with every reason at once."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ideaboard.roster.rules import Candidate, clean, shown, username_of

LABELS = {
    "username": "ชื่อผู้ใช้",
    "display_name": "ชื่อ-สกุล",
    "position": "ตำแหน่ง",
    "unit": "รหัสหน่วยงาน",
    "email": "อีเมล",
    "locale": "ภาษา",
    "active": "สถานะ",
}
GOOD = {
    "username": "wanida.s",
    "display_name": "นางสาววนิดา แสงทอง",
    "position": "เจ้าพนักงานธุรการปฏิบัติงาน",
    "unit": "D1001-REG",
    "email": "wanida.s@bangkok.go.th",
}


def judged(**changes):
    return clean(7, {**GOOD, **changes}, LABELS)


def test_a_good_row_is_cleaned():
    candidate, reasons = judged(
        username="  Wanida.S ",
        display_name="นางสาววนิดา   แสงทอง\n",
        unit=" d1001-reg ",
        email="Wanida.S@Bangkok.GO.TH",
        locale="ไทย",
        active="ปฏิบัติงาน",
    )

    assert reasons == []
    assert candidate == Candidate(
        7, "wanida.s", "นางสาววนิดา แสงทอง", "เจ้าพนักงานธุรการปฏิบัติงาน", "D1001-REG",
        "Wanida.S@bangkok.go.th", "th", True,
    )  # fmt: skip


def test_thai_typed_two_ways_is_stored_one_way():
    candidate, _ = judged(display_name="นางสาวสุดา ส\u0e4d\u0e32ราญ", position="ที่่ปรึกษา")
    assert candidate.display_name == "นางสาวสุดา สำราญ"
    assert candidate.position == "ที่ปรึกษา"


def test_empty_optional_cells_keep_what_is_stored():
    candidate, reasons = judged(position="", email="-", locale="", active=None)
    assert reasons == []
    assert (candidate.position, candidate.email, candidate.locale, candidate.active) == (
        None, None, None, None,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "code", "params"),
    [
        ({"username": ""}, "missing_value", {"column": "ชื่อผู้ใช้"}),
        ({"display_name": "  "}, "missing_value", {"column": "ชื่อ-สกุล"}),
        ({"unit": "-"}, "missing_value", {"column": "รหัสหน่วยงาน"}),
        ({"username": "ab"}, "bad_username", {"value": "ab"}),
        ({"username": "สมชาย"}, "bad_username", {"value": "สมชาย"}),
        ({"username": "som chai"}, "bad_username", {"value": "som chai"}),
        ({"unit": "เขตพระนคร"}, "bad_unit_code", {"value": "เขตพระนคร"}),
        ({"email": "wanida at bangkok.go.th"}, "bad_email", {"value": "wanida at bangkok.go.th"}),
        ({"email": "a@b.go.th; c@d.go.th"}, "bad_email", {"value": "a@b.go.th; c@d.go.th"}),
        ({"email": "วนิดา@กทม.ไทย"}, "bad_email", {"value": "วนิดา@กทม.ไทย"}),
        ({"locale": "ญี่ปุ่น"}, "bad_locale", {"value": "ญี่ปุ่น"}),
        ({"active": "บางที"}, "bad_active", {"value": "บางที"}),
        ({"display_name": '=HYPERLINK("http://evil.example","คลิก")'}, "formula",
         {"column": "ชื่อ-สกุล", "start": "="}),
        ({"position": "+66 2 224 1234"}, "formula", {"column": "ตำแหน่ง", "start": "+"}),
        ({"email": "@SUM(1+1)"}, "formula", {"column": "อีเมล", "start": "@"}),
        ({"username": "-cmd|' /C calc'!A0"}, "formula", {"column": "ชื่อผู้ใช้", "start": "-"}),
        ({"display_name": "\t=1+1"}, "formula", {"column": "ชื่อ-สกุล", "start": "="}),
        ({"display_name": "นายสม\x00ชาย"}, "control_character", {"column": "ชื่อ-สกุล"}),
        ({"position": "ก" * 10_000}, "too_long",
         {"column": "ตำแหน่ง", "length": 10_000, "limit": 200}),
        ({"username": datetime(2024, 5, 1)}, "date_in_text", {"column": "ชื่อผู้ใช้"}),
        ({"position": date(2024, 5, 1)}, "date_in_text", {"column": "ตำแหน่ง"}),
        ({"display_name": True}, "not_text", {"column": "ชื่อ-สกุล"}),
    ],
)  # fmt: skip
def test_a_refused_row_says_why(changes, code, params):
    candidate, reasons = judged(**changes)
    assert candidate is None
    assert reasons == [(code, params)]


def test_every_reason_of_a_row_is_given_at_once():
    _, reasons = judged(username="x", unit="?", email="nope", display_name="=1+1")
    assert [code for code, _ in reasons] == [
        "formula",
        "bad_username",
        "bad_unit_code",
        "bad_email",
    ]


def test_markup_in_a_name_is_kept_as_text():
    candidate, reasons = judged(display_name="<img src=x onerror=alert(1)> นายสมชาย")
    assert reasons == []
    assert candidate.display_name == "<img src=x onerror=alert(1)> นายสมชาย"


@pytest.mark.parametrize(
    ("cell", "username"),
    [
        (5301234, "5301234"),  # a number-typed XLSX cell
        (5301234.0, "5301234"),
        ("๕๓๐๑๒๓๔", "5301234"),  # Thai digits
        (" Somchai.J ", "somchai.j"),
        ("x", None),
        (datetime(2024, 1, 1), None),
        (None, None),
    ],
)
def test_the_username_a_cell_names(cell, username):
    assert username_of(cell) == username


def test_number_typed_and_boolean_cells():
    candidate, reasons = judged(username=5301234, active=False, locale="EN")
    assert reasons == []
    assert (candidate.username, candidate.active, candidate.locale) == ("5301234", False, "en")


def test_a_repeated_value_is_cut_and_its_control_characters_shown():
    assert shown("ก" * 100) == "ก" * 59 + "…"
    assert shown("a\x00b") == "a\ufffdb"
    assert shown(5301234) == "5301234"
