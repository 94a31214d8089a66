"""The JSON API (SPEC §8): creating an idea, with its impact computed and every bad
field named, and reading it back.

staff1 and staff2 work in ฝ่ายทะเบียน (D1001-REG) of สำนักงานเขตพระนคร, staff3 in ฝ่ายโยธา
(D1001-PWK); supervisor1 supervises ฝ่ายทะเบียน, director the whole district (D1001), and
outsider works in a hospital lab (MED-H02-MT-MICRO). Every caller uses their own bearer
token unless the test is about the session cookie.
"""

from __future__ import annotations

import pytest
from api import (
    FULL_IMPACT,
    REF_PATTERN,
    api_error,
    step_with,
)
from fixtures.ideas import FULL_IDEA, steps

from ideaboard.core.dates import fiscal_year, utcnow

# -- creating an idea ------------------------------------------------------------------


def test_a_full_idea_is_created_as_a_draft_with_its_impact_computed(api):
    response = api("staff1").post("/ideas", json=FULL_IDEA)

    assert response.status_code == 201
    idea = response.get_json()
    assert REF_PATTERN.fullmatch(idea["ref"])
    assert idea["ref"].endswith("-00001")
    assert idea["stage"] == "draft"
    assert idea["version"] == 1
    assert idea["fiscal_year"] == fiscal_year(utcnow())
    assert idea["impact"] == FULL_IMPACT
    assert idea["author"] == {"username": "staff1", "display_name": "นายสมชาย ใจดี"}
    assert idea["unit"]["code"] == "D1001-REG"
    assert idea["vote_count"] == 0 and idea["comment_count"] == 0
    assert idea["title"] == FULL_IDEA["title"]
    assert idea["category"] == "process"
    assert idea["annual_volume"] == 12000
    assert idea["stakeholders"] == ["citizens", "colleagues"]
    assert idea["current_steps"] == FULL_IDEA["current_steps"]
    assert idea["proposed_steps"] == FULL_IDEA["proposed_steps"]
    assert idea["created_at"] and idea["updated_at"]
    assert idea["actions"] == ["submit"]


def test_references_count_up_within_the_year(api):
    first = api("staff1").create()["ref"]
    second = api("staff2").create(title="ลดการถ่ายเอกสารซ้ำ 2 รอบ")["ref"]

    assert first[:-5] == second[:-5]
    assert int(second[-5:]) == int(first[-5:]) + 1


def test_quick_capture_needs_only_a_title_and_the_eh_moment(api):
    response = api("staff2").post(
        "/ideas",
        json={
            "title": "ใบเสร็จ e-Receipt ส่งทาง LINE",
            "eh_moment": "เอ๊ะ ทำไมต้องพิมพ์ใบเสร็จ 2 ใบทุกครั้ง",
        },
    )

    assert response.status_code == 201
    idea = response.get_json()
    assert idea["stage"] == "draft"
    assert idea["category"] is None
    assert idea["annual_volume"] is None
    assert idea["current_steps"] == [] and idea["proposed_steps"] == []
    assert idea["impact"] == {
        "steps_before": 0,
        "steps_after": 0,
        "step_reduction_pct": None,
        "minutes_before": 0,
        "minutes_after": 0,
        "minutes_saved_per_case": None,  # nothing is claimed until both step lists exist
        "hours_saved_per_year": None,
        "citizen_visits_before": 0,
        "citizen_visits_after": 0,
    }


def test_an_idea_can_be_filed_under_another_unit_by_its_code(api):
    idea = api("staff1").create(unit="D1001-PWK")

    assert idea["unit"]["code"] == "D1001-PWK"
    assert idea["unit"]["name_th"] == "ฝ่ายโยธา"


