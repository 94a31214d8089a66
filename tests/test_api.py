"""The JSON API under /api/v1 (SPEC §8), told as the colleagues who use it.

staff1 and staff2 work in ฝ่ายทะเบียน (D1001-REG) of สำนักงานเขตพระนคร, staff3 in ฝ่ายโยธา
(D1001-PWK); supervisor1 supervises ฝ่ายทะเบียน, director the whole district (D1001), and
outsider works in a hospital lab (MED-H02-MT-MICRO). Every caller uses their own bearer
token unless the test is about the session cookie.
"""

from __future__ import annotations

import base64
import json
import re
import threading
from datetime import UTC, datetime

import pytest
from conftest import FULL_IDEA, PASSWORD, steps
from sqlalchemy import func, select, update

from ideaboard import create_app
from ideaboard.core.dates import fiscal_year, utcnow
from ideaboard.extensions import db
from ideaboard.ideas import operations as idea_operations
from ideaboard.ideas.models import Idea
from ideaboard.people.operations import user_by_username
from ideaboard.workflow.operations import transition

API = "/api/v1"
REF_PATTERN = re.compile(r"IDEA-25\d\d-\d{5}")
MEASURED = {
    "steps_after": 3,
    "minutes_after": 20,
    "cases_since": 800,
    "evidence": "สถิติจากระบบคิว Q-Matic ต.ค.–ธ.ค. 2568: เฉลี่ย 20 นาที/ราย",
}


# -- helpers ---------------------------------------------------------------------------


class Caller:
    """One colleague talking to the API with their own client and bearer token."""

    def __init__(self, app, username: str, headers: dict):
        self.username = username
        self.headers = headers
        self.client = app.test_client()

    def get(self, path: str, **kwargs):
        return self.client.get(API + path, headers=self.headers, **kwargs)

    def post(self, path: str, json=None, **kwargs):
        return self.client.post(API + path, json=json, headers=self.headers, **kwargs)

    def patch(self, path: str, json=None, **kwargs):
        return self.client.patch(API + path, json=json, headers=self.headers, **kwargs)

    def create(self, **fields) -> dict:
        response = self.post("/ideas", json={**FULL_IDEA, **fields})
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    def act(self, ref: str, action: str, **body):
        """POST a transition; the version defaults to the idea's current one."""
        body.setdefault("version", version_of(ref))
        return self.post(f"/ideas/{ref}/transitions", json={"action": action, **body})

    def edit(self, ref: str, **fields):
        fields.setdefault("version", version_of(ref))
        return self.patch(f"/ideas/{ref}", json=fields)

    def list_refs(self, query: str = "") -> list[str]:
        response = self.get(f"/ideas?limit=100{'&' + query if query else ''}")
        assert response.status_code == 200, response.get_json()
        return [item["ref"] for item in response.get_json()["items"]]


def version_of(ref: str) -> int:
    return db.session.scalar(select(Idea.version).where(Idea.ref == ref))


def idea_count() -> int:
    return db.session.scalar(select(func.count(Idea.id)))


def api_error(response, status: int, code: str | tuple[str, ...]) -> dict:
    """Assert the SPEC's error shape and return the inner ``error`` object; ``code`` may be
    a tuple of acceptable codes where SPEC §8 fixes only the status."""
    assert response.status_code == status, response.get_data(as_text=True)[:1000]
    assert response.is_json, response.get_data(as_text=True)[:300]
    body = response.get_json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "message", "fields"}
    assert error["code"] in (code if isinstance(code, tuple) else (code,))
    assert isinstance(error["message"], str) and error["message"].strip()
    assert isinstance(error["fields"], dict)
    assert all(isinstance(message, str) and message for message in error["fields"].values())
    return error


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


# Hand-computed impact of FULL_IDEA (conftest): current steps 1+20, 5+10, 10+0, 2+30, 2+10
# minutes; proposed 1+0, 8+5, 3+0; citizens present at steps 1, 2, 5 before (two trips:
# steps 1–2 are one visit, step 5 another) and at step 2 after (one trip).
FULL_MINUTES_BEFORE = 21 + 15 + 10 + 32 + 12  # 90
FULL_MINUTES_AFTER = 1 + 13 + 3  # 17
FULL_IMPACT = {
    "steps_before": 5,
    "steps_after": 3,
    "step_reduction_pct": 40.0,  # (5 - 3) / 5
    "minutes_before": 90,
    "minutes_after": 17,
    "minutes_saved_per_case": 73,
    "hours_saved_per_year": 14600.0,  # 73 min × 12,000 cases / 60
    "citizen_visits_before": 2,
    "citizen_visits_after": 1,
}
assert FULL_IMPACT["minutes_before"] == FULL_MINUTES_BEFORE
assert FULL_IMPACT["minutes_after"] == FULL_MINUTES_AFTER


@pytest.fixture
def api(app, token, people):
    """api("staff1") → a Caller holding staff1's bearer token (one token per user)."""
    callers: dict[str, Caller] = {}

    def caller(username: str) -> Caller:
        if username not in callers:
            callers[username] = Caller(app, username, token(username))
        return callers[username]

    return caller


# -- tokens and who am I ---------------------------------------------------------------


def test_a_token_is_issued_for_the_right_password_and_opens_me(client, people):
    response = client.post("/api/v1/tokens", json={"username": "staff1", "password": PASSWORD})

    assert response.status_code == 201
    body = response.get_json()
    assert isinstance(body["token"], str) and len(body["token"]) >= 32
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200
    assert me.get_json()["username"] == "staff1"
    assert me.get_json()["display_name"] == "นายสมชาย ใจดี"


