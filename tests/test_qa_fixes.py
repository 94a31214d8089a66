"""What a fresh-eyes tour of issue 5 found, each pinned by a test."""

from __future__ import annotations

import lxml.html
import pytest
from fixtures.ideas import FULL_IDEA, steps

from ideaboard.ideas.models import Idea

API = "/api/v1"


def doc(response):
    return lxml.html.fromstring(response.get_data(as_text=True))


def new_form(**changes) -> dict:
    data = {
        "title": "เฟส 2: ลดการถ่ายสำเนา",
        "eh_moment": "เอ๊ะ ทำไมต้องถ่ายสำเนาซ้ำ",
        "unit": "D1001-REG",
        "category": "process",
        "save": "1",
    }
    data.update(changes)
    return data


# -- every field error at once ------------------------------------------------------------


def test_a_bad_number_and_an_unknown_colleague_are_reported_together(as_user):
    client = as_user("staff3")
    response = client.post(
        "/ideas/new", data=new_form(annual_volume="สองพัน", coauthors="nosuchuser")
    )
    assert response.status_code == 422
    page = doc(response)
    assert page.xpath("//*[@id='annual_volume-error']")
    assert "nosuchuser" in " ".join(page.xpath("//*[@id='coauthors-error']//text()"))


def test_a_tampered_unit_and_category_are_reported_together(as_user):
    client = as_user("staff3")
    response = client.post(
        "/ideas/new", data=new_form(unit="NOPE", category="zz", coauthors="nosuchuser")
    )
    assert response.status_code == 422
    page = doc(response)
    for name in ("unit", "category", "coauthors"):
        assert page.xpath(f"//*[@id='{name}-error']"), name


def test_the_api_names_every_bad_field_at_once(as_user):
    client = as_user("staff1")
    body = {**FULL_IDEA, "annual_volume": "5", "unit": "NOPE", "coauthors": ["nosuchuser"]}
    response = client.post(f"{API}/ideas", json=body)
    assert response.status_code == 422
    assert {"annual_volume", "unit", "coauthors"} <= set(response.get_json()["error"]["fields"])


# -- a moved step is a move ---------------------------------------------------------------


def test_a_moved_step_is_recorded_as_moved_not_added_and_removed(as_user, make_idea):
    a = ("ยื่นคำร้องออนไลน์", "citizen", 5, 0, False)
    c = ("ตรวจเอกสารในระบบ", "staff", 10, 0, False)
    idea = make_idea(stage="returned", proposed_steps=steps(a, c))
    client = as_user("staff1")
    body = {"version": idea.version, "proposed_steps": steps(c, a)}
    assert client.patch(f"{API}/ideas/{idea.ref}", json=body).status_code == 200

    edit = client.get(f"{API}/ideas/{idea.ref}/events").get_json()["items"][-1]
    assert [c["change"] for c in edit["changes"]] == ["moved"]
    moved = edit["changes"][0]
    assert (moved["before"]["position"], moved["after"]["position"]) == (2, 1)
    assert moved["after"]["description"] == "ตรวจเอกสารในระบบ"
    page = client.get(f"/ideas/{idea.ref}").get_data(as_text=True)
    assert "ย้ายจากขั้นตอนที่ 2 ไปเป็นขั้นตอนที่ 1" in page


def test_the_timeline_says_minutes_in_thai(as_user, make_idea):
    idea = make_idea(stage="returned")
    client = as_user("staff1")
    current = [dict(step) for step in FULL_IDEA["current_steps"]][1:]
    client.patch(
        f"{API}/ideas/{idea.ref}", json={"version": idea.version, "current_steps": current}
    )
    page = client.get(f"/ideas/{idea.ref}").get_data(as_text=True)
    assert "ประชาชนรับบัตรคิว (ประชาชน, 21 นาที)" in page
    assert " min)" not in page


# -- Thai typed two ways ------------------------------------------------------------------


def test_thai_typed_two_ways_is_stored_and_found_one_way(as_user):
    client = as_user("staff1")
    decomposed = "ขอส\u0e4d\u0e32เนาโฉนดออนไลน์"
    created = client.post(
        f"{API}/ideas", json={"title": decomposed, "eh_moment": "ทดลอง"}
    ).get_json()
    assert created["title"] == "ขอสำเนาโฉนดออนไลน์"
    for query in ("สำเนา", "ส\u0e4d\u0e32เนา"):
        items = client.get(f"{API}/ideas", query_string={"q": query, "mine": "1"}).get_json()
        assert [item["ref"] for item in items["items"]] == [created["ref"]], query


