"""Importing a roster through the operations: every row created, updated, unchanged or
rejected with its reasons; a dry run writes nothing; an apply is one transaction; the same
file twice changes nothing; the record of imports and the signal."""

from __future__ import annotations

from datetime import datetime

import pytest
from roster_files import ENGLISH_HEADER, PEOPLE, THAI_HEADER, csv_bytes, xlsx_bytes
from sqlalchemy import func, select

from ideaboard import signals
from ideaboard.admin.models import AuditEntry
from ideaboard.people.models import OrgUnit, User
from ideaboard.people.operations import authenticate, user_by_username
from ideaboard.roster import planning
from ideaboard.roster.models import ImportMode, ImportSource, RosterImport
from ideaboard.roster.operations import import_roster
from ideaboard.roster.reading import RosterFile, RosterFileError


@pytest.fixture
def admin(make_user):
    return make_user("admin1", unit="D1001", roles=["admin"], display_name="นายผู้ดูแล ระบบ")


def run(db, data: bytes, *, apply: bool, name: str = "บุคลากร.csv", by=None, **options):
    record, report = import_roster(
        RosterFile.from_bytes(data, name),
        apply=apply,
        by=by,
        source=ImportSource.CLI,
        **options,
    )
    db.session.commit()
    return record, report


def people_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def reasons_by_line(report) -> dict[int, list[str]]:
    return {row["line"]: [code for code, _ in row["reasons"]] for row in report.rejected_rows}


def test_a_dry_run_reports_and_writes_nobody(db, org):
    record, report = run(db, csv_bytes([THAI_HEADER, *PEOPLE]), apply=False)

    assert report.counts() == {
        "created": 4, "updated": 0, "unchanged": 0, "rejected": 0, "skipped": 0, "deactivated": 0,
    }  # fmt: skip
    assert people_count(db) == 0
    assert record.mode == ImportMode.DRY_RUN and record.created == 4
    assert [row["username"] for row in report.created_rows] == [p[0] for p in PEOPLE]


def test_apply_creates_people_who_cannot_log_in_until_given_a_password(db, org):
    record, report = run(db, csv_bytes([THAI_HEADER, *PEOPLE]), apply=True)

    assert report.created == 4 and record.mode == ImportMode.APPLIED
    wanida = user_by_username("wanida.s")
    assert (wanida.display_name, wanida.position, wanida.unit.code, wanida.email) == (
        "นางสาววนิดา แสงทอง", "เจ้าพนักงานธุรการปฏิบัติงาน", "D1001-REG", "wanida.s@bangkok.go.th",
    )  # fmt: skip
    assert (wanida.locale, wanida.active, wanida.roles, wanida.supervisions) == ("th", True, [], [])
    assert user_by_username("kanokwan.p").email == "Kanokwan.P@bangkok.go.th"
    assert user_by_username("somkiat.w").email is None
    assert not wanida.has_usable_password
    for attempt in ("", "!", "wanida.s", wanida.password_hash):
        assert authenticate("wanida.s", attempt) is None
    wanida.set_password("a-new-password-1")  # what an administrator's reset does
    assert authenticate("wanida.s", "a-new-password-1") is not None


def test_the_same_file_twice_changes_nothing(db, org):
    data = csv_bytes([THAI_HEADER, *PEOPLE])
    run(db, data, apply=True)
    stamps = dict(db.session.execute(select(User.username, User.updated_at)).all())

    _, report = run(db, data, apply=True)

    assert report.counts()["unchanged"] == 4
    assert report.created == report.updated == report.rejected == 0
    assert dict(db.session.execute(select(User.username, User.updated_at)).all()) == stamps


