"""Time and memory of a large roster import (prints, never asserts).

    .venv/bin/python scripts/bench_roster.py [--rows 50000] [--database-url URL] [--formats csv]

Builds a throw-away database (SQLite by default, or a new database on the PostgreSQL
server ``--database-url`` points at) with the demo organisation, writes a roster of
``--rows`` people over its sections as a UTF-8 CSV (BOM, CRLF) and as an XLSX, and times:
a dry run, the apply that creates everyone, the same file again (all unchanged), a file
that changes every position, and the browser's upload (preview) and confirmation (apply)
through the WSGI app. The peak Python memory of a dry run is measured separately
(tracemalloc slows what it watches), and the process's maximum resident size last.
"""

from __future__ import annotations

import argparse
import csv
import io
import resource
import tempfile
import time
import tracemalloc

import openpyxl
from bench import throwaway_database
from flask_migrate import upgrade
from sqlalchemy import select, text

from ideaboard import create_app
from ideaboard.demo.seed import seed
from ideaboard.extensions import db
from ideaboard.people.models import OrgUnit
from ideaboard.roster.models import ImportSource
from ideaboard.roster.operations import import_roster
from ideaboard.roster.reading import RosterFile

HEADER = ["ชื่อผู้ใช้", "ชื่อ-สกุล", "ตำแหน่ง", "รหัสหน่วยงาน", "อีเมล", "ภาษา", "สถานะ"]
GIVEN = ("สมชาย", "วิภาวดี", "ณัฐพล", "กมลชนก", "ธนกร", "ปิยะนุช", "อนุชา", "จิราพร", "ศุภชัย")
FAMILY = ("ใจดี", "รักษ์ไทย", "ศรีสุข", "บุญมา", "แก้วประเสริฐ", "ทองดี", "วงศ์สวัสดิ์", "มีสุข")
POSITIONS = ("เจ้าพนักงานธุรการปฏิบัติงาน", "นักจัดการงานทั่วไปชำนาญการ", "พยาบาลวิชาชีพปฏิบัติการ")


def roster_rows(count: int, units: list[str], position_shift: int = 0) -> list[list]:
    rows = [HEADER]
    for n in range(1, count + 1):
        rows.append([
            f"hr{n:06d}",
            f"{'นาย' if n % 2 else 'นางสาว'}{GIVEN[n % len(GIVEN)]} {FAMILY[n % len(FAMILY)]}",
            POSITIONS[(n + position_shift) % len(POSITIONS)],
            units[n % len(units)],
            f"hr{n:06d}@bangkok.go.th",
            "th",
            "ปฏิบัติงาน",
        ])  # fmt: skip
    return rows


def as_csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def as_xlsx(rows: list[list]) -> bytes:
    """As Excel saves one: shared strings, and the sheet's size at its top (openpyxl's
    write-only mode leaves the size out, and reading such a file costs a whole extra
    parse of the sheet before the first row)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "บุคลากร"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed(label: str, data: bytes, name: str, *, apply: bool) -> None:
    started = time.perf_counter()
    _, report = import_roster(
        RosterFile.from_bytes(data, name), apply=apply, by=None, source=ImportSource.CLI
    )
    db.session.commit()
    seconds = time.perf_counter() - started
    counts = ", ".join(f"{k} {v:,}" for k, v in report.counts().items() if v)
    print(f"  {label:<38}{seconds:8.2f} s   {report.rows / seconds:9,.0f} rows/s   ({counts})")


def peak_memory(data: bytes, name: str) -> float:
    tracemalloc.start()
    import_roster(RosterFile.from_bytes(data, name), apply=False, by=None, source=ImportSource.CLI)
    db.session.rollback()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--database-url")
    parser.add_argument("--formats", default="csv,xlsx", help="csv, xlsx or both (csv,xlsx)")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as tmp,
        throwaway_database(args.database_url, tmp) as url,
    ):
        app = create_app({
            "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False, "ROSTER_UPLOAD_DIR": tmp,
        })  # fmt: skip
        with app.app_context():
            upgrade()
            seed()
            db.session.commit()
            units = list(db.session.scalars(select(OrgUnit.code).where(OrgUnit.kind == "section")))
            rows = roster_rows(args.rows, units)
            formats = args.formats.split(",")
            files = {"csv": as_csv(rows)}
            if "xlsx" in formats:
                files["xlsx"] = as_xlsx(rows)
            changed = as_csv(roster_rows(args.rows, units, position_shift=1))
            print(
                f"{args.rows:,} people over {len(units)} sections, {url.split(':')[0]}; "
                + ", ".join(
                    f"{kind.upper()} {len(data) / 1e6:.1f} MB" for kind, data in files.items()
                )
            )
            for kind, data in files.items():
                if kind not in formats:
                    continue
                print(f"{kind.upper()}:")
                name = f"roster.{kind}"
                timed("dry run (all new)", data, name, apply=False)
                timed("apply (creates everyone)", data, name, apply=True)
                timed("same file again, dry run", data, name, apply=False)
                timed("same file again, apply (unchanged)", data, name, apply=True)
                if kind == "csv":
                    timed("every position changed, apply", changed, name, apply=True)
                    print(f"  peak Python memory of a dry run (tracemalloc): "
                          f"{peak_memory(data, name):.1f} MB")  # fmt: skip
                db.session.execute(text("DELETE FROM roster_imports"))
                db.session.execute(text("DELETE FROM users WHERE username LIKE 'hr%'"))
                db.session.commit()
        browser(app, files["csv"])
        with app.app_context():
            db.engine.dispose()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process maximum resident size: {rss:.0f} MB")


def browser(app, data: bytes) -> None:
    client = app.test_client()
    client.post("/login", data={"username": "admin", "password": "demo-password"})
    started = time.perf_counter()
    response = client.post(
        "/admin/roster/", data={"roster": (io.BytesIO(data), "roster.csv")},
        content_type="multipart/form-data",
    )  # fmt: skip
    upload = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    report = response.headers["Location"]
    started = time.perf_counter()
    page = client.get(report)
    shown = time.perf_counter() - started
    started = time.perf_counter()
    applied = client.post(report + "/apply")
    apply = time.perf_counter() - started
    assert applied.status_code == 302 and page.status_code == 200
    print(
        f"browser: upload + dry run {upload:.2f} s, report page {shown * 1000:.0f} ms "
        f"({len(page.data) / 1e3:.0f} kB), confirm + apply {apply:.2f} s"
    )


if __name__ == "__main__":
    main()