def test_text_is_trimmed(api):
    # numbers typed as text ("12,000", Thai digits) are for the form; the API wants numbers
    idea = api("staff1").create(
        title="   คิวออนไลน์ 24 ชม.  ",
        annual_volume=12000,
        current_steps=steps(("รอคิว", "citizen", 5, 1440, True)),
        proposed_steps=[],
    )

    assert idea["title"] == "คิวออนไลน์ 24 ชม."
    assert idea["annual_volume"] == 12000
    assert idea["current_steps"] == [
        {
            "description": "รอคิว",
            "actor": "citizen",
            "work_minutes": 5,
            "wait_minutes": 1440,
            "citizen_present": True,
        }
    ]
    assert idea["impact"]["minutes_before"] == 1445
    assert idea["impact"]["hours_saved_per_year"] is None  # no proposed steps yet


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"title": "ก" * 200}, id="title-200-chars"),
        pytest.param(
            {"current_steps": steps(("ทำงานทั้งวัน", "staff", 1440, 129600, False))},
            id="max-minutes",
        ),
        pytest.param(
            {"current_steps": steps(*[("ขั้นตอน", "staff", 1, 1, False)] * 50)}, id="50-steps"
        ),
        pytest.param({"annual_volume": 0}, id="zero-volume"),
        pytest.param({"annual_volume": 50_000_000}, id="max-volume"),
        pytest.param(
            {"stakeholders": ["partners", "other_units", "partners"]}, id="dup-stakeholders"
        ),
    ],
)
def test_values_at_the_limits_are_accepted(api, fields):
    response = api("staff1").post("/ideas", json={**FULL_IDEA, **fields})

    assert response.status_code == 201, response.get_json()
    idea = response.get_json()
    for name, value in fields.items():
        if name == "stakeholders":
            assert idea["stakeholders"] == ["partners", "other_units"]
        elif name == "current_steps":
            assert len(idea["current_steps"]) == len(value)
        else:
            assert idea[name] == value


# fmt: off
INVALID_CREATIONS = [
    ("empty-title", {"title": ""}, "title"),
    ("blank-title", {"title": "   \n "}, "title"),
    ("title-201-chars", {"title": "ข" * 201}, "title"),
    ("title-a-number", {"title": 2569}, "title"),
    ("no-eh-moment", {"eh_moment": None}, "eh_moment"),
    ("negative-work", {"current_steps": step_with(work_minutes=-5)}, "current_steps.1.work_minutes"),
    ("huge-work", {"current_steps": step_with(work_minutes=100000)}, "current_steps.1.work_minutes"),
    ("fraction-work", {"current_steps": step_with(work_minutes=2.5)}, "current_steps.1.work_minutes"),
    ("wait-90-days-plus-1", {"current_steps": step_with(wait_minutes=129601)}, "current_steps.1.wait_minutes"),
    ("wait-abc", {"current_steps": step_with(wait_minutes="abc")}, "current_steps.1.wait_minutes"),
    ("wait-superscript", {"current_steps": step_with(wait_minutes="²")}, "current_steps.1.wait_minutes"),
    ("volume-half", {"annual_volume": "½"}, "annual_volume"),
    ("volume-5000-digits", {"annual_volume": "9" * 5000}, "annual_volume"),
    ("work-5000-digits", {"current_steps": step_with(work_minutes="1" * 5000)}, "current_steps.1.work_minutes"),
    ("actor-robot", {"current_steps": step_with(actor="robot")}, "current_steps.1.actor"),
    ("no-actor", {"current_steps": step_with(actor=None)}, "current_steps.1.actor"),
    ("no-description", {"current_steps": step_with(description="  ")}, "current_steps.1.description"),
    ("long-description", {"current_steps": step_with(description="ค" * 301)}, "current_steps.1.description"),
    ("present-maybe", {"current_steps": step_with(citizen_present="บางที")}, "current_steps.1.citizen_present"),
    ("step-not-object", {"proposed_steps": ["ยื่นออนไลน์"]}, "proposed_steps.0"),
    ("steps-not-list", {"proposed_steps": "ยื่นออนไลน์"}, "proposed_steps"),
    ("51-steps", {"current_steps": steps(*[("ขั้นตอน", "staff", 1, 1, False)] * 51)}, "current_steps"),
    ("volume-many", {"annual_volume": "many"}, "annual_volume"),
    ("volume-true", {"annual_volume": True}, "annual_volume"),
    ("volume-negative", {"annual_volume": -1}, "annual_volume"),
    ("volume-too-big", {"annual_volume": 50_000_001}, "annual_volume"),
    ("category-xyz", {"category": "xyz"}, "category"),
    ("unknown-field-titel", {"titel": "พิมพ์ผิด"}, "titel"),
    ("stakeholders-aliens", {"stakeholders": ["aliens"]}, "stakeholders"),
    ("stakeholders-numbers", {"stakeholders": [1, 2]}, "stakeholders"),
    ("unit-nope", {"unit": "NOPE"}, "unit"),
    ("unit-a-list", {"unit": ["D1001"]}, "unit"),
    ("coauthor-unknown", {"coauthors": ["ghost99"]}, "coauthors"),
    ("eleven-coauthors", {"coauthors": [f"colleague{i}" for i in range(11)]}, "coauthors"),
]
# fmt: on