def test_changes_are_listed_before_and_after_and_empty_cells_keep_what_is_stored(
    db, org, make_user
):
    make_user(
        "wanida.s", display_name="น.ส.วนิดา แสงทอง", position="เจ้าหน้าที่", email="old@bangkok.go.th",
        unit="D1001-PWK", supervises=["D1001-PWK"], roles=["committee"],
    )  # fmt: skip
    data = csv_bytes([
        ENGLISH_HEADER + ["language", "active"],
        ["Wanida.S", "นางสาววนิดา แสงทอง", "", "D1001-REG", "", "en", ""],
    ])  # fmt: skip

    _, preview = run(db, data, apply=False)
    _, report = run(db, data, apply=True)

    assert preview.changed_rows == report.changed_rows == [{
        "line": 2, "username": "wanida.s", "changes": [
            ["display_name", "น.ส.วนิดา แสงทอง", "นางสาววนิดา แสงทอง"],
            ["unit", "D1001-PWK", "D1001-REG"],
            ["locale", "th", "en"],
        ],
    }]  # fmt: skip
    wanida = user_by_username("wanida.s")
    db.session.refresh(wanida)
    assert (wanida.position, wanida.email, wanida.unit.code, wanida.locale) == (
        "เจ้าหน้าที่", "old@bangkok.go.th", "D1001-REG", "en",
    )  # fmt: skip
    # roles, supervisions and the password are never a roster's business
    assert wanida.role_names == ["staff", "committee", "supervisor"]
    assert authenticate("wanida.s", "correct horse battery") is not None


def test_a_bad_row_never_stops_the_good_ones(db, org):
    rows = [
        THAI_HEADER,
        PEOPLE[0],
        ["somsri", "นางสมศรี มีสุข", "นักวิชาการ", "D9999", "somsri@bangkok.go.th"],  # 3
        ["dup.user", "นายซ้ำ หนึ่ง", "", "D1001-REG", ""],  # 4
        [],  # 5
        ["x", '=HYPERLINK("http://evil.example","คลิก")', "", "เขต", "no-at-sign"],  # 6
        ["DUP.USER ", "นายซ้ำ สอง", "", "D1001-PWK", ""],  # 7
        PEOPLE[1],  # 8
        ["nul.name", "นายสม\x00ชาย", "", "D1001-REG", ""],  # 9
        ["long.name", "ก" * 10_000, "", "D1001-REG", ""],  # 10
        ["", "", "", "", ""],  # 11
        ["xss.name", "<img src=x onerror=alert(1)>", "<b>หัวหน้า</b>", "D1001-REG", ""],  # 12
    ]

    _, report = run(db, csv_bytes(rows), apply=True)

    assert (report.rows, report.created, report.rejected, report.skipped) == (9, 3, 6, 2)
    assert reasons_by_line(report) == {
        3: ["unknown_unit"],
        4: ["duplicate"],
        6: ["formula", "bad_username", "bad_unit_code", "bad_email"],
        7: ["duplicate"],
        9: ["control_character"],
        10: ["too_long"],
    }
    duplicate = next(row for row in report.rejected_rows if row["line"] == 7)["reasons"][0]
    assert duplicate == ["duplicate", {"username": "dup.user", "lines": [4, 7]}]
    assert sorted(db.session.scalars(select(User.username))) == [
        "prasert.k", "wanida.s", "xss.name",
    ]  # fmt: skip
    assert user_by_username("xss.name").display_name == "<img src=x onerror=alert(1)>"
    assert not db.session.scalar(select(func.count()).where(User.display_name.startswith("=")))


def test_rows_in_a_closed_unit_are_rejected(db, org, monkeypatch):
    """Units cannot be closed on this branch yet (no ``OrgUnit.closed_at``): the lookup that
    will read the column is stood in for."""
    real = planning.unit_states

    def with_closed(codes):
        states = real(codes)
        return {
            code: planning.UnitState(state.id, closed=code == "D1001-PWK")
            for code, state in states.items()
        }

    monkeypatch.setattr(planning, "unit_states", with_closed)

    _, report = run(db, csv_bytes([THAI_HEADER, *PEOPLE[:2]]), apply=True)

    assert reasons_by_line(report) == {3: ["closed_unit"]}
    assert report.rejected_rows[0]["reasons"][0][1] == {"code": "D1001-PWK"}
    assert user_by_username("prasert.k") is None and user_by_username("wanida.s") is not None


