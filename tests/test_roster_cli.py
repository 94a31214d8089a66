"""flask --app app ideaboard import-roster FILE: imports, --dry-run only reports (SPEC §8); the report's
summary and rejected rows; the exit status says whether rows were rejected."""

from __future__ import annotations

import pytest
from roster_files import ENGLISH_HEADER, PEOPLE, THAI_HEADER, csv_bytes, xlsx_bytes
from sqlalchemy import func, select

from ideaboard.people.models import User
from ideaboard.people.operations import user_by_username
from ideaboard.roster.models import ImportMode, ImportSource, RosterImport


@pytest.fixture
def roster_file(tmp_path):
    def write(data: bytes, name: str = "บุคลากร.csv"):
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)

    return write


def invoke(app, *args):
    return app.test_cli_runner().invoke(args=["ideaboard", "import-roster", *args])


def people(db) -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def test_a_dry_run_by_default_then_apply_then_nothing_left_to_do(app, org, db, roster_file):
    path = roster_file(csv_bytes([THAI_HEADER, *PEOPLE]))

    dry = invoke(app, path, "--dry-run", "--lang", "en")
    assert dry.exit_code == 0, dry.output
    assert "Dry run of บุคลากร.csv" in dry.output and "nothing was written" in dry.output
    assert "4 rows: 4 created, 0 updated, 0 unchanged, 0 rejected; 0 blank rows skipped." in (
        dry.output
    )
    assert "Run again without --dry-run to import." in dry.output
    assert people(db) == 0

    applied = invoke(app, path, "--lang", "en", "--verbose")
    assert applied.exit_code == 0, applied.output
    assert "Imported บุคลากร.csv" in applied.output
    assert "2: wanida.s นางสาววนิดา แสงทอง (D1001-REG)" in applied.output
    assert people(db) == 4
    # the record keeps the report's rows (capped), the command line printed them all
    stored = db.session.scalars(select(RosterImport.details)).all()[-1]
    assert len(stored["created_rows"]) == 4 and stored["keep"] == 500

    again = invoke(app, path, "--lang", "en")
    assert "4 rows: 0 created, 0 updated, 4 unchanged, 0 rejected" in again.output
    records = db.session.execute(select(RosterImport.mode, RosterImport.source)).all()
    assert records == [
        (ImportMode.DRY_RUN, ImportSource.CLI),
        (ImportMode.APPLIED, ImportSource.CLI),
        (ImportMode.APPLIED, ImportSource.CLI),
    ]


def test_rejected_rows_are_listed_and_the_exit_status_is_3(app, org, db, roster_file):
    path = roster_file(
        csv_bytes([
            ENGLISH_HEADER,
            PEOPLE[0],
            ["somsri", "นางสมศรี มีสุข", "นักวิชาการ", "D9999", ""],
            ["formula", "@SUM(A1:A9)", "", "D1001", ""],
            PEOPLE[1],
        ])
    )  # fmt: skip

    result = invoke(app, path, "--lang", "en")

    assert result.exit_code == 3
    assert "row 3 (somsri): No unit has the code “D9999”." in result.output
    assert "row 4 (formula): “full_name” starts with “@”" in result.output
    assert people(db) == 2  # the good rows were imported


def test_changes_are_printed_before_and_after_in_thai(app, org, db, roster_file, make_user):
    make_user("wanida.s", display_name="น.ส.วนิดา แสงทอง")
    path = roster_file(csv_bytes([THAI_HEADER, PEOPLE[0]]))

    result = invoke(app, path, "--dry-run")

    assert result.exit_code == 0
    assert "ทดลองตรวจไฟล์ บุคลากร.csv" in result.output
    assert "แถว 2 wanida.s: ชื่อ-สกุล น.ส.วนิดา แสงทอง → นางสาววนิดา แสงทอง" in result.output
    assert "สั่งอีกครั้งโดยไม่ใส่ --dry-run เพื่อนำเข้า" in result.output


def test_an_unusable_file_imports_nothing_and_says_why(app, org, db, roster_file):
    path = roster_file(csv_bytes([["ชื่อผู้ใช้", "ชื่อ-สกุล"], ["a.b", "นายเอ บี"]]))

    result = invoke(app, path, "--lang", "en")

    assert result.exit_code == 1
    assert "lacks the columns Position (position / ตำแหน่ง)" in result.output
    assert people(db) == 0
    assert db.session.scalar(select(func.count()).select_from(RosterImport)) == 0


def test_an_xlsx_file_and_deactivate_missing(app, org, db, roster_file, make_user):
    make_user("left.in.2568", display_name="นายลาออก แล้ว")
    path = roster_file(
        xlsx_bytes([THAI_HEADER, *[[cell or None for cell in row] for row in PEOPLE]]),
        "บุคลากร.xlsx",
    )

    dry = invoke(app, path, "--deactivate-missing", "--dry-run", "--lang", "en", "--verbose")
    assert "Deactivated (not in the file): 1." in dry.output and "  - left.in.2568" in dry.output
    assert user_by_username("left.in.2568").active

    applied = invoke(app, path, "--deactivate-missing", "--lang", "en")
    assert applied.exit_code == 0, applied.output
    db.session.expire_all()
    assert not user_by_username("left.in.2568").active
    assert user_by_username("kanokwan.p").unit.code == "MED-H02-MT-MICRO"
