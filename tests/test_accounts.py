"""The account page: who I am, and changing my own password (issue 7, Accounts).

staff1 (นายสมชาย ใจดี, ฝ่ายทะเบียน · สำนักงานเขตพระนคร) changes their password; their other
browsers, remember-me cookies and API tokens stop working, this browser stays logged in.
"""

from __future__ import annotations

import pytest
from fixtures.people import PASSWORD
from pages import text, tree

from ideaboard import create_app
from ideaboard.core.errors import ValidationError
from ideaboard.extensions import db as _db
from ideaboard.people.models import ApiToken, User
from ideaboard.people.operations import change_password, user_by_username
from ideaboard.people.passwords import password_problem
from ideaboard.signals import password_changed

NEW_PASSWORD = "ม้าลายกินข้าวมันไก่ 2 จานที่สะพานควาย"


def change(client, current=PASSWORD, new=NEW_PASSWORD, again=None):
    return client.post(
        "/account/password?lang=en",
        data={
            "current_password": current,
            "new_password": new,
            "new_password_again": new if again is None else again,
        },
    )


def field_errors(response, name: str) -> list[str]:
    box = tree(response).xpath("//*[@name=$n]/ancestor::div[contains(@class,'field')][1]", n=name)
    return [p.text_content().strip() for p in box[0].xpath(".//p[@class='field-error']")]


def stored_hash(db_session, username="staff1") -> str:
    with db_session() as session:
        return session.scalar(_db.select(User.password_hash).where(User.username == username))


# -- the policy ----------------------------------------------------------------------------

# fmt: off
REFUSED = [
    ("short", "สั้นไป 99", "at least 10"),
    ("the-username", "staff1-ปลอดภัยมาก", "username"),
    ("username-in-capitals", "my-STAFF1-password!", "username"),
    ("very-common", "password1234", "too common"),
    ("keyboard-walk", "qwertyuiop12", "too common"),
    ("repeats", "aaaaaaaaaaaa", "too common"),
    ("name-and-year", "สมชายใจดี2510", "your name"),
    ("city-and-year", "bangkok12345", "too common"),
    ("thai-word-for-password", "รหัสผ่าน12345", "too common"),
    ("spaces-only", " " * 12, "spaces"),
    ("too-long", "ก" * 201, "at most 200"),
]
# fmt: on


@pytest.mark.parametrize(("password", "said"), [pytest.param(p, s, id=i) for i, p, s in REFUSED])
def test_a_weak_new_password_is_refused_with_the_reason(app, password, said):
    with app.test_request_context("/?lang=en"):
        problem = password_problem(password, username="staff1", names=("นายสมชาย ใจดี",))
    assert problem is not None and said in problem.lower()


@pytest.mark.parametrize(
    "password", [NEW_PASSWORD, "tiger-mango-47-river", "เอ๊ะ! ทำไมต้องถ่ายสำเนา 3 ชุด"]
)
def test_a_long_personal_password_is_accepted(app, password):
    with app.test_request_context("/"):
        assert password_problem(password, username="staff1", names=("นายสมชาย ใจดี",)) is None


# -- through the operation -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "new", "again", "fields"),
    [
        pytest.param(
            "wrong-password", NEW_PASSWORD, NEW_PASSWORD, {"current_password"}, id="wrong"
        ),
        pytest.param(PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x", {"new_password_again"}, id="typo"),
        pytest.param(PASSWORD, "short", "other", {"new_password", "new_password_again"}, id="both"),
        pytest.param(PASSWORD, PASSWORD, PASSWORD, {"new_password"}, id="unchanged"),
    ],
)
def test_a_refused_change_names_its_fields_and_changes_nothing(
    db, people, current, new, again, fields
):
    user = user_by_username("staff1")
    before = (user.password_hash, user.session_version)
    with pytest.raises(ValidationError) as refused:
        change_password(user, current, new, again)
    assert set(refused.value.fields) == fields
    db.session.rollback()
    user = user_by_username("staff1")
    assert (user.password_hash, user.session_version) == before


