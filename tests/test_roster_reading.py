"""Reading roster files: what the bytes are (never the name), their encoding, the header
in Thai or English, and every way a file can be unusable (a clear message, nothing read)."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pytest
from roster_files import ENGLISH_HEADER, PEOPLE, THAI_HEADER, csv_bytes, xlsx_bytes

from ideaboard.roster import reading
from ideaboard.roster.reading import CSV, XLSX, RosterFile, RosterFileError


def records(data: bytes, name: str = "roster.csv") -> list[tuple[int, dict]]:
    roster = RosterFile.from_bytes(data, name)
    return list(roster.records(roster.layout()))


def file_error(data: bytes, name: str = "roster.csv") -> RosterFileError:
    with pytest.raises(RosterFileError) as caught:
        records(data, name)
    return caught.value


@pytest.mark.parametrize(
    ("encoding", "newline", "expected"),
    [
        ("utf-8-sig", "\r\n", "utf-8-sig"),  # Excel's "CSV UTF-8"
        ("utf-8", "\n", "utf-8"),
        ("cp874", "\r\n", "cp874"),  # TIS-620 from older Thai systems
        ("utf-16", "\r\n", "utf-16"),  # Excel's "Unicode text"
    ],
)
def test_csv_in_every_encoding_thai_offices_produce(encoding, newline, expected):
    data = csv_bytes([THAI_HEADER, *PEOPLE], encoding=encoding, newline=newline)

    roster = RosterFile.from_bytes(data, "บุคลากร.csv")
    rows = list(roster.records(roster.layout()))

    assert (roster.kind, roster.encoding) == (CSV, expected)
    assert [line for line, _ in rows] == [2, 3, 4, 5]
    assert rows[0][1]["display_name"] == "นางสาววนิดา แสงทอง"
    assert rows[1][1]["username"] == "prasert.k"
    assert roster.layout().labels["display_name"] == "ชื่อ-สกุล"  # BOM not part of a header


def test_semicolon_and_tab_separated_files_are_read_too():
    for delimiter in (";", "\t"):
        rows = records(csv_bytes([ENGLISH_HEADER, PEOPLE[0]], delimiter=delimiter))
        assert rows[0][1]["unit"] == "D1001-REG"


def test_headers_in_any_order_and_spelling_and_a_title_row_above():
    data = csv_bytes([
        ["รายชื่อบุคลากร สำนักงานเขตพระนคร ณ 1 ต.ค. 2568"],
        [],
        ["อีเมล์", "ตำแหน่ง", "วันบรรจุ", "Unit Code", "ชื่อ - สกุล", "User Name"],
        ["a@b.go.th", "นักวิชาการ", "1/10/2568", "D1001-REG", "นายเอ บี", "somchai"],
    ])  # fmt: skip

    [(line, record)] = records(data)

    assert line == 4
    assert record == {
        "email": "a@b.go.th",
        "position": "นักวิชาการ",
        "unit": "D1001-REG",
        "display_name": "นายเอ บี",
        "username": "somchai",
    }


def test_blank_rows_are_kept_as_blank_with_their_row_numbers():
    data = csv_bytes([ENGLISH_HEADER, PEOPLE[0], [], ["", " ", "", "", ""], PEOPLE[1]])

    assert [(line, bool(record)) for line, record in records(data)] == [
        (2, True), (3, False), (4, False), (5, True),
    ]  # fmt: skip


def test_xlsx_with_excel_dates_and_a_number_typed_username():
    data = xlsx_bytes([
        THAI_HEADER + ["วันบรรจุ"],
        [5301234, "นายธนากร วงศ์สวัสดิ์", "เจ้าพนักงานปกครอง", "D1001-REG", "t@bangkok.go.th",
         datetime(2019, 10, 1)],
        [None, None, None, None, None, None],
        ["wanida.s", "นางสาววนิดา แสงทอง", 3.0, "D1001-REG", None, datetime(2020, 5, 1)],
    ])  # fmt: skip

    roster = RosterFile.from_bytes(data, "roster.xlsx")
    rows = list(roster.records(roster.layout()))

    assert roster.kind == XLSX and roster.encoding is None
    assert rows[0] == (2, {
        "username": 5301234, "display_name": "นายธนากร วงศ์สวัสดิ์",
        "position": "เจ้าพนักงานปกครอง", "unit": "D1001-REG", "email": "t@bangkok.go.th",
    })  # fmt: skip
    assert rows[1] == (3, {})
    assert rows[2][0] == 4 and rows[2][1]["position"] == 3


def test_an_xlsx_formula_is_read_as_the_formula_never_its_value():
    data = xlsx_bytes(
        [ENGLISH_HEADER, ["x.y", '=HYPERLINK("http://evil.example","คลิก")', "", "D1001-REG", ""]]
    )

    [(_, record)] = records(data, "roster.xlsx")

    assert record["display_name"].startswith("=HYPERLINK(")


def test_the_file_name_does_not_decide_what_a_file_is():
    xlsx = xlsx_bytes([ENGLISH_HEADER, PEOPLE[0]])
    assert RosterFile.from_bytes(xlsx, "roster.csv").kind == XLSX
    assert RosterFile.from_bytes(csv_bytes([ENGLISH_HEADER]), "roster.xlsx").kind == CSV


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 roster", "not_a_roster"),
        (b"\x89PNG\r\n\x1a\n....", "not_a_roster"),
        (b"MZ\x90\x00\x03 an executable renamed .csv", "not_a_roster"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old excel", "not_a_roster"),
        (b"PK\x03\x04 not really a zip", "unreadable_xlsx"),
        (b"username,\xdb\xdc\xdd\xde" * 50, "encoding"),  # neither UTF-8 nor TIS-620
        ("ชื่อผู้ใช้,ชื่อ-สกุล\nsomchai,นายสมชาย\n".encode(), "missing_columns"),
        ("รายชื่อ\nไม่มีหัวตาราง\n".encode(), "no_header"),
        (csv_bytes([ENGLISH_HEADER + ["อีเมล"], PEOPLE[0]]), "duplicate_column"),
        (b'username,full_name,position,unit,email\n"never closed,x\n', "broken_csv"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(data, code):
    assert file_error(data).code == code


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("roster.csv", "username,full_name\n")
    error = file_error(buffer.getvalue(), "roster.xlsx")
    assert (error.code, error.params) == ("not_a_roster", {"what": "zip"})


def test_a_missing_column_names_what_is_missing_and_where_the_header_is():
    data = csv_bytes([["ชื่อผู้ใช้", "ชื่อ-สกุล", "ตำแหน่ง"], ["somchai", "นายสมชาย", "นักวิชาการ"]])

    error = file_error(data)

    assert error.params == {"missing": ["unit", "email"], "line": 1}


def test_more_rows_than_the_limit_are_refused(monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 3)
    data = csv_bytes(
        [ENGLISH_HEADER] + [[f"user{n}", "นายทดสอบ", "", "D1001", ""] for n in range(4)]
    )

    assert file_error(data).params == {"limit": 3}


def test_a_workbook_that_unpacks_to_too_much_is_refused(monkeypatch):
    monkeypatch.setattr(reading, "MAX_UNPACKED", 1000)

    assert file_error(xlsx_bytes([ENGLISH_HEADER, PEOPLE[0]]), "roster.xlsx").code == (
        "unreadable_xlsx"
    )


def test_the_sha256_and_size_are_of_the_bytes():
    import hashlib

    data = csv_bytes([ENGLISH_HEADER, PEOPLE[0]])
    roster = RosterFile.from_bytes(data, "x.csv")
    assert (roster.sha256, roster.size) == (hashlib.sha256(data).hexdigest(), len(data))
