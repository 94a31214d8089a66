"""Jotting a quick เอ๊ะ and filling in the full form: today's steps and the proposed
ones, the computed impact, and nothing typed lost when something is refused.
"""

from __future__ import annotations

import pytest
from pages import (
    IDEA_FORM,
    PROPOSED,
    REF_URL,
    TODAY,
    assert_typed_values_kept,
    descriptions,
    errors_on,
    flashes,
    full_form,
    idea_count,
    impact,
    location,
    row_indexes,
    saved,
    step_list_errors,
    step_rows,
    text,
    tree,
    value_of,
)
from sqlalchemy import select

from ideaboard.ideas.models import Idea

pytestmark = pytest.mark.usefixtures("people")  # staff1..3, supervisor1, director, outsider


# == Quick capture =================================================================


def test_quick_capture_saves_a_draft_and_opens_it(login, db_session):
    client = login("staff1")
    response = client.post(
        "/ideas/quick",
        data={
            "title": "ทำไมต้องถ่ายสำเนาบัตรประชาชน 2 ชุด?",
            "eh_moment": "เอ๊ะ ระบบอ่าน smart card ได้แล้ว แต่ยังขอสำเนา 2 ชุด",
        },
    )
    assert response.status_code == 302
    ref = REF_URL.match(location(response)).group(1)

    page = client.get(f"/ideas/{ref}?lang=en")
    assert page.status_code == 200
    doc = tree(page)
    assert doc.xpath("//h1")[0].text_content() == "ทำไมต้องถ่ายสำเนาบัตรประชาชน 2 ชุด?"
    assert doc.xpath("//span[contains(@class, 'badge')]")[0].text_content() == "Draft"
    assert "เอ๊ะ ระบบอ่าน smart card ได้แล้ว" in text(page)

    idea = saved(db_session, ref)
    assert idea.stage == "draft"
    assert idea.author.username == "staff1"
    assert idea.unit.code == "D1001-REG"  # the author's unit by default


def test_quick_capture_without_a_title_keeps_the_eh_moment(login, db_session):
    client = login("staff1")
    moment = "เอ๊ะ ทำไมคิว 'ชำระภาษี' ต้องรอ > 2 ชั่วโมง & ไม่มีที่นั่ง"
    response = client.post("/ideas/quick?lang=en", data={"title": "   ", "eh_moment": moment})
    assert response.status_code == 422
    doc = tree(response)
    assert errors_on(doc, "title") == ["This field is required."]
    assert value_of(doc, "eh_moment").strip() == moment
    assert idea_count(db_session) == 0


def test_quick_capture_refuses_a_title_of_201_characters(login, db_session):
    client = login("staff1")
    title = "ก" * 201
    response = client.post("/ideas/quick?lang=en", data={"title": title, "eh_moment": "เอ๊ะ"})
    assert response.status_code == 422
    assert errors_on(tree(response), "title") == ["At most 200 characters (you have 201)."]
    assert value_of(tree(response), "title") == title
    assert idea_count(db_session) == 0


def test_quick_capture_accepts_a_title_of_200_characters(login, db_session):
    client = login("staff1")
    response = client.post("/ideas/quick", data={"title": "ข" * 200, "eh_moment": "เอ๊ะ"})
    assert response.status_code == 302
    assert idea_count(db_session) == 1


# == The full form =================================================================


def test_the_new_idea_form_starts_with_one_empty_step_each_side(login):
    response = login("staff1").get("/ideas/new")
    assert response.status_code == 200
    doc = tree(response)
    assert row_indexes(doc, "current_steps") == [0]
    assert row_indexes(doc, "proposed_steps") == [0]
    assert value_of(doc, "unit") == "D1001-REG"


def test_the_full_form_saves_steps_and_shows_the_computed_impact(login, db_session):
    client = login("staff1")
    response = client.post("/ideas/new", data=full_form())
    assert response.status_code == 302, text(response)[:2000]
    ref = REF_URL.match(location(response)).group(1)

    idea = saved(db_session, ref)
    assert idea.stage == "draft"
    assert descriptions(idea.current_steps) == [row[0] for row in TODAY]  # blank row ignored
    assert descriptions(idea.proposed_steps) == [row[0] for row in PROPOSED]
    assert [s.citizen_present for s in idea.current_steps] == [True, True, False, False, True]
    assert [s.actor for s in idea.current_steps][2:4] == ["staff", "other_unit"]
    assert idea.annual_volume == 12000
    assert idea.unit.code == "D1001-PWK"
    assert idea.category == "process"
    assert idea.stakeholders == ["citizens", "colleagues"]
    assert idea.stakeholders_other == "สำนักงานเขตอื่น 49 แห่ง"

    page = client.get(f"/ideas/{ref}")
    assert page.status_code == 200
    doc = tree(page)
    assert impact(doc, "steps") == "5 → 3"
    assert impact(doc, "step_reduction_pct") == "−40 %"
    assert impact(doc, "minutes") == "60 → 48"
    assert impact(doc, "visits") == "2 → 1"
    assert impact(doc, "hours_saved_per_year") == "2,400"
    assert "12,000" in text(page)
    diff = doc.xpath("//table[@class='diff']")[0].text_content()
    for description, *_ in TODAY + PROPOSED:
        assert description in diff