def test_usernames_are_case_insensitive_when_asking_for_a_token(client, people):
    response = client.post("/api/v1/tokens", json={"username": " Staff1 ", "password": PASSWORD})

    assert response.status_code == 201


def test_wrong_password_and_unknown_user_get_the_same_401(client, people):
    wrong = client.post("/api/v1/tokens", json={"username": "staff1", "password": "รหัสผิด 1234"})
    unknown = client.post("/api/v1/tokens", json={"username": "nobody", "password": PASSWORD})

    wrong_error = api_error(wrong, 401, "unauthorized")
    unknown_error = api_error(unknown, 401, "unauthorized")
    assert wrong_error["message"] == unknown_error["message"]
    assert "token" not in wrong.get_json() and "token" not in unknown.get_json()


def test_a_deactivated_account_gets_no_token_and_its_old_token_stops_working(
    client, people, token, db
):
    headers = token("staff2")
    people["staff2"].active = False
    db.session.commit()

    refused = client.post("/api/v1/tokens", json={"username": "staff2", "password": PASSWORD})
    api_error(refused, 401, "unauthorized")
    api_error(client.get("/api/v1/me", headers=headers), 401, "unauthorized")


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"data": "{bad", "content_type": "application/json"}, id="broken-json"),
        pytest.param({"json": ["staff1", PASSWORD]}, id="a-list"),
        pytest.param({"json": "staff1:" + PASSWORD}, id="a-string"),
        pytest.param({"json": 2569}, id="a-number"),
        pytest.param({"data": "null", "content_type": "application/json"}, id="null"),
        pytest.param({"data": "username=staff1", "content_type": "text/plain"}, id="not-json"),
    ],
)
def test_a_malformed_token_request_is_a_400(client, people, body):
    response = client.post("/api/v1/tokens", **body)

    api_error(response, 400, "bad_request")


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"username": "staff1"},
        {"password": PASSWORD},
        {"username": 1001, "password": PASSWORD},
        {"username": "staff1", "password": ["correct", "horse"]},
        {"username": None, "password": None},
    ],
    ids=["empty", "no-password", "no-username", "numeric-username", "list-password", "nulls"],
)
def test_missing_or_mistyped_credentials_are_a_422(client, people, body):
    response = client.post("/api/v1/tokens", json=body)

    error = api_error(response, 422, "invalid")
    assert error["fields"]


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no-auth"),
        pytest.param({"Authorization": "Bearer not-a-real-token-ไม่ใช่โทเค็น"}, id="garbage"),
        pytest.param({"Authorization": "Bearer " + "A" * 43}, id="token-shaped"),
        pytest.param({"Authorization": "Bearer "}, id="empty-bearer"),
        pytest.param({"Authorization": "Basic c3RhZmYxOmRlbW8="}, id="basic-auth"),
    ],
)
@pytest.mark.parametrize("method, path", [("GET", "/me"), ("GET", "/ideas"), ("POST", "/ideas")])
def test_without_a_valid_token_the_api_answers_401_in_json(client, people, headers, method, path):
    response = client.open(API + path, method=method, headers=headers, json=FULL_IDEA)

    error = api_error(response, 401, "unauthorized")
    assert error["fields"] == {}
    assert idea_count() == 0


@pytest.mark.parametrize(
    "username, roles, unit, supervises",
    [
        ("staff1", ["staff"], "D1001-REG", []),
        ("staff3", ["staff"], "D1001-PWK", []),
        ("supervisor1", ["staff", "supervisor"], "D1001", ["D1001-REG"]),
        ("director", ["staff", "supervisor"], "D1001", ["D1001"]),
        ("outsider", ["staff"], "MED-H02-MT-MICRO", []),
    ],
)
def test_me_tells_who_i_am_my_roles_and_my_unit(api, username, roles, unit, supervises):
    response = api(username).get("/me")

    assert response.status_code == 200
    me = response.get_json()
    assert me["username"] == username
    assert me["roles"] == roles
    assert me["unit"]["code"] == unit
    assert [u["code"] for u in me["supervises"]] == supervises


def test_me_names_the_unit_in_thai(api):
    unit = api("staff1").get("/me").get_json()["unit"]

    assert unit["name_th"] == "ฝ่ายทะเบียน"
    assert unit["name_en"] == "Civil Registration Section"


def test_the_browser_session_cookie_also_opens_the_api(login, people):
    client = login("supervisor1")

    response = client.get("/api/v1/me")

    assert response.status_code == 200
    assert response.get_json()["username"] == "supervisor1"


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


def _step_with(**changes) -> list[dict]:
    """FULL_IDEA's current steps with the second step changed."""
    current = [dict(step) for step in FULL_IDEA["current_steps"]]
    current[1].update(changes)
    return current


