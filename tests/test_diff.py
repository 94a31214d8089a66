"""The step diff: steps paired by their best match and marked same, changed, merged, removed
or new; rows in the proposed order, removed steps after their previous neighbour."""

import itertools
import random
from types import SimpleNamespace

import lxml.html
import pytest
from fixtures.ideas import steps as step_dicts

from ideaboard.ideas.diff import _max_assignment, step_diff


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


def layout(rows, current, proposed):
    """Each row as (current step numbers, mark(s), proposed step number), numbers 1-based."""

    def number(found, steps):
        return next(n for n, s in enumerate(steps, 1) if s is found)

    shown = []
    for row in rows:
        before = tuple(number(s, current) for s in row.before)
        after = number(row.after, proposed) if row.after is not None else None
        assert row.before_numbers == before and row.after_number == after
        shown.append((before, "/".join(row.marks), after))
    return shown


def texts(rows):
    return [
        ([s.description for s in row.before], row.after.description if row.after else None)
        for row in rows
    ]


# == Realistic rewrites: reworded and moved steps are found ===================================

# A registration office (งานทะเบียนราษฎร): the example a new user hit. Today's step 4 is the
# proposed step 2, reworded; today's 2 and 5 live on in steps 1 and 3.
REGISTRY_TODAY = [
    step("ประชาชนกดบัตรคิวและรอเรียกที่ช่องงานทะเบียน", "citizen", 1, 25, True),
    step("ยื่นคำร้องพร้อมสำเนาทะเบียนบ้านที่ช่อง 2", "citizen", 5, 10, True),
    step("เจ้าหน้าที่ถ่ายสำเนาบัตรประชาชนและกรอกแบบ ท.ร.14", "staff", 6, 0, False),
    step("นายทะเบียนตรวจฐานข้อมูลทะเบียนราษฎรและลงนาม", "staff", 5, 30, False),
    step("ประชาชนรอรับเอกสารที่ช่อง 5", "citizen", 2, 15, True),
]
REGISTRY_PROPOSED = [
    step("ประชาชนยื่นคำร้องออนไลน์พร้อมแนบสำเนาทะเบียนบ้าน", "citizen", 8, 0, False),
    step("นายทะเบียนตรวจฐานข้อมูลและลงนามอิเล็กทรอนิกส์", "staff", 3, 0, False),
    step("ส่งเอกสารให้ประชาชนทางอีเมล", "staff", 1, 0, False),
]


def test_a_registrar_step_reworded_and_moved_up_is_changed_not_removed():
    rows = step_diff(REGISTRY_TODAY, REGISTRY_PROPOSED)
    assert layout(rows, REGISTRY_TODAY, REGISTRY_PROPOSED) == [
        ((1,), "removed", None),  # the queue is gone
        ((2,), "changed", 1),
        ((3,), "removed", None),  # no more photocopies; placed after today's step 2
        ((4,), "changed", 2),  # นายทะเบียนตรวจฐานข้อมูล… : the same step, reworded
        ((5,), "changed", 3),
    ]
    assert rows[3].before == (REGISTRY_TODAY[3],) and rows[3].after is REGISTRY_PROPOSED[1]


def test_steps_that_swap_places_are_still_paired_and_shown_in_the_proposed_order():
    proposed = [REGISTRY_PROPOSED[1], REGISTRY_PROPOSED[0], REGISTRY_PROPOSED[2]]
    rows = step_diff(REGISTRY_TODAY, proposed)
    assert layout(rows, REGISTRY_TODAY, proposed) == [
        ((1,), "removed", None),  # it was the first step: it stays on top
        ((4,), "changed", 1),  # the signature now comes first …
        ((2,), "changed", 2),  # … and the application after it
        ((3,), "removed", None),  # right after its previous neighbour, today's step 2
        ((5,), "changed", 3),
    ]


