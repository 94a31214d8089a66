"""Who is told what (issue 7): the idea's team and followers on every stage change and
comment, its reviewers on a submission, the duplicate's people on a merge; never the person
who did it, once per person per event; and only about ideas they may see.

staff1 writes an idea of ฝ่ายทะเบียน with staff2 as co-author; staff3 (ฝ่ายโยธา) follows
it; supervisor1 reviews it; outsider (a hospital lab) has nothing to do with it.
"""

from __future__ import annotations

import pytest
from fixtures.ideas import DUPLICATE, SURVIVOR

from ideaboard.extensions import db
from ideaboard.ideas.operations import idea_by_ref
from ideaboard.notifications.models import Notification
from ideaboard.people.operations import user_by_username
from ideaboard.workflow.operations import transition

TITLE = "ขอสำเนาทะเบียนบ้านได้ในจุดเดียว ลดจาก 5 เหลือ 3 ขั้นตอน"
NOTE = "กรุณาระบุจำนวนราย/ปี จากสถิติ ต.ค.–ธ.ค. 2568"


@pytest.fixture
def followed_idea(make_idea, api):
    """A submitted idea of staff1 and staff2, followed by staff3."""
    idea = make_idea(author="staff1", stage="submitted", coauthors=["staff2"], title=TITLE)
    assert api("staff3").put(f"/ideas/{idea.ref}/follow").status_code == 200
    return idea


def comment(api, who: str, ref: str, body: str = "เห็นด้วยครับ ช่วยลดเวลารอได้ 30 นาที"):
    response = api(who).post(f"/ideas/{ref}/comments", json={"body": body})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def act(api, who: str, ref: str, action: str, **body):
    response = api(who).act(ref, action, **body)
    assert response.status_code == 200, response.get_json()


# -- who is told: one table ------------------------------------------------------------------

PEOPLE = ("staff1", "staff2", "staff3", "supervisor1", "outsider")


def approve(api, ref, **_):
    act(api, "supervisor1", ref, "approve")


def send_back(api, ref, **_):
    act(api, "supervisor1", ref, "return", note=NOTE)


def decline(api, ref, **_):
    act(api, "supervisor1", ref, "decline", note=NOTE)


def colleague_comments(api, ref, **_):
    comment(api, "staff3", ref)


def outsider_comments(api, ref, **_):
    comment(api, "outsider", ref, "ที่ รพ.ตากสิน ใช้ QR code แล้ว ลดคิวได้จริง")


def author_answers(api, ref, **_):
    comment(api, "staff1", ref, "ขอบคุณครับ จะเพิ่มสถิติให้")


def withdraw(api, ref, **_):
    act(api, "staff1", ref, "withdraw")


def coauthor_resubmits(api, ref, mark, **_):
    """Returned; the supervisor asks in a comment (and so follows); staff2 resubmits. The
    supervisor is a follower and the reviewer: told once, that it waits for them."""
    act(api, "supervisor1", ref, "return", note=NOTE)
    comment(api, "supervisor1", ref, "รอข้อมูลเพิ่มเติมนะครับ")
    mark()  # what came before the resubmission is not this case's
    act(api, "staff2", ref, "submit")


def merge(api, ref, make_idea, **_):
    survivor = make_idea(author="staff3", stage="submitted", reviewer="director", **SURVIVOR)
    act(api, "director", ref, "merge", into=survivor.ref)


# fmt: off
CASES = [
    # what happens,      staff1     staff2     staff3     supervisor1  outsider
    (approve,            "stage",   "stage",   "stage",   None,        None),
    (send_back,          "stage",   "stage",   "stage",   None,        None),
    (decline,            "stage",   "stage",   "stage",   None,        None),
    (colleague_comments, "comment", "comment", None,      None,        None),
    (outsider_comments,  "comment", "comment", "comment", None,        None),
    (author_answers,     None,      "comment", "comment", None,        None),
    (withdraw,           None,      "stage",   None,      None,        None),  # a draft again
    (merge,              "merged",  "merged",  "merged",  None,        None),
    (coauthor_resubmits, "stage",   None,      "stage",   "review",    None),
]
# fmt: on


@pytest.mark.parametrize(
    "happen, expected",
    [pytest.param(c[0], dict(zip(PEOPLE, c[1:], strict=True)), id=c[0].__name__) for c in CASES],
)
def test_who_is_told(followed_idea, api, make_idea, told, last_notification_id, happen, expected):
    """Each person is told at most once per event (staff1 is author *and* follower), and
    never of what they did themselves."""
    marks = [last_notification_id()]
    happen(
        api,
        followed_idea.ref,
        make_idea=make_idea,
        mark=lambda: marks.append(last_notification_id()),
    )
    got = told(marks[-1], with_ref=True)
    got.pop("director", None)  # a reviewer above supervisor1 while idea.reviewers names them
    for person, kind in expected.items():
        wanted = [(kind, followed_idea.ref)] if kind else []
        assert got.get(person, []) == wanted, (person, got)


def test_a_first_submission_tells_the_coauthor_and_the_reviewer(
    make_idea, api, told, last_notification_id
):
    idea = make_idea(author="staff1", stage="draft", coauthors=["staff2"], title=TITLE)
    mark = last_notification_id()
    act(api, "staff1", idea.ref, "submit")
    got = told(mark)
    assert got["staff2"] == ["stage"]
    assert got["supervisor1"] == ["review"]
    assert "staff1" not in got and "outsider" not in got and "staff3" not in got


