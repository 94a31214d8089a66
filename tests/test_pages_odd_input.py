"""Whatever odd input is sent, no page answers 500: each case gets the status it
should (422 for what cannot be saved, 302 for what can, 404 for no such page).
"""

from __future__ import annotations

import pytest
from fixtures.people import PASSWORD
from pages import (
    HUGE_NUMBER,
    IDEA_FORM,
    full_form,
    location,
    saved,
    step_rows,
    text,
)

pytestmark = pytest.mark.usefixtures("people")  # staff1..3, supervisor1, director, outsider


# Each case with the one status it should get: 302 saved (the draft opens), 422 refused
# with the form shown again, 200 the form shown again with one more row.
ODD_NEW_IDEA = [
    pytest.param({}, 422, id="nothing"),
    pytest.param({"title": "ก" * 100_000, "eh_moment": "ข" * 100_000}, 422, id="very-long"),
    pytest.param({"title": "🙂 เอ๊ะ ‮RTL‬ \u200b", "eh_moment": "ﷺ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢"}, 302, id="unicode"),
    pytest.param(full_form(annual_volume="1e5"), 422, id="volume-exponent"),
    pytest.param(full_form(annual_volume="๑๒,๐๐๐"), 302, id="volume-thai-digits"),
    pytest.param(full_form(annual_volume="99999999999999999999999"), 422, id="volume-bigint"),
    pytest.param(full_form(annual_volume=HUGE_NUMBER), 422, id="volume-huge"),
    pytest.param(full_form(**{"current_steps-0-work_minutes": HUGE_NUMBER}),
                 422, id="minutes-huge"),
    pytest.param(full_form(**{"current_steps-0-position": "nan",
                              "current_steps-1-position": "-inf",
                              "current_steps-2-position": "1e999"}), 302, id="odd-positions"),
    pytest.param(full_form(**{"current_steps-999999999-description": "ไกลมาก"}), 422, id="far-index"),
    pytest.param(full_form(**{"current_steps-x-description": "ดัชนีไม่ใช่ตัวเลข"}), 302, id="word-index"),
    pytest.param(full_form(**{"current_steps-0-citizen_present": "maybe"}), 302, id="odd-bool"),
    pytest.param(full_form(stakeholders=["aliens", "citizens"]), 422, id="odd-stakeholder"),
    pytest.param(full_form(unit="../../etc"), 422, id="odd-unit"),
    pytest.param(full_form(coauthors="," * 50 + "staff2"), 302, id="odd-coauthors"),
    pytest.param(full_form(coauthors=",".join(f"u{n}" for n in range(30))), 422, id="many-coauthors"),
    pytest.param(full_form(coauthors="staff1"), 302, id="self-coauthor"),
    pytest.param(full_form(add_step="password"), 302, id="add-step-to-what"),
    pytest.param(full_form(title="เอ๊ะ\x00ทำไม"), 422, id="nul-character"),
    pytest.param({**IDEA_FORM, "add_step": "current_steps",
                  **step_rows("current_steps", [("x", "staff", 1, 0, False)] * 60)},
                 200, id="add-step-to-60-rows"),
    pytest.param({**IDEA_FORM, **step_rows("current_steps",
                                           [("x", "staff", 1, 0, False)] * 70)}, 422, id="70-rows"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "status"), ODD_NEW_IDEA)
def test_the_full_form_never_answers_500(login, data, status):
    response = login("staff1").post("/ideas/new", data=data)
    assert response.status_code == status, text(response)[:500]


ODD_QUICK = [
    pytest.param({}, 422, id="nothing"),
    pytest.param({"title": "x" * 100_000, "eh_moment": "y"}, 422, id="very-long"),
    pytest.param({"title": ["สอง", "ค่า"], "eh_moment": ["a", "b"]}, 302, id="repeated"),
    pytest.param({"title": "<script>alert('เอ๊ะ')</script>", "eh_moment": "{{ 7*7 }}"},
                 302, id="markup"),
    pytest.param({"title": "\U0001f914" * 200, "eh_moment": "\u0e40\u0e2d\u0e4a\u0e30"},
                 302, id="emoji"),
    pytest.param({"title": "\x00", "eh_moment": "nul"}, 422, id="nul"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "status"), ODD_QUICK)
def test_quick_capture_never_answers_500(login, data, status):
    response = login("staff1").post("/ideas/quick", data=data)
    assert response.status_code == status, text(response)[:500]


def test_markup_in_a_title_is_shown_as_text(login):
    client = login("staff1")
    response = client.post(
        "/ideas/quick", data={"title": "<script>alert('เอ๊ะ')</script>", "eh_moment": "x"}
    )
    page = text(client.get(location(response)))
    assert "<script>alert(" not in page
    assert "&lt;script&gt;" in page


