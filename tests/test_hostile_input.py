"""Markup typed into any field of any form comes back as text, never as markup.

Each case posts one hostile value into one field (every other field valid), follows the
redirect if there is one, and checks the page: the value may be shown (escaped) but never
as a tag. Messages that repeat what was typed ("No colleague with username: …") are where
this once broke: a lazily translated message is treated as safe markup by Jinja.
"""

from __future__ import annotations

import pytest
from fixtures.ideas import FULL_IDEA
from markupsafe import escape

HOSTILE = (
    "<img src=x onerror=alert(1)>",
    "<script>alert('เอ๊ะ')</script>",
    '"><svg onload=alert(1)>',
)
RAW_MARKERS = ("<img src=x", "<script>alert", "<svg onload")


@pytest.fixture(autouse=True)
def _staff(people):
    """staff1..3 and supervisor1 exist in every test here."""


def idea_form(**changes) -> dict:
    data = {
        "title": "ลดขั้นตอนรับรองสำเนา (copy) เหลือ 1 ช่อง",
        "eh_moment": "เอ๊ะ ทำไมต้องถ่ายสำเนา 2 รอบ",
        "process_name": "การขอคัดสำเนาทะเบียนบ้าน",
        "service": "งานทะเบียนราษฎร",
        "unit": "D1001-REG",
        "category": "process",
        "annual_volume": "12,000",
        "solution": "ตรวจเอกสารที่ช่องเดียว",
        "value": "ประชาชนมาครั้งเดียว",
        "stakeholders": ["citizens"],
        "stakeholders_other": "",
        "coauthors": "",
        "current_steps-0-position": "1",
        "current_steps-0-description": "ยื่นคำร้องที่ช่อง 1",
        "current_steps-0-actor": "citizen",
        "current_steps-0-work_minutes": "5",
        "current_steps-0-wait_minutes": "10",
        "current_steps-0-citizen_present": "y",
        "proposed_steps-0-position": "1",
        "proposed_steps-0-description": "ยื่นออนไลน์",
        "proposed_steps-0-actor": "staff",
        "proposed_steps-0-work_minutes": "3",
        "proposed_steps-0-wait_minutes": "0",
        "save": "1",
    }
    data.update(changes)
    return data


IDEA_FIELDS = [
    name for name in idea_form() if name not in ("save", "current_steps-0-citizen_present")
] + ["proposed_steps-0-citizen_present", "current_steps-0-remove", "version"]

# What the new-idea form answers to markup in a field, saved as a draft and sent for
# submission: a field with a fixed set of values refuses it (422); free text is kept (the
# draft saved, 200 after the redirect); a removed only row leaves nothing to submit.
REFUSED_IN = {
    "annual_volume", "category", "coauthors", "unit", "stakeholders",
    "current_steps-0-actor", "current_steps-0-work_minutes", "current_steps-0-wait_minutes",
    "proposed_steps-0-actor", "proposed_steps-0-work_minutes", "proposed_steps-0-wait_minutes",
}  # fmt: skip
NEW_FORM_STATUSES = {
    **{field: (200, 200) for field in IDEA_FIELDS},
    **{field: (422, 422) for field in REFUSED_IN},
    "current_steps-0-remove": (200, 422),
}

STAGE_FIELDS = ("action", "version", "note", "steps_after", "minutes_after", "cases_since",
                "evidence", "into")  # fmt: skip

# The stage buttons: a refused action or version is 422 whatever the action; markup in a
# field the action does not read is ignored (the decision stands, 200 after the redirect);
# implementing reads the numbers, and refuses markup in them.
STAGE_BUTTON_STATUSES = {
    (action, field): 422 if field in ("action", "version") or action == HOSTILE[0] else 200
    for action in ("approve", "return", "implement", HOSTILE[0])
    for field in STAGE_FIELDS
} | {("implement", field): 422 for field in ("steps_after", "minutes_after", "cases_since")}  # fmt: skip


def assert_no_markup(response, status: int) -> None:
    page = response.get_data(as_text=True)
    assert response.status_code == status, page[:500]
    for marker in RAW_MARKERS:
        assert marker not in page, f"{marker!r} rendered as markup"


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("field", IDEA_FIELDS)
def test_the_new_idea_form_shows_hostile_values_as_text(login, field, hostile):
    client = login("staff1")
    for submit, status in zip(({}, {"submit_idea": "1"}), NEW_FORM_STATUSES[field], strict=True):
        response = client.post(
            "/ideas/new", data=idea_form(**{field: hostile}, **submit), follow_redirects=True
        )
        assert_no_markup(response, status)


@pytest.mark.parametrize("field", ["coauthors", "category", "unit", "stakeholders", "version"])
def test_the_edit_form_shows_hostile_values_as_text(login, make_idea, field):
    idea = make_idea(author="staff1")
    client = login("staff1")
    data = idea_form(version=str(idea.version))
    data[field] = HOSTILE[0]
    response = client.post(f"/ideas/{idea.ref}/edit", data=data, follow_redirects=True)
    assert_no_markup(response, 422)  # none of these is a value the form offers


def test_an_unknown_coauthor_is_named_in_plain_text(login):
    client = login("staff1")
    response = client.post("/ideas/new", data=idea_form(coauthors=HOSTILE[0]))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert_no_markup(response, 422)


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("field", ["title", "eh_moment"])
def test_quick_capture_shows_hostile_values_as_text(login, field, hostile):
    client = login("staff1")
    data = {"title": "ทำไมต้องรอคิว 2 รอบ", "eh_moment": ""}
    data[field] = hostile + ("x" * 250 if field == "title" else "")
    response = client.post("/ideas/quick", data=data, follow_redirects=True)
    assert_no_markup(response, 422 if field == "title" else 200)  # the title is too long


