"""Logging in and out: the login page, where anonymous visitors are sent and
what they may open, and logging out.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from fixtures.people import PASSWORD
from pages import (
    errors_on,
    idea_count,
    location,
    text,
    tree,
    value_of,
)

pytestmark = pytest.mark.usefixtures("people")  # staff1..3, supervisor1, director, outsider


# == Logging in and out ===========================================================


def test_login_page_asks_for_username_and_password(client):
    response = client.get("/login")
    assert response.status_code == 200
    doc = tree(response)
    assert doc.xpath("//form[@method='post']//input[@name='username']")
    assert doc.xpath("//form[@method='post']//input[@name='password'][@type='password']")


def test_wrong_password_shows_a_message_and_logs_nobody_in(client, people):
    response = client.post(
        "/login?lang=en", data={"username": "staff1", "password": "ผิด wrong-password"}
    )
    assert response.status_code == 422
    assert "Wrong username or password." in errors_on(tree(response), "password")
    assert value_of(tree(response), "username") == "staff1"

    after = client.get("/ideas/")
    assert after.status_code == 302
    assert location(after) == "/login"


def test_right_password_leads_to_the_ideas(client, people):
    response = client.post("/login", data={"username": "staff1", "password": PASSWORD})
    assert response.status_code == 302
    landed = client.get(response.headers["Location"], follow_redirects=True)
    assert landed.status_code == 200
    assert landed.request.path == "/ideas/"
    assert "นายสมชาย ใจดี" in text(landed)


def test_usernames_are_not_case_sensitive_at_login(client, people):
    response = client.post("/login", data={"username": "  Staff1 ", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/ideas/").status_code == 200


def test_a_safe_next_is_followed(client, people):
    response = client.post(
        "/login?next=/ideas/new", data={"username": "staff1", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/ideas/new"


@pytest.mark.parametrize(
    "next_url",
    [
        "//evil.example",
        "//evil.example/ideas/",
        "https://evil.example/login",
        "javascript:alert(1)",
        "/\\evil.example",
        "/\t/evil.example",
        "/\r\n/evil.example",
        "/%2F/evil.example",
    ],
)
def test_an_external_next_goes_home_instead(client, people, next_url):
    response = client.post(
        "/login", query_string={"next": next_url}, data={"username": "staff1", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert same_site(response.headers["Location"])
    if not next_url.startswith("/") or next_url.startswith("//"):
        assert response.headers["Location"] == "/"  # home, which shows the ideas


def same_site(url: str) -> bool:
    """Would a browser stay on this site? It drops tabs and newlines and reads "\\" as "/"."""
    seen = re.sub(r"[\t\r\n]", "", url).replace("\\", "/")
    target = urlsplit(seen)
    return target.scheme == "" and target.netloc == "" and not seen.startswith("//")


@pytest.fixture
def draft_ref(make_idea):
    return make_idea().ref


ANONYMOUS_REDIRECTS = [
    ("get", "/"),
    ("get", "/ideas/"),
    ("get", "/ideas/?mine=1"),
    ("get", "/ideas/new"),
    ("get", "/ideas/quick"),
    ("post", "/ideas/quick"),
    ("post", "/ideas/new"),
    ("get", "/ideas/{ref}"),
    ("get", "/ideas/{ref}/edit"),
    ("post", "/ideas/{ref}/edit"),
    ("post", "/ideas/{ref}/transitions"),
    ("post", "/logout"),
]


@pytest.mark.parametrize(("method", "path"), ANONYMOUS_REDIRECTS)
def test_anonymous_visitors_are_sent_to_the_login_page(client, db_session, draft_ref, method, path):
    path = path.format(ref=draft_ref)
    response = getattr(client, method)(path, data={"title": "แอบส่ง", "action": "approve"})
    assert response.status_code == 302
    assert location(response) == "/login"
    assert parse_qs(urlsplit(response.headers["Location"]).query)["next"] == [path]
    assert idea_count(db_session) == 1  # nothing was created


def test_after_logging_in_the_visitor_is_back_where_they_were_going(client, people):
    bounced = client.get("/ideas/quick")
    login_url = bounced.headers["Location"]
    response = client.post(login_url, data={"username": "staff2", "password": PASSWORD})
    assert response.headers["Location"] == "/ideas/quick"
    assert client.get("/ideas/quick").status_code == 200


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/login", "text/html"),
        ("/healthz", "application/json"),
        ("/static/css/app.css", "text/css"),
        ("/fonts/Sarabun-Regular.ttf", "font/ttf"),
    ],
)
def test_a_few_pages_are_open_to_anonymous_visitors(client, path, content_type):
    with client.get(path) as response:
        assert response.status_code == 200
        assert response.content_type.startswith(content_type)


def test_healthz_says_ok_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_logging_out_ends_the_session(login):
    client = login("staff1")
    assert client.get("/ideas/").status_code == 200
    assert client.get("/logout").status_code == 405  # only a form post logs out
    response = client.post("/logout")
    assert response.status_code == 302
    assert location(response) == "/login"
    after = client.get("/ideas/")
    assert after.status_code == 302 and location(after) == "/login"