# A hospital laboratory: the order for a blood test goes through the HIS, blood is drawn at
# the clinic, and payment moves to the end (paid once with the medicine).
LAB_TODAY = [
    step("ผู้ป่วยยื่นบัตรและรอเรียกชื่อที่แผนกเวชระเบียน", "citizen", 2, 30, True),
    step("แพทย์ตรวจและเขียนใบสั่งตรวจเลือดด้วยมือ", "staff", 10, 0, True),
    step("ผู้ป่วยถือใบสั่งไปชำระเงินที่ห้องการเงิน", "citizen", 3, 20, True),
    step("ผู้ป่วยไปเจาะเลือดที่ห้องปฏิบัติการ (Lab) ชั้น 2", "citizen", 5, 40, True),
    step("ผู้ป่วยรอผลเลือด 2 ชั่วโมงแล้วกลับไปพบแพทย์", "citizen", 0, 120, True),
]
LAB_PROPOSED = [
    step("แพทย์สั่งตรวจเลือดผ่านระบบ HIS", "staff", 3, 0, True),
    step("เจาะเลือดที่จุดบริการหน้าห้องตรวจ", "staff", 5, 10, True),
    step("ผู้ป่วยชำระเงินครั้งเดียวตอนรับยา", "citizen", 3, 5, True),
]


def test_a_hospital_lab_rewrite_finds_the_moved_payment():
    rows = step_diff(LAB_TODAY, LAB_PROPOSED)
    assert layout(rows, LAB_TODAY, LAB_PROPOSED) == [
        ((1,), "removed", None),
        ((2,), "changed", 1),
        ((4,), "changed", 2),
        ((5,), "removed", None),  # after today's step 4, its previous neighbour
        ((3,), "changed", 3),  # payment moved from before the blood test to the end
    ]


def test_two_current_steps_best_matching_one_proposed_step_are_merged():
    current = [
        step("ผู้ป่วยชำระค่าตรวจเลือดที่ห้องการเงิน", "citizen", 3, 15, True),
        step("ผู้ป่วยรับยาที่ห้องจ่ายยา", "citizen", 2, 30, True),
        step("ผู้ป่วยชำระค่ายาที่ห้องการเงิน", "citizen", 3, 15, True),
    ]
    proposed = [
        step("ผู้ป่วยชำระค่าตรวจเลือดและค่ายาครั้งเดียวผ่าน QR code", "citizen", 2, 0, True),
        step("ผู้ป่วยรับยาที่ห้องจ่ายยา", "citizen", 2, 30, True),
    ]
    rows = step_diff(current, proposed)
    # Step 3 resembles the kept step "รับยา" more than the payment, but a step kept word for
    # word is that step: the two payments are what became one.
    assert layout(rows, current, proposed) == [((1, 3), "merged", 1), ((2,), "same", 2)]
    assert rows[0].before == (current[0], current[2])


def test_steps_replaced_in_place_by_one_step_are_merged_even_without_shared_words():
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


def test_a_step_split_in_two_pairs_once_and_the_other_half_is_new():
    current = [step("เจ้าหน้าที่ตรวจสอบเอกสารและถ่ายสำเนาบัตรประชาชน")]
    proposed = [step("เจ้าหน้าที่ตรวจสอบเอกสาร"), step("เจ้าหน้าที่ถ่ายสำเนาบัตรประชาชน")]
    rows = step_diff(current, proposed)
    # No mark says "split": the closer half (the longer shared text) is the step changed.
    assert layout(rows, current, proposed) == [((), "new", 1), ((1,), "changed", 2)]


# == Order only ==============================================================================


def test_a_pure_reorder_pairs_every_step_with_itself_and_marks_the_move():
    current = [
        step("ประชาชนกดบัตรคิว", "citizen", 1, 20, True),
        step("ชำระค่าธรรมเนียม 20 บาท", "citizen", 2, 5, True),
        step("เจ้าหน้าที่ตรวจสอบเอกสาร", "staff", 5, 0, False),
        step("รับใบอนุญาต", "citizen", 1, 5, True),
    ]
    proposed = [current[0], current[2], current[1], current[3]]  # pay after the check
    rows = step_diff(current, proposed)
    assert texts(rows) == [([s.description], s.description) for s in proposed]
    assert layout(rows, current, proposed) == [
        ((1,), "same", 1),
        ((3,), "changed", 2),  # moved ahead of a step that stayed: its place changed
        ((2,), "same", 3),
        ((4,), "same", 4),
    ]


