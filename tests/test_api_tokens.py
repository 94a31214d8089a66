"""My API tokens (issue 7, Accounts): listed, named, created on the account page (shown once),
revoked there or through the API; another person's token is a 404; the last use is written
at most once an hour."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fixtures.people import PASSWORD
from pages import text, tree
from sqlalchemy import func, select, update

from ideaboard.core.dates import utcnow
from ideaboard.extensions import db as _db
from ideaboard.people.models import ApiToken
from ideaboard.people.operations import issue_token, note_token_use, user_by_username
from ideaboard.signals import api_token_issued, api_token_revoked

API = "/api/v1"
pytestmark = pytest.mark.usefixtures("people")  # staff1, staff2 … in ฝ่ายทะเบียน


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def exchange(client, username="staff1", **extra):
    response = client.post(
        API + "/tokens", json={"username": username, "password": PASSWORD, **extra}
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()["token"]


def token_rows(db_session, username="staff1") -> list[ApiToken]:
    with db_session() as session:
        user = user_by_username(username)
        return list(session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)))


# -- the account page --------------------------------------------------------------------


def test_a_token_made_on_the_page_is_shown_once_and_works(login, app, db_session):
    client = login("staff1")
    response = client.post("/account/tokens?lang=en", data={"name": "  รายงาน KPI ประจำเดือน  "})
    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store"
    shown = tree(response).xpath("//div[@class='new-token']//input/@value")[0]
    assert "รายงาน KPI ประจำเดือน" in text(response)
    assert app.test_client().get(API + "/me", headers=bearer(shown)).status_code == 200

    again = text(client.get("/account"))
    assert shown not in again  # never shown a second time
    assert "รายงาน KPI ประจำเดือน" in again
    (row,) = token_rows(db_session)
    assert row.name == "รายงาน KPI ประจำเดือน" and row.token_hash != shown


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param("", "Give the token a name", id="empty"),
        pytest.param("   ", "Give the token a name", id="spaces"),
        pytest.param("ก" * 101, "At most 100 characters", id="too-long"),
    ],
)
def test_a_token_needs_a_name(login, db_session, name, message):
    response = login("staff1").post("/account/tokens?lang=en", data={"name": name})
    assert response.status_code == 422
    assert message in text(response)
    assert token_rows(db_session) == []


def test_a_token_name_is_text_never_markup(login):
    client = login("staff1")
    client.post("/account/tokens", data={"name": "<img src=x onerror=alert(1)>"})
    page = text(client.get("/account"))
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_revoking_a_token_on_the_page_stops_it(login, app, db_session):
    client = login("staff1")
    script = exchange(app.test_client(), name="สคริปต์ดึงข้อมูล")
    (row,) = token_rows(db_session)
    response = client.post(f"/account/tokens/{row.id}/revoke?lang=en")
    assert response.status_code == 302
    assert "สคริปต์ดึงข้อมูล" in text(client.get("/account?lang=en"))  # the flash names it
    assert token_rows(db_session) == []
    assert app.test_client().get(API + "/me", headers=bearer(script)).status_code == 401


def test_another_persons_token_cannot_be_revoked_from_my_page(login, app, db_session):
    theirs = exchange(app.test_client(), "staff2", name="ของสุดา")
    (row,) = token_rows(db_session, "staff2")
    response = login("staff1").post(f"/account/tokens/{row.id}/revoke")
    assert response.status_code == 404
    assert app.test_client().get(API + "/me", headers=bearer(theirs)).status_code == 200


def test_my_page_lists_only_my_tokens_with_their_dates(login, app):
    exchange(app.test_client(), "staff1", name="Power BI รายไตรมาส")
    exchange(app.test_client(), "staff2", name="ของสุดา")
    doc = tree(login("staff1").get("/account?lang=en"))
    rows = doc.xpath("//table[@class='tokens']/tbody/tr")
    assert len(rows) == 1
    cells = [td.text_content().strip() for td in rows[0].xpath("./td")]
    assert cells[0] == "Power BI รายไตรมาส"
    assert cells[3] == "Never"
    assert str(utcnow().year) in cells[1]  # English dates in the Common Era


# -- the API ---------------------------------------------------------------------------------


def test_the_api_lists_my_tokens_and_marks_the_one_in_use(app, people):
    first = exchange(app.test_client(), name="ตัวแรก")
    second = exchange(app.test_client(), name="ตัวที่สอง")
    exchange(app.test_client(), "staff2", name="ของคนอื่น")
    listed = app.test_client().get(API + "/tokens", headers=bearer(second)).get_json()["items"]
    assert [(t["name"], t["current"], t["expired"]) for t in listed] == [
        ("ตัวที่สอง", True, False),
        ("ตัวแรก", False, False),
    ]
    assert listed[0]["last_used_at"] is not None  # this very request
    assert listed[1]["last_used_at"] is None
    assert first not in str(listed) and second not in str(listed)


def test_the_api_revokes_my_token_and_404s_anybody_elses(app, people, db_session):
    mine = exchange(app.test_client(), name="จะลบ")
    keep = exchange(app.test_client(), name="เก็บไว้")
    theirs = exchange(app.test_client(), "staff2")
    ids = {t.name: t.id for t in token_rows(db_session)}
    (their_row,) = token_rows(db_session, "staff2")
    client = app.test_client()

    assert client.delete(f"{API}/tokens/{their_row.id}", headers=bearer(keep)).status_code == 404
    assert client.delete(f"{API}/tokens/999999", headers=bearer(keep)).status_code == 404
    assert client.delete(f"{API}/tokens/{2**40}", headers=bearer(keep)).status_code == 404
    assert client.delete(f"{API}/tokens/abc", headers=bearer(keep)).status_code == 404
    response = client.delete(f"{API}/tokens/{ids['จะลบ']}", headers=bearer(keep))
    assert response.status_code == 204 and not response.get_data()
    assert client.get(API + "/me", headers=bearer(mine)).status_code == 401
    assert client.get(API + "/me", headers=bearer(theirs)).status_code == 200
    assert client.delete(f"{API}/tokens/{ids['จะลบ']}", headers=bearer(keep)).status_code == 404


def test_revoking_through_the_session_needs_the_csrf_header(database_url, people, db_session):
    from ideaboard import create_app

    strict = create_app({
        "TESTING": True, "SECRET_KEY": "strict", "SQLALCHEMY_DATABASE_URI": database_url,
        "RATELIMIT_ENABLED": False, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    })  # fmt: skip
    try:
        exchange(strict.test_client())
        (row,) = token_rows(db_session)
        browser = strict.test_client()
        csrf = tree(browser.get("/login")).xpath("//input[@name='csrf_token']/@value")[0]
        browser.post(
            "/login", data={"username": "staff1", "password": PASSWORD, "csrf_token": csrf}
        )
        assert browser.delete(f"{API}/tokens/{row.id}").status_code == 400
        assert (
            browser.delete(f"{API}/tokens/{row.id}", headers={"X-CSRFToken": csrf}).status_code
            == 204
        )
    finally:
        with strict.app_context():
            _db.engine.dispose()


@pytest.mark.parametrize(
    ("name", "status"),
    [("ก" * 101, 422), (5, 422), (None, 422), ("", 201), ("รายงาน\x00", 422)],
)
def test_the_token_exchange_takes_an_optional_name(client, people, name, status):
    response = client.post(
        API + "/tokens", json={"username": "staff1", "password": PASSWORD, "name": name}
    )
    assert response.status_code == status


def test_issuing_and_revoking_are_announced(db, people):
    from ideaboard.people.operations import revoke_token

    user = user_by_username("staff1")
    heard = []
    with (
        api_token_issued.connected_to(lambda s, **kw: heard.append(("issued", s.name))),
        api_token_revoked.connected_to(lambda s, **kw: heard.append(("revoked", s.name))),
    ):
        issue_token(user, name="ชั่วคราว")
        record = db.session.scalar(select(ApiToken))
        revoke_token(user, record.id)
    assert heard == [("issued", "ชั่วคราว"), ("revoked", "ชั่วคราว")]


def test_expired_tokens_stop_working_and_are_cleared_at_the_next_issue(app, people, db_session):
    old = exchange(app.test_client(), name="หมดอายุแล้ว")
    with db_session() as session:
        session.execute(update(ApiToken).values(expires_at=utcnow() - timedelta(days=1)))
        session.commit()
    assert app.test_client().get(API + "/me", headers=bearer(old)).status_code == 401
    exchange(app.test_client(), name="ตัวใหม่")
    assert [t.name for t in token_rows(db_session)] == ["ตัวใหม่"]


# -- the last use: at most one write an hour per token -------------------------------------


def test_the_last_use_is_written_at_most_once_an_hour(app, people, db_session):
    token = exchange(app.test_client())
    client = app.test_client()
    writes = []

    def count_updates(conn, cursor, statement, *args):
        if statement.startswith("UPDATE api_tokens") and "WHERE api_tokens.id" in statement:
            writes.append(statement)

    with app.app_context():
        engine = _db.engine
    from sqlalchemy import event

    event.listen(engine, "before_cursor_execute", count_updates)
    try:
        for _ in range(5):
            assert client.get(API + "/me", headers=bearer(token)).status_code == 200
        assert len(writes) == 1
        with db_session() as session:
            session.execute(update(ApiToken).values(last_used_at=utcnow() - timedelta(hours=2)))
            session.commit()
        client.get(API + "/me", headers=bearer(token))
        assert len(writes) == 2
    finally:
        event.remove(engine, "before_cursor_execute", count_updates)
    (row,) = token_rows(db_session)
    assert utcnow() - row.last_used_at.replace(tzinfo=utcnow().tzinfo) < timedelta(minutes=1)


def test_noting_a_use_twice_in_an_hour_writes_once(db, people):
    issue_token(user_by_username("staff1"))
    record = db.session.scalar(select(ApiToken))
    assert note_token_use(record) is True
    assert note_token_use(record) is False
    assert db.session.scalar(select(func.count()).where(ApiToken.last_used_at.is_not(None))) == 1
