"""The idea page: who may see it, the step diff, and the stage buttons a supervisor
presses to approve, return, decline and record the measured result.
"""

from __future__ import annotations

import pytest
from fixtures.ideas import FULL_IDEA, steps
from pages import (
    diff_marks,
    flashes,
    impact,
    location,
    saved,
    text,
    tree,
)

pytestmark = pytest.mark.usefixtures("people")  # staff1..3, supervisor1, director, outsider


# == The idea page and its step diff =============================================


def test_a_draft_is_seen_only_by_its_team(make_idea, browser):
    ref = make_idea(author="staff1", coauthors=["staff3"]).ref
    assert browser("staff2").get(f"/ideas/{ref}").status_code == 404
    assert browser("supervisor1").get(f"/ideas/{ref}").status_code == 404
    assert browser("staff3").get(f"/ideas/{ref}").status_code == 200
    assert browser("staff1").get(f"/ideas/{ref}").status_code == 200


def test_a_submitted_idea_is_seen_by_every_colleague(make_idea, browser):
    ref = make_idea(author="staff1", stage="submitted").ref
    response = browser("outsider").get(f"/ideas/{ref}")
    assert response.status_code == 200
    assert tree(response).xpath("//h1")[0].text_content() == FULL_IDEA["title"]


def test_an_unknown_reference_is_404(login, people):
    assert login("staff1").get("/ideas/IDEA-2569-99999").status_code == 404


def test_the_step_diff_marks_same_changed_removed_merged_and_new(login, make_idea):
    current = steps(
        ("ประชาชนรับบัตรคิว", "citizen", 1, 20, True),  # kept as it is
        ("กรอกแบบฟอร์ม ทร.100 ด้วยลายมือ", "citizen", 10, 0, True),  # dropped
        ("ยื่นคำร้องที่ช่อง 1", "citizen", 5, 10, True),  # kept, shorter wait
        ("ถ่ายสำเนาบัตรประชาชน", "staff", 3, 0, False),  # these two …
        ("ตรวจสอบเอกสารกับต้นฉบับ", "staff", 10, 0, False),  # … become one
        ("รับเอกสารที่ช่อง 3", "citizen", 2, 10, True),  # kept as it is
    )
    proposed = steps(
        ("ประชาชนรับบัตรคิว", "citizen", 1, 20, True),
        ("ยื่นคำร้องที่ช่อง 1", "citizen", 5, 0, True),
        ("อ่านชิป smart card แล้ว verify อัตโนมัติ", "staff", 2, 0, False),
        ("รับเอกสารที่ช่อง 3", "citizen", 2, 10, True),
        ("แจ้งผลผ่าน SMS", "staff", 0, 0, False),  # brand new
    )
    ref = make_idea(current_steps=current, proposed_steps=proposed).ref
    response = login("staff1").get(f"/ideas/{ref}")
    assert response.status_code == 200
    doc = tree(response)
    assert diff_marks(doc) == [
        "mark-same", "mark-removed", "mark-changed", "mark-merged", "mark-same", "mark-new",
    ]  # fmt: skip
    rows = doc.xpath("//table[@class='diff']/tbody/tr")
    merged_left = rows[3].xpath("./td")[0].text_content()
    assert "ถ่ายสำเนาบัตรประชาชน" in merged_left and "ตรวจสอบเอกสารกับต้นฉบับ" in merged_left
    assert "อ่านชิป smart card แล้ว verify อัตโนมัติ" in rows[3].xpath("./td")[1].text_content()
    assert "กรอกแบบฟอร์ม ทร.100" in rows[1].xpath("./td")[0].text_content()
    assert "แจ้งผลผ่าน SMS" in rows[5].xpath("./td")[1].text_content()
    assert impact(doc, "steps") == "6 → 5"
    assert impact(doc, "step_reduction_pct") == "−16.7 %"


def test_an_idea_without_steps_has_no_diff_table(login, db_session):
    client = login("staff1")
    response = client.post("/ideas/quick", data={"title": "แค่ไอเดีย", "eh_moment": "เอ๊ะ"})
    doc = tree(client.get(location(response)))
    assert doc.xpath("//table[@class='diff']") == []
    assert doc.xpath("//dl[@data-impact]") == []  # no "0 → 0": what to add instead
    assert doc.xpath("//*[@data-impact-missing]")


