"""The JSON API (SPEC §8): the stage machine, who may move an idea on, and its history.

staff1 and staff2 work in ฝ่ายทะเบียน (D1001-REG) of สำนักงานเขตพระนคร, staff3 in ฝ่ายโยธา
(D1001-PWK); supervisor1 supervises ฝ่ายทะเบียน, director the whole district (D1001), and
outsider works in a hospital lab (MED-H02-MT-MICRO). Every caller uses their own bearer
token unless the test is about the session cookie.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from api import (
    FULL_IMPACT,
    MEASURED,
    api_error,
)

# -- the stage machine -----------------------------------------------------------------


def test_submitting_an_incomplete_draft_lists_what_is_missing(api):
    staff1 = api("staff1")
    ref = staff1.create(
        process_name="", category=None, current_steps=[], proposed_steps=[], solution="",
        value="", stakeholders=[],
    )["ref"]  # fmt: skip

    response = staff1.act(ref, "submit")

    error = api_error(response, 422, "invalid")
    assert set(error["fields"]) == {
        "process_name",
        "category",
        "current_steps",
        "proposed_steps",
        "solution",
        "value",
        "stakeholders",
    }
    idea = staff1.get(f"/ideas/{ref}").get_json()
    assert idea["stage"] == "draft"
    assert idea["version"] == 1


def test_submitting_a_quick_capture_without_steps_or_solution_is_refused(api):
    staff1 = api("staff1")
    ref = staff1.post(
        "/ideas", json={"title": "ลดกระดาษ A4", "eh_moment": "เอ๊ะ ทำไมพิมพ์ 3 ชุด"}
    ).get_json()["ref"]

    error = api_error(staff1.act(ref, "submit"), 422, "invalid")

    assert {"current_steps", "proposed_steps", "solution"} <= set(error["fields"])


def test_a_complete_draft_is_submitted_and_then_approved_by_the_supervisor(api):
    staff1, supervisor1 = api("staff1"), api("supervisor1")
    ref = staff1.create()["ref"]

    submitted = staff1.act(ref, "submit", version=1)

    assert submitted.status_code == 200
    body = submitted.get_json()
    assert body["idea"]["stage"] == "submitted"
    assert body["idea"]["version"] == 2
    assert body["idea"]["submitted_at"]
    assert body["event"]["action"] == "submit"
    assert (body["event"]["from"], body["event"]["to"]) == ("draft", "submitted")
    assert body["event"]["actor"]["username"] == "staff1"
    assert supervisor1.get(f"/ideas/{ref}").get_json()["actions"] == [
        "approve",
        "return",
        "decline",
        "merge",
    ]

    approved = supervisor1.act(ref, "approve", version=2, note="เห็นด้วย ให้ทดลองที่ช่อง 1 ก่อน")

    assert approved.status_code == 200
    assert approved.get_json()["idea"]["stage"] == "approved"
    assert approved.get_json()["event"]["note"] == "เห็นด้วย ให้ทดลองที่ช่อง 1 ก่อน"
    assert staff1.get(f"/ideas/{ref}").get_json()["stage"] == "approved"


@pytest.mark.parametrize("action", ["return", "decline"])
@pytest.mark.parametrize("note", [None, "", "   \n  "], ids=["no-note", "empty", "blank"])
def test_returning_or_declining_needs_a_reason(api, make_idea, action, note):
    idea = make_idea(stage="submitted")
    body = {} if note is None else {"note": note}

    response = api("supervisor1").act(idea.ref, action, **body)

    assert set(api_error(response, 422, "invalid")["fields"]) == {"note"}
    assert api("staff1").get(f"/ideas/{idea.ref}").get_json()["stage"] == "submitted"


@pytest.mark.parametrize("action, stage", [("return", "returned"), ("decline", "declined")])
def test_returning_or_declining_with_a_reason(api, make_idea, action, stage):
    idea = make_idea(stage="submitted")

    response = api("supervisor1").act(idea.ref, action, note="  ขอข้อมูลปริมาณงานปี 2568  ")

    assert response.status_code == 200
    assert response.get_json()["idea"]["stage"] == stage
    assert response.get_json()["event"]["note"] == "ขอข้อมูลปริมาณงานปี 2568"


def test_a_returned_idea_is_revised_and_submitted_again(api, make_idea):
    idea = make_idea(stage="returned")
    staff1 = api("staff1")

    revised = staff1.edit(idea.ref, annual_volume=15000)
    resubmitted = staff1.act(idea.ref, "submit")

    assert revised.status_code == 200
    assert resubmitted.status_code == 200
    assert resubmitted.get_json()["idea"]["stage"] == "submitted"
    assert resubmitted.get_json()["idea"]["impact"]["hours_saved_per_year"] == 73 * 15000 / 60


@pytest.mark.parametrize(
    "actor, status",
    [
        ("staff1", 403),  # the author
        ("staff2", 403),  # a colleague in the same section
        ("staff3", 403),  # a colleague in a sister section
        ("outsider", 403),  # another unit altogether
        ("supervisor1", 200),  # supervises ฝ่ายทะเบียน
        ("director", 200),  # supervises the whole district, so its sections too
    ],
)
@pytest.mark.parametrize("action", ["approve", "return", "decline"])
def test_who_may_review_a_submitted_idea(api, make_idea, actor, status, action, version_of):
    idea = make_idea(stage="submitted")

    response = api(actor).act(idea.ref, action, note="ความเห็นผู้บังคับบัญชา")

    if status == 200:
        assert response.status_code == 200
        assert response.get_json()["event"]["actor"]["username"] == actor
    else:
        api_error(response, 403, "forbidden")
        assert version_of(idea.ref) == idea.version
        assert api("staff1").get(f"/ideas/{idea.ref}").get_json()["stage"] == "submitted"


def test_a_supervisor_cannot_approve_their_own_idea_but_the_next_unit_up_can(api):
    supervisor1, director = api("supervisor1"), api("director")
    ref = supervisor1.create(unit="D1001-REG")["ref"]
    assert supervisor1.act(ref, "submit").status_code == 200
    assert supervisor1.get(f"/ideas/{ref}").get_json()["actions"] == ["withdraw"]

    own = supervisor1.act(ref, "approve")
    by_director = director.act(ref, "approve")

    api_error(own, 403, "forbidden")
    assert by_director.status_code == 200
    assert by_director.get_json()["idea"]["stage"] == "approved"


def test_a_coauthor_supervisor_cannot_approve_either(api):
    ref = api("staff1").create(coauthors=["supervisor1"])["ref"]
    api("staff1").act(ref, "submit")

    api_error(api("supervisor1").act(ref, "approve"), 403, "forbidden")
    assert api("director").act(ref, "approve").status_code == 200


@pytest.mark.parametrize(
    "stage, action, actor",
    [
        ("draft", "approve", "staff1"),
        ("draft", "withdraw", "staff1"),
        ("draft", "implement", "staff1"),
        ("submitted", "implement", "supervisor1"),
        ("submitted", "start_pilot", "supervisor1"),
        ("submitted", "submit", "staff1"),
        ("approved", "submit", "staff1"),
        ("approved", "approve", "supervisor1"),
        ("approved", "withdraw", "staff1"),
        ("declined", "approve", "supervisor1"),
        ("declined", "submit", "staff1"),
        ("implemented", "start_pilot", "supervisor1"),
        ("implemented", "implement", "supervisor1"),
        ("piloting", "start_pilot", "supervisor1"),
    ],
)
def test_a_transition_not_legal_from_the_current_stage_is_a_conflict(
    api, make_idea, stage, action, actor, version_of
):
    idea = make_idea(stage=stage)

    response = api(actor).act(idea.ref, action, note="ลองดู", measured=MEASURED)

    api_error(response, 409, "conflict")
    assert api("staff1").get(f"/ideas/{idea.ref}").get_json()["stage"] == stage
    assert version_of(idea.ref) == idea.version


@pytest.mark.parametrize("action", ["publish", "APPROVE", "", "อนุมัติ", 1, None, ["approve"]])
def test_an_unknown_action_is_a_422(api, make_idea, action):
    idea = make_idea(stage="submitted")

    response = api("supervisor1").post(
        f"/ideas/{idea.ref}/transitions", json={"action": action, "version": idea.version}
    )

    assert set(api_error(response, 422, "invalid")["fields"]) == {"action"}


def test_a_transition_needs_the_current_version(api, make_idea):
    idea = make_idea(stage="submitted")
    supervisor1 = api("supervisor1")

    missing = supervisor1.post(f"/ideas/{idea.ref}/transitions", json={"action": "approve"})
    stale = supervisor1.act(idea.ref, "approve", version=idea.version - 1)

    assert set(api_error(missing, 422, "invalid")["fields"]) == {"version"}
    api_error(stale, 409, "conflict")
    assert supervisor1.get(f"/ideas/{idea.ref}").get_json()["stage"] == "submitted"


def test_someone_outside_the_team_cannot_even_find_a_draft_to_submit(api):
    ref = api("staff1").create()["ref"]

    api_error(api("staff2").act(ref, "submit", version=1), 404, "not_found")
    api_error(api("supervisor1").act(ref, "approve", version=1), 404, "not_found")


@pytest.mark.parametrize(
    "measured, fields",
    [
        (None, {"measured"}),
        ("3 ขั้นตอน 20 นาที", {"measured"}),
        (
            {},
            {
                "measured.steps_after",
                "measured.minutes_after",
                "measured.cases_since",
                "measured.evidence",
            },
        ),
        ({**MEASURED, "steps_after": -1}, {"measured.steps_after"}),
        ({**MEASURED, "steps_after": 51}, {"measured.steps_after"}),
        ({**MEASURED, "minutes_after": "ยี่สิบ"}, {"measured.minutes_after"}),
        ({**MEASURED, "cases_since": None}, {"measured.cases_since"}),
        ({**MEASURED, "evidence": "  "}, {"measured.evidence"}),
        pytest.param(
            {**MEASURED, "cases_since": "8" * 5000},
            {"measured.cases_since"},
        ),
    ],
    ids=[
        "none",
        "a-string",
        "empty",
        "negative",
        "too-many-steps",
        "words",
        "no-cases",
        "no-evidence",
        "5000-digits",
    ],  # fmt: skip
)
def test_implementing_needs_a_complete_measurement(api, make_idea, measured, fields):
    idea = make_idea(stage="approved")
    body = {} if measured is None else {"measured": measured}

    response = api("supervisor1").act(idea.ref, "implement", **body)

    assert set(api_error(response, 422, "invalid")["fields"]) == fields
    read = api("staff1").get(f"/ideas/{idea.ref}").get_json()
    assert read["stage"] == "approved"
    assert read["measured"] is None


@pytest.mark.parametrize("stage", ["approved", "piloting"])
@pytest.mark.parametrize("actor", ["supervisor1", "director"])
def test_implementing_records_the_measured_result(api, make_idea, stage, actor):
    idea = make_idea(stage=stage)

    response = api(actor).act(idea.ref, "implement", measured=MEASURED)

    assert response.status_code == 200
    assert response.get_json()["idea"]["stage"] == "implemented"
    read = api("staff2").get(f"/ideas/{idea.ref}").get_json()
    assert read["stage"] == "implemented"
    assert read["measured"] == {
        "steps_after": 3,
        "minutes_after": 20,
        "cases_since": 800,
        "evidence": MEASURED["evidence"],
        "impact": {
            "steps_before": 5,
            "steps_after": 3,
            "step_reduction_pct": 40.0,
            "minutes_before": 90,
            "minutes_after": 20,
            "minutes_saved_per_case": 70,
            "hours_saved_per_year": 14000.0,  # 70 × 12,000 / 60
            "citizen_visits_before": 2,
            "citizen_visits_after": 1,
        },
    }
    assert read["impact"] == FULL_IMPACT  # the estimate stays beside the measurement


def test_implementing_is_not_for_colleagues_outside_the_team(api, make_idea):
    idea = make_idea(stage="approved")

    api_error(api("staff2").act(idea.ref, "implement", measured=MEASURED), 403, "forbidden")
    api_error(api("outsider").act(idea.ref, "implement", measured=MEASURED), 403, "forbidden")


@pytest.mark.parametrize("stage", ["submitted", "returned"])
def test_the_author_withdraws_back_to_a_private_draft(api, make_idea, stage):
    idea = make_idea(stage=stage)
    assert api("staff2").get(f"/ideas/{idea.ref}").status_code == 200

    response = api("staff1").act(idea.ref, "withdraw")

    assert response.status_code == 200
    assert response.get_json()["idea"]["stage"] == "draft"
    assert response.get_json()["idea"]["can_edit"] is True
    api_error(api("staff2").get(f"/ideas/{idea.ref}"), 404, "not_found")


@pytest.mark.parametrize("actor", ["staff2", "supervisor1"])
def test_only_the_team_may_withdraw(api, make_idea, actor):
    idea = make_idea(stage="submitted")

    api_error(api(actor).act(idea.ref, "withdraw"), 403, "forbidden")


def test_a_note_that_is_not_text_is_refused(api, make_idea):
    idea = make_idea(stage="submitted")

    response = api("supervisor1").act(idea.ref, "return", note={"th": "ขอแก้ไข"})

    assert set(api_error(response, 422, "invalid")["fields"]) == {"note"}


# -- history ---------------------------------------------------------------------------


def test_the_history_lists_every_stage_change_in_order(api):
    staff1, supervisor1, director = api("staff1"), api("supervisor1"), api("director")
    ref = staff1.create()["ref"]
    staff1.act(ref, "submit")
    supervisor1.act(ref, "return", note="ขอตัวเลขปริมาณงานปี 2568 ด้วยครับ")
    staff1.edit(ref, annual_volume=14500)
    staff1.act(ref, "submit")
    director.act(ref, "approve", note="อนุมัติ นำร่อง Q2/2569")

    response = api("staff3").get(f"/ideas/{ref}/events")

    assert response.status_code == 200
    events = response.get_json()["items"]
    assert [
        (e["action"], e["from"], e["to"], e["actor"]["username"], e["note"]) for e in events
    ] == [
        ("create", None, "draft", "staff1", None),
        ("submit", "draft", "submitted", "staff1", None),
        ("return", "submitted", "returned", "supervisor1", "ขอตัวเลขปริมาณงานปี 2568 ด้วยครับ"),
        ("edit", "returned", "returned", "staff1", None),
        ("submit", "returned", "submitted", "staff1", None),
        ("approve", "submitted", "approved", "director", "อนุมัติ นำร่อง Q2/2569"),
    ]
    moments = [datetime.fromisoformat(e["at"]) for e in events]
    assert moments == sorted(moments)
    assert all(moment.tzinfo is not None for moment in moments)


def test_refused_transitions_leave_no_trace_in_the_history(api, make_idea):
    idea = make_idea(stage="submitted")
    api("staff1").act(idea.ref, "approve")
    api("supervisor1").act(idea.ref, "decline")
    api("supervisor1").act(idea.ref, "implement", measured=MEASURED)

    events = api("staff1").get(f"/ideas/{idea.ref}/events").get_json()["items"]

    assert [e["action"] for e in events] == ["create", "submit"]


def test_the_history_of_an_unknown_idea_is_404(api):
    api_error(api("staff1").get("/ideas/IDEA-2569-00404/events"), 404, "not_found")


@pytest.mark.parametrize("action", ["start_pilot", "implement"])
def test_only_a_supervisor_moves_an_approved_idea_on(api, make_idea, action):
    idea = make_idea(stage="approved")
    body = {
        "action": action,
        "version": idea.version,
        "measured": {"steps_after": 3, "minutes_after": 20, "cases_since": 10, "evidence": "ok"},
    }
    response = api("staff1").post(f"/ideas/{idea.ref}/transitions", json=body)
    api_error(response, 403, "forbidden")