# -- a draft with one side of steps -------------------------------------------------------


def test_a_draft_with_only_todays_steps_lists_them_without_marking_them_removed(as_user, make_idea):
    idea = make_idea(proposed_steps=[])
    page = doc(as_user("staff1").get(f"/ideas/{idea.ref}"))
    assert page.xpath("//*[@data-diff-waiting]")
    assert not page.xpath("//table[@class='diff']")
    assert len(page.xpath("//ol[@class='plain-steps']/li")) == 5


# -- smaller ones ---------------------------------------------------------------------------


def test_errors_inside_a_step_row_are_tied_to_their_input(as_user):
    form = new_form(**{
        "current_steps-0-position": "1", "current_steps-0-description": "ยื่นคำร้อง",
        "current_steps-0-actor": "citizen", "current_steps-0-work_minutes": "5",
        "current_steps-0-wait_minutes": "1.5",
    })  # fmt: skip
    page = doc(as_user("staff1").post("/ideas/new", data=form))
    field = page.xpath("//*[@id='current_steps-0-wait_minutes']")[0]
    assert field.get("aria-invalid") == "true"
    assert page.xpath(f"//*[@id='{field.get('aria-describedby')}']")


def test_a_long_username_is_refused_in_thai(client, people):
    response = client.post("/login", data={"username": "ก" * 10_000, "password": "x"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "ชื่อผู้ใช้ยาวได้ไม่เกิน 64 ตัวอักษร" in page
    assert "Field cannot be longer" not in page


@pytest.mark.parametrize(("field", "value"), [("steps_after", 0), ("cases_since", 0)])
def test_a_measurement_of_nothing_is_refused(as_user, make_idea, db_session, field, value):
    idea = make_idea(stage="approved")
    measured = {"steps_after": 3, "minutes_after": 20, "cases_since": 800, "evidence": "สถิติ"}
    measured[field] = value
    response = as_user("supervisor1").post(
        f"{API}/ideas/{idea.ref}/transitions",
        json={"action": "implement", "version": idea.version, "measured": measured},
    )
    assert response.status_code == 422
    assert f"measured.{field}" in response.get_json()["error"]["fields"]
    with db_session():
        assert Idea.query.filter_by(ref=idea.ref).one().stage == "approved"


def test_history_times_carry_their_offset(as_user, make_idea):
    idea = make_idea(stage="submitted")
    page = doc(as_user("staff1").get(f"/ideas/{idea.ref}"))
    moments = page.xpath("//ol[@class='timeline']//time/@datetime")
    assert moments and all(m.endswith("+00:00") for m in moments)


def test_the_stage_table_prints_in_one_language(runner_env):
    result = runner_env.invoke(args=["ideaboard", "stages"])
    assert result.exit_code == 0
    assert "note required" in result.output
    assert not any("\u0e00" <= char <= "\u0e7f" for char in result.output)


@pytest.fixture
def runner_env(app, app_ctx):
    """The CLI as ``flask`` runs it: in an application context (FlaskGroup pushes one; the
    test runner only for commands marked with_appcontext, and ``stages`` is not)."""
    return app.test_cli_runner()


def test_an_api_call_in_english_does_not_switch_the_account(as_user):
    client = as_user("staff1")
    assert client.get(f"{API}/ideas?lang=en").status_code == 200
    assert client.get(f"{API}/me").get_json()["locale"] == "th"
    client.get("/ideas/?lang=en")  # a page does, like the switch
    assert client.get(f"{API}/me").get_json()["locale"] == "en"


@pytest.mark.parametrize("path", ["/ideas/", f"{API}/ideas"])
def test_mine_takes_yes_or_no_only(as_user, path):
    assert as_user("staff1").get(path, query_string={"mine": "maybe"}).status_code == 422


def test_a_json_list_is_held_to_its_documented_length(as_user):
    body = {"title": "ทดลองผู้ร่วมเสนอ", "eh_moment": "ทดลอง", "coauthors": [""] * 11}
    response = as_user("staff1").post(f"{API}/ideas", json=body)
    assert response.status_code == 422
    assert "coauthors" in response.get_json()["error"]["fields"]


@pytest.mark.parametrize("path", ["/ideas/", f"{API}/ideas"])
def test_a_search_longer_than_documented_is_refused_with_a_reason(as_user, path):
    response = as_user("staff1").get(path, query_string={"q": "สำเนา" * 41})  # 205 characters
    assert response.status_code == 422
    assert "200" in response.get_data(as_text=True)
