"""People from the browser: add, edit, find; a stale page is refused; roles and supervision.
Through the pages (HTTP) on SQLite and PostgreSQL; messages read in English (``?lang=en``)."""

from __future__ import annotations

import pytest
from pages import errors_on, flashes, location, text, tree, value_of

from ideaboard.people.operations import user_by_username

NEW = {
    "username": "somsri_k",
    "display_name": "นางสมศรี ขยันงาน",
    "position": "นักจัดการงานทั่วไปปฏิบัติการ",
    "email": "somsri.k@bangkok.go.th",
    "unit": "D1001-REG",
    "locale": "th",
    "password": "ลืมง่าย 2569!",
    "confirm": "ลืมง่าย 2569!",
}


def profile_of(person) -> dict:
    return {
        "display_name": person.display_name,
        "position": person.position,
        "email": person.email or "",
        "unit": person.unit.code,
        "locale": person.locale,
        "version": str(person.version),
    }


@pytest.fixture
def admin(staff_roles, as_user):
    return as_user("admin1")


def test_an_administrator_adds_a_person_who_can_then_log_in(
    admin, app, audit_rows, person_as_committed
):
    response = admin.post("/admin/people/new?lang=en", data=NEW)
    assert response.status_code == 302
    assert location(response) == "/admin/people/somsri_k"
    page = text(admin.get("/admin/people/somsri_k?lang=en"))
    assert "นางสมศรี ขยันงาน can now log in as somsri_k." in page
    person = person_as_committed("somsri_k")
    assert (person.display_name, person.unit.code, person.email, person.active) == (
        "นางสมศรี ขยันงาน", "D1001-REG", "somsri.k@bangkok.go.th", True,
    )  # fmt: skip
    assert person.role_names == ["staff"]
    fresh = app.test_client()
    assert (
        fresh.post("/login", data={"username": "somsri_k", "password": NEW["password"]}).status_code
        == 302
    )
    [entry] = audit_rows()
    assert entry["action"] == "person.create" and entry["actor"] == "admin1"
    assert entry["changes"]["display_name"] == {"before": None, "after": "นางสมศรี ขยันงาน"}
    assert entry["changes"]["password"] == {"changed": True}
    assert NEW["password"] not in str(entry)


def test_a_made_up_password_is_shown_once_and_works(admin, app, audit_rows):
    response = admin.post("/admin/people/new", data={**NEW, "password": "", "confirm": ""})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    shown = tree(response).xpath("//*[@data-password]")[0].text_content().strip()
    assert len(shown) == 19 and shown.count("-") == 3
    fresh = app.test_client()
    assert fresh.post("/login", data={"username": "somsri_k", "password": shown}).status_code == 302
    assert shown not in text(admin.get("/admin/people/somsri_k"))  # shown once
    assert shown not in str(audit_rows())
    cookie = admin.get_cookie("session")
    assert shown not in (cookie.value if cookie else "")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"username": "staff1"}, "username", "This username is taken."),
        ({"username": "Somsri K!"}, "username", "3–64 characters"),
        ({"username": "   "}, "username", "This field is required."),
        ({"display_name": "   "}, "display_name", "Please enter a name."),
        ({"unit": "NOPE-99"}, "unit", "No unit has this code."),
        ({"unit": "D1001-OLD"}, "unit", "This unit is closed."),
        ({"email": "somsri at bangkok"}, "email", "does not look like an e-mail address"),
        ({"confirm": "อีกอันหนึ่ง 2569"}, "confirm", "The two passwords are not the same."),
        ({"password": "short", "confirm": "short"}, "password", "Use at least 10 characters."),
        ({"locale": "fr"}, "locale", "Choose Thai or English."),
    ],
)
def test_a_new_person_with_a_problem_is_not_added(
    admin, app, closed_unit, audit_rows, changes, field, message
):
    response = admin.post("/admin/people/new?lang=en", data={**NEW, **changes})
    assert response.status_code == 422
    shown = errors_on(tree(response), field)
    assert any(message in line for line in shown), shown
    assert audit_rows() == []
    with app.app_context():
        assert user_by_username("somsri_k") is None