# fmt: off
INVALID_CREATIONS = [
    ("empty-title", {"title": ""}, "title"),
    ("blank-title", {"title": "   \n "}, "title"),
    ("title-201-chars", {"title": "ข" * 201}, "title"),
    ("title-a-number", {"title": 2569}, "title"),
    ("no-eh-moment", {"eh_moment": None}, "eh_moment"),
    ("negative-work", {"current_steps": _step_with(work_minutes=-5)}, "current_steps.1.work_minutes"),
    ("huge-work", {"current_steps": _step_with(work_minutes=100000)}, "current_steps.1.work_minutes"),
    ("fraction-work", {"current_steps": _step_with(work_minutes=2.5)}, "current_steps.1.work_minutes"),
    ("wait-90-days-plus-1", {"current_steps": _step_with(wait_minutes=129601)}, "current_steps.1.wait_minutes"),
    ("wait-abc", {"current_steps": _step_with(wait_minutes="abc")}, "current_steps.1.wait_minutes"),
    ("wait-superscript", {"current_steps": _step_with(wait_minutes="²")}, "current_steps.1.wait_minutes"),
    ("volume-half", {"annual_volume": "½"}, "annual_volume"),
    ("volume-5000-digits", {"annual_volume": "9" * 5000}, "annual_volume"),
    ("work-5000-digits", {"current_steps": _step_with(work_minutes="1" * 5000)}, "current_steps.1.work_minutes"),
    ("actor-robot", {"current_steps": _step_with(actor="robot")}, "current_steps.1.actor"),
    ("no-actor", {"current_steps": _step_with(actor=None)}, "current_steps.1.actor"),
    ("no-description", {"current_steps": _step_with(description="  ")}, "current_steps.1.description"),
    ("long-description", {"current_steps": _step_with(description="ค" * 301)}, "current_steps.1.description"),
    ("present-maybe", {"current_steps": _step_with(citizen_present="บางที")}, "current_steps.1.citizen_present"),
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
def test_invalid_fields_are_a_422_keyed_by_field_and_nothing_is_created(api, changes, field):
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


# -- editing ---------------------------------------------------------------------------


def test_an_edit_without_version_is_refused(api):
    staff1 = api("staff1")
    ref = staff1.create()["ref"]

    response = staff1.patch(f"/ideas/{ref}", json={"title": "ชื่อใหม่"})

    error = api_error(response, 422, "invalid")
    assert set(error["fields"]) == {"version"}
    assert staff1.get(f"/ideas/{ref}").get_json()["title"] == FULL_IDEA["title"]


@pytest.mark.parametrize("version", [None, True, 1.0, [1], "หนึ่ง", "1"])
def test_a_version_that_is_not_a_number_is_refused(api, version):
    staff1 = api("staff1")
    ref = staff1.create()["ref"]

    response = staff1.patch(f"/ideas/{ref}", json={"version": version, "title": "ชื่อใหม่"})

    assert set(api_error(response, 422, "invalid")["fields"]) == {"version"}
    assert version_of(ref) == 1


@pytest.mark.parametrize("version", [0, 2, 99])
def test_an_edit_from_a_stale_version_is_a_conflict(api, version):
    staff1 = api("staff1")
    ref = staff1.create()["ref"]

    response = staff1.patch(f"/ideas/{ref}", json={"version": version, "title": "ชื่อใหม่"})

    api_error(response, 409, "conflict")
    idea = staff1.get(f"/ideas/{ref}").get_json()
    assert idea["title"] == FULL_IDEA["title"]
    assert idea["version"] == 1


def test_an_edit_with_the_current_version_saves_and_bumps_the_version(api):
    staff1 = api("staff1")
    ref = staff1.create()["ref"]

    response = staff1.patch(
        f"/ideas/{ref}",
        json={
            "version": 1,
            "title": "ขอสำเนาทะเบียนบ้านผ่าน BMA OSS ภายใน 10 นาที",
            "annual_volume": 6000,
        },
    )

    assert response.status_code == 200
    edited = response.get_json()
    assert edited["version"] == 2
    assert edited["title"] == "ขอสำเนาทะเบียนบ้านผ่าน BMA OSS ภายใน 10 นาที"
    assert edited["impact"]["hours_saved_per_year"] == 73 * 6000 / 60
    again = staff1.get(f"/ideas/{ref}").get_json()
    assert again["title"] == edited["title"] and again["version"] == 2
    assert again["eh_moment"] == FULL_IDEA["eh_moment"]  # untouched fields stay
    second = staff1.patch(f"/ideas/{ref}", json={"version": 2, "service": "งานทะเบียน 24 ชม."})
    assert second.status_code == 200
    assert second.get_json()["version"] == 3


def test_patching_steps_replaces_them_and_recomputes_the_impact(api):
    staff1 = api("staff1")
    ref = staff1.create()["ref"]
    current = steps(
        ("รับบัตรคิวที่ตู้ Kiosk", "citizen", 0, 15, True),
        ("กรอกแบบฟอร์ม คร.1", "citizen", 10, 0, True),
        ("ตรวจสอบในระบบ BMA-DOC", "staff", 5, 0, False),
        ("ส่งนายทะเบียนลงนาม", "other_unit", 3, 60, False),
    )
    proposed = steps(
        ("ยื่นออนไลน์ผ่าน e-Service", "citizen", 10, 0, False),
        ("ตรวจและลงนามดิจิทัล", "staff", 5, 10, False),
    )

    response = staff1.patch(
        f"/ideas/{ref}",
        json={
            "version": 1,
            "current_steps": current,
            "proposed_steps": proposed,
            "annual_volume": 2400,
        },
    )

    assert response.status_code == 200
    idea = staff1.get(f"/ideas/{ref}").get_json()
    assert idea["current_steps"] == current
    assert idea["proposed_steps"] == proposed
    assert idea["impact"] == {
        "steps_before": 4,
        "steps_after": 2,
        "step_reduction_pct": 50.0,
        "minutes_before": 15 + 10 + 5 + 63,
        "minutes_after": 10 + 15,
        "minutes_saved_per_case": 68,
        "hours_saved_per_year": 2720.0,  # 68 × 2,400 / 60
        "citizen_visits_before": 1,  # the kiosk and the form are one trip
        "citizen_visits_after": 0,
    }


def test_patching_only_proposed_steps_keeps_the_current_ones(api):
    staff1 = api("staff1")
    ref = staff1.create()["ref"]

    response = staff1.edit(
        ref, proposed_steps=steps(("ตู้ Kiosk พิมพ์สำเนาเอง", "citizen", 3, 2, True))
    )

    assert response.status_code == 200
    idea = response.get_json()
    assert idea["current_steps"] == FULL_IDEA["current_steps"]
    assert idea["impact"]["steps_after"] == 1
    assert idea["impact"]["step_reduction_pct"] == 80.0
    assert idea["impact"]["minutes_saved_per_case"] == 90 - 5
    assert idea["impact"]["hours_saved_per_year"] == 85 * 12000 / 60


def test_a_longer_new_process_shows_negative_savings(api):
    staff1 = api("staff1")
    ref = staff1.create()["ref"]

    idea = staff1.edit(
        ref,
        current_steps=steps(("ยื่นคำร้อง", "citizen", 4, 0, True)),
        proposed_steps=steps(
            ("ยื่นคำร้อง", "citizen", 4, 0, True),
            ("ถ่ายรูปยืนยันตัวตน", "citizen", 2, 0, True),
        ),
        annual_volume=600,
    ).get_json()

    assert idea["impact"]["step_reduction_pct"] == -100.0
    assert idea["impact"]["minutes_saved_per_case"] == -2
    assert idea["impact"]["hours_saved_per_year"] == -20.0


def test_an_invalid_edit_changes_nothing(api):
    staff1 = api("staff1")
    ref = staff1.create()["ref"]

    response = staff1.edit(ref, title="ชื่อใหม่ที่ไม่ควรถูกบันทึก", current_steps=_step_with(actor="robot"))

    assert set(api_error(response, 422, "invalid")["fields"]) == {"current_steps.1.actor"}
    idea = staff1.get(f"/ideas/{ref}").get_json()
    assert idea["title"] == FULL_IDEA["title"]
    assert idea["version"] == 1
    assert idea["current_steps"] == FULL_IDEA["current_steps"]


@pytest.mark.parametrize(
    "stage, editor, status, code",
    [
        ("draft", "staff1", 200, None),
        ("returned", "staff1", 200, None),
        ("draft", "staff2", 404, "not_found"),
        ("draft", "supervisor1", 404, "not_found"),
        ("submitted", "staff2", 403, "forbidden"),
        ("submitted", "supervisor1", 403, "forbidden"),
        ("returned", "outsider", 403, "forbidden"),
        ("approved", "director", 403, "forbidden"),
        ("submitted", "staff1", 409, "conflict"),
        ("approved", "staff1", 409, "conflict"),
        ("declined", "staff1", 409, "conflict"),
        ("piloting", "staff1", 409, "conflict"),
        ("implemented", "staff1", 409, "conflict"),
    ],
)
def test_who_may_edit_in_which_stage(api, make_idea, stage, editor, status, code):
    idea = make_idea(stage=stage)
    ref, version = idea.ref, idea.version

    response = api(editor).edit(ref, title="แก้ชื่อเรื่อง โดย " + editor, version=version)

    if status == 200:
        assert response.status_code == 200
        assert response.get_json()["title"] == "แก้ชื่อเรื่อง โดย " + editor
        assert response.get_json()["version"] == version + 1
    else:
        api_error(response, status, code)
        assert version_of(ref) == version
        assert api("staff1").get(f"/ideas/{ref}").get_json()["title"] == FULL_IDEA["title"]


def test_a_coauthor_may_edit_but_not_change_the_team(api):
    ref = api("staff1").create(coauthors=["staff2"])["ref"]
    staff2 = api("staff2")

    edited = staff2.edit(ref, solution="ใช้ตู้ Kiosk พิมพ์สำเนาเอง 24 ชั่วโมง")
    reteam = staff2.edit(ref, coauthors=["staff3"])

    assert edited.status_code == 200
    assert edited.get_json()["solution"] == "ใช้ตู้ Kiosk พิมพ์สำเนาเอง 24 ชั่วโมง"
    assert set(api_error(reteam, 422, "invalid")["fields"]) == {"coauthors"}
    assert [c["username"] for c in staff2.get(f"/ideas/{ref}").get_json()["coauthors"]] == [
        "staff2"
    ]


def test_the_second_of_two_edits_from_the_same_version_is_refused(api):
    ref = api("staff1").create(coauthors=["staff2"])["ref"]

    first = api("staff1").patch(f"/ideas/{ref}", json={"version": 1, "title": "ฉบับของสมชาย"})
    second = api("staff2").patch(f"/ideas/{ref}", json={"version": 1, "title": "ฉบับของสุดา"})

    assert first.status_code == 200
    api_error(second, 409, "conflict")
    idea = api("staff1").get(f"/ideas/{ref}").get_json()
    assert idea["title"] == "ฉบับของสมชาย"
    assert idea["version"] == 2


def _race(app, monkeypatch, module, requests: dict) -> dict:
    """Send ``requests`` ({name: (headers, method, path, body)}) from parallel threads, each
    held at ``module.check_version`` until all have passed it: the version check alone
    cannot stop the loser, only the database's version guard can."""
    barrier = threading.Barrier(len(requests), timeout=15)
    original_check = module.check_version

    def check_then_wait(idea, version):
        original_check(idea, version)
        barrier.wait()

    monkeypatch.setattr(module, "check_version", check_then_wait)
    results: dict = {}

    def send(name, headers, method, path, body) -> None:
        try:
            response = app.test_client().open(API + path, method=method, json=body, headers=headers)
            results[name] = (response.status_code, response.get_json())
        except Exception as error:  # reported by the caller instead of as a thread warning
            results[name] = (f"exception {error!r}", None)

    threads = [
        threading.Thread(target=send, args=(name, *request)) for name, request in requests.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def _one_winner(results: dict) -> str:
    statuses = sorted(str(status) for status, _ in results.values())
    assert statuses == ["200", "409"], results
    loser_body = next(body for status, body in results.values() if status == 409)
    assert loser_body["error"]["code"] == "conflict"
    return next(name for name, (status, _) in results.items() if status == 200)


def test_two_edits_racing_from_the_same_version_cannot_both_win(app, api, monkeypatch):
    ref = api("staff1").create(coauthors=["staff2"])["ref"]
    titles = {"staff1": "ฉบับของสมชาย (race)", "staff2": "ฉบับของสุดา (race)"}

    results = _race(app, monkeypatch, idea_operations, {
        name: (api(name).headers, "PATCH", f"/ideas/{ref}", {"version": 1, "title": title})
        for name, title in titles.items()
    })  # fmt: skip

    winner = _one_winner(results)
    idea = api("staff1").get(f"/ideas/{ref}").get_json()
    assert idea["title"] == titles[winner]
    assert idea["version"] == 2


def test_two_reviewers_deciding_at_once_cannot_both_win(app, api, make_idea, monkeypatch):
    from ideaboard.workflow import machine as workflow_operations

    idea = make_idea(stage="submitted")
    decisions = {"supervisor1": "approve", "director": "decline"}

    results = _race(app, monkeypatch, workflow_operations, {
        name: (api(name).headers, "POST", f"/ideas/{idea.ref}/transitions",
               {"action": action, "version": idea.version, "note": "ตัดสินพร้อมกัน"})
        for name, action in decisions.items()
    })  # fmt: skip

    winner = _one_winner(results)
    read = api("staff1").get(f"/ideas/{idea.ref}").get_json()
    assert read["stage"] == {"approve": "approved", "decline": "declined"}[decisions[winner]]
    events = api("staff1").get(f"/ideas/{idea.ref}/events").get_json()["items"]
    assert [e["action"] for e in events] == ["create", "submit", decisions[winner]]


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
def test_who_may_review_a_submitted_idea(api, make_idea, actor, status, action):
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
    api, make_idea, stage, action, actor
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


# -- the list --------------------------------------------------------------------------


def test_the_list_hides_other_peoples_drafts_but_shows_mine(api, make_idea):
    my_draft = make_idea(author="staff1", title="ร่างของสมชาย")
    their_draft = make_idea(author="staff2", title="ร่างของสุดา")
    shared_draft = make_idea(author="staff2", title="ร่างที่เขียนร่วมกัน", coauthors=["staff1"])
    their_submitted = make_idea(author="staff2", stage="submitted", title="เสนอแล้วของสุดา")

    refs = api("staff1").list_refs()

    assert set(refs) == {my_draft.ref, shared_draft.ref, their_submitted.ref}
    assert their_draft.ref not in api("staff3").list_refs()
    assert api("staff3").list_refs() == [their_submitted.ref]


def test_mine_lists_only_my_teams_ideas(api, make_idea):
    mine = make_idea(author="staff1", stage="submitted")
    make_idea(author="staff2", stage="submitted")

    assert api("staff1").list_refs("mine=1") == [mine.ref]


@pytest.fixture
def catalogue(make_idea, people, db):
    """Ideas across the organisation, keyed by letter, all visible to staff1 except F."""
    ideas = {
        "A": make_idea(
            author="staff1", stage="submitted",
            title="ขอสำเนาทะเบียนบ้านได้ในจุดเดียว", process_name="คัดสำเนาทะเบียนบ้าน",
            service="งานทะเบียนราษฎร", eh_moment="เอ๊ะ ทำไมต้องเดิน 3 ช่อง",
        ),
        "B": make_idea(
            author="staff3", stage="submitted", category="service_innovation",
            title="แจ้งซ่อมไฟถนนผ่าน LINE OA ภายใน 24 ชั่วโมง", process_name="รับแจ้งเหตุ",
            service="งานโยธา", eh_moment="เอ๊ะ ทำไมต้องโทรแจ้ง 1555 แล้วรอ",
        ),
        "C": make_idea(
            author="outsider", stage="submitted",
            title="ส่งผลเพาะเชื้อ (culture) ให้หอผู้ป่วยทาง HIS", process_name="รายงานผลแล็บ",
            service="งานจุลชีววิทยา", eh_moment="เอ๊ะ ทำไมพยาบาลต้องเดินมารับผล",
        ),
        "D": make_idea(
            author="staff1", stage="approved",
            title="ลดขั้นตอนรับรองสำเนา 5 → 3 ขั้น", process_name="รับรองสำเนา",
            service="งานบริการประชาชน", eh_moment="เอ๊ะ ทำไมต้องเซ็นรับรองทุกหน้า",
        ),
    }  # fmt: skip
    old = idea_operations.create_idea(
        user_by_username("staff2"),
        {
            **FULL_IDEA,
            "title": "ยื่นภาษีป้ายออนไลน์",
            "process_name": "ชำระภาษีป้าย",
            "service": "งานรายได้",
            "eh_moment": "เอ๊ะ ทำไมต้องมาจ่ายที่เขตปีละครั้ง",
        },
        now=datetime(2024, 3, 1, 9, 30, tzinfo=UTC),
    )
    transition(old, user_by_username("staff2"), "submit", version=old.version)
    db.session.commit()
    ideas["E"] = old
    ideas["F"] = make_idea(
        author="staff2",
        title="ร่าง: ทะเบียนบ้านออนไลน์ (ยังไม่ส่ง)",
        process_name="ทะเบียน",
    )
    return {letter: idea.ref for letter, idea in ideas.items()}


CURRENT_FY = fiscal_year(utcnow())


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", "ABCDE"),
        ("stage=submitted", "ABCE"),
        ("stage=approved", "D"),
        ("stage=draft", ""),
        ("category=service_innovation", "B"),
        ("category=process", "ACDE"),
        ("fy=2567", "E"),
        (f"fy={CURRENT_FY}", "ABCD"),
        ("unit=BMA", "ABCDE"),
        ("unit=D1001", "ABDE"),
        ("unit=d1001", "ABDE"),
        ("unit=D1001-REG", "ADE"),
        ("unit=D1001-PWK", "B"),
        ("unit=MED", "C"),
        ("unit=MED-H02-MT-MICRO", "C"),
        ("q=ทะเบียน", "A"),
        ("q=LINE", "B"),
        ("q=เพาะเชื้อ", "C"),
        ("q=เซ็นรับรอง", "D"),
        ("q=ภาษีป้าย", "E"),
        ("q=งานโยธา", "B"),
        ("q=เอ๊ะ ทำไม", "ABCDE"),
        ("q=ไม่มีคำนี้แน่นอน", ""),
        ("q=%", ""),
        ("q=ทะเบียน&unit=MED", ""),
        ("stage=approved&unit=D1001", "D"),
        ("stage=submitted&category=process&unit=D1001", "AE"),
    ],
)
def test_filters_narrow_the_list(api, catalogue, query, expected):
    refs = api("staff1").list_refs(query)

    by_ref = {ref: letter for letter, ref in catalogue.items()}
    assert "".join(sorted(by_ref[ref] for ref in refs)) == expected


