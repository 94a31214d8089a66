"""The JSON API (SPEC §8): bearer tokens, who am I, the session cookie and CSRF, and
the OpenAPI description.

staff1 and staff2 work in ฝ่ายทะเบียน (D1001-REG) of สำนักงานเขตพระนคร, staff3 in ฝ่ายโยธา
(D1001-PWK); supervisor1 supervises ฝ่ายทะเบียน, director the whole district (D1001), and
outsider works in a hospital lab (MED-H02-MT-MICRO). Every caller uses their own bearer
token unless the test is about the session cookie.
"""

from __future__ import annotations

import json
import re

import pytest
from api import (
    API,
    FULL_IMPACT,
    api_error,
)
from fixtures.ideas import FULL_IDEA
from fixtures.people import PASSWORD

from ideaboard import create_app
from ideaboard.extensions import db
from ideaboard.people.models import User

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
    client, people, token, db_session
):
    headers = token("staff2")
    with db_session() as session:
        session.get(User, people["staff2"].id).active = False
        session.commit()

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
def test_without_a_valid_token_the_api_answers_401_in_json(
    client, people, headers, method, path, idea_count
):
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


# -- CSRF: cookies need the token, bearer tokens do not ---------------------------------


def test_cookie_writes_need_the_csrf_token_but_bearer_writes_do_not(
    database_url, people, idea_count
):
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
