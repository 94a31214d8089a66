"""Roster files as HR offices produce them, built in the tests: CSV in UTF-8 with a BOM and
CRLF (Excel's "CSV UTF-8"), TIS-620/cp874 from older Thai systems, XLSX with Excel dates
and number-typed cells. All names are invented."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import openpyxl

THAI_HEADER = ["ชื่อผู้ใช้", "ชื่อ-สกุล", "ตำแหน่ง", "รหัสหน่วยงาน", "อีเมล"]
ENGLISH_HEADER = ["username", "full_name", "position", "unit", "email"]

# the people of a small district-office roster (units of tests/fixtures/people.py)
PEOPLE = [
    ["wanida.s", "นางสาววนิดา แสงทอง", "เจ้าพนักงานธุรการปฏิบัติงาน", "D1001-REG", "wanida.s@bangkok.go.th"],
    ["prasert.k", "นายประเสริฐ กล้าหาญ", "นายช่างโยธาชำนาญงาน", "D1001-PWK", "prasert.k@bangkok.go.th"],
    ["kanokwan.p", "นางสาวกนกวรรณ พรหมมา", "นักเทคนิคการแพทย์ชำนาญการ", "MED-H02-MT-MICRO", "Kanokwan.P@Bangkok.GO.TH"],
    ["somkiat.w", "นายสมเกียรติ วงศ์ใหญ่ (IT)", "นักวิชาการคอมพิวเตอร์ปฏิบัติการ", "D1001", ""],
]  # fmt: skip


def csv_bytes(
    rows: list[list], *, encoding: str = "utf-8-sig", newline: str = "\r\n", delimiter=","
) -> bytes:
    text = io.StringIO()
    csv.writer(text, lineterminator=newline, delimiter=delimiter).writerows(rows)
    return text.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list], *, sheet_title: str = "บุคลากร") -> bytes:
    """A workbook whose first sheet holds ``rows``; datetimes become Excel dates, ints and
    floats Excel numbers, strings starting with "=" formulas (as Excel stores them)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = "dd/mm/yyyy"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def big_roster(count: int, units: list[str], *, start: int = 1) -> bytes:
    """``count`` people spread over ``units``, as a UTF-8 CSV with BOM and CRLF."""
    given = ("สมชาย", "วิภาวดี", "ณัฐพล", "กมลชนก", "ธนกร", "ปิยะนุช", "อนุชา", "จิราพร")
    family = ("ใจดี", "รักษ์ไทย", "ศรีสุข", "บุญมา", "แก้วประเสริฐ", "ทองดี", "วงศ์สวัสดิ์")
    rows = [ENGLISH_HEADER + ["language", "active"]]
    for number in range(start, start + count):
        rows.append([
            f"staff{number:06d}",
            f"{'นาย' if number % 2 else 'นางสาว'}{given[number % 8]} {family[number % 7]}",
            "เจ้าพนักงานธุรการปฏิบัติงาน",
            units[number % len(units)],
            f"staff{number:06d}@bangkok.go.th",
            "th",
            "ปฏิบัติงาน",
        ])  # fmt: skip
    return csv_bytes(rows)
