"""Editing through the form: the author gets their steps back, colleagues are kept out,
and a stale edit is refused keeping what was typed.
"""

from __future__ import annotations

import pytest
from fixtures.ideas import FULL_IDEA
from pages import (
    TODAY,
    assert_typed_values_kept,
    descriptions,
    flashes,
    full_form,
    impact,
    location,
    row_indexes,
    saved,
    tree,
    value_of,
)

pytestmark = pytest.mark.usefixtures("people")  # staff1..3, supervisor1, director, outsider


# == Editing ======================================================================


def test_the_author_gets_the_form_filled_in_with_the_steps(login, make_idea):
    idea = make_idea(author="staff1")
    ref, version = idea.ref, idea.version
    response = login("staff1").get(f"/ideas/{ref}/edit")
    assert response.status_code == 200
    doc = tree(response)
    assert value_of(doc, "title") == FULL_IDEA["title"]
    assert value_of(doc, "eh_moment").strip() == FULL_IDEA["eh_moment"]
    assert value_of(doc, "process_name") == FULL_IDEA["process_name"]
    assert value_of(doc, "unit") == "D1001-REG"
    assert value_of(doc, "category") == "process"
    assert value_of(doc, "annual_volume") == "12000"
    assert value_of(doc, "stakeholders") == ["citizens", "colleagues"]
    assert value_of(doc, "version") == str(version)
    assert row_indexes(doc, "current_steps") == [0, 1, 2, 3, 4]
    assert row_indexes(doc, "proposed_steps") == [0, 1, 2]
    first, fourth = FULL_IDEA["current_steps"][0], FULL_IDEA["current_steps"][3]
    assert value_of(doc, "current_steps-0-description") == first["description"]
    assert value_of(doc, "current_steps-0-citizen_present") == ["y"]
    assert value_of(doc, "current_steps-3-actor") == "other_unit"
    assert value_of(doc, "current_steps-3-wait_minutes") == str(fourth["wait_minutes"])
    assert value_of(doc, "current_steps-3-citizen_present") == []
    assert (
        value_of(doc, "proposed_steps-2-description")
        == (FULL_IDEA["proposed_steps"][2]["description"])
    )


def test_saving_the_edit_form_unchanged_changes_nothing(login, make_idea, db_session):
    ref = make_idea(author="staff1").ref
    client = login("staff1")
    before = tree(client.get(f"/ideas/{ref}"))
    doc = tree(client.get(f"/ideas/{ref}/edit"))
    form = doc.xpath("//form[@data-idea-form]")[0]
    # what a browser sends: every field of the form, not the rows inside <template>
    data = {name: value for name, value in form.form_values() if "__INDEX__" not in name}
    data["stakeholders"] = value_of(doc, "stakeholders")
    response = client.post(f"/ideas/{ref}/edit", data=data)
    assert response.status_code == 302
    idea = saved(db_session, ref)
    assert idea.title == FULL_IDEA["title"]
    assert idea.annual_volume == 12000
    assert idea.stakeholders == ["citizens", "colleagues"]
    assert descriptions(idea.current_steps) == [
        s["description"] for s in FULL_IDEA["current_steps"]
    ]
    assert [s.citizen_present for s in idea.current_steps] == [
        s["citizen_present"] for s in FULL_IDEA["current_steps"]
    ]
    after = tree(client.get(f"/ideas/{ref}"))
    for key in ("steps", "step_reduction_pct", "minutes", "visits", "hours_saved_per_year"):
        assert impact(after, key) == impact(before, key), key
    assert impact(after, "hours_saved_per_year") == "14,600"  # (90 − 17) min × 12,000 / 60


def test_the_author_edits_the_steps_of_a_draft(login, make_idea, db_session):
    ref = make_idea(author="staff1").ref
    client = login("staff1")
    version = value_of(tree(client.get(f"/ideas/{ref}/edit")), "version")
    data = full_form(version=version, title="ฉบับแก้ไข: ทะเบียนบ้านช่องเดียว v2")
    response = client.post(f"/ideas/{ref}/edit", data=data)
    assert response.status_code == 302 and location(response) == f"/ideas/{ref}"
    idea = saved(db_session, ref)
    assert idea.title == "ฉบับแก้ไข: ทะเบียนบ้านช่องเดียว v2"
    assert descriptions(idea.current_steps) == [row[0] for row in TODAY]
    assert impact(tree(client.get(f"/ideas/{ref}")), "hours_saved_per_year") == "2,400"


