"""Follows: the people around an idea follow it (authors, co-authors, voters, commenters),
anyone may follow or unfollow, and an unfollow is remembered. ``followers_of`` is what
notifications will read."""

from __future__ import annotations

from api import api_error
from pages import tree

from ideaboard.engagement.queries import followers_of
from ideaboard.ideas.operations import idea_by_ref


def test_the_team_follows_from_the_start_and_new_coauthors_when_added(api, make_idea, followers):
    idea = make_idea(stage="draft", coauthors=["staff2"])
    assert followers(idea.ref) == ["staff1", "staff2"]
    author = api("staff1")
    response = author.edit(idea.ref, coauthors=["staff2", "staff3"])
    assert response.status_code == 200
    assert followers(idea.ref) == ["staff1", "staff2", "staff3"]


def test_voters_and_commenters_follow(api, make_idea, followers):
    idea = make_idea(stage="submitted")
    api("outsider").put(f"/ideas/{idea.ref}/vote")
    api("supervisor1").post(f"/ideas/{idea.ref}/comments", json={"body": "ขอข้อมูลเพิ่มเติมครับ"})
    assert followers(idea.ref) == ["outsider", "staff1", "supervisor1"]
    assert api("outsider").get(f"/ideas/{idea.ref}").get_json()["following"] is True
    assert api("staff3").get(f"/ideas/{idea.ref}").get_json()["following"] is False


def test_an_unfollow_is_remembered_until_follow_is_pressed(api, make_idea, followers):
    idea = make_idea(stage="approved")
    outsider = api("outsider")
    outsider.put(f"/ideas/{idea.ref}/vote")
    assert outsider.delete(f"/ideas/{idea.ref}/follow").get_json() == {"following": False}
    outsider.delete(f"/ideas/{idea.ref}/vote")
    outsider.put(f"/ideas/{idea.ref}/vote")  # voting again does not sign them up again
    outsider.post(f"/ideas/{idea.ref}/comments", json={"body": "ยังเห็นด้วย"})
    assert "outsider" not in followers(idea.ref)
    assert outsider.put(f"/ideas/{idea.ref}/follow").get_json() == {"following": True}
    assert outsider.put(f"/ideas/{idea.ref}/follow").get_json() == {"following": True}
    assert "outsider" in followers(idea.ref)
    api("staff1").delete(f"/ideas/{idea.ref}/follow")  # even the author may unfollow
    assert followers(idea.ref) == ["outsider"]


def test_followers_of_lists_active_followers(app, make_idea, api):
    idea = make_idea(stage="approved", coauthors=["staff2"])
    api("staff3").put(f"/ideas/{idea.ref}/follow")
    api("staff2").delete(f"/ideas/{idea.ref}/follow")
    with app.app_context():
        names = [user.username for user in followers_of(idea_by_ref(idea.ref))]
    assert names == ["staff1", "staff3"]


def test_a_draft_cannot_be_followed_and_is_invisible_to_colleagues(api, make_idea):
    idea = make_idea(stage="draft")
    error = api_error(api("staff1").put(f"/ideas/{idea.ref}/follow?lang=en"), 409, "conflict")
    assert error["message"].startswith("A draft cannot be followed.")
    api_error(api("staff3").put(f"/ideas/{idea.ref}/follow"), 404, "not_found")


def test_the_follow_button_works_without_javascript(as_user, make_idea, followers):
    idea = make_idea(stage="approved")
    client = as_user("staff3")
    [form] = tree(client.get(f"/ideas/{idea.ref}")).xpath("//form[@data-follow-form]")
    assert form.xpath(".//button/@aria-pressed") == ["false"]
    fields = {i.get("name"): i.get("value") for i in form.xpath(".//input")}
    assert client.post(form.get("action"), data=fields).status_code == 302
    assert "staff3" in followers(idea.ref)
    [form] = tree(client.get(f"/ideas/{idea.ref}")).xpath("//form[@data-follow-form]")
    assert form.xpath(".//button/@aria-pressed") == ["true"]


def test_a_vote_answers_whether_the_voter_now_follows(api, make_idea):
    """The page's Follow button is set from this answer after a vote (found on the tour:
    it kept saying "Follow" until a reload)."""
    idea = make_idea(stage="approved", title="จองคิวทำบัตรประชาชนผ่าน LINE OA ได้ 24 ชม.")
    staff2, staff3 = api("staff2"), api("staff3")
    assert staff2.put(f"/ideas/{idea.ref}/vote").get_json()["following"] is True
    assert staff3.delete(f"/ideas/{idea.ref}/follow").status_code == 200
    assert staff3.put(f"/ideas/{idea.ref}/vote").get_json()["following"] is False
    assert staff3.delete(f"/ideas/{idea.ref}/vote").get_json()["following"] is False
