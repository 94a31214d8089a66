"""CSRF on every form, throttled logins, hashed secrets."""

import re

import pytest
from fixtures.people import PASSWORD

from ideaboard import create_app
from ideaboard.people.models import ApiToken, User


@pytest.fixture
def strict_app(database_url):
    """The production settings the shared test app relaxes: CSRF and rate limits on."""
    return create_app({
        "TESTING": True,
        "SECRET_KEY": "strict",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "RATELIMIT_LOGIN": "3 per minute",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    })  # fmt: skip


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def test_login_form_without_csrf_token_is_refused(strict_app, people):
    client = strict_app.test_client()
    response = client.post("/login", data={"username": "staff1", "password": PASSWORD})
    assert response.status_code == 400
    assert "expired" in client.post("/login?lang=en", data={}).get_data(as_text=True)
    token = csrf_token(client.get("/login").get_data(as_text=True))
    ok = client.post(
        "/login", data={"username": "staff1", "password": PASSWORD, "csrf_token": token}
    )
    assert ok.status_code == 302


def test_token_endpoint_is_throttled_with_a_json_429(strict_app, people):
    client = strict_app.test_client()
    statuses = [
        client.post("/api/v1/tokens", json={"username": "staff1", "password": "wrong"}).status_code
        for _ in range(4)
    ]
    assert statuses == [401, 401, 401, 429]
    last = client.post("/api/v1/tokens", json={"username": "staff1", "password": PASSWORD})
    assert last.status_code == 429
    assert last.get_json()["error"]["code"] == "too_many_requests"


def test_passwords_and_tokens_are_stored_hashed(token, people, db_session):
    headers = token("staff1")
    clear = headers["Authorization"].split()[1]
    with db_session() as session:
        assert PASSWORD not in session.get(User, people["staff1"].id).password_hash
        stored = session.query(ApiToken).one()
        assert stored.token_hash != clear and len(stored.token_hash) == 64


def test_inactive_accounts_cannot_log_in_or_use_tokens(client, token, people, db_session):
    headers = token("staff1")
    with db_session() as session:
        session.get(User, people["staff1"].id).active = False
        session.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    response = client.post("/login", data={"username": "staff1", "password": PASSWORD})
    assert response.status_code == 422


def test_one_colleagues_typos_do_not_lock_out_the_office(strict_app, people):
    """Everyone in a district office shares one NAT address; limits count per username."""
    client = strict_app.test_client()
    for _ in range(3):
        client.post("/api/v1/tokens", json={"username": "staff1", "password": "wrong"})
    assert (
        client.post("/api/v1/tokens", json={"username": "staff1", "password": PASSWORD}).status_code
        == 429
    )
    assert (
        client.post("/api/v1/tokens", json={"username": "staff2", "password": PASSWORD}).status_code
        == 201
    )


def test_a_bearer_header_is_judged_alone_never_with_the_session_cookie(login, make_idea):
    client = login("staff1")
    assert client.get("/api/v1/me").status_code == 200  # the session works on its own
    forged = client.post(
        "/api/v1/ideas",
        json={"title": "ปลอม", "eh_moment": "x"},
        headers={"Authorization": "Bearer nonsense"},
    )
    assert forged.status_code == 401


def test_enter_in_a_text_field_saves_the_draft_rather_than_adding_a_step(login, people):
    html = login("staff1").get("/ideas/new").get_data(as_text=True)
    form = html[html.index("data-idea-form") :]
    first_submit = re.search(r'<button type="submit"[^>]*>', form).group(0)
    assert 'name="save"' in first_submit


def test_healthz_reports_a_dead_database_as_503(app, client, monkeypatch):
    from ideaboard.extensions import db

    def down(*args, **kwargs):
        raise __import__("sqlalchemy").exc.OperationalError("SELECT 1", {}, Exception("down"))

    monkeypatch.setattr(db.session, "execute", down)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "unavailable"


def test_colleagues_are_found_by_name_or_username_for_co_authoring(login, make_user, db_session):
    make_user("somsri_k", display_name="นางสมศรี ขยันยิ่ง")
    gone = make_user("somsak", display_name="นายสมศักดิ์ ลาออกแล้ว")
    with db_session() as session:
        session.get(User, gone.id).active = False
        session.commit()
    client = login(make_user("reader").username)
    names = [p["username"] for p in client.get("/api/v1/people?q=สมศ").get_json()["items"]]
    assert names == ["somsri_k"]  # the inactive account is not offered
    assert [p["username"] for p in client.get("/api/v1/people?q=soms").get_json()["items"]] == [
        "somsri_k"
    ]
    assert client.get("/api/v1/people?q=ส").get_json()["items"] == []  # too short to search


def test_votes_follows_and_comments_need_the_csrf_token(strict_app, people, make_idea, tally):
    idea = make_idea(author="staff1", stage="submitted")
    client = strict_app.test_client()
    login_token = csrf_token(client.get("/login").get_data(as_text=True))
    client.post(
        "/login", data={"username": "staff2", "password": PASSWORD, "csrf_token": login_token}
    )
    page = client.get(f"/ideas/{idea.ref}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    for path, data in ((f"/ideas/{idea.ref}/vote", {"on": "1"}),
                       (f"/ideas/{idea.ref}/follow", {"on": "1"}),
                       (f"/ideas/{idea.ref}/comments", {"body": "ไม่มีโทเคน"})):  # fmt: skip
        assert client.post(path, data=data).status_code == 400
    assert client.put(f"/api/v1/ideas/{idea.ref}/vote").status_code == 400  # cookie, no header
    assert tally(idea.ref).vote_rows == tally(idea.ref).comment_rows == 0
    # what the page's script sends: the form's token in the X-CSRFToken header
    answer = client.put(f"/api/v1/ideas/{idea.ref}/vote", headers={"X-CSRFToken": token})
    assert answer.get_json() == {"voted": True, "vote_count": 1, "following": True}
    posted = client.post(f"/ideas/{idea.ref}/vote", data={"on": "0", "csrf_token": token})
    assert posted.status_code == 302 and tally(idea.ref).vote_rows == 0