def test_without_an_annual_volume_hours_saved_stay_open(login, db_session):
    client = login("staff1")
    response = client.post("/ideas/new", data=full_form(annual_volume=""))
    ref = REF_URL.match(location(response)).group(1)
    doc = tree(client.get(f"/ideas/{ref}"))
    assert impact(doc, "hours_saved_per_year") == "–"
    assert saved(db_session, ref).annual_volume is None


BAD_INPUT = [
    pytest.param({"current_steps-1-work_minutes": "-5"}, "current_steps-1-work_minutes",
                 "Must not be less than 0.", id="negative-minutes"),
    pytest.param({"current_steps-1-work_minutes": "abc"}, "current_steps-1-work_minutes",
                 "Please enter a whole number, e.g. 1200.", id="word-minutes"),
    pytest.param({"current_steps-1-work_minutes": "100000"}, "current_steps-1-work_minutes",
                 "Must not be more than 1,440.", id="too-many-minutes"),
    pytest.param({"proposed_steps-2-wait_minutes": "7.5"}, "proposed_steps-2-wait_minutes",
                 "Please enter a whole number, e.g. 1200.", id="fraction-minutes"),
    pytest.param({"proposed_steps-0-actor": "robot"}, "proposed_steps-0-actor",
                 "Unknown choice: robot.", id="robot-actor"),
    pytest.param({"current_steps-3-description": ""}, "current_steps-3-description",
                 "Describe the step.", id="step-without-description"),
    pytest.param({"annual_volume": "many"}, "annual_volume",
                 "Please enter a whole number, e.g. 1200.", id="volume-in-words"),
    pytest.param({"annual_volume": "-12,000"}, "annual_volume",
                 "Must not be less than 0.", id="negative-volume"),
    pytest.param({"title": ""}, "title", "This field is required.", id="no-title"),
    pytest.param({"eh_moment": "อ" * 4001}, "eh_moment",
                 "At most 4000 characters (you have 4001).", id="long-eh-moment"),
    pytest.param({"category": "lottery"}, "category", "Unknown choice: lottery.", id="category"),
    pytest.param({"unit": "NO-SUCH-UNIT"}, "unit", "No unit has this code.", id="unknown-unit"),
    pytest.param({"coauthors": "staff2, ghost_user"}, "coauthors",
                 "No colleague with username: ghost_user", id="unknown-coauthor"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "field", "message"), BAD_INPUT)
def test_bad_input_is_shown_on_its_field_and_nothing_typed_is_lost(
    login, db_session, changes, field, message
):
    client = login("staff1")
    data = full_form(**changes)
    response = client.post("/ideas/new?lang=en", data=data)
    assert response.status_code == 422
    assert message in errors_on(tree(response), field)
    assert_typed_values_kept(response, data)
    assert idea_count(db_session) == 0


def test_an_error_lands_on_the_row_it_was_typed_in_after_reorder_and_remove(login, db_session):
    client = login("staff1")
    data = full_form(**{
        "current_steps-0-remove": "y",  # first row dropped …
        "current_steps-1-position": "9",  # … second moved to the end …
        "current_steps-3-work_minutes": "สิบ",  # … and a bad value on the fourth row
    })  # fmt: skip
    response = client.post("/ideas/new?lang=en", data=data)
    assert response.status_code == 422
    doc = tree(response)
    assert errors_on(doc, "current_steps-3-work_minutes") == [
        "Please enter a whole number, e.g. 1200."
    ]
    for index in (0, 1, 2, 4):
        assert errors_on(doc, f"current_steps-{index}-work_minutes") == []
    assert_typed_values_kept(response, data)


def test_more_than_50_steps_are_refused_and_all_are_kept(login, db_session):
    client = login("staff1")
    many = [(f"ขั้นตอนที่ {n} ตรวจเอกสาร step {n}", "staff", 1, 0, False) for n in range(1, 52)]
    data = {**IDEA_FORM, **step_rows("current_steps", many), "save": "1"}
    response = client.post("/ideas/new?lang=en", data=data)
    assert response.status_code == 422
    doc = tree(response)
    assert step_list_errors(doc, "current_steps") == ["At most 50 steps."]
    assert row_indexes(doc, "current_steps") == list(range(51))
    assert_typed_values_kept(response, data)
    assert idea_count(db_session) == 0


def test_exactly_50_steps_are_fine(login, db_session):
    client = login("staff1")
    many = [(f"ขั้นตอนที่ {n}", "staff", 1, 0, False) for n in range(1, 51)]
    response = client.post("/ideas/new", data={**IDEA_FORM, **step_rows("current_steps", many)})
    assert response.status_code == 302
    assert len(saved(db_session, REF_URL.match(location(response)).group(1)).current_steps) == 50


