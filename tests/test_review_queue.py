"""Who reviews a submitted idea, and the supervisor's review queue (issue 7).

The organisation is the slice of the real tree in tests/fixtures/people.py:
กรุงเทพมหานคร (BMA) → สำนักงานเขตพระนคร (D1001) → ฝ่ายทะเบียน (D1001-REG), ฝ่ายโยธา (D1001-PWK);
BMA → สำนักการแพทย์ (MED) → โรงพยาบาลตากสิน (MED-H02) → กลุ่มงานเทคนิคการแพทย์ (MED-H02-MT)
→ งานจุลชีววิทยา (MED-H02-MT-MICRO). supervisor1 supervises ฝ่ายทะเบียน, director the whole
district office; nobody supervises the medical side unless a case says so.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from fixtures.ideas import FULL_IDEA

from ideaboard.core.dates import utcnow
from ideaboard.extensions import db as _db
from ideaboard.ideas.models import Idea
from ideaboard.ideas.operations import create_idea, update_idea
from ideaboard.people.operations import user_by_username
from ideaboard.workflow.operations import transition
from ideaboard.workflow.queue import (
    merged_changes,
    queue_count,
    review_queue,
    unreviewable_ideas,
)

SUPERVISORS = ("supervisor1", "director")

# (case, extra people {username: (unit, supervises, active)}, the idea, who is responsible)
# fmt: off
RULES = [
    ("its unit's supervisor", {},
     {"author": "staff1"}, {"supervisor1"}),
    ("a sub-unit two levels down", {"chief": ("MED-H02", ["MED-H02"], True)},
     {"author": "outsider", "unit": "MED-H02-MT-MICRO"}, {"chief"}),
    ("no supervisor in its unit: the unit above", {},
     {"author": "staff3", "unit": "D1001-PWK"}, {"director"}),
    ("an inactive supervisor is skipped", {"pwk_head": ("D1001-PWK", ["D1001-PWK"], False)},
     {"author": "staff3", "unit": "D1001-PWK"}, {"director"}),
    ("an active supervisor of the unit is not", {"pwk_head": ("D1001-PWK", ["D1001-PWK"], True)},
     {"author": "staff3", "unit": "D1001-PWK"}, {"pwk_head"}),
    ("a supervisor's own idea goes up", {},
     {"author": "supervisor1", "unit": "D1001-REG"}, {"director"}),
    ("co-authored by the supervisor: up", {},
     {"author": "staff1", "coauthors": ["supervisor1"]}, {"director"}),
    ("two supervisors of the unit: both", {"deputy": ("D1001-REG", ["D1001-REG"], True)},
     {"author": "staff1"}, {"supervisor1", "deputy"}),
    ("one of the two wrote it: the other", {"deputy": ("D1001-REG", ["D1001-REG"], True)},
     {"author": "deputy", "unit": "D1001-REG"}, {"supervisor1"}),
    ("supervising two levels: the nearer", {"both": ("D1001", ["D1001", "D1001-PWK"], True)},
     {"author": "staff3", "unit": "D1001-PWK"}, {"both"}),
    ("nobody up the tree", {},
     {"author": "outsider", "unit": "MED-H02-MT-MICRO"}, set()),
    ("the top supervisor's own idea", {},
     {"author": "director", "unit": "D1001"}, set()),
    ("its only supervisor inactive, none above", {"lab_head": ("MED-H02-MT", ["MED-H02-MT"], False)},
     {"author": "outsider", "unit": "MED-H02-MT-MICRO"}, set()),
]
# fmt: on


def submitted(author: str, *, at=None, **fields) -> Idea:
    """A complete idea of ``author`` submitted at ``at`` (default: now), in the test's
    context."""
    idea = create_idea(user_by_username(author), {**FULL_IDEA, **fields})
    transition(idea, user_by_username(author), "submit", version=idea.version, now=at)
    _db.session.commit()
    return idea


def refs(page) -> list[str]:
    return [item.idea.ref for item in page.items]


@pytest.mark.parametrize(
    ("extra", "idea_fields", "responsible"),
    [pytest.param(extra, fields, who, id=case) for case, extra, fields, who in RULES],
)
def test_who_reviews_a_submitted_idea(people, make_user, db, extra, idea_fields, responsible):
    for username, (unit, supervises, active) in extra.items():
        make_user(username, unit=unit, supervises=supervises)
        user_by_username(username).active = active  # an account the admin deactivated
    db.session.commit()
    idea = submitted(**idea_fields, title="ขอคัดสำเนาทะเบียนบ้านผ่าน QR code ใน 15 นาที")

    assert {user.username for user in idea.reviewers} == responsible
    supervisors = {*SUPERVISORS, *(name for name, spec in extra.items() if spec[1])}
    for username in supervisors:
        user = user_by_username(username)
        waiting = refs(review_queue(user))
        assert (idea.ref in waiting) == (username in responsible), username
        assert queue_count(user) == len(waiting)
    nobody = unreviewable_ideas()
    assert (idea.ref in refs(nobody)) == (not responsible)
    assert nobody.count == (0 if responsible else 1)


def test_authority_stays_wider_than_responsibility(people, db):
    """The district head is not responsible for ฝ่ายทะเบียน's idea but may still decide it."""
    idea = submitted("staff1")
    director = user_by_username("director")
    assert [user.username for user in idea.reviewers] == ["supervisor1"]
    assert idea.can_review(director) and idea.ref not in refs(review_queue(director))


