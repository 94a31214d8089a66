"""One declaration per entity (issue 5 §6): the API refuses JSON of the wrong type, the form
keeps reading what people type, and the OpenAPI document says what the API really does.

staff1 works in ฝ่ายทะเบียน (D1001-REG) and files ideas; supervisor1 reviews them.
"""

from __future__ import annotations

import pytest
from contract import check_response
from fixtures.ideas import FULL_IDEA
from sqlalchemy import select

from ideaboard.core.schema import FORM, JSON, Errors
from ideaboard.ideas.models import Idea
from ideaboard.ideas.validation import IDEA_INPUT, STEP

API = "/api/v1"
MEASURED = {"steps_after": 3, "minutes_after": 20, "cases_since": 800, "evidence": "สถิติคิว"}


@pytest.fixture
def staff1(client, token, people):
    headers = token("staff1")

    def call(method, path, json=None):
        return client.open(API + path, method=method, json=json, headers=headers)

    return call


def invalid_fields(response) -> set[str]:
    assert response.status_code == 422, response.get_data(as_text=True)[:500]
    return set(response.get_json()["error"]["fields"])


def with_step(**changes) -> list[dict]:
    first = {**FULL_IDEA["current_steps"][0], **changes}
    return [first, *FULL_IDEA["current_steps"][1:]]


# -- wrong JSON types are refused, naming the field ------------------------------------------

# fmt: off
WRONG_TYPES = [
    ("volume-as-text", {"annual_volume": "5"}, "annual_volume"),
    ("volume-with-comma", {"annual_volume": "12,000"}, "annual_volume"),
    ("present-yes", {"current_steps": with_step(citizen_present="yes")}, "current_steps.0.citizen_present"),
    ("present-null", {"current_steps": with_step(citizen_present=None)}, "current_steps.0.citizen_present"),
    ("minutes-as-text", {"current_steps": with_step(work_minutes="5")}, "current_steps.0.work_minutes"),
    ("minutes-fraction", {"current_steps": with_step(work_minutes=5.5)}, "current_steps.0.work_minutes"),
    ("minutes-null", {"current_steps": with_step(wait_minutes=None)}, "current_steps.0.wait_minutes"),
    ("stakeholders-a-string", {"stakeholders": "citizens"}, "stakeholders"),
    ("coauthors-a-string", {"coauthors": "staff2"}, "coauthors"),
    ("steps-a-string", {"proposed_steps": "ยื่นคำร้องออนไลน์"}, "proposed_steps"),
    ("steps-null", {"proposed_steps": None}, "proposed_steps"),
    ("title-null", {"title": None}, "title"),
    ("service-null", {"service": None}, "service"),
    ("category-blank", {"category": ""}, "category"),
    ("unknown-key-in-step", {"current_steps": with_step(minutes=5)}, "current_steps.0.minutes"),
    ("unknown-key", {"เอ๊ะ": "ทำไม"}, "เอ๊ะ"),
]
# fmt: on


@pytest.mark.parametrize("changes, field", [pytest.param(c, f, id=i) for i, c, f in WRONG_TYPES])
def test_a_wrong_json_type_is_a_422_naming_the_field(staff1, db_session, changes, field):
    response = staff1("POST", "/ideas", {**FULL_IDEA, **changes})

    assert invalid_fields(response) == {field}
    with db_session() as session:
        assert session.scalar(select(Idea.id)) is None


@pytest.mark.parametrize(
    "changes, field",
    [
        pytest.param({"annual_volume": "5"}, "annual_volume", id="volume-as-text"),
        pytest.param({"version": "1"}, "version", id="version-as-text"),
        pytest.param({"version": None}, "version", id="version-null"),
    ],
)
def test_an_edit_with_a_wrong_json_type_is_a_422_and_changes_nothing(staff1, changes, field):
    ref = staff1("POST", "/ideas", FULL_IDEA).get_json()["ref"]

    response = staff1("PATCH", f"/ideas/{ref}", {"version": 1, **changes})

    assert invalid_fields(response) == {field}
    assert staff1("GET", f"/ideas/{ref}").get_json()["version"] == 1


@pytest.mark.parametrize(
    "body, field",
    [
        pytest.param({"version": "2"}, "version", id="version-as-text"),
        pytest.param({"note": 5}, "note", id="note-a-number"),
        pytest.param(
            {"measured": {**MEASURED, "steps_after": "3"}},
            "measured.steps_after",
            id="measured-as-text",
        ),  # fmt: skip
        pytest.param({"measured": "3 ขั้นตอน"}, "measured", id="measured-a-string"),
        pytest.param({"nota": "ok"}, "nota", id="unknown-key"),
    ],
)
def test_a_transition_with_a_wrong_json_type_is_a_422(
    staff1, make_idea, client, token, db_session, body, field
):
    idea = make_idea(stage="approved")
    headers = token("supervisor1")

    response = client.post(
        f"{API}/ideas/{idea.ref}/transitions",
        json={"action": "implement", "version": idea.version, "measured": MEASURED, **body},
        headers=headers,
    )

    assert invalid_fields(response) == {field}
    with db_session() as session:
        assert session.get(Idea, idea.id).stage == "approved"