def test_an_administrator_edits_a_profile_and_the_log_says_what_changed(
    admin, person_as_committed, audit_rows
):
    staff2 = person_as_committed("staff2")
    form = {**profile_of(staff2), "display_name": "นางสุดา รักงาน (สมรสแล้ว)",
            "unit": "D1001-PWK", "email": "suda.r@bangkok.go.th", "locale": "en"}  # fmt: skip
    response = admin.post("/admin/people/staff2?lang=en", data=form)
    assert response.status_code == 302
    assert flashes(tree(admin.get(location(response) + "?lang=en")), "ok") == ["Saved."]
    after = person_as_committed("staff2")
    assert (after.display_name, after.unit.code, after.email, after.locale) == (
        "นางสุดา รักงาน (สมรสแล้ว)", "D1001-PWK", "suda.r@bangkok.go.th", "en",
    )  # fmt: skip
    assert after.version == staff2.version + 1
    [entry] = audit_rows()
    assert entry["action"] == "person.update"
    assert entry["changes"] == {
        "display_name": {"before": "นางสาวสุดา รักงาน", "after": "นางสุดา รักงาน (สมรสแล้ว)"},
        "email": {"before": None, "after": "suda.r@bangkok.go.th"},
        "unit": {"before": "D1001-REG", "after": "D1001-PWK"},
        "locale": {"before": "th", "after": "en"},
    }


def test_saving_an_unchanged_profile_writes_nothing(admin, person_as_committed, audit_rows):
    staff2 = person_as_committed("staff2")
    response = admin.post("/admin/people/staff2?lang=en", data=profile_of(staff2))
    assert response.status_code == 302
    assert flashes(tree(admin.get(location(response) + "?lang=en")), "info") == ["Nothing changed."]
    assert audit_rows() == []
    assert person_as_committed("staff2").version == staff2.version


def test_a_renamed_person_is_found_by_the_new_name(admin, make_idea, as_user, person_as_committed):
    idea = make_idea(author="staff2", stage="submitted")
    staff2 = person_as_committed("staff2")
    admin.post(
        "/admin/people/staff2", data={**profile_of(staff2), "display_name": "นางวิไลวรรณ ใหม่เอี่ยม"}
    )
    found = as_user("staff1").get("/api/v1/ideas?q=วิไลวรรณ").get_json()["items"]
    assert [item["ref"] for item in found] == [idea.ref]


def test_two_administrators_editing_one_person_the_second_is_told(
    staff_roles, as_user, person_as_committed, audit_rows
):
    """Both opened the page at the same version; the first save wins, the second is refused
    with a message and sees what they typed again."""
    first, second = as_user("admin1"), as_user("admin2")
    seen = profile_of(person_as_committed("staff2"))
    assert (
        first.post("/admin/people/staff2", data={**seen, "position": "หัวหน้างานทะเบียน"}).status_code
        == 302
    )
    refused = second.post(
        "/admin/people/staff2?lang=en", data={**seen, "position": "เจ้าพนักงานธุรการ"}
    )
    assert refused.status_code == 409
    doc = tree(refused)
    assert any("Someone else changed this person" in m for m in flashes(doc, "error"))
    assert value_of(doc, "position") == "เจ้าพนักงานธุรการ"  # what they typed is kept
    assert value_of(doc, "version") == str(int(seen["version"]) + 1)  # a second save would win
    assert person_as_committed("staff2").position == "หัวหน้างานทะเบียน"
    assert [row["actor"] for row in audit_rows()] == ["admin1"]


def test_a_stale_button_is_refused_too(admin, person_as_committed, audit_rows):
    seen = person_as_committed("staff2").version
    admin.post(
        "/admin/people/staff2/roles", data={"op": "grant", "role": "committee", "version": seen}
    )
    late = admin.post("/admin/people/staff2/deactivate?lang=en", data={"version": seen})
    assert late.status_code == 409
    assert person_as_committed("staff2").active
    assert [row["action"] for row in audit_rows()] == ["role.grant"]


@pytest.mark.parametrize("version", ["", "abc", "-1", "9" * 30, "1.5"])
def test_a_missing_or_forged_version_is_a_clear_refusal(admin, person_as_committed, version):
    response = admin.post("/admin/people/staff2/deactivate?lang=en", data={"version": version})
    assert response.status_code in (409, 422)
    assert "Send the version you last read." in text(response) or response.status_code == 409
    assert person_as_committed("staff2").active


def test_roles_are_granted_and_taken_away(admin, person_as_committed, audit_rows):
    version = person_as_committed("staff2").version
    admin.post(
        "/admin/people/staff2/roles", data={"op": "grant", "role": "committee", "version": version}
    )
    admin.post(
        "/admin/people/staff2/roles",
        data={"op": "grant", "role": "secretariat", "version": version + 1},
    )
    assert person_as_committed("staff2").role_names == ["staff", "committee", "secretariat"]
    again = admin.post("/admin/people/staff2/roles?lang=en",
                       data={"op": "grant", "role": "committee", "version": version + 2})  # fmt: skip
    assert again.status_code == 409 and "already has this role" in text(again)
    admin.post(
        "/admin/people/staff2/roles",
        data={"op": "revoke", "role": "committee", "version": version + 2},
    )
    assert person_as_committed("staff2").role_names == ["staff", "secretariat"]
    assert [(r["action"], r["changes"]["roles"]) for r in audit_rows()] == [
        ("role.grant", {"before": [], "after": ["committee"]}),
        ("role.grant", {"before": ["committee"], "after": ["committee", "secretariat"]}),
        ("role.revoke", {"before": ["committee", "secretariat"], "after": ["secretariat"]}),
    ]
    tampered = admin.post("/admin/people/staff2/roles?lang=en",
                          data={"op": "grant", "role": "<b>root</b>", "version": version + 3})  # fmt: skip
    assert tampered.status_code == 422 and "<b>root</b>" not in text(tampered)