def test_a_change_revokes_the_tokens_and_announces_itself(db, people):
    from ideaboard.people.operations import issue_token

    user = user_by_username("staff1")
    issue_token(user, name="รายงานประจำเดือน")
    issue_token(user, name="สคริปต์ Excel")
    issue_token(user_by_username("staff2"), name="ของคนอื่น")
    heard = []
    with password_changed.connected_to(lambda sender, **kw: heard.append((sender, kw))):
        revoked = change_password(user, PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
    assert revoked == 2
    assert heard == [(user, {"revoked_tokens": 2})]
    assert user.session_version == 1 and user.password_changed_at is not None
    assert user.check_password(NEW_PASSWORD) and not user.check_password(PASSWORD)
    owners = db.session.scalars(_db.select(ApiToken.user_id)).all()
    assert owners == [user_by_username("staff2").id]


# -- through the page ----------------------------------------------------------------------


def test_the_account_page_says_who_i_am(login, make_user):
    make_user("boss", unit="D1001", supervises=["D1001-REG"], roles=["committee"])
    page = text(login("boss").get("/account?lang=en"))
    assert "Phra Nakhon District Office" in page
    for shown in ("Staff", "Award committee", "Supervisor", "You review the ideas of:"):
        assert shown in page
    assert "Civil Registration Section · Phra Nakhon District Office" in page
    assert '/lang/th?next=/account"' in page


def test_the_top_bar_links_to_my_account(login, people):
    doc = tree(login("staff1").get("/ideas/"))
    menu = doc.xpath("//header[@class='topbar']//details[contains(@class,'account-menu')]")[0]
    assert menu.xpath(".//a/@href") == ["/account"]
    assert menu.xpath(".//form/@action") == ["/logout"]
    assert "นายสมชาย ใจดี" in menu.xpath("string(.//summary)")


@pytest.mark.parametrize(
    ("current", "new", "again", "field", "message"),
    [
        ("ผิด-wrong", NEW_PASSWORD, None, "current_password", "not your current password"),
        (PASSWORD, NEW_PASSWORD, "อีกอันหนึ่ง", "new_password_again", "not the same"),
        (PASSWORD, "abc123", None, "new_password", "at least 10 characters"),
        (PASSWORD, "staff1-ปลอดภัยมาก", None, "new_password", "username"),
    ],
)
def test_a_refused_change_shows_why_on_the_field(
    login, people, db_session, current, new, again, field, message
):
    before = stored_hash(db_session)
    response = change(login("staff1"), current, new, again)
    assert response.status_code == 422
    assert any(message in m.lower() for m in field_errors(response, field))
    assert stored_hash(db_session) == before
    # what was typed into a password field is never sent back
    assert new not in text(response) and current not in text(response)


def test_changing_my_password_logs_out_my_other_browsers_and_tokens(app, login, browser, token):
    here = login("staff1")
    phone = browser("staff1")
    remembered = app.test_client()
    remembered.post("/login", data={"username": "staff1", "password": PASSWORD, "remember": "y"})
    remembered.delete_cookie("session")  # the browser was closed: only the remember-me cookie
    assert remembered.get("/ideas/").status_code == 200
    script = token("staff1")
    assert here.get("/api/v1/me", headers=script).status_code == 200

    response = change(here)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/account")

    page = text(here.get("/account?lang=en"))
    assert "Your password is changed" in page and "1 API tokens were revoked" in page
    assert here.get("/ideas/").status_code == 200
    assert phone.get("/ideas/").status_code == 302
    assert remembered.get("/ideas/").status_code == 302
    assert app.test_client().get("/api/v1/me", headers=script).status_code == 401
    fresh = app.test_client()
    assert (
        fresh.post("/login", data={"username": "staff1", "password": PASSWORD}).status_code == 422
    )
    assert (
        fresh.post("/login", data={"username": "staff1", "password": NEW_PASSWORD}).status_code
        == 302
    )


def test_a_remembered_browser_stays_remembered_after_its_own_change(app, people):
    client = app.test_client()
    client.post("/login", data={"username": "staff1", "password": PASSWORD, "remember": "y"})
    assert change(client).status_code == 302
    client.delete_cookie("session")
    assert client.get("/ideas/").status_code == 200  # the new remember-me cookie


def test_a_session_from_before_session_versions_still_works(app, people):
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(people["staff1"].id)  # what older versions stored
        session["_fresh"] = True
    assert client.get("/ideas/").status_code == 200


@pytest.mark.parametrize("forged", ["1:abc", "abc", "1:2:3", "", ":", "-1:0"])
def test_a_forged_session_id_is_nobody(app, people, forged):
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = forged
    assert client.get("/ideas/").status_code == 302


@pytest.fixture
def limited_app(database_url):
    """The password limit on (the shared test app switches limits off), CSRF off."""
    limited = create_app({
        "TESTING": True,
        "SECRET_KEY": "limited",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_PASSWORD_CHANGE": "3 per 15 minutes",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    })  # fmt: skip
    yield limited
    with limited.app_context():
        _db.engine.dispose()


def test_guessing_the_current_password_is_paused_per_account(limited_app, people):
    def logged_in(username):
        client = limited_app.test_client()
        client.post("/login", data={"username": username, "password": PASSWORD})
        return client

    staff1 = logged_in("staff1")
    statuses = [change(staff1, current=f"เดา-{n}").status_code for n in range(3)]
    assert statuses == [422, 422, 422]
    paused = change(staff1)  # even the right password waits now
    assert paused.status_code == 429
    assert "paused for 15 minutes" in text(paused), tree(paused).xpath("string(//main)")
    assert staff1.get("/account").status_code == 200  # still logged in
    # the next account, behind the same address, is not held up
    assert change(logged_in("staff2")).status_code == 302


def test_a_successful_change_does_not_count_towards_the_pause(limited_app, people):
    client = limited_app.test_client()
    client.post("/login", data={"username": "staff1", "password": PASSWORD})
    passwords = [PASSWORD, NEW_PASSWORD, "tiger-mango-47-river", "ทุเรียนหมอนทองจากนนทบุรี"]
    for current, new in zip(passwords, passwords[1:], strict=False):
        assert change(client, current=current, new=new).status_code == 302
    assert change(client, current=passwords[-1], new=PASSWORD + " ใหม่").status_code == 302


def test_the_password_form_needs_its_csrf_token(database_url, people):
    strict = create_app({
        "TESTING": True, "SECRET_KEY": "strict", "SQLALCHEMY_DATABASE_URI": database_url,
        "RATELIMIT_ENABLED": False, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    })  # fmt: skip
    try:
        client = strict.test_client()
        page = text(client.get("/login"))
        csrf = tree(client.get("/login")).xpath("//input[@name='csrf_token']/@value")[0]
        assert page
        client.post("/login", data={"username": "staff1", "password": PASSWORD, "csrf_token": csrf})
        assert change(client).status_code == 400
    finally:
        with strict.app_context():
            _db.engine.dispose()


def test_the_token_table_says_when_a_token_was_made_in_thai(login, people):
    """ "Created" over the tokens is a date, not the history's "created the idea"."""
    client = login("staff1")
    client.post("/api/v1/tokens", json={"username": "staff1", "password": PASSWORD, "name": "มือถือ"})
    headers = tree(client.get("/account")).xpath("//table[contains(@class,'tokens')]//th")
    assert [th.text_content().strip() for th in headers][:3] == ["ชื่อ", "สร้างเมื่อ", "หมดอายุ"]