def test_search_ignores_the_case_of_latin_letters(api, catalogue, request):
    assert api("staff1").list_refs("q=line") == [catalogue["B"]]
    assert api("staff1").list_refs("q=Line oa") == [catalogue["B"]]


def test_searching_by_reference_finds_the_idea(api, catalogue):
    assert api("staff1").list_refs(f"q={catalogue['C']}") == [catalogue["C"]]


def test_the_list_is_newest_first_by_default(api, catalogue):
    refs = api("staff1").list_refs()

    assert refs == [catalogue[letter] for letter in "DCBAE"]
    assert api("staff1").list_refs("sort=new") == refs


def test_sort_top_puts_the_most_voted_first(api, catalogue, db):
    votes = {"A": 3, "B": 3, "C": 5, "D": 0, "E": 1}
    for letter, count in votes.items():
        db.session.execute(
            update(Idea).where(Idea.ref == catalogue[letter]).values(vote_count=count)
        )
    db.session.commit()

    response = api("staff1").get("/ideas?sort=top")

    items = response.get_json()["items"]
    assert [item["ref"] for item in items] == [catalogue[letter] for letter in "CBAED"]
    assert [item["vote_count"] for item in items] == [5, 3, 3, 1, 0]


def test_list_items_carry_the_summary_fields(api, catalogue):
    items = api("outsider").get("/ideas?q=LINE").get_json()["items"]

    assert len(items) == 1
    item = items[0]
    assert item["ref"] == catalogue["B"]
    assert item["title"] == "แจ้งซ่อมไฟถนนผ่าน LINE OA ภายใน 24 ชั่วโมง"
    assert item["stage"] == "submitted"
    assert item["category"] == "service_innovation"
    assert item["unit"]["code"] == "D1001-PWK"
    assert item["author"]["username"] == "staff3"
    assert item["fiscal_year"] == CURRENT_FY
    assert item["impact"] == FULL_IMPACT