def test_order_numbers_reorder_the_steps_without_javascript(login, db_session):
    client = login("staff1")
    data = full_form(**{
        "current_steps-0-position": "2",
        "current_steps-1-position": "1",
        "current_steps-2-position": "3",
        "current_steps-3-position": "4",
        "current_steps-4-position": "5",
    })  # fmt: skip
    response = client.post("/ideas/new", data=data)
    assert response.status_code == 302
    ref = REF_URL.match(location(response)).group(1)
    expected = [TODAY[1][0], TODAY[0][0], *[row[0] for row in TODAY[2:]]]
    assert descriptions(saved(db_session, ref).current_steps) == expected

    edit = tree(client.get(f"/ideas/{ref}/edit"))
    assert value_of(edit, "current_steps-0-description") == TODAY[1][0]
    assert value_of(edit, "current_steps-1-description") == TODAY[0][0]


def test_the_remove_box_drops_a_step(login, db_session):
    client = login("staff1")
    response = client.post("/ideas/new", data=full_form(**{"current_steps-1-remove": "y"}))
    assert response.status_code == 302
    ref = REF_URL.match(location(response)).group(1)
    expected = [row[0] for row in TODAY if row is not TODAY[1]]
    assert descriptions(saved(db_session, ref).current_steps) == expected
    assert impact(tree(client.get(f"/ideas/{ref}")), "steps") == "4 → 3"


def test_add_a_step_button_gives_one_more_row_and_saves_nothing(login, db_session):
    client = login("staff1")
    data = full_form(add_step="current_steps")
    del data["save"]
    response = client.post("/ideas/new", data=data)
    assert response.status_code == 200
    doc = tree(response)
    # five typed rows, the blank one that came with the form, and the new one
    assert row_indexes(doc, "current_steps") == list(range(len(TODAY) + 2))
    assert row_indexes(doc, "proposed_steps") == list(range(len(PROPOSED) + 1))
    assert value_of(doc, f"current_steps-{len(TODAY) + 1}-description") == ""
    assert_typed_values_kept(response, data)
    assert idea_count(db_session) == 0


def test_add_a_step_on_the_proposed_side(login, db_session):
    client = login("staff1")
    data = {**IDEA_FORM, **step_rows("proposed_steps", PROPOSED), "add_step": "proposed_steps"}
    doc = tree(client.post("/ideas/new", data=data))
    assert row_indexes(doc, "proposed_steps") == [0, 1, 2, 3]
    assert row_indexes(doc, "current_steps") == []
    assert idea_count(db_session) == 0


def test_save_and_submit_an_incomplete_idea_keeps_the_draft_and_says_why(login, db_session):
    client = login("staff1")
    data = {
        "title": "ลดการถ่ายสำเนาในงานจดทะเบียนพาณิชย์",
        "eh_moment": "เอ๊ะ ทำไมต้องถ่ายสำเนา 3 ชุด",
        **step_rows("current_steps", TODAY[:2]),
        "submit_idea": "1",
    }
    response = client.post("/ideas/new?lang=en", data=data)
    assert response.status_code == 422
    doc = tree(response)
    assert "Your draft is saved, but it cannot be submitted yet." in flashes(doc)
    assert errors_on(doc, "process_name") == ["Name the process before submitting."]
    assert errors_on(doc, "category") == ["Choose a category before submitting."]
    assert step_list_errors(doc, "proposed_steps") == [
        "Add at least one proposed step before submitting."
    ]
    assert_typed_values_kept(response, data)

    with db_session() as session:
        ideas = session.scalars(select(Idea)).all()
        assert [(i.title, i.stage) for i in ideas] == [("ลดการถ่ายสำเนาในงานจดทะเบียนพาณิชย์", "draft")]
        assert descriptions(ideas[0].current_steps) == [TODAY[0][0], TODAY[1][0]]


def test_completing_the_refused_submission_does_not_create_a_second_idea(login, db_session):
    client = login("staff1")
    first = {**IDEA_FORM, **step_rows("current_steps", TODAY), "submit_idea": "1"}
    first["category"] = ""
    refused = client.post("/ideas/new", data=first)
    assert refused.status_code == 422
    form = tree(refused).xpath("//form[@data-idea-form]")[0]
    target = form.get("action") or "/ideas/new"
    version = value_of(tree(refused), "version")
    again = {**full_form(submit_idea="1"), "version": version or ""}
    response = client.post(target, data=again)
    assert response.status_code == 302
    assert idea_count(db_session) == 1


def test_save_and_submit_a_complete_idea_submits_it(login, db_session):
    client = login("staff1")
    data = full_form(submit_idea="1")
    del data["save"]
    response = client.post("/ideas/new", data=data)
    assert response.status_code == 302
    ref = REF_URL.match(location(response)).group(1)
    idea = saved(db_session, ref)
    assert idea.stage == "submitted"
    assert [e.action for e in idea.events] == ["create", "submit"]
