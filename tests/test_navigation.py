"""Addresses, error pages and the small guides around the idea page."""

import pytest

from ideaboard.core.errors import PermissionDenied
from ideaboard.ideas.models import Idea
from ideaboard.people.operations import user_by_username
from ideaboard.workflow.operations import transition


@pytest.mark.parametrize("path", ["/favicon.ico", "/no-such-page", "/robots.txt"])
def test_unknown_addresses_are_a_404_page_for_everyone(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert 'lang="th"' in response.get_data(as_text=True)


@pytest.mark.parametrize(("method", "path"), [("GET", "/logout"), ("DELETE", "/login")])
def test_a_wrong_method_is_a_405_page(client, method, path):
    assert client.open(path, method=method).status_code == 405


def test_the_unit_is_shown_with_its_office(login, make_idea):
    idea = make_idea()
    page = login("staff1").get(f"/ideas/{idea.ref}").get_data(as_text=True)
    assert "ฝ่ายทะเบียน · สำนักงานเขตพระนคร" in page


def test_a_co_author_cannot_withdraw_the_authors_submission(app_ctx, make_idea):
    idea = make_idea(stage="submitted", coauthors=["staff2"])
    with pytest.raises(PermissionDenied):
        transition(idea, user_by_username("staff2"), "withdraw", version=idea.version)


def test_submitting_where_nobody_supervises_says_so(login, make_user, make_idea, org, db_session):
    make_user("lab1", unit="MED-H02-MT-MICRO")
    client = login("lab1")
    idea = make_idea(author="lab1", unit="MED-H02-MT-MICRO")
    response = client.post(
        f"/ideas/{idea.ref}/transitions?lang=en", data={"action": "submit", "version": idea.version}
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"] + "?lang=en").get_data(as_text=True)
    assert "nobody supervises this unit" in page
    with db_session() as session:
        assert session.get(Idea, idea.id).reviewers == []


def test_switching_language_after_a_refused_stage_button_returns_to_the_idea(login, make_idea):
    idea = make_idea(stage="submitted")
    client = login("supervisor1")
    refused = client.post(
        f"/ideas/{idea.ref}/transitions",
        data={"action": "return", "version": idea.version, "note": ""},
        headers={"Referer": f"http://localhost/ideas/{idea.ref}"},
    )
    assert refused.status_code == 422
    assert f"next=/ideas/{idea.ref}&amp;" not in refused.get_data(as_text=True)
    assert f'/lang/en?next=/ideas/{idea.ref}"' in refused.get_data(as_text=True)


def test_a_unit_finds_its_nearest_office(org):
    micro = org["MED-H02-MT-MICRO"]
    offices = {"MED", "MED-H02"}
    assert micro.nearest(offices, include_self=False) == "MED-H02"
    assert org["MED-H02"].nearest(offices, include_self=True) == "MED-H02"
    assert org["MED-H02"].nearest(offices, include_self=False) == "MED"
    assert org["BMA"].nearest(offices, include_self=True) is None