# == Stage buttons =================================================================


def act(client, ref, action, version, lang="en", **fields):
    return client.post(
        f"/ideas/{ref}/transitions?lang={lang}",
        data={"action": action, "version": str(version), **fields},
    )


def history(doc) -> str:
    return doc.xpath("//ol[@class='timeline']")[0].text_content()


def test_the_supervisor_approves_and_the_history_shows_it(make_idea, browser, db_session):
    idea = make_idea(author="staff1", stage="submitted")
    ref, version = idea.ref, idea.version
    supervisor = browser("supervisor1")
    page = tree(supervisor.get(f"/ideas/{ref}"))
    # approve, return and decline are buttons under one note box; merge has its own form
    offered = page.xpath("//form[contains(@class, 'transition')]//*[@name='action']/@value")
    assert sorted(offered) == ["approve", "decline", "merge", "return"]

    response = act(supervisor, ref, "approve", version, note="เห็นด้วย เริ่มได้ 1 ต.ค. นี้")
    assert response.status_code == 302 and location(response) == f"/ideas/{ref}"
    assert saved(db_session, ref).stage == "approved"

    doc = tree(supervisor.get(f"/ideas/{ref}?lang=en"))
    timeline = history(doc)
    assert "Approve" in timeline
    assert "Submitted → Approved" in timeline
    assert "นางสาวทดสอบ supervisor1" in timeline
    assert "เห็นด้วย เริ่มได้ 1 ต.ค. นี้" in timeline
    assert doc.xpath("//span[contains(@class, 'badge')]")[0].text_content() == "Approved"


def test_returning_without_a_note_is_refused_and_the_page_shown_again(
    make_idea, browser, db_session
):
    idea = make_idea(author="staff1", stage="submitted")
    ref, version = idea.ref, idea.version
    response = act(browser("supervisor1"), ref, "return", version, note="   ")
    assert response.status_code == 422
    doc = tree(response)
    assert doc.xpath("//h1")[0].text_content() == FULL_IDEA["title"]
    note = doc.xpath("//textarea[@id='note-decision']")[0]
    box = note.getparent()
    assert "Please give a reason; the author will read it." in [
        p.text_content() for p in box.xpath("./p[@class='field-error']")
    ]
    assert saved(db_session, ref).stage == "submitted"


def test_returning_with_a_note_tells_the_author_why(make_idea, browser, db_session):
    idea = make_idea(author="staff1", stage="submitted")
    ref, version = idea.ref, idea.version
    reason = "ขอตัวเลขจำนวนคำร้องต่อปีจากระบบ BMA OSS ก่อน"
    response = act(browser("supervisor1"), ref, "return", version, note=reason)
    assert response.status_code == 302
    assert saved(db_session, ref).stage == "returned"
    assert reason in history(tree(browser("staff1").get(f"/ideas/{ref}")))


def test_the_author_cannot_approve_their_own_idea(make_idea, login, db_session):
    idea = make_idea(author="staff1", stage="submitted")
    ref, version = idea.ref, idea.version
    response = act(login("staff1"), ref, "approve", version)
    assert response.status_code == 403
    assert "Only a supervisor of the idea's unit can do this." in text(response).replace(
        "&#39;", "'"
    )
    assert saved(db_session, ref).stage == "submitted"


def test_a_stale_version_on_a_stage_button_is_a_conflict(make_idea, browser, db_session):
    idea = make_idea(author="staff1", stage="submitted")
    ref, version = idea.ref, idea.version
    response = act(browser("supervisor1"), ref, "approve", version - 1)
    assert response.status_code == 409
    conflict = "This idea has changed since you opened it"
    assert any(m.startswith(conflict) for m in flashes(tree(response)))
    assert saved(db_session, ref).stage == "submitted"