def test_supervision_is_added_and_removed(
    admin, person_as_committed, make_idea, as_user, audit_rows
):
    idea = make_idea(author="staff3", stage="submitted")  # ฝ่ายโยธา: the director reviews it
    version = person_as_committed("staff2").version
    added = admin.post("/admin/people/staff2/supervision",
                       data={"op": "add", "supervised": "d1001-pwk", "version": version})  # fmt: skip
    assert added.status_code == 302
    assert person_as_committed("staff2").role_names[-1] == "supervisor"
    me = as_user("staff2").get(f"/api/v1/ideas/{idea.ref}").get_json()
    assert "approve" in me["actions"]
    admin.post("/admin/people/staff2/supervision",
               data={"op": "remove", "supervised": "D1001-PWK", "version": version + 1})  # fmt: skip
    assert person_as_committed("staff2").supervisions == []
    assert [(r["action"], r["changes"]["supervises"]["after"]) for r in audit_rows()] == [
        ("supervision.add", ["D1001-PWK"]),
        ("supervision.remove", []),
    ]
    unknown = admin.post("/admin/people/staff2/supervision?lang=en",
                         data={"op": "add", "supervised": "NOPE", "version": version + 2})  # fmt: skip
    assert unknown.status_code == 422
    assert errors_on(tree(unknown), "supervised") == ["No unit has this code."]


# -- finding people ----------------------------------------------------------------------


def listed(client, query: str) -> list[str]:
    response = client.get("/admin/people?" + query)
    assert response.status_code == 200, text(response)[:300]
    return [
        td.text_content().strip() for td in tree(response).xpath("//td[@class='cell-username']")
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=สมชาย", ["staff1"]),  # a Thai name
        ("q=ส%E0%B8%8D%E0%B8%B2", []),  # a fragment that is no name
        ("q=STAFF", ["staff1", "staff2", "staff3"]),  # a username, any case
        ("q=ฝ่ายโยธา", ["staff3"]),  # the unit's name
        ("unit=D1001", ["admin1", "director", "staff1", "staff2", "staff3", "supervisor1"]),
        ("unit=d1001-reg", ["staff1", "staff2"]),
        ("role=admin", ["admin1", "admin2"]),
        ("role=supervisor", ["director", "supervisor1"]),
        ("status=inactive", []),
        ("q=สมชาย&unit=MED", []),
    ],
)
def test_people_are_found_by_name_username_unit_and_role(admin, query, expected):
    assert listed(admin, query) == expected


def test_pages_of_people_never_repeat_or_skip_anyone(admin, make_user):
    for n in range(7):
        make_user(f"p{n:02d}", unit="MED-H02", display_name=f"นายทดสอบ หน้า{n}")
    seen, query = [], "unit=MED-H02&limit=3"
    while True:
        response = admin.get("/admin/people?" + query)
        doc = tree(response)
        seen += [td.text_content().strip() for td in doc.xpath("//td[@class='cell-username']")]
        more = doc.xpath("//nav[@class='pager']/a[contains(@href, 'cursor=')][last()]/@href")
        if not more or "cursor=" not in more[-1] or len(seen) > 20:
            break
        query = more[-1].split("?", 1)[1]
    assert seen == ["outsider"] + [f"p{n:02d}" for n in range(7)]  # outsider: a sub-unit


def test_a_forged_page_link_starts_over_with_a_message(admin):
    response = admin.get("/admin/people?lang=en&cursor=%3Cscript%3E")
    assert response.status_code == 422
    assert "<script>" not in text(response)
    assert listed(admin, "cursor=") == listed(admin, "")


def test_an_active_person_reads_as_active_in_thai(admin):
    """The account state is "in use", not the roster column's heading "status"."""
    page = tree(admin.get("/admin/people"))
    states = {
        cell.text_content().strip() for cell in page.xpath("//td[contains(@class,'cell-status')]")
    }
    assert states == {"ใช้งานอยู่"}