@pytest.mark.parametrize(
    "stage", ["draft", "returned", "approved", "declined", "piloting", "implemented"]
)
def test_only_submitted_ideas_wait(make_idea, db, stage):
    make_idea(author="staff1", stage=stage, title=f"เอ๊ะ ขั้นตอน {stage} ไม่ต้องรอใคร")
    supervisor1 = user_by_username("supervisor1")
    assert review_queue(supervisor1).items == []
    assert queue_count(supervisor1) == 0
    assert unreviewable_ideas().count == 0


def test_other_units_ideas_are_not_in_the_queue(people, db):
    submitted("staff3", unit="D1001-PWK", title="ฝ่ายโยธา: ตรวจแบบแปลนออนไลน์")
    submitted("outsider", unit="MED-H02-MT-MICRO", title="ส่งผลเพาะเชื้อทาง LINE")
    assert review_queue(user_by_username("supervisor1")).items == []


def test_a_withdrawn_idea_leaves_the_queue(people, db):
    idea = submitted("staff1")
    supervisor1 = user_by_username("supervisor1")
    assert refs(review_queue(supervisor1)) == [idea.ref]
    transition(idea, user_by_username("staff1"), "withdraw", version=idea.version)
    _db.session.commit()
    assert queue_count(supervisor1) == 0


def test_oldest_waiting_first_with_age_in_days(people, db):
    now = utcnow()
    recent = submitted("staff1", at=now, title="ลดการถ่ายสำเนาบัตร 2 ชุด")
    oldest = submitted("staff2", at=now - timedelta(days=12), title="นัดคิวล่วงหน้าผ่าน BMA OSS")
    middle = submitted("staff1", at=now - timedelta(days=5), title="ใช้ลายมือชื่ออิเล็กทรอนิกส์")

    page = review_queue(user_by_username("supervisor1"))

    assert refs(page) == [oldest.ref, middle.ref, recent.ref]
    assert [item.waiting_days for item in page.items] == [12, 5, 0]
    assert page.count == 3 and page.next_cursor is None


def test_a_resubmission_waits_from_its_resubmission(people, db):
    now = utcnow()
    supervisor1, staff1 = user_by_username("supervisor1"), user_by_username("staff1")
    again = submitted("staff1", at=now - timedelta(days=20), title="รวมช่องรับเรื่องเป็นช่องเดียว")
    transition(
        again, supervisor1, "return", version=again.version, note="ขอสถิติคิว",
        now=now - timedelta(days=15),
    )  # fmt: skip
    transition(again, staff1, "submit", version=again.version, now=now - timedelta(days=1))
    waiting = submitted("staff2", at=now - timedelta(days=3), title="ส่งเอกสารทางอีเมล")
    _db.session.commit()

    page = review_queue(supervisor1)

    assert refs(page) == [waiting.ref, again.ref]
    assert [item.waiting_days for item in page.items] == [3, 1]
    assert [item.resubmitted for item in page.items] == [False, True]


def test_a_resubmission_shows_what_changed_since_it_was_returned(people, db):
    supervisor1, staff1 = user_by_username("supervisor1"), user_by_username("staff1")
    idea = submitted("staff1", title="ขอสำเนาทะเบียนบ้านในจุดเดียว")
    transition(idea, supervisor1, "return", version=idea.version, note="ขอเวลารอจริงจากระบบคิว")
    update_idea(idea, staff1, {"title": "ขอสำเนาทะเบียนบ้านในจุดเดียว ไม่ต้องรอ 3 ช่อง"}, idea.version)
    steps = [*FULL_IDEA["proposed_steps"][:2]]  # the third step is dropped
    update_idea(idea, staff1, {"annual_volume": 15000, "proposed_steps": steps}, idea.version)
    update_idea(idea, staff1, {"annual_volume": 12000}, idea.version)  # back where it was
    transition(idea, staff1, "submit", version=idea.version)
    _db.session.commit()

    [item] = review_queue(supervisor1).items

    assert item.resubmitted
    assert item.returned.note == "ขอเวลารอจริงจากระบบคิว"
    assert item.returned.actor.username == "supervisor1"
    assert [(c["field"], c["change"]) for c in item.changes] == [
        ("title", "changed"),
        ("proposed_steps", "removed"),
    ]
    assert item.changes[0]["before"] == "ขอสำเนาทะเบียนบ้านในจุดเดียว"
    assert item.changes[0]["after"] == "ขอสำเนาทะเบียนบ้านในจุดเดียว ไม่ต้องรอ 3 ช่อง"


