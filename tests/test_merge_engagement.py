"""What colleagues gave a duplicate goes with it when it is merged (issue 6): votes carry
over without counting a person twice, followers and comments carry over, and both ideas'
counters equal their rows afterwards. A merged idea takes no more votes, comments or
follows, and neither the list, the search nor the similar ideas offer it again.

staff1 and staff2 work in ฝ่ายทะเบียน (D1001-REG), staff3 in ฝ่ายโยธา; supervisor1
supervises ฝ่ายทะเบียน; director the whole district; outsider works in a hospital lab.
"""

from __future__ import annotations

import pytest
from api import api_error
from fixtures.ideas import DUPLICATE, SURVIVOR
from sqlalchemy import func, select

from ideaboard.engagement.models import Comment, Follow, Vote
from ideaboard.ideas.models import Idea

pytestmark = pytest.mark.usefixtures("people")


@pytest.fixture
def pair(make_idea, api):
    """staff1's duplicate and staff2's survivor, both submitted, with colleagues' votes,
    follows and comments on each; returns (duplicate ref, survivor ref)."""
    duplicate = make_idea(author="staff1", stage="submitted", **DUPLICATE).ref
    survivor = make_idea(author="staff2", stage="submitted", **SURVIVOR).ref
    for voter in ("staff3", "outsider", "director", "staff2"):  # staff2 wrote the survivor
        assert api(voter).put(f"/ideas/{duplicate}/vote").status_code == 200
    for voter in ("outsider", "supervisor1"):
        assert api(voter).put(f"/ideas/{survivor}/vote").status_code == 200
    body = {"body": "เห็นด้วยครับ ที่เขตบางรักก็ทำแบบนี้ได้ภายใน 1 วัน"}
    assert api("staff3").post(f"/ideas/{duplicate}/comments", json=body).status_code == 201
    gone = api("outsider").post(f"/ideas/{duplicate}/comments", json={"body": "ผิดเรื่อง"})
    comment_id = gone.get_json()["id"]
    assert api("outsider").delete(f"/ideas/{duplicate}/comments/{comment_id}").status_code in (
        200,
        204,
    )
    body = {"body": "ใช้ QR code แทนบัตรคิวได้ไหมคะ"}
    assert api("outsider").post(f"/ideas/{survivor}/comments", json=body).status_code == 201
    # director follows the survivor no more: that choice must stand after the merge
    assert api("director").put(f"/ideas/{survivor}/follow").status_code == 200
    assert api("director").delete(f"/ideas/{survivor}/follow").status_code == 200
    return duplicate, survivor


def merged(api, duplicate, survivor, who="supervisor1"):
    idea = api(who).get(f"/ideas/{duplicate}").get_json()
    response = api(who).post(
        f"/ideas/{duplicate}/transitions",
        json={"action": "merge", "into": survivor, "version": idea["version"]},
    )
    assert response.status_code == 200, response.get_json()
    return response


def rows(db_session, ref):
    with db_session() as session:
        idea = session.scalar(select(Idea).where(Idea.ref == ref))
        voters = set(session.scalars(select(Vote.user_id).where(Vote.idea_id == idea.id)).all())
        weights = session.scalar(
            select(func.coalesce(func.sum(Vote.weight), 0.0)).where(Vote.idea_id == idea.id)
        )
        comments = session.scalar(
            select(func.count())
            .select_from(Comment)
            .where(Comment.idea_id == idea.id, Comment.deleted_at.is_(None))
        )
        all_comments = session.scalar(
            select(func.count()).select_from(Comment).where(Comment.idea_id == idea.id)
        )
        follows = {
            user_id: following
            for user_id, following in session.execute(
                select(Follow.user_id, Follow.following).where(Follow.idea_id == idea.id)
            )
        }
        return {
            "vote_count": idea.vote_count,
            "voters": voters,
            "trending_score": idea.trending_score,
            "weights": weights,
            "comment_count": idea.comment_count,
            "comments": comments,
            "all_comments": all_comments,
            "follows": follows,
        }


def user_ids(db_session, *usernames):
    from ideaboard.people.models import User

    with db_session() as session:
        found = dict(
            session.execute(
                select(User.username, User.id).where(User.username.in_(usernames))
            ).all()
        )
    return [found[name] for name in usernames]