def test_a_token_request_with_a_number_for_username_is_a_422(client, people):
    response = client.post(f"{API}/tokens", json={"username": 1001, "password": "x"})

    assert "username" in invalid_fields(response)


# -- the form keeps reading what people type -------------------------------------------------


def test_the_form_reads_thai_digits_commas_and_a_ticked_box(login, people, db_session):
    client = login("staff1")
    form = {
        "title": "ขอสำเนาทะเบียนบ้านจบในช่องเดียว",
        "eh_moment": "เอ๊ะ ทำไมต้องเดิน 3 ช่อง",
        "annual_volume": "๑๒,๐๐๐",
        "current_steps-0-position": "1",
        "current_steps-0-description": "ยื่นคำร้องที่ช่อง 1",
        "current_steps-0-actor": "citizen",
        "current_steps-0-work_minutes": "๕",
        "current_steps-0-wait_minutes": "1,440",
        "current_steps-0-citizen_present": "y",
    }

    response = client.post("/ideas/new", data=form)

    assert response.status_code == 302, response.get_data(as_text=True)[:1000]
    with db_session() as session:
        idea = session.scalar(select(Idea))
        assert idea.annual_volume == 12000
        step = idea.current_steps[0]
        assert (step.work_minutes, step.wait_minutes, step.citizen_present) == (5, 1440, True)


@pytest.mark.parametrize(
    "value, expected",
    [("๒,๔๐๐", 2400), ("12,000", 12000), ("12 000", 12000), ("  7 ", 7), (7, 7), ("", None)],
)
def test_a_whole_number_in_form_mode_reads_what_people_type(value, expected):
    errors = Errors()
    assert IDEA_INPUT["annual_volume"].clean(value, "annual_volume", errors, FORM) == expected
    assert not errors


@pytest.mark.parametrize("value", ["2400", "๒,๔๐๐", 2400.5, True])
def test_a_whole_number_in_json_mode_must_be_a_json_integer(value):
    errors = Errors()
    IDEA_INPUT["annual_volume"].clean(value, "annual_volume", errors, JSON)
    assert set(errors) == {"annual_volume"}


def test_the_precise_field_messages_are_kept_in_thai(staff1):
    too_long = staff1("POST", "/ideas", {**FULL_IDEA, "title": "ก" * 201})
    no_step_text = staff1(
        "POST", "/ideas", {**FULL_IDEA, "current_steps": with_step(description=" ")}
    )

    assert too_long.get_json()["error"]["fields"] == {
        "title": "ไม่เกิน 200 ตัวอักษร (ขณะนี้มี 201 ตัวอักษร)"
    }
    assert no_step_text.get_json()["error"]["fields"] == {
        "current_steps.0.description": "กรุณาอธิบายขั้นตอน"
    }


# -- HTTP details ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "method, path, allowed",
    [
        ("PUT", f"{API}/ideas", {"GET", "POST"}),
        ("POST", f"{API}/me", {"GET"}),
        ("GET", "/logout", {"POST"}),
    ],
)
def test_a_405_says_which_methods_are_allowed(client, token, people, method, path, allowed):
    response = client.open(path, method=method, headers=token("staff1"))

    assert response.status_code == 405
    assert allowed <= {m.strip() for m in response.headers["Allow"].split(",")}


def test_a_deleted_draft_answers_204_with_no_body_and_no_type(staff1):
    ref = staff1("POST", "/ideas", {"title": "ร่างทดลอง", "eh_moment": "เอ๊ะ"}).get_json()["ref"]

    response = staff1("DELETE", f"/ideas/{ref}", {"version": 1})

    assert response.status_code == 204
    assert response.get_data() == b""
    assert "Content-Type" not in response.headers


def test_a_delete_with_the_version_as_text_in_the_body_is_a_422(staff1):
    ref = staff1("POST", "/ideas", {"title": "ร่างทดลอง", "eh_moment": "เอ๊ะ"}).get_json()["ref"]

    assert invalid_fields(staff1("DELETE", f"/ideas/{ref}", {"version": "1"})) == {"version"}


# -- the document ----------------------------------------------------------------------------


@pytest.fixture
def document(client):
    return client.get(f"{API}/openapi.json").get_json()


def response_schema(document, path, method, status="200"):
    return document["paths"][path][method]["responses"][status]["content"]["application/json"][
        "schema"
    ]