def test_a_colleague_cannot_open_someone_elses_draft_for_editing(make_idea, browser, db_session):
    ref = make_idea(author="staff1").ref
    staff2 = browser("staff2")
    assert staff2.get(f"/ideas/{ref}/edit").status_code == 404
    response = staff2.post(f"/ideas/{ref}/edit", data=full_form(title="ของฉันแล้ว", version="1"))
    assert response.status_code == 404
    assert saved(db_session, ref).title == FULL_IDEA["title"]


def test_a_colleague_cannot_edit_a_submitted_idea_either(make_idea, browser, db_session):
    idea = make_idea(author="staff1", stage="submitted")
    ref, version = idea.ref, idea.version
    response = browser("staff2").post(
        f"/ideas/{ref}/edit", data=full_form(title="แก้ของคนอื่น", version=str(version))
    )
    assert response.status_code == 403
    assert saved(db_session, ref).title == FULL_IDEA["title"]


def test_after_submitting_the_edit_page_sends_the_author_back_with_a_note(
    login, make_idea, db_session
):
    idea = make_idea(author="staff1", stage="submitted")
    ref, version = idea.ref, idea.version
    client = login("staff1")
    response = client.get(f"/ideas/{ref}/edit?lang=en")
    assert response.status_code == 302 and location(response) == f"/ideas/{ref}"
    page = client.get(f"/ideas/{ref}?lang=en")
    assert "Only drafts and returned ideas can be edited, by their team." in flashes(
        tree(page), "warn"
    )
    # a form sent after the idea moved on is refused, but what was typed comes back
    posted = client.post(
        f"/ideas/{ref}/edit?lang=en", data=full_form(title="แอบแก้", version=str(version))
    )
    assert posted.status_code == 422
    assert "Only drafts and returned ideas can be edited." in posted.get_data(as_text=True)
    assert "แอบแก้" in posted.get_data(as_text=True)
    assert saved(db_session, ref).title == FULL_IDEA["title"]


def test_a_returned_idea_can_be_edited_again(login, make_idea):
    ref = make_idea(author="staff1", stage="returned").ref
    response = login("staff1").get(f"/ideas/{ref}/edit")
    assert response.status_code == 200
    assert value_of(tree(response), "title") == FULL_IDEA["title"]


def test_a_stale_edit_is_refused_and_keeps_what_was_typed(login, make_idea, browser, db_session):
    ref = make_idea(author="staff1", coauthors=["staff2"]).ref
    client = login("staff1")
    opened = tree(client.get(f"/ideas/{ref}/edit"))
    stale_version = value_of(opened, "version")

    # the co-author saves first, from the same starting point
    staff2 = browser("staff2")
    first = staff2.post(
        f"/ideas/{ref}/edit",
        data=full_form(
            version=stale_version, title="ฉบับของสุดา: ลดเหลือ 3 ขั้นตอน", coauthors="staff2"
        ),
    )
    assert first.status_code == 302, flashes(tree(first))

    mine = full_form(version=stale_version, title="ฉบับของสมชาย: ลดเหลือ 2 ขั้นตอน", coauthors="staff2")
    mine["solution"] = "ใช้ตู้ kiosk อ่านบัตรประชาชน แล้วพิมพ์ทันที"
    response = client.post(f"/ideas/{ref}/edit?lang=en", data=mine)
    assert response.status_code == 422
    doc = tree(response)
    assert any(m.startswith("This idea has changed since you opened it") for m in flashes(doc))
    assert_typed_values_kept(response, mine)
    assert saved(db_session, ref).title == "ฉบับของสุดา: ลดเหลือ 3 ขั้นตอน"

    # the page now carries the fresh version: saving again replaces the other change
    fresh_version = value_of(doc, "version")
    assert fresh_version != stale_version
    again = client.post(f"/ideas/{ref}/edit?lang=en", data={**mine, "version": fresh_version})
    assert again.status_code == 302, (fresh_version, stale_version, flashes(tree(again)))
    assert saved(db_session, ref).title == "ฉบับของสมชาย: ลดเหลือ 2 ขั้นตอน"