@pytest.mark.parametrize(
    "query, field",
    [
        ("stage=bogus", "stage"),
        ("stage=DRAFT", "stage"),
        ("category=xyz", "category"),
        ("fy=abc", "fy"),
        ("fy=1999", "fy"),
        ("fy=2569.5", "fy"),
        ("unit=NOPE", "unit"),
        ("sort=old", "sort"),
        ("sort=trending-ish", "sort"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=-3", "limit"),
        ("limit=abc", "limit"),
        pytest.param("limit=" + "9" * 5000, "limit", id="limit-5000-digits"),
        pytest.param("fy=" + "2" * 5000, "fy", id="fy-5000-digits"),
        ("cursor=not-a-cursor!!!", "cursor"),
    ],
)
def test_invalid_filter_values_are_a_422_naming_the_field(api, query, field):
    response = api("staff1").get(f"/ideas?{query}")

    assert set(api_error(response, 422, "invalid")["fields"]) == {field}


@pytest.mark.parametrize("query, field", [("limit=²", "limit"), ("fy=²⁵⁶⁹", "fy")])
def test_superscript_digits_in_filters_are_a_422(api, query, field):
    response = api("staff1").get(f"/ideas?{query}")

    assert set(api_error(response, 422, "invalid")["fields"]) == {field}


def test_several_invalid_filters_are_reported_together(api):
    response = api("staff1").get("/ideas?stage=bogus&category=xyz&unit=NOPE&limit=0")

    assert set(api_error(response, 422, "invalid")["fields"]) == {
        "stage",
        "category",
        "unit",
        "limit",
    }


def _walk_pages(caller: Caller, query: str, cursor: str | None = None) -> list[list[str]]:
    pages = []
    for _ in range(10):
        url = f"/ideas?{query}" + (f"&cursor={cursor}" if cursor else "")
        response = caller.get(url)
        assert response.status_code == 200, response.get_json()
        body = response.get_json()
        pages.append([item["ref"] for item in body["items"]])
        cursor = body["next_cursor"]
        if cursor is None:
            return pages
    raise AssertionError("pagination did not end")


@pytest.mark.parametrize("sort", ["new", "top"])
def test_pages_walk_through_every_idea_once(api, sort):
    staff1 = api("staff1")
    created = [staff1.create(title=f"ไอเดียที่ {n}: ลดเวลารอ {n * 5} นาที")["ref"] for n in range(1, 8)]

    pages = _walk_pages(staff1, f"limit=3&sort={sort}")

    assert [len(page) for page in pages] == [3, 3, 1]
    walked = [ref for page in pages for ref in page]
    assert len(walked) == len(set(walked)) == 7
    assert walked == list(reversed(created))  # newest first; equal votes fall back to newest


def test_the_last_page_has_no_next_cursor(api):
    staff1 = api("staff1")
    for n in range(3):
        staff1.create(title=f"เอ๊ะ ข้อ {n}")

    body = staff1.get("/ideas?limit=3").get_json()

    assert len(body["items"]) == 3
    assert body["next_cursor"] is None


def test_ideas_created_while_paging_do_not_shift_later_pages(api):
    staff1 = api("staff1")
    created = [staff1.create(title=f"ชุดแรก {n}")["ref"] for n in range(5)]
    first = staff1.get("/ideas?limit=2").get_json()

    newcomer = staff1.create(title="มาใหม่ระหว่างเปิดหน้า")["ref"]
    rest = _walk_pages(staff1, "limit=2", cursor=first["next_cursor"])

    walked = [item["ref"] for item in first["items"]] + [ref for page in rest for ref in page]
    assert walked == list(reversed(created))
    assert newcomer not in walked


@pytest.mark.parametrize(
    "sort, cursor",
    [
        ("new", "%%%"),
        ("new", "ไม่ใช่เคอร์เซอร์"),
        ("new", b64("hello, not json")),
        ("new", b64('{"created_at": "2026-01-01", "id": 1}')),
        ("new", b64("[1]")),
        ("new", b64('["2026-01-01T00:00:00+00:00", "7"]')),
        ("new", b64('["yesterday", 5]')),
        ("new", b64("[5, 5]")),
        ("top", b64('[3, "x"]')),
        ("new", base64.urlsafe_b64encode(b"\xff\xfe\xfd").decode()),
    ],
)
def test_a_garbage_cursor_is_a_422(api, make_idea, sort, cursor):
    make_idea(stage="submitted")

    response = api("staff1").get(f"/ideas?sort={sort}&cursor={cursor}")

    assert set(api_error(response, 422, "invalid")["fields"]) == {"cursor"}


@pytest.mark.parametrize(
    "sort, cursor",
    [
        pytest.param("top", b64('["2026-01-01T00:00:00+00:00", 5]'), id="new-cursor-on-top"),
        pytest.param("top", b64('["สาม", 5]'), id="text-vote-count"),
        pytest.param("new", b64(f'["2026-01-01T00:00:00+00:00", {10**30}]'), id="huge-id"),
        pytest.param("top", b64(f"[{10**30}, 1]"), id="huge-vote-count"),
    ],
)
def test_a_well_formed_but_wrong_cursor_never_breaks_the_list(
    api, make_idea, request, sort, cursor
):
    """A cursor from another sort, or with absurd numbers, is a 422 (or simply an empty or
    full page), never a 500."""
    make_idea(stage="submitted")

    response = api("staff1").get(f"/ideas?sort={sort}&cursor={cursor}")

    if response.status_code == 200:
        assert isinstance(response.get_json()["items"], list)
    else:
        assert set(api_error(response, 422, "invalid")["fields"]) == {"cursor"}


# -- CSRF: cookies need the token, bearer tokens do not ---------------------------------


def test_cookie_writes_need_the_csrf_token_but_bearer_writes_do_not(database_url, people):
    csrf_app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": True,
        "RATELIMIT_ENABLED": False,
    })  # fmt: skip
    try:
        browser = csrf_app.test_client()
        form = browser.get("/login").get_data(as_text=True)
        csrf_token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
        refused_login = browser.post("/login", data={"username": "staff1", "password": PASSWORD})
        assert refused_login.status_code != 302  # the form itself is protected
        logged_in = browser.post(
            "/login", data={"username": "staff1", "password": PASSWORD, "csrf_token": csrf_token}
        )
        assert logged_in.status_code == 302
        assert browser.get("/api/v1/me").get_json()["username"] == "staff1"

        forged = browser.post("/api/v1/ideas", json={**FULL_IDEA, "title": "ปลอมจากเว็บอื่น"})
        forged_patch = browser.patch("/api/v1/ideas/IDEA-2569-00001", json={"version": 1})
        with_token = browser.post(
            "/api/v1/ideas",
            json={**FULL_IDEA, "title": "ส่งจากหน้าเว็บพร้อม token"},
            headers={"X-CSRFToken": csrf_token},
        )

        api_error(forged, 400, ("csrf", "bad_request"))
        api_error(forged_patch, 400, ("csrf", "bad_request"))
        assert with_token.status_code == 201, with_token.get_json()

        issued = csrf_app.test_client().post(
            "/api/v1/tokens", json={"username": "staff2", "password": PASSWORD}
        )
        assert issued.status_code == 201
        script = csrf_app.test_client()
        by_bearer = script.post(
            "/api/v1/ideas",
            json={**FULL_IDEA, "title": "ส่งจากสคริปต์ด้วย Bearer"},
            headers={"Authorization": f"Bearer {issued.get_json()['token']}"},
        )
        assert by_bearer.status_code == 201, by_bearer.get_json()
        assert by_bearer.get_json()["author"]["username"] == "staff2"
        assert idea_count() == 2
    finally:
        with csrf_app.app_context():
            db.engine.dispose()