def test_identical_lists_are_all_the_same_however_the_thai_was_typed():
    current = [
        step("ประชาชนยื่นสำเนาทะเบียนบ้าน", "citizen", 5, 10, True),
        step("เจ้าหน้าที่ตรวจสอบ  ก่อนลงนาม", "staff", 5, 0, False),
    ]
    proposed = [
        step("ประชาชนยื่นส\u0e4d\u0e32เนาทะเบียนบ้าน", "citizen", 5, 10, True),  # ส + ◌ํ + า
        step("เจ้าหน้าที่ตรวจสอบ ก\u0e48\u0e48อนลงนาม", "staff", 5, 0, False),  # ◌่ typed twice
    ]
    assert proposed[0].description != current[0].description
    rows = step_diff(current, proposed)
    assert layout(rows, current, proposed) == [((1,), "same", 1), ((2,), "same", 2)]


def test_the_same_text_with_other_minutes_or_actor_is_changed():
    current = [step("ตรวจสอบเอกสาร", work=10), step("ส่งเรื่องให้ฝ่ายโยธา", actor="staff")]
    proposed = [step("ตรวจสอบเอกสาร", work=4), step("ส่งเรื่องให้ฝ่ายโยธา", actor="other_unit")]
    rows = step_diff(current, proposed)
    assert layout(rows, current, proposed) == [((1,), "changed", 1), ((2,), "changed", 2)]


def test_english_mixed_in_pairs_whatever_its_case_and_hyphens():
    current = [
        step("กรอกแบบฟอร์มกระดาษ", "citizen", 15, 0, True),
        step("ส่ง email แจ้งผลการพิจารณา", "staff", 5, 0, False),
        step("ประชาชนมารับใบอนุญาตที่สำนักงานเขต", "citizen", 2, 30, True),
    ]
    proposed = [
        step("แจ้งผลการพิจารณาทาง E-mail และ LINE OA", "staff", 2, 0, False),
        step("กรอกแบบฟอร์มออนไลน์บน e-Service", "citizen", 10, 0, False),
    ]
    rows = step_diff(current, proposed)
    assert layout(rows, current, proposed) == [
        ((2,), "changed", 1),  # "email" and "E-mail" are one word
        ((3,), "removed", None),  # after its previous neighbour, today's step 2
        ((1,), "changed", 2),
    ]


# == Nothing to pair ========================================================================


def test_unrelated_steps_never_pair():
    current = [step("ถ่ายสำเนาบัตรประชาชน"), step("ยื่นคำร้อง")]
    proposed = [step("ยื่นคำร้อง"), step("แจ้งผลทาง LINE OA")]
    assert marks(step_diff(current, proposed)) == [
        ("removed", None),
        ("same", "same"),
        (None, "new"),
    ]


def test_an_unrelated_step_in_the_same_place_shows_removed_beside_new():
    current = [step("รับบัตรคิว"), step("ส่งไปรษณีย์ลงทะเบียน"), step("รับเอกสาร")]
    proposed = [step("รับบัตรคิว"), step("ดาวน์โหลดจากเว็บไซต์"), step("รับเอกสาร")]
    rows = step_diff(current, proposed)
    assert layout(rows, current, proposed) == [
        ((1,), "same", 1),
        ((2,), "removed/new", 2),
        ((3,), "same", 3),
    ]


def test_empty_sides():
    assert step_diff([], []) == []
    new = [step("ยื่นคำร้องออนไลน์"), step("รับผลทาง SMS")]
    assert layout(step_diff([], new), [], new) == [((), "new", 1), ((), "new", 2)]
    old = [step("กรอกแบบฟอร์ม"), step("ถ่ายสำเนา")]
    assert layout(step_diff(old, []), old, []) == [
        ((1,), "removed", None),
        ((2,), "removed", None),
    ]