# 302 done (the first of two actions sent; a note whatever its characters), 409 a version
# that is not the current one or a step not possible from "submitted", 422 anything unread.
ODD_TRANSITIONS = [
    pytest.param({}, 422, id="nothing"),
    pytest.param({"action": "approve"}, 422, id="no-version"),
    pytest.param({"action": "approve", "version": "สอง"}, 422, id="word-version"),
    pytest.param({"action": "approve", "version": HUGE_NUMBER}, 422, id="huge-version"),
    pytest.param({"action": "approve", "version": "-1"}, 409, id="negative-version"),
    pytest.param({"action": "x" * 10_000, "version": "{v}"}, 422, id="long-action"),
    pytest.param({"action": "__class__", "version": "{v}"}, 422, id="dunder-action"),
    pytest.param({"action": "create", "version": "{v}"}, 422, id="create-action"),
    pytest.param({"action": "submit", "version": "{v}"}, 409, id="submit-by-supervisor"),
    pytest.param({"action": "return", "version": "{v}", "note": "ก" * 5000}, 422, id="long-note"),
    pytest.param({"action": "decline", "version": "{v}", "note": "\U0001f600" * 10},
                 302, id="emoji-note"),
    pytest.param({"action": ["approve", "decline"], "version": "{v}"}, 302, id="two-actions"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "status"), ODD_TRANSITIONS)
def test_stage_buttons_never_answer_500(make_idea, browser, data, status):
    idea = make_idea(author="staff1", stage="submitted")
    ref, version = idea.ref, idea.version
    filled = {k: (v.format(v=version) if isinstance(v, str) else v) for k, v in data.items()}
    response = browser("supervisor1").post(f"/ideas/{ref}/transitions", data=filled)
    assert response.status_code == status, text(response)[:500]


ODD_MEASUREMENTS = [
    pytest.param({"steps_after": "-1", "minutes_after": "0", "cases_since": "0",
                  "evidence": "e"}, id="negative"),
    pytest.param({"steps_after": "1.5", "minutes_after": "abc", "cases_since": "∞",
                  "evidence": ""}, id="words"),
    pytest.param({"steps_after": "3", "minutes_after": "20", "cases_since": HUGE_NUMBER,
                  "evidence": "e"}, id="huge"),
    pytest.param({"steps_after": "3", "minutes_after": "20", "cases_since": "5",
                  "evidence": "ข" * 5000}, id="long-evidence"),
]  # fmt: skip


@pytest.mark.parametrize("measured", ODD_MEASUREMENTS)
def test_implementing_with_odd_measurements_never_answers_500(
    make_idea, browser, db_session, measured
):
    idea = make_idea(author="staff1", stage="approved")
    ref, version = idea.ref, idea.version
    response = browser("supervisor1").post(
        f"/ideas/{ref}/transitions", data={"action": "implement", "version": version, **measured}
    )
    assert response.status_code == 422, text(response)[:500]
    assert saved(db_session, ref).stage == "approved"


# 422 the login page again; a repeated username is read as its first value (302).
ODD_LOGINS = [
    pytest.param({}, 422, id="nothing"),
    pytest.param({"username": "staff1"}, 422, id="no-password"),
    pytest.param({"username": "x" * 10_000, "password": "y" * 10_000}, 422, id="very-long"),
    pytest.param({"username": "สมชาย", "password": "รหัสผ่าน"}, 422, id="thai"),
    pytest.param({"username": "staff1' OR '1'='1", "password": "' OR '1'='1"}, 422, id="sql"),
    pytest.param({"username": ["staff1", "staff2"], "password": PASSWORD}, 302, id="repeated"),
    pytest.param({"username": "staff1\x00", "password": PASSWORD}, 422, id="nul"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "status"), ODD_LOGINS)
def test_login_never_answers_500(client, people, data, status):
    response = client.post("/login", data=data)
    assert response.status_code == status, text(response)[:500]


@pytest.mark.parametrize(
    "path",
    ["/ideas/" + "A" * 5000, "/ideas/idea-2569-00001", "/ideas/เอ๊ะ/edit",
     pytest.param("/ideas/%00"),
     "/lang/" + "x" * 1000, "/fonts/../../etc/passwd", "/fonts/Sarabun-Black.ttf"],
)  # fmt: skip
def test_odd_addresses_are_404_not_500(login, path):
    response = login("staff1").get(path)
    assert response.status_code == 404, text(response)[:500]