def test_votes_carry_over_and_nobody_counts_twice(api, pair, db_session):
    duplicate, survivor = pair
    staff3, outsider, director, supervisor1 = user_ids(
        db_session, "staff3", "outsider", "director", "supervisor1"
    )

    merged(api, duplicate, survivor)

    after = rows(db_session, survivor)
    # outsider voted for both: once; staff2 wrote the survivor: their vote does not move
    assert after["voters"] == {staff3, outsider, director, supervisor1}
    assert after["vote_count"] == 4
    assert after["trending_score"] == pytest.approx(after["weights"])
    gone = rows(db_session, duplicate)
    assert gone["voters"] == set() and gone["vote_count"] == 0
    assert gone["trending_score"] == 0
    body = api("staff3").get(f"/ideas/{survivor}").get_json()
    assert body["vote_count"] == 4 and body["voted"] is True


def test_comments_and_followers_carry_over(api, pair, db_session):
    duplicate, survivor = pair
    staff1, staff3, outsider, director = user_ids(
        db_session, "staff1", "staff3", "outsider", "director"
    )

    merged(api, duplicate, survivor)

    after = rows(db_session, survivor)
    assert after["comments"] == after["comment_count"] == 2
    assert after["all_comments"] == 3  # the deleted one keeps its place, without its text
    thread = api("staff2").get(f"/ideas/{survivor}/comments").get_json()["items"]
    assert "เห็นด้วยครับ ที่เขตบางรักก็ทำแบบนี้ได้ภายใน 1 วัน" in [c["body"] for c in thread]
    # the duplicate's author and voters now follow the survivor; an unfollow stands
    assert after["follows"][staff1] is True
    assert after["follows"][staff3] is True
    assert after["follows"][outsider] is True
    assert after["follows"][director] is False
    gone = rows(db_session, duplicate)
    assert gone["follows"] == {} and gone["comment_count"] == gone["all_comments"] == 0


def test_a_merged_idea_takes_no_more_votes_comments_or_follows(api, pair):
    duplicate, survivor = pair
    merged(api, duplicate, survivor)

    for response in (
        api("staff3").delete(f"/ideas/{duplicate}/vote"),
        api("supervisor1").put(f"/ideas/{duplicate}/vote"),
        api("staff3").post(f"/ideas/{duplicate}/comments", json={"body": "ยังมีใครอยู่ไหม"}),
        api("staff3").put(f"/ideas/{duplicate}/follow"),
    ):
        error = api_error(response, 409, "conflict")
        assert "merged" in error["message"] or "รวม" in error["message"]
    # unfollowing is always allowed (nothing to stop receiving)
    assert api("staff3").delete(f"/ideas/{duplicate}/follow").status_code == 200


def test_search_and_similar_ideas_offer_the_survivor_not_the_duplicate(api, pair):
    duplicate, survivor = pair
    merged(api, duplicate, survivor)
    staff3 = api("staff3")

    found = staff3.get("/ideas?q=สำเนาทะเบียนบ้าน").get_json()["items"]
    assert [item["ref"] for item in found] == [survivor]
    asked = staff3.get("/ideas?q=สำเนาทะเบียนบ้าน&stage=merged").get_json()["items"]
    assert [item["ref"] for item in asked] == [duplicate]
    similar = staff3.get("/ideas/similar?text=ขอคัดสำเนาทะเบียนบ้าน ออนไลน์ ไม่ต้องมาเขต").get_json()[
        "items"
    ]
    assert duplicate not in [item["ref"] for item in similar]


def test_a_merged_idea_on_a_filtered_list_shows_no_vote_button(make_idea, login, api):
    duplicate = make_idea(author="staff1", stage="submitted", **DUPLICATE).ref
    survivor = make_idea(author="staff2", stage="submitted", **SURVIVOR).ref
    merged(api, duplicate, survivor)

    page = login("staff3").get("/ideas/?stage=merged").get_data(as_text=True)

    assert duplicate in page
    assert 'class="vote-button' not in page


def test_a_merged_idea_page_sends_colleagues_to_the_survivor(make_idea, login, api):
    """Found on the tour: a merged idea's page said votes and comments open "once the idea
    is submitted" (it was submitted long ago)."""
    duplicate = make_idea(author="staff1", stage="submitted", **DUPLICATE).ref
    survivor = make_idea(author="staff2", stage="submitted", **SURVIVOR).ref
    merged(api, duplicate, survivor)

    page = login("staff3").get(f"/ideas/{duplicate}?lang=en").get_data(as_text=True)

    assert "This idea was merged into another one; vote, comment and follow there." in page
    assert "Comments continue on the idea this one was merged into." in page
    assert "once the idea is submitted" not in page