@pytest.mark.parametrize("field", STAGE_FIELDS)
@pytest.mark.parametrize("action", ["approve", "return", "implement", HOSTILE[0]])
def test_stage_buttons_show_hostile_values_as_text(login, make_idea, field, action):
    idea = make_idea(author="staff1", stage="approved" if action == "implement" else "submitted")
    client = login("supervisor1")
    data = {
        "action": action,
        "version": str(idea.version),
        "note": "โปรดแนบสถิติ",
        "steps_after": "3",
        "minutes_after": "20",
        "cases_since": "800",
        "evidence": "สถิติจากระบบคิว",
        "into": "IDEA-2569-00042",
    }
    data[field] = HOSTILE[0]
    response = client.post(f"/ideas/{idea.ref}/transitions", data=data, follow_redirects=True)
    assert_no_markup(response, STAGE_BUTTON_STATUSES[action, field])


@pytest.mark.parametrize("hostile", HOSTILE)
def test_merging_into_a_hostile_reference_shows_it_as_text(login, make_idea, hostile):
    """The reference typed is quoted back in the message on the field and kept in it."""
    idea = make_idea(author="staff1", stage="submitted")
    client = login("supervisor1")
    data = {"action": "merge", "version": str(idea.version), "into": hostile, "note": hostile}
    response = client.post(f"/ideas/{idea.ref}/transitions?lang=en", data=data)
    assert_no_markup(response, 422)
    page = response.get_data(as_text=True)
    assert f"No idea has the reference “{escape(hostile)}”." in page


def test_the_api_quotes_a_hostile_reference_as_plain_json_text(client, token, make_idea):
    idea = make_idea(author="staff1", stage="submitted")
    response = client.post(
        f"/api/v1/ideas/{idea.ref}/transitions?lang=en",
        json={"action": "merge", "version": idea.version, "into": HOSTILE[1][:24]},
        headers=token("supervisor1"),
    )
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {
        "into": f"No idea has the reference “{HOSTILE[1][:24]}”."
    }


@pytest.mark.parametrize("field", ["version"])
def test_delete_shows_hostile_values_as_text(login, make_idea, field):
    idea = make_idea(author="staff1")
    client = login("staff1")
    response = client.post(
        f"/ideas/{idea.ref}/delete", data={field: HOSTILE[0]}, follow_redirects=True
    )
    assert_no_markup(response, 422)


@pytest.mark.parametrize("arg", ["q", "sort", "stage", "unit", "category", "fy", "limit", "cursor"])
def test_list_filters_show_hostile_values_as_text(login, arg):
    client = login("staff1")
    response = client.get("/ideas/", query_string={arg: HOSTILE[0]}, follow_redirects=True)
    assert_no_markup(response, 200 if arg == "q" else 422)  # any text may be searched for


@pytest.mark.parametrize("arg", ["author", "voted"])
def test_engagement_filters_show_hostile_values_as_text(login, arg):
    response = login("staff1").get("/ideas/", query_string={arg: HOSTILE[0]})
    assert_no_markup(response, 422)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_comment_shows_hostile_markup_as_text(as_user, make_idea, hostile):
    idea = make_idea(author="staff1", stage="submitted")
    client = as_user("staff2")
    posted = client.post(
        f"/ideas/{idea.ref}/comments",
        data={"body": f"{hostile} ดู https://example.org/{hostile}"},
        follow_redirects=True,
    )
    assert_no_markup(posted, 200)
    assert str(escape(hostile)) in posted.get_data(as_text=True)  # shown, as text
    # refused (too long) and shown again in the form: still text
    refused = client.post(f"/ideas/{idea.ref}/comments", data={"body": hostile * 1000})
    assert_no_markup(refused, 422)
    assert_no_markup(as_user("staff1").get(f"/ideas/{idea.ref}"), 200)


@pytest.mark.parametrize("field", ["on", "next"])
def test_vote_and_follow_buttons_ignore_hostile_values(as_user, make_idea, field):
    idea = make_idea(author="staff1", stage="submitted")
    client = as_user("staff2")
    for button in ("vote", "follow"):
        data = {"on": "1", "next": "/ideas/", field: HOSTILE[0]}
        response = client.post(f"/ideas/{idea.ref}/{button}", data=data, follow_redirects=True)
        # a tampered button value is refused by name (422); a hostile return address is
        # replaced by the idea's page
        assert_no_markup(response, 422 if field == "on" else 200)


@pytest.mark.parametrize("field", ["username", "password"])
def test_login_shows_hostile_values_as_text(client, people, field):
    data = {"username": "staff1", "password": "wrong"}
    data[field] = HOSTILE[0]
    response = client.post("/login", data=data)
    assert response.status_code == 422
    assert_no_markup(response, 422)


def test_the_api_names_an_unknown_coauthor_as_plain_json_text(client, token):
    headers = token("staff1")
    response = client.post(
        "/api/v1/ideas", json={**FULL_IDEA, "coauthors": [HOSTILE[0]]}, headers=headers
    )
    assert response.status_code == 422
    assert HOSTILE[0] in response.get_json()["error"]["fields"]["coauthors"]
    assert response.content_type == "application/json"


def test_no_lazy_message_is_built_with_values():
    """``_l("… %(x)s", x=…)`` is a LazyString that Jinja renders unescaped: values are
    interpolated with ``_()`` at request time instead."""
    import re
    from pathlib import Path

    import ideaboard

    lazy_with_values = re.compile(r"_l\(\s*\"[^\"]*%\(")
    offenders = [
        str(path)
        for path in Path(ideaboard.__file__).parent.rglob("*.py")
        if lazy_with_values.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