@pytest.mark.skipif(
    not hasattr(OrgUnit, "closed_at"),
    reason="units cannot be closed on this branch (OrgUnit.closed_at arrives with the admin pages)",
)
def test_a_really_closed_unit_is_refused(db, org):
    from ideaboard.core.dates import utcnow

    db.session.execute(
        OrgUnit.__table__.update().where(OrgUnit.code == "D1001-PWK").values(closed_at=utcnow())
    )
    _, report = run(db, csv_bytes([THAI_HEADER, PEOPLE[1]]), apply=True)
    assert reasons_by_line(report) == {2: ["closed_unit"]}


def test_an_xlsx_roster_with_excel_dates_and_number_usernames(db, org):
    data = xlsx_bytes([
        ["รายชื่อข้าราชการ สำนักงานเขตพระนคร"],
        THAI_HEADER + ["วันบรรจุ", "สถานะ"],
        [5301234, "นายธนากร วงศ์สวัสดิ์", "เจ้าพนักงานปกครอง", "D1001-REG", None,
         datetime(2019, 10, 1), "ปฏิบัติงาน"],
        [datetime(2020, 1, 1), "นางสาวพิมพ์ชนก ศรีสุข", "", "D1001-REG", None, None, None],
        ["retired.one", "นายเกษียณ สุขใจ", "", "D1001-PWK", None, None, "เกษียณ"],
    ])  # fmt: skip

    _, report = run(db, data, name="roster.xlsx", apply=True)

    assert reasons_by_line(report) == {4: ["date_in_text"]}
    assert user_by_username("5301234").display_name == "นายธนากร วงศ์สวัสดิ์"
    assert user_by_username("retired.one").active is False


def test_a_header_without_a_required_column_imports_nothing(db, org):
    data = csv_bytes([["ชื่อผู้ใช้", "ชื่อ-สกุล", "ตำแหน่ง", "อีเมล"], PEOPLE[0][:3] + [""]])

    with pytest.raises(RosterFileError) as caught:
        run(db, data, apply=True)

    db.session.rollback()
    assert caught.value.params == {"missing": ["unit"], "line": 1}
    assert people_count(db) == 0
    assert db.session.scalar(select(func.count()).select_from(RosterImport)) == 0


def test_a_crash_part_way_leaves_nothing_half_imported(db, org, monkeypatch):
    rows = [ENGLISH_HEADER] + [
        [f"clerk{n:03d}", f"นายเสมียน ที่{n}", "", "D1001-REG", ""] for n in range(25)
    ]
    batches = []
    real = planning._Run.decide

    def crash_on_the_third_batch(self, candidates):
        batches.append(len(candidates))
        if len(batches) == 3:
            raise RuntimeError("the database server went away")
        return real(self, candidates)

    monkeypatch.setattr(planning, "BATCH", 10)
    monkeypatch.setattr(planning._Run, "decide", crash_on_the_third_batch)
    with pytest.raises(RuntimeError):
        import_roster(
            RosterFile.from_bytes(csv_bytes(rows), "x.csv"),
            apply=True, by=None, source=ImportSource.CLI,
        )  # fmt: skip
    assert people_count(db) == 20  # two batches written inside the transaction …
    db.session.rollback()  # … which the command line or the request rolls back

    assert batches == [10, 10, 5]
    assert people_count(db) == 0
    assert db.session.scalar(select(func.count()).select_from(RosterImport)) == 0


def test_deactivate_missing_spares_administrators_and_needs_every_username(
    db, org, make_user, admin
):
    make_user("wanida.s")
    make_user("left.last.year", display_name="นายลาออก ไปแล้ว")
    file = [THAI_HEADER, *PEOPLE]

    _, preview = run(db, csv_bytes(file), apply=False, deactivate_missing=True, by=admin)
    assert (preview.deactivated, preview.deactivated_users) == (1, ["left.last.year"])
    assert user_by_username("left.last.year").active

    _, blocked = run(
        db, csv_bytes(file + [["??", "นายไม่มี ชื่อผู้ใช้", "", "D1001", ""]]), apply=True,
        deactivate_missing=True,
    )  # fmt: skip
    assert (blocked.deactivated, blocked.deactivation_blocked) == (0, 1)
    assert user_by_username("left.last.year").active

    _, report = run(db, csv_bytes(file), apply=True, deactivate_missing=True)
    assert report.deactivated == 1
    assert not user_by_username("left.last.year").active
    assert user_by_username("admin1").active  # not in the file, but an administrator

    _, default = run(db, csv_bytes([THAI_HEADER, PEOPLE[0]]), apply=True)
    assert default.deactivated == 0 and user_by_username("prasert.k").active