def test_the_list_is_documented_as_summaries_and_returns_exactly_them(document, staff1):
    staff1("POST", "/ideas", FULL_IDEA)
    page = response_schema(document, "/ideas", "get")
    schemas = document["components"]["schemas"]

    assert page == {"$ref": "#/components/schemas/IdeaPage"}
    assert schemas["IdeaPage"]["properties"]["items"]["items"] == {
        "$ref": "#/components/schemas/IdeaSummary"
    }
    summary = set(schemas["IdeaSummary"]["properties"])
    assert "eh_moment" not in summary and "current_steps" not in summary
    [item] = staff1("GET", "/ideas?mine=1").get_json()["items"]
    assert set(item) == summary


def test_required_fields_and_limits_are_declared(document):
    schemas = document["components"]["schemas"]
    idea_input = schemas["IdeaInput"]

    assert set(idea_input["required"]) == {"title", "eh_moment"}
    assert idea_input["properties"]["title"]["minLength"] == 1
    assert idea_input["properties"]["title"]["maxLength"] == 200
    assert idea_input["properties"]["eh_moment"]["minLength"] == 1
    assert idea_input["properties"]["annual_volume"]["maximum"] == 50_000_000
    assert idea_input["additionalProperties"] is False
    assert schemas["StepInput"]["properties"]["work_minutes"] == {
        "type": "integer", "minimum": 0, "maximum": 1440,
    }  # fmt: skip
    assert set(schemas["StepInput"]["required"]) == {"description", "actor"}


def test_a_quick_draft_without_category_matches_the_document(document, staff1):
    idea = staff1("POST", "/ideas", {"title": "จดไว้ก่อน", "eh_moment": "เอ๊ะ"}).get_json()

    assert idea["category"] is None
    assert None in document["components"]["schemas"]["Idea"]["properties"]["category"]["enum"]


@pytest.mark.parametrize(
    "path, method, status, component",
    [
        ("/tokens", "post", "201", "Token"),
        ("/me", "get", "200", "Me"),
        ("/people", "get", "200", "People"),
        ("/ideas", "get", "200", "IdeaPage"),
        ("/ideas", "post", "201", "Idea"),
        ("/ideas/{ref}", "get", "200", "Idea"),
        ("/ideas/{ref}", "patch", "200", "Idea"),
        ("/ideas/{ref}/transitions", "post", "200", "TransitionResult"),
        ("/ideas/{ref}/events", "get", "200", "Events"),
    ],
)
def test_every_answer_has_its_schema(document, path, method, status, component):
    assert response_schema(document, path, method, status) == {
        "$ref": f"#/components/schemas/{component}"
    }
    for code, answer in document["paths"][path][method]["responses"].items():
        if code.startswith(("4", "5")):
            assert answer == {"$ref": "#/components/responses/Error"}


def test_the_shapes_still_being_wired_are_declared(document):
    schemas = document["components"]["schemas"]

    assert schemas["Idea"]["properties"]["diff"]["items"] == {
        "$ref": "#/components/schemas/DiffRow"
    }
    assert schemas["DiffRow"]["properties"]["after_mark"]["enum"] == [
        "same", "changed", "merged", "new", None,
    ]  # fmt: skip
    assert schemas["Event"]["properties"]["changes"]["items"] == {
        "$ref": "#/components/schemas/Change"
    }
    assert set(schemas["Change"]["required"]) == {"field", "change", "step", "before", "after"}
    assert schemas["TransitionResult"]["required"] == ["event", "idea"]


def test_the_step_declaration_serves_both_ways(document):
    schemas = document["components"]["schemas"]

    assert set(schemas["Step"]["properties"]) == set(schemas["StepInput"]["properties"])
    assert set(schemas["Step"]["properties"]) == set(STEP.names)


# -- the contract check itself ---------------------------------------------------------------


class FakeResponse:
    def __init__(self, status, body=b"{}", content_type="application/json", headers=()):
        self.status_code = status
        self._body = body
        self.headers = (
            {"Content-Type": content_type, **dict(headers)} if content_type else dict(headers)
        )
        self.is_json = content_type == "application/json"

    def get_data(self, as_text=False):
        return self._body.decode() if as_text else self._body


def test_the_contract_check_catches_drift(document):
    full_idea_in_the_list = (
        b'{"items": [{"ref": "IDEA-2569-00001", "eh_moment": "x"}], "next_cursor": null}'
    )

    assert check_response("GET", f"{API}/ideas", FakeResponse(200, full_idea_in_the_list))
    assert check_response("GET", f"{API}/me", FakeResponse(418))  # undocumented status
    assert check_response("DELETE", f"{API}/ideas/IDEA-2569-00001",
                          FakeResponse(204, b"", "text/html; charset=utf-8"))  # fmt: skip
    assert check_response("PUT", f"{API}/ideas", FakeResponse(405, b'{"error": {}}'))
    error = b'{"error": {"code": "invalid", "message": "m", "fields": {"title": "t"}}}'
    assert not check_response("POST", f"{API}/ideas", FakeResponse(422, error))
