"""Buddhist-era dates and the two languages: the choice is remembered, and every
page and every refusal renders in Thai and in English.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from fixtures.people import PASSWORD
from pages import (
    IDEA_FORM,
    full_form,
    html_lang,
    step_rows,
    text,
    tree,
)

from ideaboard.ideas.models import Idea
from ideaboard.people.operations import user_by_username

pytestmark = pytest.mark.usefixtures("people")  # staff1..3, supervisor1, director, outsider


# == Buddhist-era dates and language ==============================================


@pytest.fixture
def idea_logged_on_4_august_2022(make_idea, db_session):
    idea = make_idea(author="staff1", stage="submitted")
    with db_session() as session:
        # 20:30 UTC on 3 August is 03:30 on 4 August in Bangkok
        session.get(Idea, idea.id).created_at = datetime(2022, 8, 3, 20, 30, tzinfo=UTC)
        session.commit()
    return idea.ref


def test_thai_pages_show_buddhist_era_dates(login, idea_logged_on_4_august_2022):
    client = login("staff1")
    page = text(client.get(f"/ideas/{idea_logged_on_4_august_2022}"))
    assert "4 ส.ค. 2565" in page
    assert "2022" not in page
    assert "4 ส.ค. 2565" in text(client.get("/ideas/"))
    assert re.search(
        r"\b\d{1,2} (?:ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|"
        r"ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\.) 25\d\d \d\d:\d\d",
        page,
    )  # the history


def test_english_pages_show_common_era_dates(login, idea_logged_on_4_august_2022):
    page = text(login("staff1").get(f"/ideas/{idea_logged_on_4_august_2022}?lang=en"))
    assert "4 Aug 2022" in page
    assert "2565" not in page
    assert "ส.ค." not in page


def test_lang_en_shows_english_and_remembers_it_in_a_cookie(client, people):
    response = client.get("/login?lang=en")
    assert html_lang(response) == "en"
    assert "Log in to Ideaboard" in text(response)
    assert client.get_cookie("lang").value == "en"
    again = client.get("/login")
    assert html_lang(again) == "en"
    assert "Log in to Ideaboard" in text(again)


def test_lang_en_renders_the_logged_in_pages_in_english(login):
    response = login("staff1").get("/ideas/?lang=en")
    assert html_lang(response) == "en"
    assert "Log out" in text(response)
    assert "New idea (full form)" in text(response)


def test_lang_en_sticks_for_the_next_page_when_logged_in(login):
    client = login("staff1")
    client.get("/ideas/?lang=en")
    assert client.get_cookie("lang").value == "en"
    response = client.get("/ideas/new")
    assert html_lang(response) == "en"
    assert "Log out" in text(response)


def test_the_language_switch_is_stored_on_the_account(app, login, db_session):
    client = login("staff1")
    response = client.get("/lang/en?next=/ideas/new")
    assert response.status_code == 302 and response.headers["Location"] == "/ideas/new"
    assert html_lang(client.get("/ideas/new")) == "en"
    with db_session():
        assert user_by_username("staff1").locale == "en"

    elsewhere = app.test_client()  # another device, no cookie: the account remembers English
    elsewhere.post("/login", data={"username": "staff1", "password": PASSWORD})
    assert html_lang(elsewhere.get("/ideas/")) == "en"

    back = client.get("/lang/th")
    assert back.status_code == 302
    assert html_lang(client.get("/ideas/")) == "th"
    with db_session():
        assert user_by_username("staff1").locale == "th"

    third = app.test_client()
    third.set_cookie("lang", "en")  # even a stale English cookie yields to the account
    third.post("/login", data={"username": "staff1", "password": PASSWORD})
    assert html_lang(third.get("/ideas/")) == "th"


def test_an_unknown_language_is_404(client):
    assert client.get("/lang/fr").status_code == 404
    assert html_lang(client.get("/login?lang=fr")) == "th"


def test_thai_is_the_default_even_for_an_english_browser(client):
    response = client.get("/login", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert response.status_code == 200
    assert html_lang(response) == "th"
    assert tree(response).xpath("//a[@hreflang='en']")  # the way to English is offered


STAGES = ["draft", "submitted", "returned", "declined", "approved", "piloting", "implemented"]


@pytest.fixture
def every_page(make_idea, browser):
    """(who, path, expected status) for every HTML page, with an idea in every stage."""
    refs = {stage: make_idea(author="staff1", stage=stage).ref for stage in STAGES}
    pages = [
        ("staff1", "/ideas/", 200),
        ("staff1", "/ideas/?mine=1", 200),
        ("staff1", "/ideas/?fy=abc", 422),  # listed, with the filter named
        ("staff1", "/ideas/new", 200),
        ("staff1", "/ideas/quick", 200),
        ("staff1", f"/ideas/{refs['draft']}/edit", 200),
        ("staff1", f"/ideas/{refs['returned']}/edit", 200),
        ("staff1", "/ideas/IDEA-2500-00000", 404),
        ("staff1", "/no/such/page", 404),
        ("staff2", f"/ideas/{refs['draft']}", 404),
        (None, "/login", 200),
    ]
    for stage, ref in refs.items():
        pages.append(("staff1", f"/ideas/{ref}", 200))
        if stage != "draft":
            pages.append(("supervisor1", f"/ideas/{ref}", 200))
    return pages


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_page_renders_in_both_languages(app, every_page, browser, lang):
    clients = {None: app.test_client()}
    for who, path, expected in every_page:
        if who not in clients:
            clients[who] = browser(who)
        joiner = "&" if "?" in path else "?"
        response = clients[who].get(f"{path}{joiner}lang={lang}")
        assert response.status_code == expected, (who, path)
        page = text(response)
        assert html_lang(response) == lang, path
        assert "%(" not in page, (path, page[page.index("%(") - 200 : page.index("%(") + 50])


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_refusal_renders_in_both_languages(make_idea, browser, lang):
    """The 422/403/409 pages carry interpolated messages: none may leak a placeholder."""
    first = make_idea(author="staff1", stage="submitted")
    second = make_idea(author="staff1", stage="approved")
    # plain values: the objects go stale once the requests begin
    submitted, submitted_version = first.ref, first.version
    approved, approved_version = second.ref, second.version
    staff1, supervisor = browser("staff1"), browser("supervisor1")
    q = f"?lang={lang}"
    long_title = {"title": "ก" * 201, "eh_moment": "เอ๊ะ"}
    responses = [
        (staff1.post("/ideas/quick" + q, data=long_title), 422),
        (staff1.post("/ideas/new" + q, data=full_form(**{
            "current_steps-0-work_minutes": "100000", "annual_volume": "-1",
            "proposed_steps-0-actor": "robot", "coauthors": "nobody",
            "eh_moment": "อ" * 4001,
        })), 422),  # fmt: skip
        (staff1.post("/ideas/new" + q, data=full_form(coauthors="ghost")), 422),
        (staff1.post("/ideas/new" + q, data={**IDEA_FORM, **step_rows(
            "current_steps", [("x", "staff", 1, 1, False)] * 51)}), 422),  # fmt: skip
        (staff1.post("/ideas/new" + q, data={"title": "t", "eh_moment": "e",
                                             "submit_idea": "1"}), 422),
        (staff1.post(f"/ideas/{submitted}/transitions" + q,
                     data={"action": "approve", "version": submitted_version}), 403),
        (supervisor.post(f"/ideas/{approved}/transitions" + q,
                         data={"action": "approve", "version": approved_version}), 409),
        (supervisor.post(f"/ideas/{submitted}/transitions" + q,
                         data={"action": "decline", "version": submitted_version}), 422),
        (supervisor.post(f"/ideas/{approved}/transitions" + q,
                         data={"action": "implement", "version": approved_version,
                               "steps_after": "99"}), 422),
        (staff1.get("/login" + q), 302),
    ]  # fmt: skip
    for response, expected in responses:
        assert response.status_code == expected, text(response)[:300]
        if response.status_code != 302:
            page = text(response)
            assert html_lang(response) == lang
            assert "%(" not in page, page[page.index("%(") - 200 : page.index("%(") + 50]