def test_nobody_deactivates_themselves_or_the_last_administrator(db, org, make_user, admin):
    rows = [ENGLISH_HEADER + ["active"], ["admin1", "นายผู้ดูแล ระบบ", "", "D1001", "", "no"]]

    _, own = run(db, csv_bytes(rows), apply=True, by=admin)
    _, last = run(db, csv_bytes(rows), apply=True)

    assert reasons_by_line(own) == {2: ["deactivate_self"]}
    assert reasons_by_line(last) == {2: ["last_admin"]}
    make_user("admin2", roles=["admin"])
    _, allowed = run(db, csv_bytes(rows), apply=True)
    assert allowed.updated == 1 and not user_by_username("admin1").active


def test_an_applied_import_is_recorded_and_announced(db, org, admin):
    received = []

    def listener(sender, **extra):
        received.append((sender, extra))

    data = csv_bytes([THAI_HEADER, *PEOPLE, ["x", "", "", "", ""]])
    with signals.roster_imported.connected_to(listener):
        dry, _ = run(db, data, apply=False, by=admin)
        assert received == []
        record, report = run(db, data, apply=True, by=admin)

    [(sender, extra)] = received
    assert sender is record and extra["user"].username == "admin1" and extra["report"] is report
    stored = db.session.get(RosterImport, record.id)
    assert (stored.mode, stored.source, stored.by.username, stored.file_name) == (
        ImportMode.APPLIED, ImportSource.CLI, "admin1", "บุคลากร.csv",
    )  # fmt: skip
    assert (stored.rows, stored.created, stored.rejected, len(stored.sha256)) == (5, 4, 1, 64)
    assert stored.details["rejected_rows"][0]["line"] == 6
    assert dry.mode == ImportMode.DRY_RUN and dry.sha256 == stored.sha256
    # the administrators' audit log has the applied import (the dry run is not a change)
    [entry] = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "roster.import"))
    assert (entry.actor.username, entry.target_type, entry.target_id, entry.target_label) == (
        "admin1", "roster_import", record.id, "บุคลากร.csv",
    )  # fmt: skip
    assert entry.changes["created"] == {"before": None, "after": 4}
    assert entry.changes["rejected"] == {"before": None, "after": 1}


@pytest.mark.slow
def test_fifty_thousand_rows_in_one_go(db, org):
    """The largest office's roster: read once, looked up and written in batches. (Time and
    memory are measured by scripts/bench_roster.py, never asserted here.)"""
    from roster_files import big_roster

    data = big_roster(50_000, ["D1001-REG", "D1001-PWK", "MED-H02-MT-MICRO"])

    _, report = run(db, data, apply=True)

    assert (report.rows, report.created, report.rejected) == (50_000, 50_000, 0)
    assert people_count(db) == 50_000
    assert len(report.created_rows) == planning.KEEP  # the stored report stays small
    assert len(report.to_dict()["created_rows"]) == planning.KEEP
    assert user_by_username("staff049999").unit.code == "D1001-PWK"  # 49,999 % 3 == 1


@pytest.mark.parametrize("apply", [False, True], ids=["dry run", "apply"])
def test_only_an_administrator_imports_even_past_the_page(db, org, make_user, apply):
    """The operation itself refuses a non-administrator (the page's check is not the only
    one), and records nothing."""
    from ideaboard.core.errors import PermissionDenied

    supervisor = make_user("head1", unit="D1001", supervises=["D1001"])
    with pytest.raises(PermissionDenied):
        run(db, csv_bytes([THAI_HEADER, *PEOPLE]), apply=apply, by=supervisor)
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(RosterImport)) == 0
    assert user_by_username("wanida.s") is None