@pytest.mark.parametrize(
    "changes, field",
    [pytest.param(c, f, id=i) for i, c, f in INVALID_CREATIONS],
)
def test_invalid_fields_are_a_422_keyed_by_field_and_nothing_is_created(
    api, changes, field, idea_count
):
    staff1 = api("staff1")
    before = staff1.list_refs()

    response = staff1.post("/ideas", json={**FULL_IDEA, **changes})

    error = api_error(response, 422, "invalid")
    assert set(error["fields"]) == {field}
    assert staff1.list_refs() == before
    assert idea_count() == 0


def test_every_bad_step_is_reported_at_once(api):
    current = [dict(step) for step in FULL_IDEA["current_steps"]]
    current[0]["work_minutes"] = -1
    current[2]["actor"] = "หุ่นยนต์"
    proposed = [dict(step) for step in FULL_IDEA["proposed_steps"]]
    proposed[1]["wait_minutes"] = "ครึ่งชั่วโมง"

    response = api("staff1").post(
        "/ideas",
        json={**FULL_IDEA, "title": "", "current_steps": current, "proposed_steps": proposed},
    )

    error = api_error(response, 422, "invalid")
    assert set(error["fields"]) == {
        "title",
        "current_steps.0.work_minutes",
        "current_steps.2.actor",
        "proposed_steps.1.wait_minutes",
    }


def test_a_refused_creation_does_not_use_up_a_reference_number(api):
    staff1 = api("staff1")
    api_error(staff1.post("/ideas", json={**FULL_IDEA, "unit": "NOPE"}), 422, "invalid")
    api_error(staff1.post("/ideas", json={**FULL_IDEA, "coauthors": ["ghost"]}), 422, "invalid")

    idea = staff1.create()

    assert idea["ref"].endswith("-00001")


# -- reading an idea -------------------------------------------------------------------


@pytest.mark.parametrize(
    "viewer, status",
    [
        ("staff1", 200),  # the author
        ("staff2", 200),  # the coauthor
        ("staff3", 404),
        ("supervisor1", 404),  # even the supervisor does not see a draft
        ("outsider", 404),
    ],
)
def test_a_draft_is_seen_only_by_its_team(api, viewer, status):
    ref = api("staff1").create(coauthors=["staff2"])["ref"]

    response = api(viewer).get(f"/ideas/{ref}")

    if status == 200:
        assert response.status_code == 200
        assert response.get_json()["ref"] == ref
        assert response.get_json()["coauthors"] == [
            {"username": "staff2", "display_name": "นางสาวสุดา รักงาน"}
        ]
    else:
        api_error(response, 404, "not_found")


def test_a_draft_without_coauthors_is_404_for_a_colleague_in_the_same_section(api):
    ref = api("staff1").create()["ref"]

    api_error(api("staff2").get(f"/ideas/{ref}"), 404, "not_found")
    api_error(api("staff2").get(f"/ideas/{ref}/events"), 404, "not_found")


@pytest.mark.parametrize("ref", ["IDEA-2569-99999", "IDEA-9999-00001", "ไม่มี", "1"])
def test_an_unknown_reference_is_404(api, ref):
    api_error(api("staff1").get(f"/ideas/{ref}"), 404, "not_found")


@pytest.mark.parametrize("stage", ["submitted", "returned", "approved", "declined", "implemented"])
@pytest.mark.parametrize("viewer", ["staff2", "staff3", "outsider", "director"])
def test_once_submitted_an_idea_is_open_to_every_colleague(api, make_idea, stage, viewer):
    idea = make_idea(stage=stage)

    response = api(viewer).get(f"/ideas/{idea.ref}")

    assert response.status_code == 200
    assert response.get_json()["stage"] == stage
    assert response.get_json()["can_edit"] is False


def test_the_author_reads_back_everything_that_was_sent(api):
    ref = api("staff1").create()["ref"]

    idea = api("staff1").get(f"/ideas/{ref}").get_json()

    for field in ("title", "eh_moment", "process_name", "service", "solution", "value"):
        assert idea[field] == FULL_IDEA[field]
    assert idea["impact"] == FULL_IMPACT
    assert idea["measured"] is None
    assert idea["can_edit"] is True