# == Size ===================================================================================


def test_fifty_steps_against_fifty_reversed_and_reworded():
    verbs = ["ตรวจสอบ", "บันทึก", "ส่งต่อ", "อนุมัติ", "สแกน"]
    things = [
        "คำร้อง",
        "สำเนาทะเบียนบ้าน",
        "ใบเสร็จรับเงิน",
        "แบบแปลน",
        "เอกสารแนบ",
        "ใบอนุญาต",
        "บัตรประชาชน",
        "ผลเลือด",
        "หนังสือมอบอำนาจ",
        "โฉนดที่ดิน",
    ]
    current = [step(f"เจ้าหน้าที่{verb}{thing}") for verb in verbs for thing in things]
    proposed = [step(f"{s.description}ผ่านระบบ e-Service") for s in reversed(current)]
    rows = step_diff(current, proposed)
    assert len(rows) == 50
    for row in rows:
        assert row.marks == ["changed"]
        assert row.after.description == row.before[0].description + "ผ่านระบบ e-Service"


def test_the_assignment_is_optimal():
    draw = random.Random(2569)
    for _ in range(300):
        n = draw.randint(1, 5)
        m = draw.randint(n, 6)
        weight = [[draw.choice([0.0, draw.random()]) for _ in range(m)] for _ in range(n)]
        chosen = _max_assignment(weight)
        assert len(set(chosen.values())) == len(chosen)
        best = max(
            sum(weight[i][cols[i]] for i in range(n))
            for cols in itertools.permutations(range(m), n)
        )
        assert sum(weight[i][j] for i, j in chosen.items()) == pytest.approx(best)


# == Shapes for the page and the API ========================================================


def test_a_row_as_the_api_diff_item():
    rows = step_diff(LAB_TODAY, LAB_PROPOSED)

    def brief(s):
        return {"description": s.description, "work_minutes": s.work_minutes}

    assert [row.as_dict(brief) for row in rows[:2]] == [
        {
            "before": [brief(LAB_TODAY[0])],
            "before_mark": "removed",
            "after": None,
            "after_mark": None,
        },
        {
            "before": [brief(LAB_TODAY[1])],
            "before_mark": "changed",
            "after": brief(LAB_PROPOSED[0]),
            "after_mark": "changed",
        },
    ]
    assert step_diff([], [LAB_PROPOSED[0]])[0].as_dict(brief) == {
        "before": [],
        "before_mark": None,
        "after": brief(LAB_PROPOSED[0]),
        "after_mark": "new",
    }


def test_the_idea_page_numbers_each_step_in_its_own_list(login, make_idea):
    def as_dicts(specs):
        return step_dicts(
            *[
                (s.description, s.actor, s.work_minutes, s.wait_minutes, s.citizen_present)
                for s in specs
            ]
        )

    idea = make_idea(
        current_steps=as_dicts(REGISTRY_TODAY), proposed_steps=as_dicts(REGISTRY_PROPOSED)
    )
    page = login("staff1").get(f"/ideas/{idea.ref}")
    assert page.status_code == 200
    doc = lxml.html.fromstring(page.get_data(as_text=True))
    shown = [
        [
            " ".join(cell.xpath("string(.//*[@class='step-head'])").split())
            for cell in tr.xpath("./td")
        ]
        for tr in doc.xpath("//table[@class='diff']/tbody/tr")
    ]
    assert shown[3] == [
        "4. นายทะเบียนตรวจฐานข้อมูลทะเบียนราษฎรและลงนาม",
        "2. นายทะเบียนตรวจฐานข้อมูลและลงนามอิเล็กทรอนิกส์",
    ]
    assert shown[2] == ["3. เจ้าหน้าที่ถ่ายสำเนาบัตรประชาชนและกรอกแบบ ท.ร.14", ""]