@pytest.mark.parametrize(
    "decide", [approve, send_back, decline], ids=["approve", "return", "decline"]
)
def test_a_decision_puts_the_review_request_away(make_idea, api, app, decide):
    """Once the idea leaves *submitted*, "waiting for your review" no longer waits in the
    reviewer's count; the team's news of the decision stays unread."""
    idea = make_idea(author="staff1", stage="draft", coauthors=["staff2"], title=TITLE)
    act(api, "staff1", idea.ref, "submit")

    def unread(username) -> list[str]:
        with app.app_context():
            person = user_by_username(username)
            return [
                str(row.kind)
                for row in db.session.query(Notification).filter_by(user_id=person.id, read_at=None)
            ]

    assert unread("supervisor1") == ["review"]
    decide(api, idea.ref)
    assert unread("supervisor1") == []
    assert unread("staff2") == ["stage", "stage"]  # submitted, then the decision


def test_an_inactive_follower_is_not_told(followed_idea, api, app, told, last_notification_id):
    with app.app_context():
        user_by_username("staff3").active = False
        db.session.commit()
    mark = last_notification_id()
    approve(api, followed_idea.ref)
    assert "staff3" not in told(mark)


def test_an_unfollow_stops_the_notifications(followed_idea, api, told, last_notification_id):
    assert api("staff3").delete(f"/ideas/{followed_idea.ref}/follow").status_code == 200
    mark = last_notification_id()
    approve(api, followed_idea.ref)
    assert set(told(mark)) == {"staff1", "staff2"}


def test_notifications_roll_back_with_the_change(followed_idea, app, told, last_notification_id):
    mark = last_notification_id()
    with app.app_context():
        idea = idea_by_ref(followed_idea.ref)
        transition(idea, user_by_username("supervisor1"), "approve", version=idea.version)
        assert db.session.query(Notification).filter(Notification.id > mark).count() == 3
        db.session.rollback()
    assert told(mark) == {}


def test_the_database_refuses_a_second_notification_of_one_event(followed_idea, app):
    from sqlalchemy.exc import IntegrityError

    with app.app_context():
        first = db.session.query(Notification).order_by(Notification.id).first()
        twin = Notification(
            user_id=first.user_id, idea_id=first.idea_id, kind=first.kind,
            actor_id=first.actor_id, event_id=first.event_id,
        )  # fmt: skip
        db.session.add(twin)
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_what_a_notification_says(followed_idea, api, as_user):
    """The sentence names who and what, in the reader's language; the note comes along."""
    send_back(api, followed_idea.ref)
    items = api("staff2").get("/notifications?lang=en").get_json()["items"]
    assert items[0]["text"] == "นางสาวทดสอบ supervisor1 returned the idea for revision"
    assert items[0]["note"] == NOTE
    assert items[0]["idea"] == {"ref": followed_idea.ref, "title": TITLE, "stage": "returned"}
    assert (items[0]["action"], items[0]["from"], items[0]["to"]) == (
        "return", "submitted", "returned",
    )  # fmt: skip
    thai = api("staff2").get("/notifications?lang=th").get_json()["items"][0]["text"]
    assert thai == "นางสาวทดสอบ supervisor1 ส่งไอเดียกลับให้แก้ไข"


def test_a_merge_says_where_the_duplicate_went(make_idea, api):
    duplicate = make_idea(author="staff1", stage="submitted", **DUPLICATE)
    survivor = make_idea(author="staff2", stage="approved", **SURVIVOR)
    act(api, "supervisor1", duplicate.ref, "merge", into=survivor.ref, note="ซ้ำกับ e-Service")
    [item] = api("staff1").get("/notifications?lang=en").get_json()["items"]
    assert item["kind"] == "merged"
    assert item["merged_into"] == survivor.ref
    assert item["text"] == f"นางสาวทดสอบ supervisor1 merged the idea into {survivor.ref}"
    assert item["idea"]["ref"] == duplicate.ref


# -- hidden ideas ----------------------------------------------------------------------------


def test_an_idea_back_in_draft_hides_its_notifications_from_colleagues(followed_idea, api, as_user):
    """staff3 was told of a comment; staff1 withdraws the idea (a draft again): the
    notification is neither shown nor counted, and cannot be marked (404). Resubmitted, it is
    shown again, as read, beside the news of the resubmission."""
    comment(api, "staff1", followed_idea.ref, "เพิ่มสถิติแล้วครับ")
    staff3 = api("staff3")
    [before] = staff3.get("/notifications").get_json()["items"]
    assert staff3.get("/notifications").get_json()["unread_count"] == 1

    withdraw(api, followed_idea.ref)
    page = staff3.get("/notifications").get_json()
    assert page == {"items": [], "next_cursor": None, "unread_count": 0}
    assert staff3.post(f"/notifications/{before['id']}/read").status_code == 404
    html = as_user("staff3").get("/notifications").get_data(as_text=True)
    assert followed_idea.ref not in html and "bell-count" not in html

    act(api, "staff1", followed_idea.ref, "submit")
    items = staff3.get("/notifications").get_json()["items"]
    assert [(i["kind"], i["read_at"] is None) for i in items] == [
        ("stage", True),
        ("comment", False),
    ]


def test_a_coauthor_taken_off_a_draft_no_longer_sees_its_notifications(make_idea, api):
    idea = make_idea(author="staff1", stage="submitted", coauthors=["staff2"], title=TITLE)
    withdraw(api, idea.ref)  # staff2 is told of the submission and of this (on the team)
    staff2 = api("staff2")
    assert staff2.get("/notifications").get_json()["unread_count"] == 2
    assert api("staff1").edit(idea.ref, coauthors=[]).status_code == 200
    assert staff2.get("/notifications").get_json() == {
        "items": [], "next_cursor": None, "unread_count": 0,
    }  # fmt: skip