def test_only_the_changes_since_the_last_return_count(people, db):
    supervisor1, staff1 = user_by_username("supervisor1"), user_by_username("staff1")
    idea = submitted("staff1", title="ตรวจเอกสารครั้งเดียว")
    for round_, title in enumerate(("ตรวจเอกสารครั้งเดียว (รอบ 2)", "ตรวจเอกสารครั้งเดียว (รอบ 3)")):
        transition(idea, supervisor1, "return", version=idea.version, note=f"แก้ครั้งที่ {round_ + 1}")
        update_idea(idea, staff1, {"title": title}, idea.version)
        transition(idea, staff1, "submit", version=idea.version)
    _db.session.commit()

    [item] = review_queue(supervisor1).items

    assert item.returned.note == "แก้ครั้งที่ 2"
    assert [(c["before"], c["after"]) for c in item.changes] == [
        ("ตรวจเอกสารครั้งเดียว (รอบ 2)", "ตรวจเอกสารครั้งเดียว (รอบ 3)")
    ]


def test_a_resubmission_without_changes_says_so(people, db):
    supervisor1, staff1 = user_by_username("supervisor1"), user_by_username("staff1")
    idea = submitted("staff1")
    transition(idea, supervisor1, "return", version=idea.version, note="ยืนยันตัวเลขอีกครั้ง")
    transition(idea, staff1, "submit", version=idea.version)
    _db.session.commit()
    [item] = review_queue(supervisor1).items
    assert item.resubmitted and item.changes == []


def test_the_queue_comes_a_page_at_a_time(people, db):
    now = utcnow()
    ideas = [
        submitted("staff1", at=now - timedelta(days=10 - n), title=f"เอ๊ะ ข้อที่ {n + 1}")
        for n in range(5)
    ]
    supervisor1 = user_by_username("supervisor1")
    first = review_queue(supervisor1, limit=2)
    assert refs(first) == [ideas[0].ref, ideas[1].ref] and first.count == 5
    from ideaboard.workflow.queue import read_page_args

    limit, after = read_page_args({"limit": "2", "cursor": first.next_cursor})
    second = review_queue(supervisor1, limit=limit, after=after)
    assert refs(second) == [ideas[2].ref, ideas[3].ref]
    _, after = read_page_args({"cursor": second.next_cursor})
    last = review_queue(supervisor1, after=after)
    assert refs(last) == [ideas[4].ref] and last.next_cursor is None


def test_a_new_supervisor_takes_over_at_once(people, make_user, db):
    """Nothing is stored about who reviews: naming a supervisor moves the idea (no stale
    assignment to repair)."""
    idea = submitted("staff3", unit="D1001-PWK", title="ขออนุญาตก่อสร้างออนไลน์")
    assert [u.username for u in idea.reviewers] == ["director"]
    make_user("pwk_head", unit="D1001-PWK", supervises=["D1001-PWK"])
    _db.session.expire_all()
    assert [u.username for u in _db.session.get(Idea, idea.id).reviewers] == ["pwk_head"]
    assert queue_count(user_by_username("director")) == 0


def test_field_changes_merge_and_step_changes_stay():
    class Edit:
        def __init__(self, *changes):
            self.changes = list(changes)

    edits = [
        Edit({"field": "title", "change": "changed", "before": "ก", "after": "ข", "step": None}),
        Edit(
            {"field": "title", "change": "changed", "before": "ข", "after": "ค", "step": None},
            {"field": "current_steps", "change": "added", "before": None, "after": {}, "step": 2},
        ),
        Edit({"field": "service", "change": "changed", "before": "x", "after": "y", "step": None}),
        Edit({"field": "service", "change": "changed", "before": "y", "after": "x", "step": None}),
    ]
    merged = merged_changes(edits)
    assert [(c["field"], c["before"], c["after"]) for c in merged] == [
        ("title", "ก", "ค"),
        ("current_steps", None, {}),
    ]
