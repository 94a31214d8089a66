"""Step diff marks: same, changed, merged, removed, new."""

from types import SimpleNamespace

from ideaboard.ideas.diff import step_diff


def step(description, actor="staff", work=5, wait=0, present=False):
    return SimpleNamespace(
        description=description,
        actor=actor,
        work_minutes=work,
        wait_minutes=wait,
        citizen_present=present,
    )


def marks(rows):
    return [(row.before_mark, row.after_mark) for row in rows]


def test_unchanged_and_changed_steps_keep_their_row():
    current = [step("ยื่นคำร้อง"), step("ตรวจเอกสาร", work=10)]
    proposed = [step("ยื่นคำร้อง"), step("ตรวจเอกสาร", work=4)]
    assert marks(step_diff(current, proposed)) == [("same", "same"), ("changed", "changed")]


def test_two_steps_replaced_by_one_are_merged():
    current = [
        step("รับบัตรคิว"),
        step("ยื่นคำร้องที่ช่อง 1"),
        step("ชำระค่าธรรมเนียมที่ช่อง 2"),
        step("รับเอกสาร"),
    ]
    proposed = [step("รับบัตรคิว"), step("ยื่นและชำระเงินผ่าน QR code จุดเดียว"), step("รับเอกสาร")]
    rows = step_diff(current, proposed)
    assert marks(rows) == [("same", "same"), ("merged", "merged"), ("same", "same")]
    assert len(rows[1].before) == 2


def test_dropped_and_added_steps():
    current = [step("ถ่ายสำเนาบัตรประชาชน"), step("ยื่นคำร้อง")]
    proposed = [step("ยื่นคำร้อง"), step("แจ้งผลทาง LINE OA")]
    assert marks(step_diff(current, proposed)) == [
        ("removed", None),
        ("same", "same"),
        (None, "new"),
    ]


def test_unrelated_replacement_shows_removed_beside_new():
    current = [step("A"), step("ส่งไปรษณีย์ลงทะเบียน"), step("Z")]
    proposed = [step("A"), step("ดาวน์โหลดจากเว็บไซต์"), step("Z")]
    rows = step_diff(current, proposed)
    assert marks(rows)[1] == ("removed", "new")


def test_empty_lists():
    assert step_diff([], []) == []
    assert marks(step_diff([], [step("ใหม่")])) == [(None, "new")]