def test_two_supervisors_acting_at_once_one_wins(make_idea, browser, db_session):
    idea = make_idea(author="staff1", stage="submitted")
    ref, version = idea.ref, idea.version
    assert act(browser("supervisor1"), ref, "approve", version).status_code == 302
    late = act(browser("director"), ref, "decline", version, note="ซ้ำกับโครงการเดิม")
    assert late.status_code == 409
    assert saved(db_session, ref).stage == "approved"


def test_a_step_not_possible_from_this_stage_is_refused_clearly(make_idea, browser, db_session):
    idea = make_idea(author="staff1", stage="approved")
    ref, version = idea.ref, idea.version
    response = act(browser("supervisor1"), ref, "approve", version)
    assert response.status_code == 409
    assert "is not possible while the idea is" in text(response)
    assert saved(db_session, ref).stage == "approved"


def test_an_unknown_action_is_refused(make_idea, browser, db_session):
    idea = make_idea(author="staff1", stage="submitted")
    ref, version = idea.ref, idea.version
    response = act(browser("supervisor1"), ref, "fast_track", version)
    assert response.status_code == 422
    assert "Unknown action." in flashes(tree(response))


def test_implementing_records_the_measured_result(make_idea, browser, db_session):
    idea = make_idea(author="staff1", stage="approved")
    ref, version = idea.ref, idea.version
    supervisor = browser("supervisor1")
    response = act(
        supervisor, ref, "implement", version,
        steps_after="2", minutes_after="30", cases_since="1,500",
        evidence="สถิติระบบคิว Q-Matic ต.ค.–ธ.ค. 2568",
    )  # fmt: skip
    assert response.status_code == 302
    idea = saved(db_session, ref)
    assert idea.stage == "implemented"
    assert (idea.measured_steps_after, idea.measured_minutes_after) == (2, 30)
    assert idea.measured_cases_since == 1500

    doc = tree(supervisor.get(f"/ideas/{ref}?lang=en"))
    assert "Measured after implementation" in text(supervisor.get(f"/ideas/{ref}?lang=en"))
    measured = doc.xpath("//dl[contains(@class, 'measured')]")[0].text_content()
    assert "5 → 2" in measured
    assert "−60 %" in measured
    assert "90 → 30" in measured  # FULL_IDEA takes 90 minutes a case today
    assert "1,500" in measured
    assert "12,000" in measured  # (90 − 30) min × 12,000 cases / 60
    assert "สถิติระบบคิว Q-Matic ต.ค.–ธ.ค. 2568" in text(supervisor.get(f"/ideas/{ref}"))


def test_the_measured_block_is_absent_before_implementation(make_idea, login):
    ref = make_idea(author="staff1", stage="approved").ref
    doc = tree(login("staff1").get(f"/ideas/{ref}?lang=en"))
    assert doc.xpath("//dl[contains(@class, 'measured')]") == []


def test_implementing_without_measurements_keeps_what_was_typed(make_idea, browser, db_session):
    idea = make_idea(author="staff1", stage="approved")
    ref, version = idea.ref, idea.version
    evidence = "ภาพถ่ายหน้าเคาน์เตอร์ & แบบสอบถาม 120 ราย"
    response = act(
        browser("supervisor1"), ref, "implement", version,
        steps_after="สาม", minutes_after="", cases_since="800", evidence=evidence,
    )  # fmt: skip
    assert response.status_code == 422
    doc = tree(response)
    assert "Please enter a whole number, e.g. 1200." in errors_on_transition(doc, "steps_after")
    assert "Please enter a number." in errors_on_transition(doc, "minutes_after")
    assert doc.xpath("//input[@id='steps_after-implement']/@value") == ["สาม"]
    assert doc.xpath("//input[@id='cases_since-implement']/@value") == ["800"]
    assert doc.xpath("//textarea[@id='evidence-implement']")[0].text_content() == evidence
    assert saved(db_session, ref).stage == "approved"


def errors_on_transition(doc, name: str) -> list[str]:
    field = doc.xpath("//input[@id=$id]", id=f"{name}-implement")[0]
    sibling = field.getnext()
    found = []
    while sibling is not None and sibling.tag == "p":
        found.append(sibling.text_content())
        sibling = sibling.getnext()
    return found