# -- the description -------------------------------------------------------------------


def test_the_openapi_description_is_public_and_lists_the_idea_paths(client, app):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = json.loads(response.get_data(as_text=True))
    assert document["openapi"].startswith("3.")
    assert {"/ideas", "/ideas/{ref}", "/ideas/{ref}/transitions", "/ideas/{ref}/events"} <= set(
        document["paths"]
    )
    assert set(document["paths"]["/ideas"]) >= {"get", "post"}
    assert set(document["paths"]["/ideas/{ref}"]) >= {"get", "patch"}
    impact = document["components"]["schemas"]["Impact"]["properties"]
    assert set(impact) == set(FULL_IMPACT)


def test_every_documented_path_is_served_and_every_served_path_documented(app):
    served = {
        re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule[len(API) :])
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith(API + "/") and rule.endpoint != "api.openapi"
    }
    with app.test_request_context():
        from ideaboard.api.openapi import openapi_document

        documented = set(openapi_document()["paths"])

    assert documented == served


# -- never a 500 -----------------------------------------------------------------------

ODD_BODIES = [
    pytest.param("[]", 400, id="empty-list"),
    pytest.param('[{"title": "ก", "eh_moment": "ข"}]', 400, id="list-of-ideas"),
    pytest.param('"ขอสำเนาทะเบียนบ้าน"', 400, id="string"),
    pytest.param("12000", 400, id="number"),
    pytest.param("null", 400, id="null"),
    pytest.param("true", 400, id="boolean"),
    pytest.param("", 400, id="empty-body"),
    pytest.param("{bad", 400, id="broken"),
    pytest.param("[" * 100_000 + "]" * 100_000, 400, id="deeply-nested-list"),
    pytest.param('{"a":' * 100_000 + "1" + "}" * 100_000, 400, id="deeply-nested-object"),
    pytest.param(json.dumps({"title": "ก" * 1_000_000, "eh_moment": "ข"}), 422, id="huge-string"),
    pytest.param(json.dumps({"title": {"th": "ก"}, "eh_moment": ["ข"]}), 422, id="wrong-types"),
    pytest.param(
        json.dumps({"title": "ก", "eh_moment": "ข", "current_steps": [1, "two", None, [], {}]}),
        422,
        id="junk-steps",
    ),
    pytest.param(
        json.dumps({"title": "ก", "eh_moment": "ข", "current_steps": {"0": {}}}),
        422,
        id="steps-dict",
    ),
    pytest.param('{"title": "ก", "eh_moment": "ข", "annual_volume": NaN}', 422, id="nan-volume"),
    pytest.param(
        '{"title": "ก", "eh_moment": "ข", "annual_volume": 1e308}', 422, id="1e308-volume"
    ),
    pytest.param(
        '{"title": "ก", "eh_moment": "ข", "current_steps": [{"description": "x", "actor": "staff",'
        ' "work_minutes": Infinity}]}',
        422,
        id="infinite-minutes",
    ),
    pytest.param(
        json.dumps({"title": "ก", "eh_moment": "ข", "category": ["process"], "unit": {"code": 1}}),
        422,
        id="list-category",
    ),
    pytest.param(
        json.dumps({"title": "ก", "eh_moment": "ข", "stakeholders": {"citizens": True}}),
        422,
        id="dict-stakeholders",
    ),
    pytest.param(
        '{"title": "ก", "eh_moment": "ข", "annual_volume": ' + "9" * 5000 + "}",
        400,
        id="5000-digit-literal",
    ),
    pytest.param(
        json.dumps({"title": "ก", "eh_moment": "ข", "coauthors": [None, 3]}),
        422,
        id="junk-coauthors",
    ),
]


def _odd_request(caller: Caller, method: str, path: str, raw: str, version: int):
    if method == "PATCH" and raw.startswith("{") and raw.endswith("}"):
        try:
            body = json.loads(raw)
            if isinstance(body, dict):
                raw = json.dumps({**body, "version": version})
        except (ValueError, RecursionError):
            pass
    return caller.client.open(
        API + path, method=method, data=raw, content_type="application/json", headers=caller.headers
    )


@pytest.mark.parametrize("method", ["POST", "PATCH"])
@pytest.mark.parametrize("raw, status", ODD_BODIES)
def test_odd_bodies_are_refused_never_a_500(api, make_idea, method, raw, status):
    staff1 = api("staff1")
    draft = make_idea()
    path = "/ideas" if method == "POST" else f"/ideas/{draft.ref}"

    response = _odd_request(staff1, method, path, raw, draft.version)

    assert response.status_code in {400, 422}
    code = "bad_request" if response.status_code == 400 else "invalid"
    error = api_error(response, status, code)
    assert "version" not in error["fields"]  # PATCH bodies carry the right version
    assert idea_count() == 1
    assert version_of(draft.ref) == 1


@pytest.mark.parametrize(
    "title",
    [
        pytest.param("ชื่อเรื่อง\u0000มีตัวอักษร NUL", id="nul-byte"),
        pytest.param("ชื่อเรื่อง \ud800 surrogate", id="lone-surrogate"),
        pytest.param("ชื่อเรื่อง\u001bมี escape", id="escape-control"),
    ],
)
def test_unstorable_characters_are_refused_or_cleaned_never_a_500(api, title):
    raw = json.dumps({"title": title, "eh_moment": "เอ๊ะ ตัวอักษรแปลก ๆ จากการคัดลอก PDF"})

    response = api("staff1").client.post(
        f"{API}/ideas", data=raw, content_type="application/json", headers=api("staff1").headers
    )

    assert response.status_code != 500, response.get_json()
    if response.status_code == 201:
        stored = api("staff1").get(f"/ideas/{response.get_json()['ref']}").get_json()["title"]
        assert stored == re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]", "", title)
    else:
        assert set(api_error(response, 422, "invalid")["fields"]) == {"title"}


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
